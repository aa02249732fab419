"""PDF files with a text layer: page texts in order, separated by blank lines.

A word broken across lines with a hyphen ("surveil-" / "lance") is rejoined when both halves
are lower-case letters, unless the document elsewhere spells it with the hyphen or the first
half is a usual compound prefix ("self-", "well-"). Scanned PDFs (pages that are only
images) have no text to read and are refused with a pointer to OCR.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import threading
import warnings
from collections.abc import Iterator

from foia_desk.ingest.model import IngestError, clean_field

_LINE_END_HYPHEN = re.compile(r"(?<![^\W\d_])([^\W\d_]*[a-zà-ÿ])-\n([a-zà-ÿ][^\W\d_]*)")
_SOFT_HYPHEN_BREAK = re.compile(r"([^\W\d_])\u00ad\n([^\W\d_])")
_COMPOUND_PREFIXES = frozenset((
    "all", "anti", "co", "cross", "ex", "half", "high", "low", "multi", "non", "post", "pre",
    "pro", "quasi", "self", "semi", "so", "well", "long", "short", "full", "part",
))
_PLACEHOLDER_TITLES = frozenset(("untitled", "anonymous", "document", "microsoft word"))
# Logger and warning filters are process-wide: one PDF read at a time changes them.
_QUIET_LOCK = threading.Lock()


class _CollectLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[_CollectLog]:
    """Keep pypdf's complaints about sloppy PDFs off the terminal; collect them instead."""
    logger = logging.getLogger("pypdf")
    handler = _CollectLog()
    with _QUIET_LOCK:
        saved = logger.propagate
        logger.addHandler(handler)
        logger.propagate = False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield handler
        finally:
            logger.removeHandler(handler)
            logger.propagate = saved


def damaged_pdf(what: str, detail: str = "") -> IngestError:
    return IngestError(
        f"This PDF ({what}) is damaged or is not really a PDF{detail}, so its text cannot be "
        "read.",
        "Open it in a PDF viewer and save or print it to a new PDF, or paste the article "
        "text instead.",
    )


def read_pdf(data: bytes, what: str) -> tuple[str, str | None, dt.datetime | None, list[str]]:
    """``(text, title, created, warnings)``. Raises IngestError for locked, scanned or
    damaged files."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    notes: list[str] = []
    with _quiet_pypdf() as log:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _locked(what)
            pages = list(reader.pages)
        except IngestError:
            raise
        except DependencyError as exc:
            # AES encryption needs an optional crypto library pypdf did not find; such files
            # usually open without a password but restrict copying.
            raise IngestError(
                f"This PDF ({what}) is encrypted in a way FOIA Desk cannot unlock, so its "
                "text cannot be read.",
                "Open it in a PDF viewer, save or print an unprotected copy, and load that "
                "copy; or paste the article text instead.",
            ) from exc
        except FileNotDecryptedError as exc:
            raise _locked(what) from exc
        except RecursionError as exc:
            raise damaged_pdf(what, " (its structure is nested too deeply)") from exc
        except Exception as exc:  # pypdf raises many types for malformed files
            raise damaged_pdf(what) from exc
        texts: list[str] = []
        unreadable: list[int] = []
        empty: list[int] = []
        for number, page in enumerate(pages, start=1):
            try:
                page_text = page.extract_text() or ""
            except Exception:  # one bad page should not lose the others
                unreadable.append(number)
                continue
            if page_text.strip():
                texts.append(page_text.replace("\r\n", "\n").replace("\r", "\n").strip("\n"))
            else:
                empty.append(number)
        title, created = _metadata(reader)
        if log.messages and texts:
            notes.append("The PDF has minor structural errors; check that no text is missing.")
    if not texts:
        if unreadable or log.messages:
            raise damaged_pdf(what, " (its pages could not be decoded)")
        raise IngestError(
            f"This PDF ({what}) has no text layer: its pages are images, such as a scan.",
            "Run it through OCR first (for example Adobe Acrobat's 'Recognize Text' or "
            "ocrmypdf), or paste the article text instead.",
        )
    if unreadable:
        notes.append(f"Could not read the text of page(s) {_list(unreadable)}; they were left "
                     "out.")
    if empty:
        notes.append(f"Page(s) {_list(empty)} have no text (images only?); they were left out.")
    return dehyphenate("\n\n".join(texts)), title, created, notes


def dehyphenate(text: str) -> str:
    """Rejoin words that typesetting split across lines, where that is clearly safe."""
    hyphenated_forms = set(re.findall(r"[^\W\d_]+-[^\W\d_]+", text.lower()))

    def join(match: re.Match[str]) -> str:
        head, tail = match[1], match[2]
        if head.lower() in _COMPOUND_PREFIXES or f"{head}-{tail}".lower() in hyphenated_forms:
            return match[0]
        return head + tail

    # A soft hyphen (U+00AD) marks a hyphenation point by definition: always safe to rejoin.
    text = _SOFT_HYPHEN_BREAK.sub(r"\1\2", text)
    return _LINE_END_HYPHEN.sub(join, text)


def _locked(what: str) -> IngestError:
    return IngestError(
        f"This PDF ({what}) is password-protected, so its text cannot be read.",
        "Open it with the password in a PDF viewer, save or print an unprotected copy, and "
        "load that copy.",
    )


def _metadata(reader: object) -> tuple[str | None, dt.datetime | None]:
    try:
        info = reader.metadata  # type: ignore[attr-defined]
    except Exception:
        return None, None
    if info is None:
        return None, None
    try:
        title = clean_field(info.title)
    except Exception:
        title = None
    if title and (title.lower() in _PLACEHOLDER_TITLES or title.lower().startswith(
            "microsoft word - ") or title.lower().endswith((".doc", ".docx", ".pdf"))):
        title = None
    try:
        created = info.creation_date
    except Exception:  # malformed date string
        created = None
    return title, created


def _list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
