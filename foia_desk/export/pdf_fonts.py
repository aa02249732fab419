"""Embedded TrueType fonts for PDF export, and per-character fallback between them.

reportlab does not fall back between fonts by itself: a character missing from the current
font is drawn as an empty box. So text is split into segments by glyph coverage: DejaVu Sans
(Latin, Greek, Cyrillic, Vietnamese, Hebrew, Arabic...) first, then Droid Sans Fallback for
Chinese and Japanese, then NanumSquare for Korean Hangul. Fonts are registered once per
process; the big CJK and Hangul fonts only when a letter first needs them.
"""

from __future__ import annotations

import threading
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
    """The registered fonts and their character coverage (Unicode code points).

    DejaVu Sans is registered up front; the large CJK and Hangul fonts are registered the
    first time a character needs them, so most letters never pay for loading them.
    """

    coverage: dict[str, dict[int, int]]
    _choice: dict[tuple[str, str], str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def styled(self, bold: bool, italic: bool) -> str:
        if bold and italic:
            return SANS_BOLD_ITALIC
        if bold:
            return SANS_BOLD
        return SANS_ITALIC if italic else SANS

    def covers(self, font_name: str, code: int) -> bool:
        cmap = self.coverage.get(font_name)
        if cmap is None:
            with self._lock:
                cmap = self.coverage.get(font_name)
                if cmap is None:
                    cmap = self.coverage[font_name] = _register(font_name)
        return code in cmap

    def font_for(self, char: str, preferred: str) -> str | None:
        """The font to draw ``char`` in, or None when it should stay with its neighbour.

        Spaces and characters no font has (zero-width joiners, direction marks, emoji) return
        None so they never split a word into separate font segments.
        """
        key = (char, preferred)
        cached = self._choice.get(key)
        if cached is not None:
            return cached or None
        code = ord(char)
        if char.isspace():
            choice = ""
        elif self.covers(preferred, code):
            choice = preferred
        else:
            # e.g. a symbol the bold face lacks keeps its glyph from the regular face
            choice = next((font for font in FALLBACKS if self.covers(font, code)), "")
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


def _register(name: str) -> dict[int, int]:
    """Register one bundled font with reportlab; return its code point -> glyph map."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    filename = FONT_FILES[name]
    path = resource_path("fonts", filename)
    try:
        font = TTFont(name, str(path))
    except (OSError, TTFError) as exc:
        raise UserError(
            f"The PDF font {filename} is missing or damaged ({path}).",
            "Reinstall FOIA Desk, or export to DOCX instead.",
        ) from exc
    pdfmetrics.registerFont(font)
    if name in (CJK, HANGUL):  # one face each: bold/italic text uses it as is
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name,
                                      boldItalic=name)
    return font.face.charToGlyph


@lru_cache(maxsize=1)
def load_fonts() -> FontSet:
    """Register DejaVu Sans with reportlab (once per process) and return the font set."""
    from reportlab.pdfbase import pdfmetrics

    coverage = {name: _register(name)
                for name in (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC)}
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic=SANS_BOLD_ITALIC)
    return FontSet(coverage)
