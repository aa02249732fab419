"""DOCX export with python-docx, built on resources/letter-base.docx.

The letter uses real Word styles (Letterhead, Date, Address, Subject, Heading 1/2, List Number,
List Bullet, Quote) so the requester can restyle it in Word. Each numbered list gets its own
numbering instance that restarts at its first number, as Word does for a new list. The footer
("Page X of Y" from PAGE/NUMPAGES fields) comes from the base document; tools/make_base_docx.py
rebuilds it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

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
from foia_desk.letter import Letter
from foia_desk.paths import resource_path

BASE_DOCUMENT = ("letter-base.docx",)
CODE_FONT = "Courier New"
PROPERTY_LIMIT = 255  # python-docx (and Word) refuse longer core-property values
ROLE_STYLES = {
    "letterhead": "Letterhead",
    "date": "Date",
    "address": "Address",
    "caption": "Letter Caption",
    "subject": "Subject",
    "closing": "Closing",
    "body": "Normal",
    "code": "Normal",
}


def export_docx(letter: Letter, path: str | os.PathLike[str], *,
                overwrite: bool = False) -> Path:
    """Write ``letter`` as a Word document to ``path`` (atomically) and return the path."""
    return fileio.write_with(path, lambda handle: write_docx(letter, handle),
                             overwrite=overwrite)


def write_docx(letter: Letter, handle: BinaryIO) -> None:
    """Render ``letter`` as DOCX into an open binary file."""
    from docx import Document

    from foia_desk.export.pdf import pdf_subject

    document = Document(io.BytesIO(_base_document_bytes()))
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
            body.remove(child)
    _DocxWriter(document).write(parse_markdown(letter.markdown))

    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.title = _property(letter.subject)
    props.author = _property(letter.author)
    props.last_modified_by = _property(letter.author)
    props.subject = _property(pdf_subject(letter))
    props.comments = ""
    props.keywords = "FOIA" if letter.kind != "privacy-act" else "Privacy Act"
    props.category = letter.kind
    props.created = now
    props.modified = now
    props.revision = 1
    buffer = io.BytesIO()  # build the zip in memory: a failing disk then sees one clean write
    document.save(buffer)
    handle.write(buffer.getvalue())


def _property(value: str) -> str:
    """A core-property value: one line, XML-safe, within Word's 255-character limit."""
    text = " ".join(sanitize(value).split())
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


@lru_cache(maxsize=1)
def _base_document_bytes() -> bytes:
    path = resource_path(*BASE_DOCUMENT)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"The Word template {path} is missing from the installation.",
                        "Reinstall FOIA Desk, or export to PDF instead.") from exc


@lru_cache(maxsize=1)
def _style_ids() -> dict[str, str | None]:
    """Paragraph style name -> style id in the base document (None for the default style)."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    styles = Document(io.BytesIO(_base_document_bytes())).styles
    ids: dict[str, str | None] = {}
    for style in styles.element.style_lst:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name_val is not None:
            ids[style.name_val] = None if style.default else style.styleId
    # python-docx presents "heading 1" as "Heading 1"
    ids.update({name.title(): ids[name] for name in list(ids) if name.startswith("heading ")})
    return ids


class _DocxWriter:
    """Appends blocks to a python-docx Document, managing list numbering instances."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.list_num_ids: dict[int, int] = {}
        self.style_ids = _style_ids()

    def write(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            self._write_block(block)

    def _write_block(self, block: Block) -> None:
        if isinstance(block, Rule):
            self._rule()
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            self._paragraph(block.runs, f"Heading {level}")
        elif isinstance(block, Quote):
            self._paragraph(block.runs, "Quote")
        elif isinstance(block, ListItem):
            self._list_item(block)
        else:
            assert isinstance(block, Paragraph)
            self._paragraph(block.runs, ROLE_STYLES.get(block.role, "Normal"),
                            code=block.role == "code")

    def _paragraph(self, runs: tuple[Run, ...], style: str, *, code: bool = False) -> Any:
        paragraph = self.document.add_paragraph()
        # python-docx looks styles up by name with a linear scan per paragraph; the ids of the
        # base document's styles are known, so set the id directly.
        paragraph._p.style = self.style_ids[style]
        last_run = None
        for run in runs:
            if run.line_break:
                (last_run or paragraph.add_run()).add_break()
                last_run = None
                continue
            last_run = paragraph.add_run(run.text)
            if run.bold:
                last_run.bold = True
            if run.italic:
                last_run.italic = True
            if run.code or code:
                last_run.font.name = CODE_FONT
        return paragraph

    def _list_item(self, item: ListItem) -> None:
        depth = min(item.level, 2)
        suffix = "" if depth == 0 else f" {depth + 1}"
        if item.continued:
            self._paragraph(item.runs, f"List Continue{suffix}")
            return
        style = ("List Number" if item.ordered else "List Bullet") + suffix
        paragraph = self._paragraph(item.runs, style)
        if item.ordered:
            num_id = self.list_num_ids.get(item.list_id)
            if num_id is None:
                num_id = self._restarted_numbering(style, item.start)
                self.list_num_ids[item.list_id] = num_id
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id

    def _restarted_numbering(self, style_name: str, start: int) -> int:
        """A new numbering instance of the style's list definition, starting at ``start``."""
        numbering = self.document.part.numbering_part.element
        style = self.document.styles[style_name]
        style_num_id = style.element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def _rule(self) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = self.document.add_paragraph(style="Normal")
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                           ("w:color", "auto")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)
