"""PDF export with reportlab: letter-size pages, embedded Unicode fonts, "Page X of Y".

Every piece of letter text is XML-escaped before it goes into reportlab's Paragraph markup,
so text such as ``<b>``, ``&amp;`` or ``<font name=x>`` is printed literally and can never
change the layout. Characters are routed to a font that has them (see pdf_fonts).
"""

from __future__ import annotations

import os
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
        story.append(_flowable(block, fonts, styles))
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, ListItem) and not isinstance(following, ListItem):
            story.append(Spacer(1, 6))  # list items sit close together; end the list with air
    return story


def _flowable(block: Block, fonts: Any, styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus.flowables import HRFlowable

    if isinstance(block, Rule):
        return HRFlowable(width="100%", thickness=0.5, spaceBefore=4, spaceAfter=10)
    if isinstance(block, Heading):
        style = styles["h1"] if block.level <= 1 else styles["h2"]
        return PdfParagraph(markup(block.runs, fonts, bold=True), style)
    if isinstance(block, Quote):
        return PdfParagraph(markup(block.runs, fonts, italic=True), styles["quote"])
    if isinstance(block, ListItem):
        level = min(block.level, 3)
        style = styles[f"list{level}"]
        bullet = None
        if not block.continued:
            bullet = f"{block.number}." if block.ordered else ("•" if level % 2 == 0 else "◦")
        return PdfParagraph(markup(block.runs, fonts) or "&nbsp;", style, bulletText=bullet)
    assert isinstance(block, Paragraph)
    style = styles.get(block.role, styles["body"])
    return PdfParagraph(markup(block.runs, fonts), style)


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
