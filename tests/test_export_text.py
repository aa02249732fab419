"""Plain text, Markdown and portal text."""

from __future__ import annotations

from pathlib import Path

from test_export_samples import HOSTILE_PIECES, SAMPLE_MARKDOWN, hostile_letter, make_letter

from foia_desk.export import export_markdown, export_text, portal_text
from foia_desk.export.text import render_text


def test_plain_text_has_no_markdown_and_wraps_at_72(tmp_path: Path) -> None:
    text = export_text(make_letter(), tmp_path / "l.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 72
    assert "**" not in text and "## " not in text and "\\" not in text and "> " not in text
    assert "Re: Freedom of Information Act request — mail covers, 2024–2025" in lines
    assert "1. All requests for mail covers submitted by immigration officials since" in lines
    assert "   January 1, 2024." in lines  # hanging indent under the number
    assert "   - memoranda of understanding" in lines
    assert "1. First item of a second list." in lines  # the second list restarts
    assert "Literal characters: *not bold*, _x_," in text
    assert "PRE-SEND NOTE" not in text


def test_hard_line_breaks_are_kept() -> None:
    text = render_text(SAMPLE_MARKDOWN)
    assert "ana@example.org\n\nMay 2, 2025\n\nFOIA Officer\nU.S. Postal" in text


def test_long_words_are_not_broken(tmp_path: Path) -> None:
    text = export_text(hostile_letter(), tmp_path / "h.txt").read_text(encoding="utf-8")
    for piece in HOSTILE_PIECES:
        assert piece in text


def test_markdown_export_is_the_source(tmp_path: Path) -> None:
    letter = make_letter()
    assert export_markdown(letter, tmp_path / "l.md").read_text(encoding="utf-8") == \
        letter.markdown


def test_portal_text_is_unwrapped_and_warns_when_too_long() -> None:
    text, warning = portal_text(make_letter())
    assert warning is None
    assert ("This is a request under the Freedom of Information Act, 5 U.S.C. § 552. I ask for "
            "copies of the following records:") in text.splitlines()
    text, warning = portal_text(make_letter(portal_char_limit=len(text)))
    assert warning is None
    text, warning = portal_text(make_letter(portal_char_limit=len(text) - 10))
    assert warning is not None and "at most" in warning and "10 characters" in warning
