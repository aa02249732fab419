"""`foia-desk extract`: JSON for tools, a readable summary for people, clear errors."""

from __future__ import annotations

import io
import json
import sys

import pytest

from foia_desk.cli import main


def test_json_output_for_a_file(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("ICE agents arrested two people on Tuesday, a DHS memo shows.",
                       encoding="utf-8")
    assert main(["extract", str(article), "--json", "--article-date", "2025-05-02"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {a["id"]: a for a in data["agencies"]}
    assert ids["ice"]["role"] == "mentioned" and ids["dhs"]["role"] == "mentioned"
    assert data["dates"][0]["date"] == "2025-04-29" and data["dates"][0]["relative"]
    assert data["article_date"] == "2025-05-02"


def test_stdin_and_summary(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        b"Postal inspectors told the Washington Post about the mail cover program.")))
    assert main(["extract", "-"]) == 0
    out = capsys.readouterr().out
    assert "uspis" in out and "inferred" in out
    assert "The Washington Post" in out and "Candidate records" in out


def test_normalised_reading_is_shown_on_request(seed_text, tmp_path, capsys):
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert main(["extract", str(article), "--normalised"]) == 0
    out = capsys.readouterr().out
    assert "[message screen -> mail cover]" in out
    assert "looks machine-spun" in out


@pytest.mark.parametrize("args, message", [
    (["--article-date", "May 2"], "not a date"),
])
def test_bad_article_date_is_a_user_error(tmp_path, capsys, args, message):
    article = tmp_path / "a.txt"
    article.write_text("The FBI said so.", encoding="utf-8")
    assert main(["extract", str(article), *args]) == 2
    assert message in capsys.readouterr().err


def test_missing_and_empty_files_are_user_errors(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err.startswith("foia-desk:")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["extract", str(empty)]) == 2
    assert "foia-desk:" in capsys.readouterr().err
