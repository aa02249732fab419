"""Word .docx files: body paragraphs, headings and table cells in reading order.

Paragraphs are separated by blank lines; inside a table each cell's text takes its own
line and rows are separated by blank lines. Content controls (``w:sdt``) are read through,
and tracked changes are read as if accepted.
Headers, footers, footnotes, comments and text boxes are not read: in saved articles they
hold page furniture, not the story.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from foia_desk.ingest.model import IngestError, clean_field

#: Refuse archives that would expand beyond this: a real article is a few hundred kB.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_OTHER_ZIP_FORMATS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("META-INF/container.xml", "an e-book (EPUB)"),
    ("content.xml", "an OpenDocument file (LibreOffice or similar)"),
)
# Runs a reader sees: including tracked insertions, hyperlinks, fields and inline content
# controls; not tracked deletions or moved-away text, nor text boxes (their paragraphs are
# nested inside a run's drawing and would otherwise be read twice).
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and " \
                "not(ancestor::w:txbxContent)]"
# python-docx's built-in template carries this creation time; it says nothing about the article.
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15)


def damaged_docx(what: str, detail: str = "") -> IngestError:
    return IngestError(
        f"This .docx file ({what}) is damaged or is not a Word document{detail}.",
        "Open it in Word or LibreOffice and use Save As > Word Document (.docx), or paste "
        "the article text instead.",
    )


def zip_kind(data: bytes) -> str | None:
    """``"docx"`` for a Word document, a description for other zip formats, None if unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    if "word/document.xml" in names:
        return "docx"
    for marker, description in _OTHER_ZIP_FORMATS:
        if marker in names:
            return description
    return "a ZIP archive"


def read_docx(data: bytes, what: str) -> tuple[str, str | None, dt.datetime | None]:
    """``(text, title, created)`` of a .docx. Raises IngestError for a damaged file."""
    _check_archive(data, what)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
        properties = document.core_properties
        title, created = properties.title, properties.created
        body = document.element.body
    except Exception as exc:  # python-docx/lxml raise many types for malformed parts
        raise damaged_docx(what) from exc

    try:
        style_names = {style.style_id: style.name for style in document.styles}
    except Exception:  # a malformed styles part only costs us the heading-based title
        style_names = {}
    heading_title: str | None = None
    blocks: list[str] = []

    def paragraph_text(element: Any) -> str:
        nonlocal heading_title
        text = "".join(run.text for run in element.xpath(_VISIBLE_RUNS))
        if heading_title is None and text.strip():
            # Direct lookup: python-docx's paragraph.style rescans styles.xml on every call.
            style = style_names.get(element.style or "", "")
            if style in ("Title", "Heading 1"):
                heading_title = text
        return text

    def cell_lines(cell: Any) -> list[str]:
        lines: list[str] = []
        for child in _block_children(cell, qn):
            if child.tag == qn("w:p"):
                lines.append(paragraph_text(child))
            else:
                lines.extend(row for row in table_rows(child) if row)
        return [line for line in lines if line.strip()]

    def table_rows(table: Any) -> list[str]:
        rows = []
        for row in table.iterchildren(qn("w:tr")):
            cells = ["\n".join(cell_lines(cell)) for cell in row.iterchildren(qn("w:tc"))]
            rows.append("\n".join(cell for cell in cells if cell))
        return rows

    try:
        for child in _block_children(body, qn):
            if child.tag == qn("w:p"):
                blocks.append(paragraph_text(child))
            else:
                blocks.extend(table_rows(child))
    except RecursionError as exc:
        raise damaged_docx(what, " (tables nested too deeply)") from exc
    except Exception as exc:
        raise damaged_docx(what) from exc
    text = "\n\n".join(block.strip("\n") for block in blocks if block.strip())
    if created is not None and created.replace(tzinfo=None) == _TEMPLATE_CREATED:
        created = None
    return text, clean_field(title) or clean_field(heading_title), created


def _block_children(parent: Any, qn: Any) -> list[Any]:
    """Paragraphs and tables directly in ``parent``, reading through content controls."""
    found: list[Any] = []
    stack = list(reversed(list(parent)))
    while stack:
        child = stack.pop()
        if child.tag in (qn("w:p"), qn("w:tbl")):
            found.append(child)
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            stack.extend(reversed(list(child)))
    return found


def _check_archive(data: bytes, what: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise damaged_docx(what, " (it is not a ZIP container)") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise damaged_docx(what, " (it has no word/document.xml part)")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise IngestError(
            f"{what} would unpack to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB, which "
            "is far larger than any article.",
            "Open it in Word, copy the article into a new document and save that.",
        )
