"""One set of rules for dates typed on the command line, in every command that takes one."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from foia_desk.cli import main
from foia_desk.dates import parse_cli_date
from foia_desk.errors import UserError


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def today_candidates() -> set[str]:
    """Today, and tomorrow in case the test straddles midnight."""
    now = date.today()
    return {now.isoformat(), (now + timedelta(days=1)).isoformat()}


# --- the parser itself ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2025-11-26", date(2025, 11, 26)),
    ("  2025-11-26 ", date(2025, 11, 26)),
    ("20251126", date(2025, 11, 26)),  # the ISO basic form draft/extract used to accept
    ("today", date(2026, 3, 9)),
    ("TODAY", date(2026, 3, 9)),
    ("Yesterday", date(2026, 3, 8)),
    ("1967-01-01", date(1967, 1, 1)),
    ("2100-12-31", date(2100, 12, 31)),
])
def test_accepted_forms(text, expected):
    assert parse_cli_date(text, "--when", today=date(2026, 3, 9)) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("03/02/2026", ["not a date in the form YYYY-MM-DD", "today"]),
    ("May 2", ["not a date in the form YYYY-MM-DD"]),
    ("", ["not a date in the form YYYY-MM-DD"]),
    ("2025-02-30", ["not a real calendar date"]),
    ("2025-13-01", ["not a real calendar date"]),
    ("1966-12-31", ["outside the years", "1967-2100"]),
    ("2101-01-01", ["outside the years", "1967-2100"]),
])
def test_refused_forms_name_the_option_and_the_problem(text, words):
    with pytest.raises(UserError) as caught:
        parse_cli_date(text, "--when")
    message = str(caught.value)
    assert message.startswith("--when: ")
    assert repr(text) in message
    for word in words:
        assert word in message


# --- each command: a bad date is a clear message, exit 2, no traceback ------------------------

@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The FBI said on Tuesday that it would review the case.\n",
                    encoding="utf-8")
    return str(path)


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "me.toml"
    path.write_text('name = "Jane Q. Reporter"\naddress = "1 Main Street"\n'
                    'email = "jane@example.org"\n', encoding="utf-8")
    return str(path)


def bad_date_commands(article: str, profile: str) -> list[tuple[list[str], str]]:
    return [
        (["due", "--received", "2025-02-30"], "--received"),
        (["due", "--determination", "03/02/2026"], "--determination"),
        (["extract", article, "--article-date", "1900-05-02"], "--article-date"),
        (["extract", article, "--article-date", "May 2"], "--article-date"),
        (["draft", "--article", article, "--agency", "fbi", "--profile", profile,
          "--letter-date", "2025-02-30"], "--letter-date"),
        (["draft", "--article", article, "--agency", "fbi", "--profile", profile,
          "--date-start", "2101-01-01"], "--date-start"),
        (["requests", "add", "--agency", "usps", "--subject", "x", "--submitted", "2025-02-30"],
         "--submitted"),
        (["requests", "add", "--agency", "usps", "--subject", "x", "--received", "26.11.2025"],
         "--received"),
    ]


@pytest.mark.parametrize("index", range(8))
def test_each_command_refuses_a_bad_date_clearly(capsys, article, profile, index):
    argv, option = bad_date_commands(article, profile)[index]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err and out == ""
    assert option in err
    assert argv[-1] in err  # the text the user typed is quoted back
    assert any(reason in err for reason in
               ("not a real calendar date", "not a date in the form YYYY-MM-DD",
                "outside the years"))


def test_requests_bad_date_keeps_nothing(capsys):
    run(capsys, "requests", "add", "--agency", "usps", "--subject", "x", "--submitted", "junk")
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert code == 0 and json.loads(out) == []


# --- each command: "today" means today -----------------------------------------------------

def test_due_accepts_today(capsys):
    code, out, _ = run(capsys, "due", "--received", "today", "--json")
    assert code == 0
    by_word = json.loads(out)
    code, out, _ = run(capsys, "due", "--received", date.today().isoformat(), "--json")
    assert code == 0 and json.loads(out) == by_word


def test_extract_accepts_today_and_yesterday(capsys, article):
    code, out, _ = run(capsys, "extract", article, "--article-date", "today", "--json")
    assert code == 0
    assert json.loads(out)["article_date"] in today_candidates()
    code, out, _ = run(capsys, "extract", article, "--article-date", "yesterday", "--json")
    assert code == 0
    yesterday = date.fromisoformat(json.loads(out)["article_date"])
    assert (yesterday + timedelta(days=1)).isoformat() in today_candidates()


def test_draft_accepts_today_as_letter_date(capsys, article, profile, tmp_path, monkeypatch):
    from types import SimpleNamespace

    import foia_desk.extract as extract_module

    findings = SimpleNamespace(
        topics=[SimpleNamespace(text="Records about the case review", agencies=["fbi"],
                                date_range=(None, None), kind="data")],
        dates=[])
    monkeypatch.setattr(extract_module, "extract", lambda text, article_date=None: findings)
    out_dir = tmp_path / "letters"
    out_dir.mkdir()
    code, _out, err = run(capsys, "draft", "--article", article, "--agency", "fbi",
                          "--profile", profile, "--letter-date", "today",
                          "--out", str(out_dir))
    assert code == 0, err
    names = [p.name for p in out_dir.iterdir()]
    assert len(names) == 1
    assert any(names[0] == f"foia-fbi-{day}.md" for day in today_candidates())


def test_requests_accepts_today(capsys):
    code, out, err = run(capsys, "requests", "add", "--agency", "usps", "--subject", "x",
                         "--submitted", "today", "--json")
    assert code == 0, err
    assert json.loads(out)["submitted"] in today_candidates()
