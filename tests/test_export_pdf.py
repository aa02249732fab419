"""PDF export: searchable Unicode text, embedded fonts, page numbers, metadata."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
from test_export_samples import HOSTILE_PIECES, LONG_WORD, hostile_letter, make_letter

from foia_desk.export import export_pdf


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def test_text_is_searchable_in_every_script(tmp_path: Path) -> None:
    letter = make_letter(author="김민준")
    text = pdf_text(export_pdf(letter, tmp_path / "l.pdf"))
    for words in ("Ana Nguyễn Văn Ánh", "Δημήτρης Παπαδόπουλος", "Иван Петров", "王小明",
                  "Re: Freedom of Information Act request — mail covers, 2024–2025",
                  "mail covers", "Fee category", "*not bold*", "<b>raw</b>", "&amp; and AT&T"):
        assert words in text
    assert "PRE-SEND NOTE" not in text


def test_metadata(tmp_path: Path) -> None:
    letter = make_letter()
    meta = pypdf.PdfReader(str(export_pdf(letter, tmp_path / "l.pdf"))).metadata
    assert meta.title == letter.subject
    assert meta.author == "Ana Nguyễn Văn Ánh"
    assert meta.subject == "FOIA request to U.S. Postal Inspection Service"
    assert meta.creator == "FOIA Desk"


def test_fonts_are_embedded_truetype_subsets(tmp_path: Path) -> None:
    reader = pypdf.PdfReader(str(export_pdf(make_letter(), tmp_path / "l.pdf")))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert descriptor is not None and "/FontFile2" in descriptor.get_object()
            names.add(str(font["/BaseFont"]))
    assert any(n.endswith("+DejaVuSans") for n in names)
    assert any(n.endswith("+DroidSansFallback") for n in names)


def test_letter_size_and_page_x_of_y(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} " + "word " * 80 for i in range(40))
    path = export_pdf(make_letter(paragraphs), tmp_path / "long.pdf")
    reader = pypdf.PdfReader(str(path))
    total = len(reader.pages)
    assert total >= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_hostile_text_is_printed_literally(tmp_path: Path) -> None:
    text = pdf_text(export_pdf(hostile_letter(), tmp_path / "h.pdf"))
    flat = re.sub(r"Page\d+of\d+", "", squash(text))  # footers interrupt the long word
    for piece in HOSTILE_PIECES:
        if piece == LONG_WORD:
            assert LONG_WORD in flat  # wrapped over many lines, but every character is there
        elif any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in piece):
            # drawn in visual order, read back in logical order; Arabic as presentation forms
            assert piece in unicodedata.normalize("NFKC", text), piece
        elif "\u0301" in piece:
            assert "é" in unicodedata.normalize("NFC", text)
        else:
            assert piece in text, piece
    assert "<b>subject</b> & <font name=x>" in text


def test_font_fallback_routes_each_script_to_a_font_that_has_it() -> None:
    from foia_desk.export.pdf_fonts import CJK, HANGUL, SANS, SANS_BOLD, load_fonts

    fonts = load_fonts()
    assert fonts.segments("Ana 王小明 김민준 Иван") == [
        (SANS, "Ana "), (CJK, "王小明 "), (HANGUL, "김민준 "), (SANS, "Иван")]
    assert fonts.segments("Bold 王", bold=True) == [(SANS_BOLD, "Bold "), (CJK, "王")]
    assert fonts.segments("") == []


def test_markup_escapes_everything() -> None:
    from foia_desk.export.blocks import Run
    from foia_desk.export.pdf import markup
    from foia_desk.export.pdf_fonts import load_fonts

    result = markup((Run('<font name="x">&amp;</font> <para>'),), load_fonts())
    assert "&lt;font name=\"x\"&gt;&amp;amp;&lt;/font&gt; &lt;para&gt;" in result


def test_right_to_left_phrases_are_put_in_visual_order() -> None:
    from foia_desk.export.pdf_bidi import visual_order

    assert visual_order("Ask שלום עולם now") == "Ask םלוע םולש now"
    assert visual_order("שלום 123 עולם") == "םלוע 123 םולש"  # numbers still read left to right
    assert visual_order("אבָג.") == "גבָא."  # the vowel mark stays on its letter
    assert visual_order("plain Latin (x)") == "plain Latin (x)"


def test_arabic_letters_take_their_joined_forms() -> None:
    from foia_desk.export.pdf_bidi import shape_arabic

    for name in ("محمد", "عبد الله", "سلام", "مرحبا بالعالم"):
        shaped = shape_arabic(name)
        assert shaped != name and unicodedata.normalize("NFKC", shaped) == name
    assert shape_arabic("محمد") == "\ufee3\ufea4\ufee4\ufeaa"  # initial, medial x2, final
    assert shape_arabic("لا") == "\ufefb"  # lam-alef ligature


def test_closing_stays_on_the_page_of_the_signature(tmp_path: Path) -> None:
    # In the sample, "Sincerely," falls on the last line of page 1 unless kept with the name.
    reader = pypdf.PdfReader(str(export_pdf(make_letter(), tmp_path / "l.pdf")))
    page = next(p.extract_text() for p in reader.pages if "Sincerely," in p.extract_text())
    assert "Sincerely,\nAna Nguyễn Văn Ánh" in page
