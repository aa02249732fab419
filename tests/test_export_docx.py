"""DOCX export: real Word styles, restarted numbering, footer fields, clean metadata."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_export_samples import ROOT_DIR, hostile_letter, make_letter

from foia_desk.export import export_docx

# The sample letter's paragraphs as Word will show them: "style | text" (⏎ = line break).
GOLDEN = """\
Letterhead | Ana Nguyễn Văn Ánh⏎The Example Ledger⏎1200 Main Street, Suite 4⏎Springfield, IL 62701⏎ana@example.org
Date | May 2, 2025
Address | FOIA Officer⏎U.S. Postal Inspection Service⏎433 West Harrison Street, Room 3255⏎Chicago, IL 60699-3255
Letter Caption | Freedom of Information Act Request
Subject | Re: Freedom of Information Act request — mail covers, 2024–2025
Normal | Dear FOIA Officer:
Normal | This is a request under the Freedom of Information Act, 5 U.S.C. § 552. I ask for copies of the following records:
List Number | All requests for mail covers submitted by immigration officials since January 1, 2024.
List Number | Records naming Δημήτρης Παπαδόπουλος, Иван Петров or 王小明.
List Bullet 2 | memoranda of understanding
List Bullet 2 | e-mail between the two agencies
List Number | Statistics on mail cover approvals, 2020–2025.
Heading 2 | Fee category
Normal | I am a representative of the news media. I ask for a waiver of all fees because disclosure is in the public interest.
Quote | The requested records concern the operations of the government.
Heading 2 | Format of the records
Normal | Please send records electronically. Literal characters: *not bold*, _x_, # hash, [bracket], <b>, <b>raw</b>, &amp; and AT&T.
List Number | First item of a second list.
List Number | Second item.
Closing | Sincerely,
Normal | Ana Nguyễn Văn Ánh"""  # noqa: E501


def paragraphs(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [f"{p.style.name} | {p.text}".replace("\n", "⏎") for p in document.paragraphs]


def test_sample_letter_matches_golden_text_and_styles(tmp_path: Path) -> None:
    path = export_docx(make_letter(), tmp_path / "letter.docx")
    assert paragraphs(path) == GOLDEN.split("\n")


def test_emphasis_becomes_bold_and_italic_runs(tmp_path: Path) -> None:
    document = docx.Document(str(export_docx(make_letter(), tmp_path / "l.docx")))
    runs = [run for p in document.paragraphs for run in p.runs]
    assert any(run.text == "mail covers" and run.bold for run in runs)
    assert any(run.text == "immigration officials" and run.italic for run in runs)
    assert not any(run.bold for run in runs if "not bold" in run.text)


def test_core_properties_have_letter_values_and_no_library_defaults(tmp_path: Path) -> None:
    letter = make_letter()
    props = docx.Document(str(export_docx(letter, tmp_path / "l.docx"))).core_properties
    assert props.title == letter.subject
    assert props.author == letter.author == props.last_modified_by
    assert props.subject == "FOIA request to U.S. Postal Inspection Service"
    assert "python-docx" not in " ".join(
        str(v) for v in (props.title, props.author, props.comments, props.subject,
                         props.keywords, props.last_modified_by))
    assert props.created is not None and props.created.year >= 2025


def test_long_subject_is_shortened_to_fit_the_title_property(tmp_path: Path) -> None:
    letter = make_letter(subject="Records about " + "mail covers " * 40)
    props = docx.Document(str(export_docx(letter, tmp_path / "l.docx"))).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert props.title.startswith("Records about mail covers")


def test_footer_has_page_x_of_y_fields(tmp_path: Path) -> None:
    document = docx.Document(str(export_docx(make_letter(), tmp_path / "l.docx")))
    footer = document.sections[0].footer._element
    instructions = [el.text.strip() for el in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page" in footer.xpath("string(.)") and " of " in footer.xpath("string(.)")
    section = document.sections[0]
    assert round(section.left_margin.inches, 2) == round(section.top_margin.inches, 2) == 1.0


def test_each_numbered_list_restarts(tmp_path: Path) -> None:
    document = docx.Document(str(export_docx(make_letter(), tmp_path / "l.docx")))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] == num_ids[2]
    assert num_ids[3] == num_ids[4] != num_ids[0]
    numbering = document.part.numbering_part.element
    for num_id in (num_ids[0], num_ids[3]):
        num = numbering.num_having_numId(num_id)
        starts = num.findall(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert [s.get(qn("w:val")) for s in starts] == ["1"]


def test_list_starting_at_four_keeps_its_number(tmp_path: Path) -> None:
    letter = make_letter("Intro\n\n4. fourth\n5. fifth\n")
    document = docx.Document(str(export_docx(letter, tmp_path / "l.docx")))
    item = next(p for p in document.paragraphs if p.style.name == "List Number")
    num = document.part.numbering_part.element.num_having_numId(item._p.pPr.numPr.numId.val)
    assert num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "4"


def test_pre_send_notes_stay_out_of_the_document(tmp_path: Path) -> None:
    path = export_docx(make_letter(), tmp_path / "l.docx")
    with zipfile.ZipFile(path) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    assert b"PRE-SEND NOTE" not in everything


def test_hostile_text_is_literal(tmp_path: Path) -> None:
    from test_export_samples import HOSTILE_PIECES

    letter = hostile_letter()
    text = "\n".join(p.text for p in docx.Document(
        str(export_docx(letter, tmp_path / "h.docx"))).paragraphs)
    for piece in HOSTILE_PIECES:
        assert piece in text
    assert "<b>subject</b> & <font name=x>" in text
    props = docx.Document(str(tmp_path / "h.docx")).core_properties
    assert props.title == letter.subject


def test_shipped_base_document_matches_its_build_script() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_base_docx", ROOT_DIR / "tools" / "make_base_docx.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    built = zipfile.ZipFile(__import__("io").BytesIO(module.build()))
    shipped = zipfile.ZipFile(ROOT_DIR / "resources" / "letter-base.docx")
    assert sorted(built.namelist()) == sorted(shipped.namelist())
    for name in ("word/styles.xml", "word/numbering.xml", "word/footer1.xml",
                 "word/document.xml", "docProps/core.xml"):
        assert built.read(name) == shipped.read(name), name
    styles = {s.name for s in docx.Document(str(ROOT_DIR / "resources/letter-base.docx")).styles}
    assert {"Letterhead", "Address", "Date", "Subject", "List Number", "List Bullet", "Quote",
            "Heading 1", "Heading 2"} <= styles


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_and_converts_the_document(tmp_path: Path) -> None:
    import pypdf

    export_docx(make_letter(), tmp_path / "letter.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "letter.docx")], check=True, capture_output=True, timeout=120)
    reader = pypdf.PdfReader(str(tmp_path / "letter.pdf"))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Freedom of Information Act request" in text
    assert "Page 1 of 1" in text
    assert "1. All requests for mail covers" in text.replace("\n", " ")
