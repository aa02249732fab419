"""Hostile content end to end: article text, profile fields and user templates that try to
run code or read files, markup aimed at the PDF engine, huge lines and words, right-to-left
and combining characters.

The rule the user relies on: what they (or an article) typed is printed literally, and a
template can only format the values it is given — it cannot reach Python internals or files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from foia_desk import cli, paths
from foia_desk.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"

SECRET = "TOP-SECRET-FILE-CONTENT-42"

# Jinja2 payloads that reach os/builtins/config in an unsandboxed environment.
BREAKOUTS = [
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].listdir('/') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ requester.__class__.__init__.__globals__ }}",
    "{{ agency.__dict__ }}",
    "{{ range.__self__ }}",
    "{{ config.items() }}",
    "{{ request.application.__globals__ }}",
    "{{ '{0.__class__.__mro__}'.format(requester) }}",
    "{{ '%s'|format(requester.__class__) }}",
    "{{ '{x.__class__.__mro__}'.format_map({'x': requester}) }}",
    "{{ records.append(1) }}{{ records }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{% import 'os' as os %}{{ os }}",
    "{% include SECRET_PATH %}",
    "{% extends SECRET_PATH %}",
    "{% include '../../../../../../../../SECRET_REL' %}",
    "{% from SECRET_PATH import x %}",
    "{{ get_source(SECRET_PATH) }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ requester|attr('__class__') }}",
    "{{ (requester|attr('\\x5f\\x5fclass\\x5f\\x5f')) }}",
]
# What a successful breakout would print: Python objects' reprs, command output, file content.
# (A refusal may name the attribute it refused, so names like __globals__ are not listed.)
INTERNALS = re.compile(r"<class |<function |<module |<built-in|<bound |<cycler|<Namespace|"
                       r"uid=\d|root:|" + SECRET)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def draft_with_user_template(body: str):
    from test_drafting_helpers import fixed_directory, journalist, options

    from foia_desk.drafting import render_letter

    folder = paths.user_templates_dir()
    (folder / "evil.md.j2").write_text("{#- kind: foia -#}\n" + body + "\n", encoding="utf-8")
    directory = fixed_directory()
    return render_letter(directory.get("uspis"), journalist(),
                         options(template="evil"), directory=directory)


@pytest.mark.parametrize("payload", BREAKOUTS)
def test_user_template_cannot_reach_internals_or_files(payload: str, secret_file: Path) -> None:
    relative = Path("/".join([".."] * 12) + str(secret_file))
    body = (payload.replace("SECRET_PATH", repr(str(secret_file)))
            .replace("SECRET_REL", str(relative).lstrip("/")))
    try:
        letter = draft_with_user_template(body)
    except UserError as problem:  # TemplateProblem: refused with a message naming the file
        assert "evil.md.j2" in str(problem)
        assert not INTERNALS.search(str(problem)), str(problem)
        return
    assert not INTERNALS.search(letter.markdown), letter.markdown


@pytest.mark.parametrize("payload", BREAKOUTS[:12])
def test_payloads_in_profile_and_records_print_literally_in_every_format(
        payload: str, tmp_path: Path) -> None:
    """The same payloads typed into profile fields and records are data, in every output."""
    from test_drafting_helpers import fixed_directory, journalist, options

    from foia_desk.drafting import RecordItem, render_letter
    from foia_desk.export import export_letter

    directory = fixed_directory()
    profile = journalist(name=f"Jane {payload}", organization=payload, outlet=payload)
    letter = render_letter(directory.get("uspis"), profile,
                           options(records=[RecordItem(f"Records about {payload}")]),
                           directory=directory)
    assert not INTERNALS.search(letter.markdown.replace("\\", ""))
    for suffix in (".docx", ".pdf", ".txt"):
        text = document_text(export_letter(letter, tmp_path / f"letter{suffix}"))
        assert squash(f"Records about {payload}") in squash(text), suffix


def document_text(path: Path) -> str:
    if path.suffix == ".docx":
        from docx import Document

        return "\n".join(p.text for p in Document(str(path)).paragraphs)
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Compare text ignoring whitespace and page footers: PDF extraction re-wraps lines, drops
    spaces, and puts "Page N of M" wherever a page break falls (even inside a long word)."""
    return re.sub(r"\s+", "", re.sub(r"(?m)^Page \d+ of \d+$", "", text))


def test_article_text_with_template_syntax_is_never_evaluated(tmp_path: Path, capsys) -> None:
    """An article can carry anything; drafting from it must treat it as plain text."""
    article = tmp_path / "article.txt"
    poisoned = ("The U.S. Postal Inspection Service ran mail covers on {{ 7*7 }} reporters "
                "named {{ cycler.__init__.__globals__.os.popen('id').read() }} and "
                "{% include '/etc/passwd' %} in 2024.\n\n")
    article.write_text(poisoned + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    profile = tmp_path / "profile.toml"
    profile.write_text('name = "Jane {{ 7*7 }}"\naddress = "1 Main St"\n'
                       'email = "j@example.org"\nrequester_category = "news_media"\n'
                       'outlet = "{% raw %}"\n', encoding="utf-8")
    out = tmp_path / "letter.md"
    code = cli.main(["draft", "--article", str(article), "--agency", "uspis",
                     "--profile", str(profile), "--record",
                     "Records about {{ 7*7 }} and {% include '/etc/passwd' %}", "--out", str(out)])
    _out, err = capsys.readouterr()
    assert code == 0, err
    from foia_desk.export.blocks import markdown_parser

    html = markdown_parser().render(out.read_text(encoding="utf-8"))
    assert "Jane {{ 7*7 }}" in html
    assert "Records about {{ 7*7 }} and {% include '/etc/passwd' %}" in html.replace("&#39;", "'")
    assert "root:" not in html and "uid=" not in html


# --- markup bound for the PDF ---------------------------------------------------------------

# reportlab's paragraph mini-language: tags that change fonts, draw images, run callbacks,
# or make links. Each must print as the characters typed.
PDF_MARKUP = [
    "<b>not bold</b>", "<font size=80 color=red>big</font>", "<img src='/etc/passwd'/>",
    "<onDraw name=evil label=x/>", "<a href='file:///etc/passwd'>link</a>",
    "<link href='http://example.org'>x</link>", "<seq id=s/>", "<br/>", "<para>", "]]>",
    "&#x41;&#65;&nbsp;&amp;&lt;", "<strike>x</strike>", "<span style=x>y</span>",
    "<greek>a</greek>", "<![CDATA[x]]>", "<unichar name='SNOWMAN'/>",
]


def letter_with_records(records: list[str], **profile_changes: object):
    from test_drafting_helpers import fixed_directory, journalist, options

    from foia_desk.drafting import RecordItem, render_letter

    directory = fixed_directory()
    return render_letter(directory.get("uspis"), journalist(**profile_changes),
                         options(records=[RecordItem(text) for text in records]),
                         directory=directory)


def test_reportlab_markup_in_text_prints_literally(tmp_path: Path) -> None:
    from foia_desk.export import export_pdf

    letter = letter_with_records([f"Item {markup} end" for markup in PDF_MARKUP],
                                 name="Jane <b>Bold</b> &amp; <img src='x'/>")
    text = squash(document_text(export_pdf(letter, tmp_path / "letter.pdf")))
    for markup in PDF_MARKUP:
        assert squash(f"Item {markup} end") in text, markup
    assert squash("Jane <b>Bold</b> &amp; <img src='x'/>") in text


# --- extremes of size and script ------------------------------------------------------------

LONG_WORD = "Supercalifragilistic" * 2500  # 50,000 characters without a space
# One 48,000-character paragraph. (The PDF exporter lays a paragraph this long out in pieces,
# since reportlab's line breaking of one paragraph grows with the square of its length; see
# tests/test_export_pdf_pieces.py and benchmarks/bench_export.py.)
LONG_LINE = " ".join(["mail covers"] * 4000)


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".eml", ".txt"])
def test_extremely_long_words_and_lines_export_whole(suffix: str, tmp_path: Path) -> None:
    from foia_desk.export import export_letter

    letter = letter_with_records([f"Start {LONG_WORD} finish", f"Begin {LONG_LINE} done"])
    path = export_letter(letter, tmp_path / f"letter{suffix}")
    if suffix == ".eml":
        return  # the body is checked by the export tests; here: no crash, a file exists
    text = squash(document_text(path))
    assert squash(LONG_WORD) in text
    assert text.count("mailcovers") >= 4000


def test_long_line_article_ingests_and_extracts(tmp_path: Path) -> None:
    """A 220,000-character article on one line (a web page saved without line breaks)."""
    from foia_desk.extract import extract
    from foia_desk.ingest import ingest_path

    article = tmp_path / "one-line.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace("\n", " ") * 40,
                       encoding="utf-8")
    found = extract(ingest_path(article).text).to_dict()
    assert "uspis" in {agency["id"] for agency in found["agencies"]}


EXTRACT_CHILD = """
import sys
from foia_desk.extract import extract
extract("The Postal Inspection Service " + "Supercalifragilistic" * 3000 + " said.")
extract("Soft hyphens " + "Super\u00adcali" * 6000 + " and a break " + "A" * 60000 + "-\\nment")
print("done")
"""


def test_a_very_long_word_does_not_stall_extraction() -> None:
    """A pasted blob (base64, a URL run together) must not freeze the window. Linear work
    takes ~0.1 s here; the child gets 5 s, far above that, so this is a hang guard, not a
    benchmark. (Written as an xfail when the spinner check rescanned a long word from every
    letter, 50,000 letters ~13 s; the extraction module was fixed during this pass.)"""
    import subprocess
    import sys

    try:
        result = subprocess.run([sys.executable, "-c", EXTRACT_CHILD], capture_output=True,
                                text=True, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("extracting from an article with a 60,000-letter word took over 5 s")
    assert result.stdout.strip() == "done", result.stderr


RTL_AND_COMBINING = [
    "مكتب التحقيقات الفيدرالي", "שירות הדואר",
    "Zalgo Z\u0335\u0321\u031b\u0301a\u0338l\u0335g\u0336o",
    "e\u0301\u0302\u0303\u0304\u0305", "\u202eevil-override\u202c", "\u200fRLM\u200e LRM",
    "عربي English עברית mixed", "Nguyễn", "क्षत्रिय", "👩‍👩‍👧‍👦",
]


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt", ".md", ".eml"])
def test_right_to_left_and_combining_characters_export(suffix: str, tmp_path: Path) -> None:
    from foia_desk.export import export_letter

    letter = letter_with_records([f"Records about {text}" for text in RTL_AND_COMBINING],
                                 name="رنا Cohen כהן")
    path = export_letter(letter, tmp_path / f"letter{suffix}")
    if suffix == ".docx":  # Word reorders right-to-left text itself: the text must be exact
        text = document_text(path)
        for piece in RTL_AND_COMBINING:
            assert piece in text, piece
    elif suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        assert len(reader.pages) >= 1 and "Records about" in document_text(path)


def test_rtl_and_combining_in_clocks_notes_and_tracker(capsys) -> None:
    """Unicode in a tracked request's subject and notes survives the database and exports."""
    subject = "דואר " + RTL_AND_COMBINING[2] + " مراقبة"
    code = cli.main(["requests", "add", "--agency", "uspis", "--subject", subject,
                     "--submitted", dt.date(2025, 3, 3).isoformat(), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    import json

    assert json.loads(out)["subject"] == subject
