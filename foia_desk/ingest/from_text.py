"""Plain text and Markdown: the writer's text as is, plus a headline and dateline if present.

Markdown is kept readable rather than rendered: images and links become their visible text
(``[the report](https://...)`` -> ``the report``) and YAML front matter becomes metadata;
headings, emphasis and lists are left alone.
"""

from __future__ import annotations

import datetime as dt
import re

from foia_desk.ingest.dates import find_dateline, parse_date
from foia_desk.ingest.model import clean_field

_MAX_HEADLINE_CHARS = 200
_MAX_HEADLINE_WORDS = 30

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_INLINE_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REFERENCE_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\[[^\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*(?:\n|$)", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def looks_like_headline(line: str) -> bool:
    """A short line that does not read as a sentence of body text."""
    line = line.strip()
    if not line or len(line) > _MAX_HEADLINE_CHARS or len(line.split()) > _MAX_HEADLINE_WORDS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if not any(char.isalpha() for char in line):
        return False
    return not line.lower().startswith(("by ", "http://", "https://", "www."))


def headline_of(text: str) -> str | None:
    """The first non-empty line when it looks like a headline and body text follows it."""
    lines = text.split("\n", 50)
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        heading = _ATX_HEADING.match(raw)
        if heading or (index + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[index + 1])):
            # The writer marked it as a heading: trust that, within reason.
            line = heading[1].strip() if heading else line
            return clean_field(line) if len(line) <= _MAX_HEADLINE_CHARS else None
        has_more = any(rest.strip() for rest in lines[index + 1:])
        return clean_field(line) if has_more and looks_like_headline(line) else None
    return None


def read_plain(text: str) -> tuple[str, str | None, dt.date | None]:
    """Plain text is kept exactly; returns ``(text, title, date)``."""
    return text, headline_of(text), find_dateline(text)


def read_markdown(text: str) -> tuple[str, str | None, dt.date | None]:
    """Markdown with link syntax reduced to link text; returns ``(text, title, date)``."""
    meta_title, meta_date = None, None
    front = _FRONT_MATTER.match(text)
    if front:
        meta_title, meta_date = _front_matter_fields(front[1])
        text = text[front.end():].lstrip("\n")
    text = _IMAGE.sub(r"\1", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _REFERENCE_DEFINITION.sub("", text)
    title = meta_title or headline_of(text)
    return text, title, meta_date or find_dateline(text)


def _front_matter_fields(block: str) -> tuple[str | None, dt.date | None]:
    title, date = None, None
    for line in block.split("\n"):
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("'\"")
        if key == "title" and value:
            title = clean_field(value)
        elif key in ("date", "published", "pubdate", "published_at") and value:
            date = parse_date(value)
    return title, date
