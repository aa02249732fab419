"""Markdown -> document model: the text every exporter prints."""

from __future__ import annotations

from foia_desk.export.blocks import (
    Heading,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    block_text,
    parse_markdown,
    sanitize,
)


def texts(markdown: str) -> list[str]:
    return [block_text(block) for block in parse_markdown(markdown)]


def test_backslash_escapes_come_out_as_literal_characters() -> None:
    source = r"\*not bold\* \_x\_ \# \[link\](y) \<b\> \& \` \\"
    assert texts(source) == ["*not bold* _x_ # [link](y) <b> & ` \\"]
    paragraph = parse_markdown(source)[0]
    assert not any(run.bold or run.italic or run.code for run in paragraph.runs)


def test_raw_html_and_entities_stay_literal() -> None:
    assert texts("<b>bold?</b> &amp; &lt; &#65;") == ["<b>bold?</b> &amp; &lt; &#65;"]
    assert texts("<div>\nblock\n</div>") == ["<div> block </div>"]


def test_emphasis_and_hard_breaks() -> None:
    (paragraph,) = parse_markdown("**Bold** and *italic*\\\nnext line  \nthird")
    assert [(r.text, r.bold, r.italic) for r in paragraph.runs if not r.line_break] == [
        ("Bold", True, False), (" and ", False, False), ("italic", False, True),
        ("next line", False, False), ("third", False, False)]
    assert block_text(paragraph) == "Bold and italic\nnext line\nthird"


def test_soft_breaks_become_spaces() -> None:
    assert texts("one\ntwo") == ["one two"]


def test_lists_number_nest_and_restart() -> None:
    blocks = parse_markdown(
        "1. a\n2. b\n   - b1\n   - b2\n3. c\n\ntext\n\n4. d\n5. e\n\n- x\n")
    items = [b for b in blocks if isinstance(b, ListItem)]
    assert [(i.ordered, i.number, i.level, block_text(i)) for i in items] == [
        (True, 1, 0, "a"), (True, 2, 0, "b"), (False, None, 1, "b1"), (False, None, 1, "b2"),
        (True, 3, 0, "c"), (True, 4, 0, "d"), (True, 5, 0, "e"), (False, None, 0, "x")]
    ids = [i.list_id for i in items]
    assert ids[0] == ids[1] == ids[4] and ids[2] == ids[3] and len(set(ids)) == 4
    assert items[5].start == 4


def test_second_paragraph_of_a_list_item_is_a_continuation() -> None:
    blocks = parse_markdown("1. first\n\n   more about first\n2. second\n")
    assert [(b.number, b.continued, block_text(b)) for b in blocks] == [
        (1, False, "first"), (None, True, "more about first"), (2, False, "second")]


def test_headings_quotes_rules_and_code() -> None:
    blocks = parse_markdown("## Fees\n\n> quoted *text*\n\n---\n\n```\na  b\nc\n```\n")
    assert isinstance(blocks[0], Heading) and blocks[0].level == 2
    assert isinstance(blocks[1], Quote) and block_text(blocks[1]) == "quoted text"
    assert isinstance(blocks[2], Rule)
    assert isinstance(blocks[3], Paragraph) and blocks[3].role == "code"
    assert block_text(blocks[3]) == "a  b\nc"


def test_indented_text_is_a_paragraph_not_code() -> None:
    blocks = parse_markdown("Intro\n\n\t\\: indented by a tab\n\n        eight spaces")
    assert [(b.role, block_text(b)) for b in blocks] == [
        ("body", "Intro"), ("body", ": indented by a tab"), ("body", "eight spaces")]


def test_links_keep_their_address() -> None:
    assert texts("[the portal](https://foia.example.gov) and <https://x.gov>") == [
        "the portal (https://foia.example.gov) and https://x.gov"]


def test_letter_opening_roles() -> None:
    blocks = parse_markdown(
        "Ana\\\n1 Main St\n\nJune 3, 2025\n\nFOIA Office\\\nAgency\n\n**Re: Records**\n\nBody.")
    assert [getattr(b, "role", "") for b in blocks] == [
        "letterhead", "date", "address", "subject", "body"]


def test_caption_and_bold_only_paragraphs_become_headings() -> None:
    blocks = parse_markdown(
        "Ana\\\nStreet\n\nMay 2, 2025\n\nOffice\\\nAgency\n\n**FOIA Appeal**\n\n"
        "**Re: Appeal**\n\n**Relief requested**\n\n**Note:** not a heading\n\n"
        "**Bold but\\\ntwo lines**")
    assert [type(b).__name__ + ":" + getattr(b, "role", "") for b in blocks] == [
        "Paragraph:letterhead", "Paragraph:date", "Paragraph:address", "Paragraph:caption",
        "Paragraph:subject", "Heading:", "Paragraph:body", "Paragraph:body"]
    assert blocks[5].level == 2 and block_text(blocks[5]) == "Relief requested"


def test_complimentary_close_is_marked() -> None:
    blocks = parse_markdown("Ana\n\nMay 2, 2025\n\nOffice\n\n**Re: x**\n\nBody, with comma,\n\n"
                            "Sincerely,\n\nAna\\\nNews\n\nEnclosures: copy.")
    assert [b.role for b in blocks][-4:] == ["body", "closing", "body", "body"]


def test_opening_without_date_and_without_subject() -> None:
    blocks = parse_markdown("Ana\\\nStreet\n\nFOIA Office\\\nAgency\n\nSubject: Records\n\nBody")
    assert [b.role for b in blocks] == ["letterhead", "address", "subject", "body"]
    plain = parse_markdown("Just a note.\n\nAnother paragraph.")
    assert [b.role for b in plain] == ["body", "body"]


def test_sanitize_removes_what_no_format_can_hold() -> None:
    assert sanitize("a\x00b\x0bc\r\nd\ud800e") == "abc\nd\ufffde"
    assert texts("x\x01y") == ["xy"]
