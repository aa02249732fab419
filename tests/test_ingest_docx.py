"""Word .docx ingest with documents built by python-docx, and damaged .docx files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from foia_desk.ingest import IngestError, ingest_bytes, ingest_path


def build_docx(*, title: str | None = None, created: dt.datetime | None = None,
               dateline: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = created
    document.add_heading("Inspectors Join the Task Force", level=1)
    if dateline:
        document.add_paragraph(dateline)
    document.add_paragraph("The U.S. Postal Inspection Service joined the effort.")
    document.add_paragraph("")
    document.add_heading("The records", level=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).text = "Records"
    table.cell(1, 0).text = "Immigration and Customs Enforcement"
    table.cell(1, 1).text = "Mail covers, 2024\u20132025"
    document.add_paragraph("Closing paragraph by Jos\u00e9 N\u00fa\u00f1ez.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_headings_and_tables_in_order(tmp_path):
    path = tmp_path / "story.docx"
    path.write_bytes(build_docx(title="Core Title",
                                created=dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)))
    article = ingest_path(path)
    assert article.kind == "docx"
    assert article.text == (
        "Inspectors Join the Task Force\n\n"
        "The U.S. Postal Inspection Service joined the effort.\n\n"
        "The records\n\n"
        "Agency\nRecords\n\n"
        "Immigration and Customs Enforcement\nMail covers, 2024\u20132025\n\n"
        "Closing paragraph by Jos\u00e9 N\u00fa\u00f1ez."
    )
    assert article.title == "Core Title"
    assert article.date == dt.date(2025, 3, 4)
    assert any("created" in warning for warning in article.warnings)


def test_heading_gives_title_and_dateline_beats_created_date():
    data = build_docx(dateline="Published June 9, 2025",
                      created=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    article = ingest_bytes(data, "x.docx")
    assert article.title == "Inspectors Join the Task Force"
    assert article.date == dt.date(2025, 6, 9)
    assert article.warnings == []


def test_python_docx_template_date_is_not_an_article_date():
    article = ingest_bytes(build_docx(), "x.docx")
    assert article.date is None


def test_merged_cells_are_not_repeated():
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Wide cell"
    table.cell(0, 2).text = "Narrow"
    buffer = io.BytesIO()
    document.save(buffer)
    article = ingest_bytes(buffer.getvalue(), "t.docx")
    assert article.text.count("Wide cell") == 1


def test_docx_renamed_txt_is_still_read_as_docx():
    article = ingest_bytes(build_docx(), "story.txt")
    assert article.kind == "docx"
    assert "Postal Inspection Service" in article.text
    assert any("named .txt" in warning for warning in article.warnings)


def _rezip(data: bytes, drop: str | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename == drop:
                continue
            target.writestr(info, (replace or {}).get(info.filename, source.read(info)))
    return out.getvalue()


@pytest.mark.parametrize("make_bad", [
    lambda good: b"This is not a zip file at all, just words.",
    lambda good: good[: len(good) // 2],
    lambda good: _rezip(good, drop="word/document.xml"),
    lambda good: _rezip(good, replace={"word/document.xml": b"<w:document><unclosed"}),
    lambda good: _rezip(good, replace={"[Content_Types].xml": b"garbage"}),
    lambda good: _rezip(good, replace={"word/document.xml": b"<notword/>"}),
    lambda good: b"\x00\x01\x02binary\xff" * 10,
], ids=["text", "truncated", "no-document-xml", "corrupt-xml", "bad-content-types", "wrong-root",
     "binary"])
def test_damaged_docx_is_refused_clearly(make_bad):
    with pytest.raises(IngestError) as info:
        ingest_bytes(make_bad(build_docx()), "broken.docx")
    message = str(info.value)
    assert message.startswith("This .docx file (broken.docx) is damaged or is not a Word document")
    assert "Save As" in (info.value.hint or "")


def test_other_zip_formats_are_named():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(IngestError, match="Excel workbook"):
        ingest_bytes(buffer.getvalue(), "sheet.xlsx")
    with pytest.raises(IngestError, match=r"is damaged or is not a Word document.*Excel"):
        ingest_bytes(buffer.getvalue(), "sheet.docx")


def test_zip_bomb_is_refused_before_unpacking(monkeypatch):
    from foia_desk.ingest import from_docx

    monkeypatch.setattr(from_docx, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(IngestError, match="unpack to more than"):
        ingest_bytes(build_docx(), "big.docx")


def test_hyperlinks_content_controls_and_nested_tables_are_read():
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    linked = document.add_paragraph("Reported by ")
    hyperlink = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "the Washington Post"
    run.append(text)
    hyperlink.append(run)
    linked._p.append(hyperlink)
    controlled = document.add_paragraph("Inside a content control.")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    controlled._p.addprevious(sdt)
    content.append(controlled._p)
    sdt.append(content)
    outer = document.add_table(rows=1, cols=1)
    outer.cell(0, 0).paragraphs[0].text = "Outer cell"
    outer.cell(0, 0).add_table(rows=1, cols=2).cell(0, 1).text = "Nested cell"
    buffer = io.BytesIO()
    document.save(buffer)
    article = ingest_bytes(buffer.getvalue(), "rich.docx")
    assert article.text == ("Reported by the Washington Post\n\nInside a content control.\n\n"
                            "Outer cell\nNested cell")


def test_tracked_changes_read_as_accepted():
    import docx
    from docx.oxml import OxmlElement

    def run_with(tag: str, text: str):
        run, node = OxmlElement("w:r"), OxmlElement(tag)
        node.text = text
        run.append(node)
        return run

    document = docx.Document()
    paragraph = document.add_paragraph("The agency ")
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    inserted.append(run_with("w:t", "quietly "))
    deleted.append(run_with("w:delText", "never "))
    paragraph._p.append(deleted)
    paragraph._p.append(inserted)
    paragraph._p.append(run_with("w:t", "expanded mail covers."))
    buffer = io.BytesIO()
    document.save(buffer)
    article = ingest_bytes(buffer.getvalue(), "t.docx")
    assert article.text == "The agency quietly expanded mail covers."
