"""Build resources/letter-base.docx, the template every DOCX letter starts from.

Run from the repository root:  .venv/bin/python tools/make_base_docx.py

It starts from python-docx's own default template and gives it letter styles (Normal in
Calibri 11 pt, black headings, list, quote, "Letterhead", "Date", "Address" and "Subject"
paragraph styles, plus "Letter Caption" for a title line such as "Freedom of Information Act
Appeal"), one-inch margins on US Letter, a "Page X of Y" footer built from PAGE and
NUMPAGES fields, and blank document properties (no "python-docx" author or description).
The zip is written with fixed timestamps so that running the script twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "letter-base.docx"
FONT = "Calibri"
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
THUMBNAIL_RELTYPE = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail")


def set_fonts(rpr_owner, name: str = FONT) -> None:
    """Give a style an explicit font for all scripts, dropping theme-font references."""
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), name)


def set_black(style) -> None:
    """Plain black text: drop theme colours, which would override an explicit colour."""
    color = style.element.get_or_add_rPr().find(qn("w:color"))
    if color is not None:
        color.getparent().remove(color)
    style.font.color.rgb = RGBColor(0, 0, 0)


# Word has a built-in style of this name; declaring it built-in avoids a clashing custom one.
WORD_BUILT_IN = {"Date", "Closing"}


def paragraph_style(document, name: str, *, after: float, keep_next: bool = False,
                    bold: bool = False):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH, builtin=name in WORD_BUILT_IN)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = keep_next
    if bold:
        style.font.bold = True
    return style


def configure_styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.08

    for name, size, before in (("Heading 1", 14, 14), ("Heading 2", 12, 10),
                               ("Heading 3", 11, 8)):
        style = styles[name]
        set_fonts(style)
        set_black(style)
        style.font.size = Pt(size)
        style.font.bold = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)

    for name in ("List Number", "List Number 2", "List Number 3", "List Bullet",
                 "List Bullet 2", "List Bullet 3", "List Continue", "List Continue 2",
                 "List Continue 3"):
        styles[name].paragraph_format.space_after = Pt(6)  # contextual: only after the list

    quote = styles["Quote"]
    set_black(quote)
    quote.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    quote.paragraph_format.left_indent = Inches(0.4)
    quote.paragraph_format.right_indent = Inches(0.4)

    paragraph_style(document, "Letterhead", after=14)
    paragraph_style(document, "Date", after=12)
    paragraph_style(document, "Address", after=12)
    paragraph_style(document, "Letter Caption", after=12, keep_next=True, bold=True)
    styles["Letter Caption"].font.size = Pt(12)
    paragraph_style(document, "Subject", after=12, keep_next=True, bold=True)
    paragraph_style(document, "Closing", after=8, keep_next=True)  # "Sincerely," + signature
    footer = styles["Footer"]
    footer.font.size = Pt(9)


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    """Append a Word field (PAGE, NUMPAGES...) with a cached result shown before updating."""
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def configure_page(document) -> None:
    section = document.sections[0]
    section.page_width = Inches(8.5)
    section.page_height = Inches(11)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.header_distance = Inches(0.5)
    section.footer_distance = Inches(0.5)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES", "1")


def clear_properties(document) -> None:
    props = document.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "last_modified_by",
                 "category"):
        setattr(props, name, "")
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == THUMBNAIL_RELTYPE:
            del package_rels[rel_id]


STYLES_WITH_EFFECTS_RELTYPE = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
KEPT_TABLE_STYLES = {"TableNormal", "TableGrid"}


def trim_package(document) -> None:
    """Drop what a letter never uses: ~140 decorative table styles and the Word 2010
    stylesWithEffects copy of the styles. Smaller base, faster export."""
    styles_element = document.styles.element
    for style in list(styles_element.style_lst):
        if style.get(qn("w:type")) == "table" and style.styleId not in KEPT_TABLE_STYLES:
            styles_element.remove(style)
    rels = document.part.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS_RELTYPE:
            del rels[rel_id]


def clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def normalised_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so the output is byte-for-byte repeatable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def build() -> bytes:
    document = Document()
    configure_styles(document)
    configure_page(document)
    clear_properties(document)
    trim_package(document)
    clear_body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalised_zip(buffer.getvalue())


def main() -> int:
    data = build()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
