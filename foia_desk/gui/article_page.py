"""The Article tab: a welcome page, the paste editor, and the article beside its findings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui.article_view import ArticleView
from foia_desk.gui.findings_panel import FindingsPanel

WELCOME = (
    "<h2>Start from a news article</h2>"
    "<p>FOIA Desk reads an article, finds the federal agencies it mentions and the records "
    "worth asking for, and drafts a request letter to each agency.</p>"
    "<p>Open a saved article (text, web page, Word or PDF), drag one onto this window, or "
    "paste the text.</p>")
WELCOME_PAGE, PASTE_PAGE, ARTICLE_PAGE = 0, 1, 2


class ArticlePage(QStackedWidget):
    open_requested = Signal()
    paste_requested = Signal()
    paste_submitted = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._before_paste = WELCOME_PAGE
        self.addWidget(self._welcome())
        self.addWidget(self._paste())
        self.article_view = ArticleView()
        self.findings = FindingsPanel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.article_view)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next_button = QPushButton("Next: draft the letters →")
        self.next_button.clicked.connect(self.next_requested)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.addWidget(view)

    def _welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(WELCOME)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        open_button = QPushButton("&Open article file…")
        open_button.clicked.connect(self.open_requested)
        paste_button = QPushButton("&Paste article text")
        paste_button.clicked.connect(self.paste_requested)
        row.addWidget(open_button)
        row.addWidget(paste_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _paste(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Paste the article text below (headline first), then choose "
                                "<b>Find agencies</b>."))
        self.paste_editor = QPlainTextEdit()
        self.paste_editor.setAccessibleName("Article text to paste")
        self.paste_editor.setPlaceholderText("Paste the article here (Ctrl+V)")
        layout.addWidget(self.paste_editor, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.paste_cancel = QPushButton("Cancel")
        self.paste_cancel.clicked.connect(
            lambda: self.setCurrentIndex(self._before_paste))
        self.paste_go = QPushButton("&Find agencies")
        self.paste_go.setDefault(True)
        self.paste_go.clicked.connect(self.paste_submitted)
        row.addWidget(self.paste_cancel)
        row.addWidget(self.paste_go)
        layout.addLayout(row)
        return page

    def show_paste_editor(self) -> None:
        if self.currentIndex() != PASTE_PAGE:
            self._before_paste = self.currentIndex()
        self.setCurrentIndex(PASTE_PAGE)
        self.paste_editor.setFocus()

    def show_article(self) -> None:
        self.setCurrentIndex(ARTICLE_PAGE)
