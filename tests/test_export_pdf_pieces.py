"""An enormous paragraph goes to reportlab in bounded pieces, and nothing is lost or reordered.

reportlab breaks the whole rest of a paragraph into lines again for every page it fills, so
one 240,000-character paragraph took several seconds to half a minute (quadratic). The PDF
exporter now cuts such a paragraph into pieces of at most ``PIECE_CHARS`` characters. These
tests check what a user relies on: every word printed once and in order, formatting kept, a
list item numbered once; and, without timing anything, that no piece handed to reportlab is
over the bound (the figures are in benchmarks/bench_export.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from test_export_samples import make_letter

from foia_desk.export.blocks import LINE_BREAK, Run

OPENING = ("Jane Doe\\\n1 Main Street\n\nMay 2, 2025\n\nFOIA Officer\n\n"
           "**Re: Records about the article**\n\nDear FOIA Officer:\n\n")
CLOSING = "\n\nSincerely,\n\nJane Doe\n"


def numbered_sentences(count: int) -> str:
    """Sentences whose numbers show any loss, repetition or reordering."""
    return " ".join(f"Sentence number {n} mentions mail covers and task forces."
                    for n in range(count))


def plain(runs: tuple[Run, ...]) -> str:
    return "".join("\n" if run.line_break else run.text for run in runs)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return " ".join(re.sub(r"(?m)^Page \d+ of \d+$", "", text).split())


def test_short_paragraph_is_left_whole() -> None:
    from foia_desk.export.pdf import split_runs

    runs = (Run("A short paragraph. "), Run("Bold", bold=True), LINE_BREAK, Run("end."))
    assert split_runs(runs) == [runs]


def test_pieces_are_bounded_and_cut_after_sentences() -> None:
    from foia_desk.export.pdf import PIECE_CHARS, split_runs

    text = numbered_sentences(1500)  # ~90,000 characters
    pieces = split_runs((Run(text),))
    assert len(pieces) > 10
    assert all(len(plain(piece)) <= PIECE_CHARS for piece in pieces)
    assert all(plain(piece).endswith("forces. ") for piece in pieces[:-1])
    assert "".join(plain(piece) for piece in pieces) == text


def test_formatting_and_line_breaks_survive_the_cuts() -> None:
    from foia_desk.export.pdf import split_runs

    runs: list[Run] = []
    for n in range(400):
        runs += [Run(f"Item {n} is "), Run(f"bold {n}", bold=True), Run(" and "),
                 Run(f"italic {n}.", italic=True), LINE_BREAK]
    pieces = split_runs(tuple(runs), limit=500)
    assert len(pieces) > 20
    joined = [run for piece in pieces for run in piece]
    # Only line breaks that ended a piece are gone (the cut ends the line itself).
    assert plain(tuple(joined)).replace("\n", "") == plain(tuple(runs)).replace("\n", "")
    assert {(run.text, run.bold, run.italic) for run in joined if not run.line_break} >= {
        ("bold 7", True, False), ("italic 399.", False, True)}
    assert all(not piece[-1].line_break and not piece[0].line_break for piece in pieces)


def test_one_enormous_word_is_cut_between_whole_characters() -> None:
    from foia_desk.export.pdf import split_runs

    word = "e\u0301\u0323" * 5000 + "\U0001f469\u200d\U0001f52c" * 2000  # marks, ZWJ emoji
    pieces = split_runs((Run(word),), limit=1000)
    assert "".join(plain(piece) for piece in pieces) == word
    for piece in pieces[1:]:
        first = plain(piece)[0]
        assert first in ("e", "\U0001f469"), repr(first)


def test_no_paragraph_handed_to_reportlab_exceeds_the_bound() -> None:
    from reportlab.platypus import Paragraph as PdfParagraph

    from foia_desk.export.blocks import parse_markdown
    from foia_desk.export.pdf import PIECE_CHARS, _story, _styles
    from foia_desk.export.pdf_fonts import load_fonts

    markdown = (OPENING + numbered_sentences(4000) + "\n\n1. " + numbered_sentences(1000)
                + CLOSING)
    story = _story(parse_markdown(markdown), load_fonts(), _styles())
    paragraphs = [f for f in story if isinstance(f, PdfParagraph)]
    assert len(paragraphs) > 40
    longest = max(len(" ".join(str(frag.text) for frag in p.frags)) for p in paragraphs)
    assert longest <= PIECE_CHARS
    # The list item keeps one number: only its first piece has a bullet.
    bullets = [p for p in paragraphs if getattr(p, "bulletText", None)]
    assert len(bullets) == 1


def test_enormous_paragraph_prints_every_sentence_once_in_order(tmp_path: Path) -> None:
    from foia_desk.export import export_pdf

    sentences = numbered_sentences(2500)  # ~150,000 characters, ~50 pages
    letter = make_letter(OPENING + sentences + "\n\n1. " + numbered_sentences(300) + CLOSING)
    text = pdf_text(export_pdf(letter, tmp_path / "long.pdf"))
    numbers = [int(n) for n in re.findall(r"Sentence number (\d+) mentions", text)]
    assert numbers == list(range(2500)) + list(range(300))
    assert text.count("Dear FOIA Officer:") == 1 and text.endswith("Jane Doe")
