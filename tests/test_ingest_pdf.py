"""PDF ingest with files built by reportlab and pypdf: text layer, metadata, locked, scanned."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from foia_desk.ingest import IngestError, ingest_bytes, ingest_path
from foia_desk.ingest.from_pdf import dehyphenate


def build_pdf(pages: list[list[str]], *, title: str | None = None,
              image_pages: tuple[int, ...] = (), invariant: bool = False) -> bytes:
    """A PDF whose page i holds the given lines, drawn with an embedded TrueType font."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_file = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font_file)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=invariant)  # invariant: created 2000-01-01
    if title is not None:
        pdf.setTitle(title)
    for number, lines in enumerate(pages):
        if number in image_pages:
            pdf.rect(100, 100, 300, 300, fill=1)
        pdf.setFont("Vera", 11)
        for index, line in enumerate(lines):
            pdf.drawString(72, 760 - 14 * index, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypt(data: bytes, user_password: str, owner_password: str | None = None,
            algorithm: str | None = None) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


STORY = [
    ["Postal Inspectors Join Task Force", "Published May 2, 2025", "By Jos\u00e9 N\u00fa\u00f1ez",
     "The Postal Inspection Service expanded its surveil-", "lance of mail."],
    ["The \u201cmail cover\u201d program \u2014 page two."],
]


def test_text_layer_pages_joined_with_blank_line_and_metadata(tmp_path):
    path = tmp_path / "informe-se\u00f1al.pdf"
    path.write_bytes(build_pdf(STORY, title="Inspectors join task force"))
    article = ingest_path(path)
    assert article.kind == "pdf"
    assert article.text == (
        "Postal Inspectors Join Task Force\nPublished May 2, 2025\nBy Jos\u00e9 N\u00fa\u00f1ez\n"
        "The Postal Inspection Service expanded its surveillance of mail.\n\n"
        "The \u201cmail cover\u201d program \u2014 page two."
    )
    assert article.title == "Inspectors join task force"
    assert article.date == dt.date(2025, 5, 2)
    assert article.source_path == str(path)
    assert article.warnings == []


def test_placeholder_title_falls_back_to_headline_and_created_date_is_flagged():
    data = build_pdf([["Headline Without Date", "Body sentence here."]], invariant=True)
    article = ingest_bytes(data, "a.pdf")  # reportlab's default title is "untitled"
    assert article.title == "Headline Without Date"
    assert article.date == dt.date(2000, 1, 1)
    assert any("created" in warning for warning in article.warnings)


def test_image_only_pages_are_skipped_with_a_warning():
    article = ingest_bytes(build_pdf([["Text page one."], [], ["Text page three."]],
                                     image_pages=(1,)), "mixed.pdf")
    assert article.text == "Text page one.\n\nText page three."
    assert any("Page(s) 2" in warning for warning in article.warnings)


def test_image_only_pdf_needs_ocr():
    with pytest.raises(IngestError, match="no text layer") as info:
        ingest_bytes(build_pdf([[]], image_pages=(0,)), "scan.pdf")
    assert "OCR" in (info.value.hint or "")


def test_password_protected_pdf_is_refused():
    with pytest.raises(IngestError, match="password-protected") as info:
        ingest_bytes(encrypt(build_pdf(STORY), "secret"), "locked.pdf")
    assert "unprotected copy" in (info.value.hint or "")


def test_pdf_with_only_an_owner_password_opens():
    article = ingest_bytes(encrypt(build_pdf(STORY), "", "owner-secret"), "perm.pdf")
    assert article.text.startswith("Postal Inspectors Join Task Force\n")


def test_aes_encrypted_pdf_with_only_an_owner_password_opens():
    # "No copying" releases are usually AES-256 with an empty user password.
    locked = encrypt(build_pdf(STORY), "", "owner-secret", algorithm="AES-256")
    article = ingest_bytes(locked, "release.pdf")
    assert "Postal Inspection Service" in article.text


def test_aes_encrypted_pdf_with_a_user_password_is_refused():
    locked = encrypt(build_pdf(STORY), "secret", algorithm="AES-256")
    with pytest.raises(IngestError, match="password-protected"):
        ingest_bytes(locked, "locked.pdf")


def test_pdf_encryption_pypdf_cannot_handle_is_explained(monkeypatch):
    # pypdf needs an optional crypto package for AES; without it, it raises DependencyError.
    import pypdf
    from pypdf.errors import DependencyError

    def needs_crypto(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf, "PdfReader", needs_crypto)
    with pytest.raises(IngestError, match="encrypted in a way FOIA Desk cannot unlock") as info:
        ingest_bytes(build_pdf(STORY), "aes.pdf")
    assert "unprotected copy" in (info.value.hint or "")


@pytest.mark.parametrize("make_bad", [
    lambda good: good[: len(good) // 3],
    lambda good: b"%PDF-1.7\n" + b"\x00garbage\xff" * 50,
    lambda good: b"Just some words in a file called .pdf",
], ids=["truncated", "garbage-after-header", "not-a-pdf"])
def test_damaged_pdf_is_refused_clearly(make_bad):
    with pytest.raises(IngestError) as info:
        ingest_bytes(make_bad(build_pdf(STORY)), "broken.pdf")
    assert "broken.pdf" in str(info.value)
    assert info.value.hint


def test_pdf_renamed_txt_is_read_as_pdf():
    article = ingest_bytes(build_pdf(STORY), "story.txt")
    assert article.kind == "pdf"
    assert "Postal Inspection Service" in article.text


def test_recoverable_damage_is_read_with_a_warning():
    # A wrong cross-reference offset: pypdf recovers by scanning and logs warnings.
    data = re.sub(rb"startxref\s+\d+", b"startxref\n12", build_pdf(STORY))
    article = ingest_bytes(data, "sloppy.pdf")
    assert "Postal Inspection Service" in article.text
    assert any("structural errors" in warning for warning in article.warnings)


@pytest.mark.parametrize("raw, expected", [
    ("surveil-\nlance", "surveillance"),
    ("a self-\nreported figure", "a self-\nreported figure"),
    ("the e-mail and e-\nmail", "the e-mail and e-\nmail"),
    ("Anti-\nImmigrant", "Anti-\nImmigrant"),
    ("2024-\n2025", "2024-\n2025"),
    ("infor-\nmation, more", "information, more"),
    ("Immi\u00ad\ngration", "Immigration"),
])
def test_dehyphenation_only_where_safe(raw, expected):
    assert dehyphenate(raw) == expected
