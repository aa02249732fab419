"""Article and profile text is data: it appears literally in the Markdown and every rendering,
and user templates run in a sandbox whose failures are plain UserErrors."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_drafting_helpers import fixed_directory, journalist, options

from foia_desk.drafting import RecordItem, TemplateProblem, list_templates, render_letter
from foia_desk.drafting.markdown import md_escape
from foia_desk.errors import UserError

HOSTILE = ["{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "</b>", "*bold*", "_under_",
           "# heading", "[link](http://x)", "`code`", "&amp;", "1. item", "- item", "> quote",
           "| a | b |", "~~strike~~", "\\", "![img](x)", "{#", "---", "+ plus", "=== "]
DIRECTORY = fixed_directory()


def rendered_text(markdown: str) -> str:
    """What a reader sees: markdown-it (CommonMark, HTML off) text with breaks as spaces."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False})
    out: list[str] = []
    for token in parser.parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append(" ")
            out.append(" ")
        elif token.type in ("code_block", "fence", "html_block"):
            out.append("<<CODE:" + token.content + ">>")  # data must never become code/html
    return " ".join("".join(out).split())


def rendered_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def draft(agency_id="uspis", profile=None, **changes):
    return render_letter(DIRECTORY.get(agency_id), profile or journalist(), options(**changes),
                         directory=DIRECTORY)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_records_and_profile_appears_literally(hostile):
    profile = journalist(name=f"Jane {hostile} Doe", organization=hostile,
                         address=f"{hostile}\n1 Main St", outlet=hostile)
    letter = draft(profile=profile, fee_waiver=True, expedite=True,
                   records=[RecordItem(f"Records about {hostile} and more"),
                            RecordItem(hostile)],
                   expedite_justification=hostile, waiver_audience=hostile)
    text = rendered_text(letter.markdown)
    def norm(value: str) -> str:
        return " ".join(value.split())

    assert norm(f"Jane {hostile} Doe") in text
    assert norm(f"Records about {hostile} and more") in text
    assert "<<CODE" not in text
    html = rendered_html(letter.markdown)
    assert "<script>" not in html and "<a " not in html and "<img" not in html
    assert "<h1>" not in html and "<blockquote>" not in html and "<hr" not in html


def test_template_syntax_in_data_is_never_evaluated():
    letter = draft(records=[RecordItem("{{ 7*7 }} {% for x in range(3) %}x{% endfor %}")])
    assert "{{ 7\\*7 }} {% for x in range(3) %}x{% endfor %}" in letter.markdown
    assert "49" not in letter.markdown


def test_subject_is_plain_text_not_escaped():
    letter = draft(subject_hint="records *about* <the> [program] & co")
    assert letter.subject == ("Freedom of Information Act Request: records *about* <the> "
                              "[program] & co")
    assert "records \\*about\\* \\<the\\> \\[program\\] \\& co" in letter.markdown


def test_md_escape_examples():
    assert md_escape("1. a") == "1\\. a"
    assert md_escape("a\n\n- b") == "a - b"  # no longer at a line start
    assert md_escape("  # x  ") == "\\# x"
    assert md_escape("AT&T <b>") == "AT\\&T \\<b\\>"


NAME_ALPHABET = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"))
SCRIPTS = st.sampled_from([
    "Αλέξανδρος Παπαδόπουλος", "Анна Каренина", "Nguyễn Thị Minh Khai", "王小明", "山田太郎",
    "محمد عبد الله", "דוד כהן", "e\u0301e\u0301 Zoe\u0308", "*_[#]<>`|~&!{}", "{{ x }}{% y %}",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.one_of(SCRIPTS, st.text(NAME_ALPHABET, min_size=1, max_size=40)),
       organization=st.text(NAME_ALPHABET, max_size=30),
       record=st.text(NAME_ALPHABET, min_size=1, max_size=60))
def test_any_unicode_profile_field_renders_literally(name, organization, record):
    if not name.strip() or not record.strip():
        return
    profile = journalist(name=name, organization=organization,
                         address=f"{organization}\n1 Main St")
    letter = draft(profile=profile, records=[RecordItem(record)], fee_waiver=True)
    text = rendered_text(letter.markdown)
    assert " ".join(name.split()) in text
    assert " ".join(record.split()) in text
    if organization.strip():
        assert " ".join(organization.split()) in text
    assert "<<CODE" not in text


# ---------------------------------------------------------------- user templates and sandbox

@pytest.fixture
def user_templates(isolated_data_dir):
    from foia_desk.paths import user_templates_dir

    return user_templates_dir()


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_list_templates_shows_builtins_with_kinds():
    infos = {i.name: i for i in list_templates()}
    for kind in ("foia", "privacy-act", "follow-up", "appeal", "mediation"):
        assert infos[kind].kind == kind and infos[kind].source == "built-in"
        assert infos[kind].description
    assert not any(name.startswith("parts/") for name in infos)


def test_user_template_is_listed_and_can_override_builtin(user_templates):
    write(user_templates, "short-foia.md.j2",
          "{#- kind: foia\n    description: My short one. -#}\n"
          "Short letter for {{ agency.name }}.\n")
    write(user_templates, "foia.md.j2",
          "{#- kind: foia\n    description: House style. -#}\n"
          "House letter to {{ agency.short }}.\n")
    infos = {i.name: i for i in list_templates()}
    assert infos["short-foia"].source == "user" and infos["short-foia"].kind == "foia"
    assert infos["foia"].source == "user (overrides built-in)"
    assert draft().markdown == "House letter to USPIS.\n"
    assert draft(template="short-foia").markdown == \
        "Short letter for U.S. Postal Inspection Service.\n"


def test_user_part_override_changes_only_that_part(user_templates):
    write(user_templates, "parts/contact.md.j2", "Call me, maybe: {{ requester.phone }}.\n")
    md = draft().markdown
    assert "Call me, maybe: 555-0100." in md and "**Records requested**" in md
    infos = {i.name: i for i in list_templates()}
    assert infos["parts/contact"].source == "user (overrides built-in)"


def test_template_for_another_kind_is_refused(user_templates):
    with pytest.raises(UserError, match="is for appeal letters"):
        draft(template="appeal")
    with pytest.raises(UserError, match="No template named"):
        draft(template="nope")
    with pytest.raises(UserError, match="not a template name"):
        draft(template="../../etc/passwd")


@pytest.mark.parametrize("body, message", [
    ("Hello {{ ''.__class__ }}\n", "not allowed"),
    ("Line one\n{{ requester.name.__class__.__mro__ }}\n", "not allowed"),
    ("{% include '/etc/passwd' %}\n", "does not exist"),
    ("{% include '../../../../etc/passwd' %}\n", "does not exist"),
    ("one\ntwo\n{% if %}\n", "Syntax error"),
    ("{{ requester.nickname }}\n", "value that does not exist"),
    ("{{ 1/0 }}\n", "failed"),
])
def test_broken_user_template_gives_user_error_with_name_and_line(user_templates, body, message):
    write(user_templates, "bad.md.j2", "{#- kind: foia -#}\n" + body)
    with pytest.raises(TemplateProblem) as info:
        draft(template="bad")
    text = str(info.value)
    assert message in text and "bad.md.j2" in text
    assert "root:" not in text  # no file content leaks


def test_syntax_error_reports_line_number(user_templates):
    write(user_templates, "bad.md.j2", "{#- kind: foia -#}\none\ntwo\n{% if %}\n")
    with pytest.raises(TemplateProblem, match="line 4"):
        draft(template="bad")


def test_runaway_user_template_is_stopped(user_templates):
    write(user_templates, "loop.md.j2", "{#- kind: foia -#}\n{% for i in range(3000) %}"
          "{% for j in range(3000) %}xxxxxxxxxx{% endfor %}{% endfor %}")
    with pytest.raises(TemplateProblem, match="stopped"):
        draft(template="loop")


def test_user_template_sees_escaped_values(user_templates):
    write(user_templates, "mine.md.j2", "{#- kind: foia -#}\nFrom {{ requester.name }}\n")
    letter = draft(template="mine", profile=journalist(name="{{ 7*7 }} *x*"))
    assert letter.markdown == "From {{ 7\\*7 }} \\*x\\*\n"


def test_printable_ascii_round_trips_through_escape():
    text = string.printable.strip()
    assert " ".join(text.split()) in rendered_text(md_escape(text))


@pytest.mark.parametrize("suffix", [".txt", ".eml", ".docx", ".md"])
def test_hostile_text_survives_every_export(tmp_path, suffix):
    export = pytest.importorskip("foia_desk.export")
    hostile = ["{{ 7*7 }}", "{% raw %}", "<script>x</script>", "</b>", "*star*", "A&amp;B"]
    letter = draft(profile=journalist(name="Zoë {{ 7*7 }} </b>"),
                   records=[RecordItem(h) for h in hostile])
    path = export.export_letter(letter, tmp_path / f"letter{suffix}")
    if suffix == ".docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    elif suffix == ".eml":
        import email
        from email import policy

        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        text = message.get_body(preferencelist=("plain",)).get_content()
    else:
        text = path.read_text(encoding="utf-8")
    flat = " ".join(text.split())
    if suffix == ".md":
        flat = rendered_text(text)
    for item in [*hostile, "Zoë {{ 7*7 }} </b>"]:
        assert item in flat, (item, suffix)
