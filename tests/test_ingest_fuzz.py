"""Property tests: any bytes under any article extension give an Article or an IngestError.

Random bytes alone rarely get past the first check, so some examples start with a format's
signature, and others are real documents with a few bytes changed.
"""

from __future__ import annotations

import functools
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.ingest import Article, IngestError, ingest_bytes, ingest_text
from foia_desk.ingest.model import normalise_text

EXTENSIONS = (".txt", ".md", ".html", ".docx", ".pdf")
SIGNATURES = (b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe",
              b"<!DOCTYPE html><html><body><article><p>", b"---\ntitle: x\n---\n# ")
FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(data: bytes, filename: str) -> None:
    try:
        article = ingest_bytes(data, filename)
    except IngestError as error:
        assert str(error).strip()
        return
    assert isinstance(article, Article)
    assert article.text.strip()
    assert article.text == normalise_text(article.text), "text must already be canonical"


@functools.cache
def real_documents() -> dict[str, bytes]:
    import docx
    from reportlab.pdfgen import canvas

    document = docx.Document()
    document.add_heading("Inspectors join task force", level=1)
    document.add_paragraph("The Postal Inspection Service joined the effort.")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "ICE"
    docx_buffer = io.BytesIO()
    document.save(docx_buffer)
    pdf_buffer = io.BytesIO()
    pdf = canvas.Canvas(pdf_buffer, invariant=True, pageCompression=0)
    pdf.drawString(72, 760, "Inspectors join task force")
    pdf.showPage()
    pdf.save()
    return {".docx": docx_buffer.getvalue(), ".pdf": pdf_buffer.getvalue()}


@pytest.mark.parametrize("extension", EXTENSIONS)
@FUZZ
@given(prefix=st.sampled_from(SIGNATURES), body=st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash(extension, prefix, body):
    check(prefix + body, "fuzz" + extension)


@pytest.mark.parametrize("extension", [".docx", ".pdf"])
@FUZZ
@given(data=st.data())
def test_mutated_real_documents_never_crash(extension, data):
    original = bytearray(real_documents()[extension])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(original) - 1))
        original[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    check(bytes(original[:cut]), "mutated" + extension)


@FUZZ
@given(data=st.data())
def test_damaged_word_xml_inside_a_valid_zip_never_crashes(data):
    import zipfile

    original = real_documents()[".docx"]
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        xml = bytearray(archive.read("word/document.xml"))
        for _ in range(data.draw(st.integers(1, 6))):
            position = data.draw(st.integers(0, len(xml) - 1))
            if data.draw(st.booleans()):
                xml[position] = data.draw(st.integers(0, 255))
            else:
                del xml[position:position + data.draw(st.integers(1, 20))]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in archive.infolist():
                part = bytes(xml) if info.filename == "word/document.xml" else archive.read(info)
                target.writestr(info, part)
    check(out.getvalue(), "damaged.docx")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_pasted_text_is_canonical_or_refused(text):
    try:
        article = ingest_text(text)
    except IngestError:
        assert not text.strip() or not normalise_text(text).strip()
        return
    assert article.text == normalise_text(text)


WORDS = st.builds("{}{}".format, st.sampled_from(("mail", "cover", "ice", "usps", "café")),
                  st.integers(0, 99))
BLOCKS = ("div", "p", "section", "blockquote", "h2", "li", "td")
INLINES = ("span", "b", "em", "a", "strong")


def _markup_tree() -> st.SearchStrategy[tuple[str, list[str]]]:
    """(markup, words in reading order) for random nestings of ordinary tags."""
    leaf = WORDS.map(lambda word: (f" {word} ", [word]))

    def wrap(children: st.SearchStrategy) -> st.SearchStrategy:
        return st.tuples(st.sampled_from(BLOCKS + INLINES), st.lists(children, min_size=1,
                                                                    max_size=4)).map(
            lambda pair: (f"<{pair[0]}>" + "".join(c[0] for c in pair[1]) + f"</{pair[0]}>",
                          [w for c in pair[1] for w in c[1]]))

    return st.recursive(leaf, wrap, max_leaves=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markup_tree())
def test_every_word_of_the_article_survives_in_order(tree):
    markup, words = tree
    page = f"<!DOCTYPE html><html><body><article>{markup}</article></body></html>"
    article = ingest_bytes(page.encode(), "tree.html")
    assert article.text.split() == words
    assert "\n\n\n" not in article.text
