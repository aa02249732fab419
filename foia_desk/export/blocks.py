"""Letter Markdown -> a small document model that every exporter renders.

All exporters (DOCX, PDF, email, plain text) read the same blocks, so they cannot disagree
about what the letter says. Parsing uses markdown-it-py in CommonMark mode with raw HTML *and*
HTML entities disabled: ``<b>`` and ``&amp;`` in a letter stay literal text in every output.
Backslash escapes (``\\*``, ``\\<``, ``\\&`` ...) come out as the bare characters.

The opening of a letter is recognised by position so exporters can style it: paragraphs before
the date line are the requester's letterhead, paragraphs between the date and the subject line
("Re: ..." or "Subject: ...") are the addressee block. See docs/architecture.md (Export).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

# Characters XML 1.0 cannot carry (DOCX/PDF markup) or UTF-8 cannot encode (lone surrogates).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SUBJECT_LINE = re.compile(r"^\s*(re|subject)\s*:", re.IGNORECASE)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE_LINE = re.compile(
    rf"^\s*(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
    rf"({_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+({_MONTHS})\.?\s+\d{{4}})\s*$",
    re.IGNORECASE,
)
_HEADER_SEARCH_LIMIT = 8  # the subject line must come within the first few blocks
_HEADING_MAX_CHARS = 120
_CLOSING_SEARCH = 4  # the close is among the last few blocks (signature, enclosures follow)
_CLOSING_MAX_CHARS = 40


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting; ``line_break`` runs stand for a hard break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    line_break: bool = False


LINE_BREAK = Run("\n", line_break=True)


@dataclass(frozen=True)
class Heading:
    level: int
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``role`` is body, letterhead, date, address, caption, subject, closing
    or code."""

    runs: tuple[Run, ...]
    role: str = "body"


@dataclass(frozen=True)
class ListItem:
    """One list entry. ``list_id`` is unique per list so numbering restarts for each list.

    ``continued`` marks a further paragraph of the same entry (no number or bullet of its own).
    """

    ordered: bool
    number: int | None
    level: int
    runs: tuple[Run, ...]
    list_id: int
    start: int = 1
    continued: bool = False


@dataclass(frozen=True)
class Quote:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Rule:
    pass


Block = Heading | Paragraph | ListItem | Quote | Rule


def sanitize(text: str) -> str:
    """Drop characters no document format can hold; lone surrogates become U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _XML_INVALID.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def plain_text(runs: tuple[Run, ...] | list[Run]) -> str:
    """The runs' text with line breaks as ``\\n``."""
    return "".join(run.text for run in runs)


def block_text(block: Block) -> str:
    """Plain text of any block ('' for a rule)."""
    return "" if isinstance(block, Rule) else plain_text(block.runs)


@lru_cache(maxsize=1)
def markdown_parser() -> Any:
    """The shared markdown-it parser: CommonMark without raw HTML, entities or indented code.

    Indented code blocks are off because a letter never wants one: user text that happens to
    start with a tab or four spaces must stay an ordinary paragraph. Exposed so the preview
    can render with exactly the same rules as the exporters.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable(["entity", "code"])


def parse_markdown(markdown: str) -> tuple[Block, ...]:
    """Parse letter Markdown into blocks, with the letter opening's roles assigned."""
    return _parse_cached(sanitize(markdown))


@lru_cache(maxsize=64)
def _parse_cached(markdown: str) -> tuple[Block, ...]:
    tokens = markdown_parser().parse(markdown)
    blocks = _BlockBuilder().build(tokens)
    return tuple(assign_roles(blocks))


def _inline_runs(token: Any) -> tuple[Run, ...]:
    """Convert an inline token's children to merged runs."""
    runs: list[Run] = []
    bold = italic = 0
    link_stack: list[tuple[str, int]] = []

    def add(text: str, *, code: bool = False) -> None:
        if text:
            runs.append(Run(text, bold=bold > 0, italic=italic > 0, code=code))

    for child in token.children or ():
        kind = child.type
        if kind in ("text", "text_special"):
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            runs.append(LINE_BREAK)
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "image":
            add(child.content)
        elif kind == "link_open":
            link_stack.append((str(child.attrGet("href") or ""), len(runs)))
        elif kind == "link_close" and link_stack:
            href, first = link_stack.pop()
            shown = plain_text(runs[first:])
            if href and href not in (shown, f"mailto:{shown}"):
                add(f" ({href})")
        elif child.content:
            add(child.content)
    return _merge(runs)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        prev = merged[-1] if merged else None
        if (prev is not None and not prev.line_break and not run.line_break
                and (prev.bold, prev.italic, prev.code) == (run.bold, run.italic, run.code)):
            merged[-1] = replace(prev, text=prev.text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def _code_runs(content: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    for index, line in enumerate(content.rstrip("\n").split("\n")):
        if index:
            runs.append(LINE_BREAK)
        if line:
            runs.append(Run(line, code=True))
    return tuple(runs)


class _BlockBuilder:
    """Walks markdown-it's flat token stream, tracking list and quote nesting."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lists: list[dict[str, Any]] = []  # open lists, innermost last
        self.items: list[dict[str, Any]] = []  # open list items, innermost last
        self.quote_depth = 0
        self.next_list_id = 0

    def build(self, tokens: list[Any]) -> list[Block]:
        for token in tokens:
            handler = getattr(self, "_on_" + token.type, None)
            if handler is not None:
                handler(token)
        return self.blocks

    def _on_bullet_list_open(self, token: Any) -> None:
        self._open_list(ordered=False, start=1)

    def _on_ordered_list_open(self, token: Any) -> None:
        try:
            start = int(token.attrGet("start") or 1)
        except ValueError:
            start = 1
        self._open_list(ordered=True, start=start)

    def _open_list(self, *, ordered: bool, start: int) -> None:
        if self.items and not self.items[-1]["emitted"]:
            self._emit_item(())  # "- - x": the outer entry still gets its own bullet
        self.next_list_id += 1
        self.lists.append({"ordered": ordered, "id": self.next_list_id, "start": start,
                           "next": start})

    def _on_bullet_list_close(self, token: Any) -> None:
        self.lists.pop()

    _on_ordered_list_close = _on_bullet_list_close

    def _on_list_item_open(self, token: Any) -> None:
        current = self.lists[-1]
        number = None
        if current["ordered"]:
            try:
                number = int(token.info)
            except (TypeError, ValueError):
                number = current["next"]
            current["next"] = number + 1
        self.items.append({"number": number, "emitted": False})

    def _on_list_item_close(self, token: Any) -> None:
        if not self.items[-1]["emitted"]:
            self._emit_item(())
        self.items.pop()

    def _on_blockquote_open(self, token: Any) -> None:
        self.quote_depth += 1

    def _on_blockquote_close(self, token: Any) -> None:
        self.quote_depth -= 1

    def _on_hr(self, token: Any) -> None:
        self.blocks.append(Rule())

    def _on_inline(self, token: Any) -> None:
        self._add_text_block(_inline_runs(token), heading_tag=self._pending_heading)
        self._pending_heading = None

    _pending_heading: str | None = None

    def _on_heading_open(self, token: Any) -> None:
        self._pending_heading = token.tag

    def _on_code_block(self, token: Any) -> None:
        self._add_text_block(_code_runs(token.content), code=True)

    _on_fence = _on_code_block

    def _add_text_block(self, runs: tuple[Run, ...], *, heading_tag: str | None = None,
                        code: bool = False) -> None:
        if self.items:
            self._emit_item(runs)
        elif heading_tag is not None:
            self.blocks.append(Heading(int(heading_tag[1:]), runs))
        elif self.quote_depth:
            self.blocks.append(Quote(runs))
        else:
            self.blocks.append(Paragraph(runs, role="code" if code else "body"))

    def _emit_item(self, runs: tuple[Run, ...]) -> None:
        item = self.items[-1]
        current = self.lists[-1]
        self.blocks.append(ListItem(
            ordered=current["ordered"],
            number=None if item["emitted"] else item["number"],
            level=len(self.lists) - 1,
            runs=runs,
            list_id=current["id"],
            start=current["start"],
            continued=item["emitted"],
        ))
        item["emitted"] = True


def assign_roles(blocks: list[Block]) -> list[Block]:
    """Mark the letter's opening and turn bold-only body paragraphs into headings.

    The opening (letterhead, date, addressee, caption, subject) is only recognised when a
    "Re:"/"Subject:" paragraph appears within the first few blocks and everything before it
    is plain paragraphs. After the subject line, a short paragraph that is bold throughout is
    a section heading (the templates' convention), so DOCX and PDF give it a heading style.
    """
    subject_at = None
    for index, block in enumerate(blocks[:_HEADER_SEARCH_LIMIT]):
        if not isinstance(block, Paragraph) or block.role != "body":
            break
        if _SUBJECT_LINE.match(block_text(block)):
            subject_at = index
            break
    if subject_at is None:
        return blocks
    header = blocks[:subject_at]
    date_at = next((i for i, block in enumerate(header)
                    if "\n" not in block_text(block) and _DATE_LINE.match(block_text(block))),
                   None)
    result: list[Block] = []
    for index, block in enumerate(header):
        if index > 0 and _is_bold_line(block):
            role = "caption"
        elif date_at is not None:
            role = "letterhead" if index < date_at else "date" if index == date_at else "address"
        else:
            role = "letterhead" if index == 0 and len(header) > 1 else "address"
        result.append(replace(block, role=role))
    result.append(replace(blocks[subject_at], role="subject"))
    for block in blocks[subject_at + 1:]:
        if isinstance(block, Paragraph) and block.role == "body" and _is_bold_line(block):
            block = Heading(2, block.runs)
        result.append(block)
    _mark_closing(result)
    return result


def _mark_closing(blocks: list[Block]) -> None:
    """Mark the complimentary close ("Sincerely,") so it stays on a page with the signature."""
    for index in range(len(blocks) - 1, max(len(blocks) - 1 - _CLOSING_SEARCH, -1), -1):
        block = blocks[index]
        text = block_text(block).strip()
        if (isinstance(block, Paragraph) and block.role == "body" and text.endswith(",")
                and "\n" not in text and len(text) <= _CLOSING_MAX_CHARS):
            blocks[index] = replace(block, role="closing")
            return


def _is_bold_line(block: Block) -> bool:
    """A short one-line paragraph that is bold from start to end (a caption or heading)."""
    if not isinstance(block, Paragraph) or not block.runs:
        return False
    text = block_text(block)
    return (0 < len(text.strip()) <= _HEADING_MAX_CHARS and "\n" not in text
            and all(run.bold for run in block.runs if run.text.strip()))
