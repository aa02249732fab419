"""Plain-text and Markdown export, and the text for pasting into an agency's web portal.

Plain text carries no Markdown syntax: emphasis markers and backslash escapes are gone, lists
are numbered ("1.") or dashed, quotes are indented. Email bodies use the same rendering.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from foia_desk import fileio
from foia_desk.export.blocks import (
    Block,
    Heading,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    parse_markdown,
    plain_text,
    sanitize,
)
from foia_desk.letter import Letter

WRAP_WIDTH = 72
LIST_INDENT = 3  # columns per nesting level (lines up with "1. ")
QUOTE_INDENT = 4


def render_text(markdown: str, *, width: int | None = WRAP_WIDTH) -> str:
    """Plain text of letter Markdown; ``width=None`` keeps each paragraph on one line."""
    blocks = parse_markdown(markdown)
    chunks: list[str] = []
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index else None
        text = _render_block(block, width)
        if isinstance(block, ListItem) and isinstance(previous, ListItem):
            chunks.append("\n" + text)  # list items follow each other without a blank line
        elif chunks:
            chunks.append("\n\n" + text)
        else:
            chunks.append(text)
    return "".join(chunks).rstrip() + "\n"


def export_text(letter: Letter, path: str | os.PathLike[str], *,
                overwrite: bool = False) -> Path:
    """Write the letter as plain UTF-8 text wrapped at 72 columns."""
    return fileio.write_text(path, render_text(letter.markdown), overwrite=overwrite)


def export_markdown(letter: Letter, path: str | os.PathLike[str], *,
                    overwrite: bool = False) -> Path:
    """Write the letter's Markdown source unchanged (apart from characters no file can hold)."""
    source = sanitize(letter.markdown)
    if not source.endswith("\n"):
        source += "\n"
    return fileio.write_text(path, source, overwrite=overwrite)


def portal_text(letter: Letter) -> tuple[str, str | None]:
    """Text for an agency web portal's request box, and a warning if it is too long.

    Paragraphs are not hard-wrapped, since a portal's text box wraps by itself. The warning
    names the portal's limit so the requester can shorten the letter before pasting it.
    """
    text = render_text(letter.markdown, width=None).rstrip("\n")
    limit = letter.portal_char_limit
    if limit is not None and len(text) > limit:
        excess = len(text) - limit
        return text, (
            f"The letter is {len(text):,} characters long, but the "
            f"{letter.agency_name or 'agency'} portal accepts at most {limit:,}. "
            f"Shorten it by {excess:,} characters, or paste a short summary and attach the "
            f"full letter as a PDF."
        )
    return text, None


def _render_block(block: Block, width: int | None) -> str:
    if isinstance(block, Rule):
        return "~ ~ ~"
    if isinstance(block, ListItem):
        indent = " " * (LIST_INDENT * block.level)
        if block.continued:
            marker = ""
        elif block.ordered:
            marker = f"{block.number}. "
        else:
            marker = "- "
        hanging = indent + " " * (len(marker) or 3)
        first = hanging if block.continued else indent + marker
        return _wrap(plain_text(block.runs), width, first, hanging)
    if isinstance(block, Quote):
        pad = " " * QUOTE_INDENT
        return _wrap(plain_text(block.runs), width, pad, pad)
    assert isinstance(block, Heading | Paragraph)
    return _wrap(plain_text(block.runs), width, "", "")


def _wrap(text: str, width: int | None, first_indent: str, indent: str) -> str:
    """Wrap each hard line separately; long words and URLs are never broken."""
    out: list[str] = []
    for number, line in enumerate(text.split("\n")):
        lead = first_indent if number == 0 else indent
        if width is None or not line.strip():
            out.append(lead + line if line.strip() else lead.rstrip())
            continue
        out.extend(textwrap.wrap(line, width=width, initial_indent=lead,
                                 subsequent_indent=indent, break_long_words=False,
                                 break_on_hyphens=False) or [lead.rstrip()])
    return "\n".join(out)
