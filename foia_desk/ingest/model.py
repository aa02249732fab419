"""The ingest result (:class:`Article`), its error type and the limits every format shares."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from foia_desk.errors import UserError

ArticleKind = Literal["txt", "md", "html", "docx", "pdf", "pasted"]

#: Largest file read, in bytes (25 MiB). A long news article is well under 1 MB even as a PDF
#: with photos; the limit stops a wrong pick (a video, a disk image) from eating memory.
MAX_FILE_BYTES = 25 * 1024 * 1024

#: Largest extracted text, in characters (10 million, about 4,000 pages). Larger texts are
#: refused rather than truncated, so nothing the extractor sees is silently missing.
MAX_TEXT_CHARS = 10_000_000


class IngestError(UserError):
    """An article file or pasted text that cannot be read; the message says why."""


@dataclass(frozen=True)
class Article:
    """One article as the extractor will see it.

    ``text`` is canonical: every offset reported later points into it. It has ``\\n`` line
    ends, no byte-order mark and NFC Unicode; otherwise it keeps the writer's wording.
    ``warnings`` are plain-English notes for the user (a guessed encoding, unreadable pages).
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    source_path: str | None = None
    kind: ArticleKind = "pasted"
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape printed by ``foia-desk ingest --json``."""
        return {
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind,
            "source_path": self.source_path,
            "warnings": list(self.warnings),
        }


def normalise_text(text: str) -> str:
    """Canonical form: drop a leading BOM, turn CRLF/CR into LF, compose Unicode (NFC)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def clean_field(value: object, max_chars: int = 300) -> str | None:
    """Tidy a metadata value (title, outlet): one line, trimmed, ``None`` when empty."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    if not text:
        return None
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def check_text(text: str, what: str) -> None:
    """Refuse empty or oversized extracted text with a message naming ``what`` was read."""
    if not text.strip():
        raise IngestError(
            f"{what} contains no text.",
            "Check that you picked the right file, or paste the article text instead.",
        )
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"{what} holds {len(text):,} characters of text, more than the limit of "
            f"{MAX_TEXT_CHARS:,} characters.",
            "Copy just the article you want into a new file or paste it in.",
        )
