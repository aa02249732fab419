"""Embedded TrueType fonts for PDF export, and per-character fallback between them.

reportlab does not fall back between fonts by itself: a character missing from the current
font is drawn as an empty box. So text is split into segments by glyph coverage: DejaVu Sans
(Latin, Greek, Cyrillic, Vietnamese, Hebrew, Arabic...) first, then Droid Sans Fallback for
Chinese and Japanese, then NanumSquare for Korean Hangul. Fonts are registered once per
process (loading them takes ~100 ms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from foia_desk.errors import UserError
from foia_desk.paths import resource_path

SANS = "FoiaDeskSans"
SANS_BOLD = "FoiaDeskSans-Bold"
SANS_ITALIC = "FoiaDeskSans-Oblique"
SANS_BOLD_ITALIC = "FoiaDeskSans-BoldOblique"
CJK = "FoiaDeskCJK"
HANGUL = "FoiaDeskHangul"
FALLBACKS = (SANS, CJK, HANGUL)  # tried in this order for a character the styled face lacks

FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumSquareR.ttf",
}


@dataclass
class FontSet:
    """The registered fonts and their character coverage (Unicode code points)."""

    coverage: dict[str, frozenset[int] | dict[int, int]]
    _choice: dict[tuple[str, str], str] = field(default_factory=dict)

    def styled(self, bold: bool, italic: bool) -> str:
        if bold and italic:
            return SANS_BOLD_ITALIC
        if bold:
            return SANS_BOLD
        return SANS_ITALIC if italic else SANS

    def font_for(self, char: str, preferred: str) -> str | None:
        """The font to draw ``char`` in, or None when it should stay with its neighbour.

        Spaces and marks that no font has (zero-width joiners, direction marks) return None so
        they never split a word into separate font segments.
        """
        key = (char, preferred)
        cached = self._choice.get(key)
        if cached is not None:
            return cached or None
        code = ord(char)
        if char.isspace():
            choice = ""
        elif code in self.coverage[preferred]:
            choice = preferred
        else:
            # e.g. a symbol the bold face lacks keeps its glyph from the regular face
            choice = next((font for font in FALLBACKS if code in self.coverage[font]), "")
        self._choice[key] = choice
        return choice or None

    def segments(self, text: str, *, bold: bool = False,
                 italic: bool = False) -> list[tuple[str, str]]:
        """Split ``text`` into (font name, text) pieces, each drawable in its font."""
        preferred = self.styled(bold, italic)
        pieces: list[tuple[str, str]] = []
        current_font: str | None = None
        current: list[str] = []
        for char in text:
            font = self.font_for(char, preferred)
            if font is None or font == current_font or current_font is None:
                if current_font is None and font is not None:
                    current_font = font
                current.append(char)
                continue
            pieces.append((current_font, "".join(current)))
            current_font, current = font, [char]
        if current:
            pieces.append((current_font or preferred, "".join(current)))
        return pieces


@lru_cache(maxsize=1)
def load_fonts() -> FontSet:
    """Register the bundled fonts with reportlab (once) and return their coverage."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    coverage: dict[str, frozenset[int] | dict[int, int]] = {}
    for name, filename in FONT_FILES.items():
        path = resource_path("fonts", filename)
        try:
            font = TTFont(name, str(path))
        except (OSError, TTFError) as exc:
            raise UserError(
                f"The PDF font {filename} is missing or damaged ({path}).",
                "Reinstall FOIA Desk, or export to DOCX instead.",
            ) from exc
        pdfmetrics.registerFont(font)
        coverage[name] = font.face.charToGlyph
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic=SANS_BOLD_ITALIC)
    for single in (CJK, HANGUL):  # one face each: bold/italic text uses it as is
        pdfmetrics.registerFontFamily(single, normal=single, bold=single, italic=single,
                                      boldItalic=single)
    return FontSet(coverage)
