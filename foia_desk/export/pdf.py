"""PDF export with reportlab: letter-size pages, embedded Unicode fonts, "Page X of Y".

Every piece of letter text is XML-escaped before it goes into reportlab's Paragraph markup,
so text such as ``<b>``, ``&amp;`` or ``<font name=x>`` is printed literally and can never
change the layout. Characters are routed to a font that has them (see pdf_fonts).

An enormous paragraph (article text pasted into a record description) is laid out in pieces
of at most ``PIECE_CHARS`` characters, cut after a sentence where possible: reportlab breaks
the whole rest of a paragraph into lines again for every page it fills, so one paragraph's
time grew with the square of its length (240,000 characters: several seconds to half a
minute). The pieces follow each other without space between them; the only trace on the page
is a line that ends early at a sentence end every few pages.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from foia_desk import fileio
from foia_desk.errors import UserError
from foia_desk.export.blocks import (
    Block,
    Heading,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Run,
    parse_markdown,
    sanitize,
)
from foia_desk.export.pdf_bidi import visual_order
from foia_desk.letter import Letter

CREATOR = "FOIA Desk"
FONT_SIZE = 11
MARGIN_POINTS = 72  # one inch
LIST_INDENT = 22
LIST_STEP = 20
PIECE_CHARS = 6_000  # a paragraph longer than this is laid out in pieces (see the docstring)
KIND_NAMES = {
    "foia": "FOIA request",
    "privacy-act": "Privacy Act request",
    "follow-up": "Follow-up on a records request",
    "appeal": "FOIA appeal",
    "mediation": "Request for FOIA mediation",
}


def export_pdf(letter: Letter, path: str | os.PathLike[str], *,
               overwrite: bool = False) -> Path:
    """Write ``letter`` as a PDF to ``path`` (atomically) and return the path."""
    return fileio.write_with(path, lambda handle: write_pdf(letter, handle),
                             overwrite=overwrite)


def write_pdf(letter: Letter, handle: BinaryIO) -> None:
    """Render ``letter`` as PDF into an open binary file."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus.doctemplate import LayoutError

    from foia_desk.export.pdf_fonts import SANS, load_fonts

    fonts = load_fonts()
    styles = _styles()
    story = _story(parse_markdown(letter.markdown), fonts, styles)
    document = SimpleDocTemplate(
        handle,
        pagesize=LETTER,
        leftMargin=MARGIN_POINTS, rightMargin=MARGIN_POINTS,
        topMargin=MARGIN_POINTS, bottomMargin=MARGIN_POINTS,
        title=_one_line(letter.subject),
        author=_one_line(letter.author),
        subject=_one_line(pdf_subject(letter)),
        creator=CREATOR,
        producer=CREATOR,
        lang="en-US",
        initialFontName=SANS,  # otherwise every page refers to an unembedded Helvetica
    )
    try:
        document.build(story, canvasmaker=_numbered_canvas_class())
    except LayoutError as exc:
        raise UserError("The letter could not be laid out as a PDF.",
                        f"Shorten the part that does not fit on a page ({exc}).") from exc


def _one_line(text: str) -> str:
    return " ".join(sanitize(text).split())


def pdf_subject(letter: Letter) -> str:
    """The PDF "Subject" metadata: what kind of letter, to whom."""
    kind = KIND_NAMES.get(letter.kind, "Records request")
    return f"{kind} to {letter.agency_name}" if letter.agency_name else kind


def markup(runs: tuple[Run, ...], fonts: Any, *, bold: bool = False,
           italic: bool = False) -> str:
    """reportlab Paragraph markup for ``runs``: escaped text in explicit font tags."""
    parts: list[str] = []
    for run in runs:
        if run.line_break:
            parts.append("<br/>")
            continue
        text = visual_order(run.text)
        if run.code:
            text = text.replace(" ", "\u00a0")  # keep code spacing
        for font_name, piece in fonts.segments(text, bold=run.bold or bold,
                                               italic=run.italic or italic):
            parts.append(f'<font name="{font_name}">{escape(piece)}</font>')
    return "".join(parts)


def _story(blocks: tuple[Block, ...], fonts: Any, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    story: list[Any] = []
    for index, block in enumerate(blocks):
        story.extend(_flowables(block, fonts, styles))
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, ListItem) and not isinstance(following, ListItem):
            story.append(Spacer(1, 6))  # list items sit close together; end the list with air
    return story


def _flowables(block: Block, fonts: Any, styles: dict[str, Any]) -> list[Any]:
    """The reportlab flowables for one block: one, or several pieces of a huge paragraph."""
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus.flowables import HRFlowable

    if isinstance(block, Rule):
        return [HRFlowable(width="100%", thickness=0.5, spaceBefore=4, spaceAfter=10)]
    bold = italic = False
    bullet = None
    if isinstance(block, Heading):
        style, bold = (styles["h1"] if block.level <= 1 else styles["h2"]), True
    elif isinstance(block, Quote):
        style, italic = styles["quote"], True
    elif isinstance(block, ListItem):
        level = min(block.level, 3)
        style = styles[f"list{level}"]
        if not block.continued:
            bullet = f"{block.number}." if block.ordered else ("•" if level % 2 == 0 else "◦")
    else:
        assert isinstance(block, Paragraph)
        style = styles.get(block.role, styles["body"])
    pieces = split_runs(block.runs)
    flowables = []
    for index, runs in enumerate(pieces):
        text = markup(runs, fonts, bold=bold, italic=italic)
        if isinstance(block, ListItem):
            text = text or "&nbsp;"
        piece_style = style if len(pieces) == 1 else _piece_style(
            style, first=index == 0, last=index == len(pieces) - 1)
        flowables.append(PdfParagraph(text, piece_style,
                                      bulletText=bullet if index == 0 else None))
    return flowables


_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


def split_runs(runs: tuple[Run, ...], limit: int = PIECE_CHARS) -> list[tuple[Run, ...]]:
    """``runs`` cut into pieces of at most ``limit`` characters, each laid out on its own.

    A cut goes after a sentence end in the second half of a piece if there is one, else
    after a space, else (one enormous word) between two characters that do not join. Line
    breaks at the end of a piece are dropped: the cut itself ends the line. One pass over
    the runs, so the cost stays linear however many runs and pieces there are.
    """
    text = "".join("\n" if run.line_break else run.text for run in runs)
    if len(text) <= limit:
        return [runs]
    ends = []
    start = 0
    while len(text) - start > limit:
        ends.append(_cut_point(text, start, limit))
        start = ends[-1]
    ends.append(len(text))
    pieces: list[list[Run]] = [[] for _ in ends]
    index = offset = 0
    for run in runs:
        run_start = offset
        offset += 1 if run.line_break else len(run.text)
        position = run_start
        while position < offset:  # a long run may reach over several pieces
            while ends[index] <= position:
                index += 1
            stop = min(offset, ends[index])
            whole = run.line_break or (position == run_start and stop == offset)
            pieces[index].append(run if whole else replace(
                run, text=run.text[position - run_start:stop - run_start]))
            position = stop
    for piece in pieces:
        while piece and piece[-1].line_break:
            piece.pop()
    return [tuple(piece) for piece in pieces if piece] or [()]


def _cut_point(text: str, start: int, limit: int) -> int:
    low, high = start + limit // 2, start + limit
    for pattern in (_SENTENCE_END, _SPACE):
        matches = list(pattern.finditer(text, low, high))
        if matches:
            return matches[-1].end()
    cut = high
    while cut > low and (unicodedata.category(text[cut])[0] in "MC"
                         or text[cut - 1] == "\u200d"):
        cut -= 1  # never separate a letter from its combining marks or a joined sequence
    return cut


_piece_styles: dict[tuple[str, bool, bool], Any] = {}


def _piece_style(style: Any, *, first: bool, last: bool) -> Any:
    """``style`` for one piece of a split paragraph: no space between the pieces."""
    from reportlab.lib.styles import ParagraphStyle

    key = (style.name, first, last)
    if key not in _piece_styles:
        _piece_styles[key] = ParagraphStyle(
            f"{style.name}-piece", parent=style,
            spaceBefore=style.spaceBefore if first else 0,
            spaceAfter=style.spaceAfter if last else 0,
            keepWithNext=getattr(style, "keepWithNext", 0) if last else 0)
    return _piece_styles[key]


@lru_cache(maxsize=1)
def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    from foia_desk.export.pdf_fonts import SANS, SANS_BOLD

    body = ParagraphStyle("body", fontName=SANS, fontSize=FONT_SIZE, leading=FONT_SIZE * 1.35,
                          spaceAfter=8, splitLongWords=1, allowWidows=0, allowOrphans=0)
    opening = ParagraphStyle("opening", parent=body, spaceAfter=14)
    styles: dict[str, Any] = {
        "body": body,
        "letterhead": ParagraphStyle("letterhead", parent=opening, spaceAfter=18),
        "date": opening,
        "address": opening,
        "caption": ParagraphStyle("caption", parent=opening, fontName=SANS_BOLD, fontSize=12,
                                  leading=16, keepWithNext=1),
        "subject": ParagraphStyle("subject", parent=opening, keepWithNext=1),
        "code": ParagraphStyle("code", parent=body, leftIndent=18),
        "closing": ParagraphStyle("closing", parent=body, keepWithNext=1),
        "h1": ParagraphStyle("h1", parent=body, fontName=SANS_BOLD, fontSize=14, leading=18,
                             spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=SANS_BOLD, fontSize=12, leading=16,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=28, rightIndent=28,
                                textColor=HexColor("#333333")),
    }
    for level in range(4):
        indent = LIST_INDENT + LIST_STEP * level
        styles[f"list{level}"] = ParagraphStyle(
            f"list{level}", parent=body, leftIndent=indent, bulletIndent=indent - LIST_INDENT + 4,
            bulletFontName=SANS, spaceAfter=4)
    return styles


@lru_cache(maxsize=1)
def _numbered_canvas_class() -> type:
    """A canvas that holds pages back until the end so each can say "Page X of Y"."""
    from reportlab.pdfgen.canvas import Canvas

    from foia_desk.export.pdf_fonts import SANS

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's method name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_page_number(total)
                super().showPage()
            super().save()

        def _draw_page_number(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(SANS, 9)
            self.drawCentredString(width / 2, MARGIN_POINTS / 2,
                                   f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas
