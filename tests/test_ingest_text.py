"""Plain text and Markdown ingest: encodings, normalisation, headline and dateline."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata

import pytest

from foia_desk.ingest import IngestError, ingest_bytes, ingest_path, ingest_text

ARTICLE = (
    "Postal Inspectors Join Immigration Task Force\n"
    "\n"
    "Published May 2, 2025\n"
    "\n"
    "The agency\u2019s \u201cmail cover\u201d program \u2014 a quiet tool \u2013 grew, "
    "said Se\u00f1or Pe\u00f1a of the caf\u00e9 r\u00e9sum\u00e9 project.\n"
    "\n"
    "A second paragraph follows.\n"
)


def test_seed_article_is_unchanged_apart_from_normalisation(seed_text, tmp_path):
    from tests.conftest import SEED_ARTICLE

    article = ingest_path(SEED_ARTICLE)
    expected = unicodedata.normalize("NFC", seed_text.replace("\r\n", "\n").lstrip("\ufeff"))
    assert article.text == expected
    assert article.kind == "txt"
    assert article.source_path == str(SEED_ARTICLE)
    assert article.title == seed_text.split("\n", 1)[0].strip()
    assert article.date is None  # "1 week ago" is relative: no date is better than a guess
    assert article.warnings == []


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("cp1252", b""),
])
def test_common_encodings_give_the_same_text(encoding, prefix):
    article = ingest_bytes(prefix + ARTICLE.encode(encoding), "story.txt")
    assert article.text == ARTICLE
    assert article.title == "Postal Inspectors Join Immigration Task Force"
    assert article.date == dt.date(2025, 5, 2)


def test_latin1_without_curly_quotes_reads_correctly():
    text = "Caf\u00e9 owner Jos\u00e9 N\u00fa\u00f1ez met the inspectors on Monday.\n"
    article = ingest_bytes(text.encode("latin-1"), "note.txt")
    assert article.text == text
    assert any("not UTF-8" in warning for warning in article.warnings)


def test_cp1252_guess_is_reported_but_utf8_is_silent():
    assert ingest_bytes(ARTICLE.encode("utf-8"), "a.txt").warnings == []
    warnings = ingest_bytes(ARTICLE.encode("cp1252"), "a.txt").warnings
    assert len(warnings) == 1 and "Windows-1252" in warnings[0]


def test_cyrillic_single_byte_text_is_not_read_as_western():
    text = "Почтовая служба и иммиграционные службы работают вместе над новым делом.\n" * 5
    article = ingest_bytes(text.encode("cp1251"), "ru.txt")
    assert article.text == text


def test_newlines_are_normalised_and_nfc_applied_but_words_kept():
    raw = "Title line\r\nCafe\u0301 text\rsecond\n\n  indented   spacing kept  \n"
    article = ingest_text(raw)
    assert article.text == "Title line\nCaf\u00e9 text\nsecond\n\n  indented   spacing kept  \n"
    assert article.kind == "pasted"


def test_pasted_text_title_override_and_date():
    article = ingest_text("WASHINGTON, March 3, 2025 /PRNewswire/ -- The agency said.",
                          title="  My   title ")
    assert article.title == "My title"
    assert article.date == dt.date(2025, 3, 3)
    assert article.source_path is None


def test_body_sentence_is_not_taken_as_title():
    assert ingest_text("The agency declined to comment on the program.\nMore.").title is None
    assert ingest_text("Only one line of text").title is None


@pytest.mark.parametrize("header, expected", [
    ("Published: Tuesday, April 29, 2025 10:14 AM ET", dt.date(2025, 4, 29)),
    ("Posted on 2025-04-29", dt.date(2025, 4, 29)),
    ("April 29, 2025", dt.date(2025, 4, 29)),
    ("29 April 2025", dt.date(2025, 4, 29)),
    ("By Jane Roe | Sept. 3, 2024", dt.date(2024, 9, 3)),
    ("Updated 04/30/2025", dt.date(2025, 4, 30)),
    ("1 week ago", None),
    ("WASHINGTON, May 2, 2025 /PRNewswire/ -- The agency said.", dt.date(2025, 5, 2)),
    ("WASHINGTON (AP) \u2014 Officials said on May 2, 2025 that the raid went ahead.", None),
    ("The raid on May 2, 2025 drew protests.", None),
    ("February 30, 2025", None),
])
def test_dateline_formats(header, expected):
    text = f"Postal Inspectors Join Task Force\n{header}\n\nBody text of the article follows.\n"
    assert ingest_text(text).date == expected


def test_published_beats_updated_and_body_dates_are_ignored():
    text = ("Headline Here\nUpdated May 9, 2025\nPublished May 2, 2025\n\n"
            + "Filler paragraph.\n" * 20 + "On June 1, 2025 something happened.\n")
    assert ingest_text(text).date == dt.date(2025, 5, 2)
    late = "Headline Here\n\n" + "Filler paragraph.\n" * 20 + "June 1, 2025\n"
    assert ingest_text(late).date is None


def test_markdown_links_images_and_front_matter():
    source = (
        "---\ntitle: \"Inspectors and ICE\"\ndate: 2025-05-02\n---\n"
        "# Inspectors and ICE\n\n"
        "According to [the Washington Post](https://example.com/a_(b)), the "
        "![chart of arrests](img/chart.png) task force grew. See [the memo][memo].\n\n"
        "[memo]: https://example.com/memo\n"
        "**Bold** and _emphasis_ stay.\n"
    )
    article = ingest_bytes(source.encode(), "story.md")
    assert article.kind == "md"
    assert article.title == "Inspectors and ICE"
    assert article.date == dt.date(2025, 5, 2)
    assert "According to the Washington Post, the chart of arrests task force grew." in article.text
    assert "See the memo." in article.text
    assert "https://" not in article.text
    assert "**Bold** and _emphasis_ stay." in article.text
    assert article.text.startswith("# Inspectors and ICE")


def test_markdown_heading_title_without_front_matter():
    article = ingest_bytes(b"## Task force grows.\n\nBody.\n", "x.markdown")
    assert article.title == "Task force grows."
    setext = ingest_bytes(b"The Title\n=========\n\nBody text.\n", "x.md")
    assert setext.title == "The Title"


def test_html_saved_as_txt_is_read_as_html():
    page = (b"<!DOCTYPE html><html><head><title>Inspectors</title></head><body><nav>Home</nav>"
            b"<p>The Postal Inspection Service joined the task force.</p></body></html>")
    article = ingest_bytes(page, "page.txt")
    assert article.kind == "html"
    assert article.warnings == ["This file is named .txt but is really a web page; it was read "
                                "as one."]
    assert "Home" not in article.text
    assert "The Postal Inspection Service joined the task force." in article.text


def test_text_mentioning_the_pdf_signature_is_still_text():
    text = "How PDFs work\n\nEvery PDF file begins with %PDF-1.7 or similar.\n"
    assert ingest_bytes(text.encode(), "notes.txt").text == text


def test_unknown_extension_is_read_by_content():
    assert ingest_bytes(ARTICLE.encode(), "story.article").kind == "txt"
    assert ingest_bytes(ARTICLE.encode(), None).text == ARTICLE


def test_pasted_empty_text_is_refused():
    with pytest.raises(IngestError, match="no text"):
        ingest_text(" \n\t ")
