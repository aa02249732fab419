"""The article as read-only text with the findings highlighted, a legend and the spun-text banner.

Highlights are extra selections (the text itself is never modified). Each kind of finding has
a translucent tint, so it reads on light and dark palettes, *and* its own underline style, so
colour is not the only cue. When the text looks machine-reworded, a banner says so and offers
the normalised reading the findings were made from; the user's text is never rewritten.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class HighlightStyle:
    label: str
    tint: QColor  # translucent: blends with the palette's base colour
    underline: QTextCharFormat.UnderlineStyle
    underline_colour: QColor


AGENCY, NON_FOIA, RECORD, REWORDED = "agency", "non_foia", "record", "reworded"
STYLES: dict[str, HighlightStyle] = {
    AGENCY: HighlightStyle("Agency you can ask (FOIA)", QColor(60, 130, 230, 70),
                           QTextCharFormat.UnderlineStyle.SingleUnderline, QColor(40, 110, 220)),
    NON_FOIA: HighlightStyle("Not covered by FOIA", QColor(230, 120, 30, 80),
                             QTextCharFormat.UnderlineStyle.WaveUnderline, QColor(210, 90, 20)),
    RECORD: HighlightStyle("Records you could request", QColor(40, 170, 90, 70),
                           QTextCharFormat.UnderlineStyle.DashUnderline, QColor(30, 140, 70)),
    REWORDED: HighlightStyle("Word put back by the normalised reading", QColor(150, 90, 200, 70),
                             QTextCharFormat.UnderlineStyle.DotLine, QColor(130, 70, 190)),
}


class Utf16Offsets:
    """Python string offsets -> Qt document positions.

    Qt counts UTF-16 code units, so every character beyond the Basic Multilingual Plane
    (emoji, some CJK) before an offset moves it one position further in the document.
    """

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset) if self._astral else offset


def span_format(kind: str) -> QTextCharFormat:
    style = STYLES[kind]
    fmt = QTextCharFormat()
    fmt.setBackground(style.tint)
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(style.underline_colour)
    return fmt


class LegendSwatch(QLabel):
    """A small sample of a highlight style, drawn with the same format as the text."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        style = STYLES[kind]
        tint = style.tint
        decoration = {
            QTextCharFormat.UnderlineStyle.SingleUnderline: "underline",
            QTextCharFormat.UnderlineStyle.WaveUnderline: "underline wavy",
            QTextCharFormat.UnderlineStyle.DashUnderline: "underline dashed",
            QTextCharFormat.UnderlineStyle.DotLine: "underline dotted",
        }[style.underline]
        super().__init__(
            f'<span style="background-color: rgba({tint.red()},{tint.green()},{tint.blue()},'
            f'{tint.alphaF():.2f}); text-decoration: {decoration};">&nbsp;{style.label}'
            f"&nbsp;</span>", parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(f"Legend: {style.label}")


class SpunBanner(QFrame):
    """"This text looks machine-reworded" with a button to switch readings."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        layout = QHBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.button = QPushButton("Show &normalised reading")
        self.button.setCheckable(True)
        self.button.setAccessibleName("Show the normalised reading of the article")
        self.button.toggled.connect(self._on_toggled)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_score(self, score: float) -> None:
        self.message.setText(
            f"<b>This text looks machine-reworded</b> (score {score:.1f}). Findings use a "
            "normalised reading. Your text is shown as you gave it.")
        self.button.setChecked(False)
        self.show()

    def _on_toggled(self, on: bool) -> None:
        self.button.setText("Show &original text" if on else "Show &normalised reading")
        self.toggled.emit(on)


class ArticleView(QWidget):
    """Read-only article text with highlights; ``select_span`` scrolls to evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original_text = ""
        self._normalised_text: str | None = None
        self._reworded_spans: list[tuple[int, int]] = []
        self._spans: list[tuple[str, int, int]] = []
        self._to_qt = Utf16Offsets("")
        self._normalised_to_qt = Utf16Offsets("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.hide()
        layout.addWidget(self.notes_label)
        self.banner = SpunBanner()
        self.banner.toggled.connect(self.show_normalised)
        layout.addWidget(self.banner)
        legend = QHBoxLayout()
        legend.addWidget(QLabel("Highlights:"))
        self.swatches = {kind: LegendSwatch(kind) for kind in STYLES}
        for swatch in self.swatches.values():
            legend.addWidget(swatch)
        self.swatches[REWORDED].hide()
        legend.addStretch(1)
        layout.addLayout(legend)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setAccessibleName("Article text")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.text, 1)

    # ------------------------------------------------------------------ content
    def set_article(self, text: str, title: str = "", notes: list[str] | None = None) -> None:
        self.original_text = text
        self._to_qt = Utf16Offsets(text)
        self._normalised_text = None
        self._spans = []
        self.banner.hide()
        self.title_label.setText(title or "Untitled article")
        self.notes_label.setText("\n".join(notes or []))
        self.notes_label.setVisible(bool(notes))
        self.text.setPlainText(text)
        self._apply_highlights()

    def set_highlights(self, spans: list[tuple[str, int, int]]) -> None:
        """``spans`` are (kind, start, end) offsets into the original text."""
        length = len(self.original_text)
        self._spans = [(k, s, e) for k, s, e in spans if 0 <= s < e <= length]
        self._apply_highlights()

    def set_spun(self, score: float, normalised_text: str,
                 reworded_spans: list[tuple[int, int]]) -> None:
        """Flag the text as machine-reworded; ``reworded_spans`` index the normalised text."""
        self._normalised_text = normalised_text
        self._normalised_to_qt = Utf16Offsets(normalised_text)
        self._reworded_spans = reworded_spans
        self.banner.show_score(score)

    @property
    def showing_normalised(self) -> bool:
        return self.banner.isVisible() and self.banner.button.isChecked()

    def show_normalised(self, on: bool) -> None:
        if on and self._normalised_text is not None:
            self.text.setPlainText(self._normalised_text)
        else:
            self.text.setPlainText(self.original_text)
        self._apply_highlights()

    def _apply_highlights(self) -> None:
        normalised = self.showing_normalised
        for kind, swatch in self.swatches.items():
            swatch.setVisible((kind == REWORDED) == normalised)
        selections = []
        document = self.text.document()
        if self.showing_normalised:
            spans = [(REWORDED, s, e) for s, e in self._reworded_spans]
            to_qt = self._normalised_to_qt
        else:
            spans = self._spans
            to_qt = self._to_qt
        limit = max(0, document.characterCount() - 1)
        for kind, start, end in spans:
            start, end = to_qt(start), to_qt(end)
            if end > limit:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = span_format(kind)
            selections.append(selection)
        self.text.setExtraSelections(selections)

    # ------------------------------------------------------------------ navigation
    def select_span(self, start: int, end: int) -> None:
        """Scroll to and select ``[start, end)`` of the original text."""
        if self.showing_normalised:
            self.banner.button.setChecked(False)
        if not 0 <= start <= end <= len(self.original_text):
            return
        cursor = self.text.textCursor()
        cursor.setPosition(self._to_qt(start))
        cursor.setPosition(self._to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def selected_text(self) -> str:
        return self.text.textCursor().selectedText()
