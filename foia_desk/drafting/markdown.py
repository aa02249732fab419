"""Markdown escaping: every interpolated value is data, only the templates write structure.

The environment's ``finalize`` runs :func:`escape_value` on every ``{{ ... }}`` result. A value
that is already :class:`MarkdownSafe` (produced by the filters below, which escape their own
input) passes unchanged. Plain strings are escaped so that ``*``, ``_``, ``#``, ``[``, ``<``,
``&``, a leading ``1.`` or ``-`` and so on appear literally in every output, and newlines in a
single value become spaces so a value can never start a new block.

Conventions for the Markdown a letter uses (the exporters rely on them):
paragraphs separated by one blank line; a hard line break is a backslash at the end of a line;
``**bold**`` for captions and section headings; ``1.`` ordered lists for records; no raw HTML,
no links, no headings with ``#``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from foia_desk.english_dates import long_date as english_long_date

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# change meaning inside a line (emphasis, code, links, HTML, entities, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# Characters that only matter at the start of a line (lists, block quotes, setext/thematic).
_LINE_START = re.compile(r"^(\s*)([-+=>])")
_ORDERED_START = re.compile(r"^(\s*\d{1,9})([.)])")
_WHITESPACE = re.compile(r"\s+")
HARD_BREAK = "\\\n"


class MarkdownSafe(str):
    """Markdown a helper built on purpose; finalize leaves it alone."""

    __slots__ = ()


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    line = _LINE_START.sub(r"\1\\\2", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def md_escape(value: Any) -> MarkdownSafe:
    """Escape one value as inline Markdown text; newlines and runs of space become one space."""
    if isinstance(value, MarkdownSafe):
        return value
    text = _WHITESPACE.sub(" ", plain_text(value)).strip()
    return MarkdownSafe(_escape_line(text))


def plain_text(value: Any) -> str:
    """The text a value contributes to a letter (dates long-form, money with two decimals)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def escape_value(value: Any) -> Any:
    """The environment's finalize: escape everything that is not already safe Markdown."""
    if isinstance(value, MarkdownSafe):
        return value
    return md_escape(value)


def long_date(value: date | None) -> str:
    """"November 27, 2026" in English whatever the system locale (see english_dates)."""
    if value is None:
        return ""
    return english_long_date(value)


def money(value: Decimal | float | int) -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{amount:,.2f}"
    return "$" + (text[:-3] if text.endswith(".00") else text)


def lines_filter(value: Iterable[Any] | str) -> MarkdownSafe:
    """Join lines with hard breaks; each line escaped, empty lines dropped."""
    items = value.splitlines() if isinstance(value, str) else list(value)
    escaped = [md_escape(item) for item in items]
    return MarkdownSafe(HARD_BREAK.join(e for e in escaped if e))


def paragraphs_filter(value: Any) -> MarkdownSafe:
    """Free text with blank lines between paragraphs, kept as separate escaped paragraphs."""
    text = plain_text(value).replace("\r\n", "\n").replace("\r", "\n")
    blocks = [md_escape(block) for block in re.split(r"\n\s*\n", text)]
    return MarkdownSafe("\n\n".join(b for b in blocks if b))


def join_words(items: Iterable[Any], conjunction: str = "and") -> MarkdownSafe:
    """"a", "a and b", "a, b and c" — each item escaped."""
    escaped = [md_escape(i) for i in items if plain_text(i).strip()]
    if len(escaped) <= 1:
        return MarkdownSafe("".join(escaped))
    return MarkdownSafe(", ".join(escaped[:-1]) + f" {conjunction} " + escaped[-1])


def tidy(markdown: str) -> str:
    """Normalise template output: no trailing spaces, at most one blank line, final newline."""
    text = "\n".join(line.rstrip(" \t") for line in markdown.replace("\r\n", "\n").split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


def date_span(start: date | None, end: date | None) -> MarkdownSafe:
    """"from May 1, 2024 to June 30, 2025", "from May 1, 2024 to the date of the search"."""
    if start and end and start == end:
        text = f"on {long_date(start)}"
    elif start and end:
        text = f"from {long_date(start)} to {long_date(end)}"
    elif start:
        text = f"from {long_date(start)} to the date of the search"
    elif end:
        text = f"up to {long_date(end)}"
    else:
        text = ""
    return md_escape(text)
