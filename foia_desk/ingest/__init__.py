"""Article files and pasted text -> :class:`Article`, the canonical text the extractor reads.

Formats: plain text and Markdown (any common encoding), HTML pages saved from a browser,
Word .docx, and PDF with a text layer. The format is found from the content first (a PDF
renamed ``.txt`` is still read as a PDF); the extension only breaks ties and names what a
damaged file was meant to be.

Limits (both refused with an :class:`IngestError`, never truncated):

* :data:`MAX_FILE_BYTES` -- files up to 25 MiB are read.
* :data:`MAX_TEXT_CHARS` -- the extracted text may hold up to 10 million characters.

``Article.text`` is normalised (LF line ends, no BOM, NFC) and otherwise keeps the writer's
text; offsets reported by later stages point into it. Heavy libraries (bs4, python-docx,
pypdf, charset-normalizer) are imported only when a file needs them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from foia_desk.ingest.dates import find_dateline
from foia_desk.ingest.decode import decode_text, describe
from foia_desk.ingest.from_docx import damaged_docx, read_docx, zip_kind
from foia_desk.ingest.from_html import declared_charset, looks_like_html, read_html
from foia_desk.ingest.from_pdf import damaged_pdf, read_pdf
from foia_desk.ingest.from_text import headline_of, read_markdown, read_plain
from foia_desk.ingest.model import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    Article,
    ArticleKind,
    IngestError,
    check_text,
    clean_field,
    normalise_text,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "Article",
    "ArticleKind",
    "IngestError",
    "ingest_bytes",
    "ingest_path",
    "ingest_text",
]

_HTML_EXTENSIONS = frozenset((".html", ".htm", ".xhtml", ".shtml"))
_MARKDOWN_EXTENSIONS = frozenset((".md", ".markdown", ".mdown", ".mkd", ".mkdn"))
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00",
                b"MM\x00*")
_SAVE_AS_HINT = ("Save the article as plain text (.txt), Word (.docx), PDF or a web page "
                 "(.html) and load that, or paste the text instead.")


def ingest_text(text: str, *, title: str | None = None) -> Article:
    """Pasted text: normalised, with a headline and dateline picked out when present."""
    text = normalise_text(text)
    check_text(text, "The pasted text")
    return Article(text=text, title=clean_field(title) or headline_of(text), outlet=None,
                   date=find_dateline(text), source_path=None, kind="pasted", warnings=[])


def ingest_path(path: str | os.PathLike[str]) -> Article:
    """Read an article file from disk; every problem becomes an :class:`IngestError`."""
    raw = os.fspath(path)
    if not str(raw).strip():
        raise IngestError("No file was given.", "Choose an article file to load.")
    target = Path(raw).expanduser()
    shown = str(target)
    try:
        info = target.stat()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IngestError(f"There is no file at {shown}.",
                          "Check the spelling and the folder, then try again.") from exc
    except PermissionError as exc:
        raise _no_permission(shown) from exc
    except OSError as exc:
        raise IngestError(f"Could not open {shown}: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(f"{shown} is a folder, not a file.",
                          "Choose the article file inside the folder.")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(f"{shown} is not a regular file (it is a device, pipe or socket).",
                          "Save the article to a file first and load that file.")
    if info.st_size > MAX_FILE_BYTES:
        raise _too_large(target.name, info.st_size)
    try:
        with target.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError as exc:
        raise _no_permission(shown) from exc
    except OSError as exc:
        raise IngestError(f"Could not read {shown}: {exc.strerror or exc}.",
                          "Check that the disk or network folder is available.") from exc
    return ingest_bytes(data, target.name, source_path=os.path.abspath(target))


def ingest_bytes(data: bytes, filename: str | None = None, *,
                 source_path: str | None = None) -> Article:
    """Read an article from bytes; ``filename`` (may be None) supplies the extension hint.

    ``source_path`` is recorded on the Article as given (``ingest_path`` passes the absolute
    path; a drag-and-drop caller may pass its own).
    """
    what = filename or "Standard input"
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(what, len(data))
    if not data.strip(b" \t\r\n\f\v\x00"):
        raise IngestError(f"{what} is empty.",
                          "Check that you picked the right file and that it was saved fully.")
    extension = Path(filename).suffix.lower() if filename else ""
    binary_format = _sniff_binary(data, extension, what)
    if binary_format == "pdf":
        return _finish_pdf(data, what, source_path, extension)
    if binary_format == "docx":
        return _finish_docx(data, what, source_path, extension)
    return _read_textual(data, what, source_path, extension)


def _sniff_binary(data: bytes, extension: str, what: str) -> str | None:
    """``"pdf"``/``"docx"`` by content; raises for other binary formats; None for text."""
    # PDF readers accept the header anywhere in the first 1024 bytes; text that merely
    # mentions "%PDF-" must not be taken for a PDF, so that leeway needs a .pdf name.
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or (
            extension == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = zip_kind(data)
        if kind == "docx":
            return "docx"
        if extension == ".docx":
            detail = f" (it is {kind})" if kind and kind != "a ZIP archive" else ""
            raise damaged_docx(what, detail)
        raise IngestError(f"{what} is {kind or 'a damaged ZIP archive'}, not an article file.",
                          _SAVE_AS_HINT)
    if data.startswith(_OLE2_MAGIC):
        raise IngestError(f"{what} is an old-style Microsoft Office file (.doc, .xls or .ppt), "
                          "which FOIA Desk cannot read.",
                          "Open it in Word or LibreOffice and use Save As > Word Document "
                          "(.docx), then load the .docx.")
    if data.startswith(b"{\\rtf"):
        raise IngestError(f"{what} is a Rich Text (.rtf) file, which FOIA Desk cannot read.",
                          "Open it in a word processor and save it as .docx or plain text.")
    if data.startswith(_IMAGE_MAGIC) or data[8:12] == b"WEBP":
        raise IngestError(f"{what} is an image, so there is no text to read.",
                          "Run it through OCR (text recognition) first, or paste the "
                          "article text instead.")
    if extension == ".pdf":
        raise damaged_pdf(what, " (it does not start with a PDF header)")
    if extension == ".docx":
        raise damaged_docx(what, " (it is not a ZIP container)")
    return None


def _read_textual(data: bytes, what: str, source_path: str | None,
                  extension: str) -> Article:
    head = data[:4096].lower()
    html_hint = extension in _HTML_EXTENSIONS or b"<html" in head or b"<!doctype html" in head
    decoded = decode_text(data, what, declared_charset(data) if html_hint else None)
    text = normalise_text(decoded.text)
    warnings = describe(decoded)
    kind: ArticleKind
    if extension in _HTML_EXTENSIONS:
        kind = "html" if "<" in text else "txt"
    elif extension in _MARKDOWN_EXTENSIONS:
        kind = "md"
    else:
        kind = "html" if looks_like_html(text) else "txt"
        if kind == "html" and extension:
            warnings.append(f"This file is named {extension} but is really a web page; it was "
                            "read as one.")
    if kind == "html":
        return _finish_html(text, what, source_path, warnings)
    check_text(text, what)
    read = read_markdown if kind == "md" else read_plain
    body, title, date = read(text)
    check_text(body, what)
    return Article(text=body, title=title, outlet=None, date=date, source_path=source_path,
                   kind=kind, warnings=warnings)


def _finish_html(markup: str, what: str, source_path: str | None,
                 warnings: list[str]) -> Article:
    text, meta = read_html(markup)
    text = normalise_text(text)
    if not text.strip():
        raise IngestError(f"No article text was found in the web page {what}.",
                          "The site may load its text with JavaScript. Select the article "
                          "text in your browser, copy it and paste it in instead.")
    check_text(text, what)
    return Article(text=text, title=meta.title or headline_of(text), outlet=meta.outlet,
                   date=meta.date or find_dateline(text), source_path=source_path,
                   kind="html", warnings=warnings + meta.notes)


def _finish_docx(data: bytes, what: str, source_path: str | None, extension: str) -> Article:
    text, title, created = read_docx(data, what)
    text = normalise_text(text)
    check_text(text, what)
    warnings = _renamed_note("a Word document", extension, ".docx")
    date = find_dateline(text)
    if date is None and created is not None:
        date = created.date()
        warnings.append(f"No date appears at the top of the article; using the date the "
                        f"document was created ({date.isoformat()}). Check it.")
    return Article(text=text, title=title or headline_of(text), outlet=None, date=date,
                   source_path=source_path, kind="docx", warnings=warnings)


def _finish_pdf(data: bytes, what: str, source_path: str | None, extension: str) -> Article:
    text, title, created, notes = read_pdf(data, what)
    text = normalise_text(text)
    check_text(text, what)
    warnings = _renamed_note("a PDF", extension, ".pdf") + notes
    date = find_dateline(text)
    if date is None and created is not None:
        date = created.date()
        warnings.append(f"No date appears at the top of the article; using the date the PDF "
                        f"was created ({date.isoformat()}). Check it.")
    return Article(text=text, title=title or headline_of(text), outlet=None, date=date,
                   source_path=source_path, kind="pdf", warnings=warnings)


def _renamed_note(description: str, extension: str, expected: str) -> list[str]:
    if not extension or extension == expected:
        return []
    return [f"This file is named {extension} but is really {description}; it was read as one."]


def _too_large(what: str, size: int) -> IngestError:
    return IngestError(
        f"{what} is {size / (1024 * 1024):.1f} MB; FOIA Desk reads article files up to "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB.",
        "Save just the article (as text, .docx or a smaller PDF) and load that.",
    )


def _no_permission(shown: str) -> IngestError:
    return IngestError(f"You do not have permission to read {shown}.",
                       "Check the file's permissions, or copy it to a folder you can read.")
