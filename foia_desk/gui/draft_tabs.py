"""One tab per chosen agency: the letter's options beside its live preview, and its exports.

The preview renders ``Letter.markdown`` — the same Markdown every export reads — with
QTextDocument.setMarkdown, re-rendered 250 ms after the last edit. Missing fields are listed
by name in a warning strip and block export; while they are missing the preview shows the
letter with bracketed placeholders so the user can see where each one goes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from foia_desk.errors import UserError
from foia_desk.gui import dialogs, tasks

DEBOUNCE_MS = 250
EXPORT_FILTERS = {
    "docx": "Word document (*.docx)",
    "pdf": "PDF document (*.pdf)",
    "eml": "Email draft (*.eml)",
}


def _placeholder_profile(profile: Any) -> Any:
    from foia_desk.profiles import RequesterProfile

    if profile is None:
        return RequesterProfile(name="[your name]", address="[your mailing address]")
    return dataclasses.replace(profile, name=profile.name or "[your name]",
                               address=profile.address or "[your mailing address]")


def records_for(agency: Any, records: list[Any], directory: Any) -> list[Any]:
    """The checked records that belong in a letter to ``agency``.

    A record tied to other agencies only (by the extractor) stays out of this letter; records
    with no agency, or tied to this agency, its parents or its components, go in.
    """
    related = {agency.id}
    if directory is not None:
        try:
            related |= {a.id for a in directory.ancestors(agency.id)}
            related |= {a.id for a in directory.children_of(agency.id)}
        except UserError:  # an agency outside the directory has no relatives
            pass
    return [r for r in records if not r.agencies or related & set(r.agencies)]


class DraftTab(QWidget):
    """The letter to one agency."""

    letter_changed = Signal()
    export_finished = Signal(object)  # Path written

    def __init__(self, agency: Any, directory: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agency = agency
        self.directory = directory
        self.letter: Any = None  # the last complete Letter (None while fields are missing)
        self.missing: list[str] = []
        self.exported: list[Path] = []
        self._records: list[Any] = []
        self._all_records: list[Any] = []
        self.article: Any = None
        self._previewed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)

        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter)
        from foia_desk.gui.draft_form import DraftForm  # with the first tab, not at start-up

        self.form = DraftForm()
        self.form_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        splitter.addWidget(scroll)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAutoFillBackground(True)
        self.warning.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.warning.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.warning.setMargin(6)
        self.warning.setAccessibleName("Missing fields")
        self.warning.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.warning.linkActivated.connect(self.go_to_field)
        right_layout.addWidget(self.warning)
        self.records_note = QLabel()
        self.records_note.setWordWrap(True)
        right_layout.addWidget(self.records_note)
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName("Letter preview")
        right_layout.addWidget(self.preview, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setAccessibleName("Notes before sending")
        self.notes_box = QScrollArea()
        self.notes_box.setWidgetResizable(True)
        self.notes_box.setFrameShape(QScrollArea.Shape.NoFrame)
        self.notes_box.setWidget(self.notes)
        self.notes_box.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 7 + 8)
        right_layout.addWidget(self.notes_box)
        buttons = QHBoxLayout()
        self.docx_button = QPushButton("Save as &Word…")
        self.pdf_button = QPushButton("Save as &PDF…")
        self.eml_button = QPushButton("Save as e&mail draft…")
        self.copy_button = QPushButton("&Copy text")
        self.docx_button.clicked.connect(lambda: self.export("docx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.eml_button.clicked.connect(lambda: self.export("eml"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        for button in (self.docx_button, self.pdf_button, self.eml_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.form.changed.connect(self.schedule_render)

    # ------------------------------------------------------------------ inputs
    def set_records(self, records: list[Any]) -> None:
        self._all_records = list(records)
        self._records = records_for(self.agency, records, self.directory)
        self.schedule_render()

    def set_article(self, article: Any) -> None:
        self.article = article
        self.schedule_render()

    def schedule_render(self) -> None:
        self._timer.start()

    # ------------------------------------------------------------------ rendering
    def _options(self, problems: list[str]) -> Any:
        from foia_desk.drafting import RecordItem

        items = [RecordItem(r.text, r.date_start, r.date_end) for r in self._records]
        options = self.form.options(items, problems)
        if self.article is not None:
            options.article_title = self.article.title or ""
            options.article_outlet = self.article.outlet or ""
            options.article_date = self.article.date
        return options

    def render_now(self) -> None:
        """Re-render the preview; update the missing-fields strip and the export buttons."""
        from foia_desk.drafting import MissingFieldsError, check_missing_keys, render_letter

        self._timer.stop()
        problems: list[str] = []
        options = self._options(problems)
        profile = self.form.profile_for_letter()
        letter = None
        keyed: list[tuple[str, str]] = []
        try:
            options.validate()
            if profile is None:
                keyed = [("profile", "requester profile (choose one, or create one with "
                                     "Edit profiles…)"),
                         *check_missing_keys(self.agency, _placeholder_profile(None), options)]
            else:
                keyed = check_missing_keys(self.agency, profile, options)
            missing = [text for _key, text in keyed]
            if not missing and not problems:
                letter = render_letter(self.agency, profile, options, directory=self.directory)
                preview = letter
            else:
                preview = self._placeholder_letter(profile, options)
        except MissingFieldsError as exc:
            missing, preview = exc.missing, None
        except UserError as exc:
            missing, preview = [], None
            problems.append(Exception.__str__(exc))
        self.letter = letter
        self.missing = list(missing)
        self.form.mark_missing(keyed)
        self._show_status(missing, problems, [key for key, _text in keyed])
        self._show_summary(preview)
        self._show_preview(preview, complete=letter is not None)
        self.letter_changed.emit()

    def _placeholder_letter(self, profile: Any, options: Any) -> Any:
        from foia_desk.drafting import MissingFieldsError, RecordItem, render_letter

        fills: dict[str, Any] = {
            "tracking_number": "[tracking number]", "appeal_grounds": "[what you challenge]",
            "dispute": "[what the disagreement is about]",
            "expedite_justification": "[why delay threatens someone's life or safety]",
            "place_of_birth": "[place of birth]", "date_of_birth": "[date of birth]"}
        changes = {name: value for name, value in fills.items() if not getattr(options, name)}
        if not options.records:
            changes["records"] = [RecordItem("[describe the records you want]")]
        options = dataclasses.replace(options, **changes)
        try:
            return render_letter(self.agency, _placeholder_profile(profile), options,
                                 directory=self.directory)
        except (MissingFieldsError, UserError):
            return None

    def _show_status(self, missing: list[str], problems: list[str],
                     keys: list[str] | None = None) -> None:
        lines = []
        if missing:
            # A field of the form is a link that scrolls to it and puts the cursor there.
            targets = self.form.missing_targets()
            keys = keys if keys is not None and len(keys) == len(missing) else [""] * len(missing)
            items = [f'<a href="field:{key}">{_escape(text)}</a>' if key in targets
                     else _escape(text) for key, text in zip(keys, missing, strict=True)]
            lines.append("⚠ <b>Before you can save or send this letter, fill in:</b> "
                         + "; ".join(items) + ".")
        if problems:
            lines.append("⚠ <b>Please correct:</b> " + "; ".join(_escape(p) for p in problems)
                         + ".")
        self.warning.setText("<br>".join(lines))
        self.warning.setVisible(bool(lines))
        ready = not lines
        for button in (self.docx_button, self.pdf_button, self.eml_button, self.copy_button):
            button.setEnabled(ready)
            button.setToolTip("" if ready else "Fill in the fields listed above first.")

    def go_to_field(self, link: str) -> None:
        """Scroll the form to a missing field (a link in the warning strip) and focus it."""
        widget = self.form.missing_targets().get(link.removeprefix("field:"))
        if widget is None:
            return
        self.form.layout().activate()  # a group just shown has no place in the form yet
        self.form_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_summary(self, letter: Any) -> None:
        """Which template the letter uses and how many record items it carries."""
        parts = []
        if letter is not None:
            parts.append(f"Template: {letter.template_name}")
        left_out = len(self._all_records) - len(self._records)
        parts.append(f"{len(self._records)} record item(s) in this letter")
        if left_out:
            parts.append(f"{left_out} other ticked item(s) concern other agencies only")
        self.records_note.setText(" · ".join(parts) + ".")

    def _show_preview(self, letter: Any, *, complete: bool) -> None:
        bar = self.preview.verticalScrollBar()
        position = bar.value()  # re-renders keep the reader's place
        if letter is None:
            self._previewed = False
            self.preview.setMarkdown("*The preview appears once the fields listed above "
                                     "are filled in.*")
            self.notes.setText("")
            self.notes_box.hide()
            return
        first = not self._previewed
        self.preview.document().setMarkdown(letter.markdown)
        self._previewed = True
        if first:
            self.preview.moveCursor(QTextCursor.MoveOperation.Start)
        else:
            bar.setValue(position)
        notes = []
        if not complete:
            notes.append("Preview with [bracketed] placeholders for what is missing.")
        pre_send = [line.strip() for line in
                    (letter.meta or {}).get("pre_send_notes", "").splitlines() if line.strip()]
        said = " ".join(pre_send)
        unverified = [u for u in letter.unverified_contacts if u not in said]
        if unverified:
            notes.append("Check before sending — not verified in our sources: "
                         + "; ".join(unverified) + ".")
        notes.extend(pre_send)
        self.notes.setText("\n".join("ⓘ " + n for n in notes))
        self.notes_box.setVisible(bool(notes))

    # ------------------------------------------------------------------ output
    def ensure_ready(self) -> Any:
        """The current Letter, or a MissingFieldsError naming what is missing."""
        self.render_now()
        if self.letter is None:
            from foia_desk.drafting import MissingFieldsError

            raise MissingFieldsError(self.missing or ["the fields listed in the letter tab"],
                                     agency_name=self.agency.name)
        return self.letter

    def export(self, fmt: str) -> tasks.TaskHandle | None:
        try:
            letter = self.ensure_ready()
        except UserError as exc:
            dialogs.show_error(self, "The letter is not ready", exc)
            return None
        from foia_desk.gui.app import settings

        folder = settings().value("folders/export", str(Path.home()))
        suggested = Path(folder) / f"{letter.suggested_filename()}.{fmt}"
        path = dialogs.ask_save_file(self, f"Save the letter to {self.agency.name}",
                                     suggested, EXPORT_FILTERS[fmt])
        if path is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        settings().setValue("folders/export", str(path.parent))
        from foia_desk.export import export_letter

        return tasks.run_task(export_letter, letter, path, overwrite=True,
                              on_done=self._exported, on_error=self._export_failed,
                              name=f"export {fmt}")

    def _exported(self, path: Path) -> None:
        self.exported.append(Path(path))
        self.export_finished.emit(Path(path))

    def _export_failed(self, error: BaseException) -> None:
        dialogs.show_error(self, "Could not save the letter", error)

    def copy_to_clipboard(self) -> None:
        try:
            letter = self.ensure_ready()
        except UserError as exc:
            dialogs.show_error(self, "The letter is not ready", exc)
            return
        from foia_desk.export import portal_text

        text, _warning = portal_text(letter)
        QGuiApplication.clipboard().setText(text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DraftTabs(QTabWidget):
    """A tab per checked agency, in the order they are listed."""

    letters_changed = Signal()
    edit_profiles_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.directory: Any = None
        self._records: list[Any] = []
        self._article: Any = None
        self._profiles: list[Any] = []
        self._default_profile = ""
        self._pending: list[Any] | None = None  # agencies whose tabs are not built yet
        self.empty = QLabel("Tick at least one agency in the Article tab to draft a letter.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def tabs(self) -> list[DraftTab]:
        self._build_pending()
        return self._built_tabs()

    def _built_tabs(self) -> list[DraftTab]:
        return [w for w in (self.widget(i) for i in range(self.count()))
                if isinstance(w, DraftTab)]

    def tab_for(self, agency_id: str) -> DraftTab | None:
        return next((t for t in self.tabs() if t.agency.id == agency_id), None)

    def letter_counts(self) -> tuple[int, int]:
        """(letters chosen, letters ready), without building tabs that are still pending."""
        if self._pending is not None:
            built = {t.agency.id: t for t in self._built_tabs()}
            ready = sum(1 for a in self._pending
                        if a.id in built and built[a.id].letter is not None)
            return len(self._pending), ready
        tabs = self._built_tabs()
        return len(tabs), sum(1 for t in tabs if t.letter is not None)

    def set_agencies(self, agencies: list[Any]) -> None:
        """Keep tabs (and their edits) for agencies still chosen; add and drop the rest.

        Tabs for newly chosen agencies are built when this widget is shown or a tab is asked
        for (``tabs``, ``tab_for``, ``current_tab``): building them costs ~7 ms each, which
        would otherwise delay the window showing a freshly loaded article.
        """
        wanted = [a.id for a in agencies]
        for tab in self._built_tabs():
            if tab.agency.id not in wanted:
                self.removeTab(self.indexOf(tab))
                tab.deleteLater()
        if self.indexOf(self.empty) >= 0 and agencies:
            self.removeTab(self.indexOf(self.empty))
        self._pending = list(agencies)
        if self.isVisible():
            self._build_pending()
        if not agencies and self.indexOf(self.empty) < 0:
            self.addTab(self.empty, "No letters")
        self.letters_changed.emit()

    def _build_pending(self) -> None:
        agencies, self._pending = self._pending, None
        if not agencies:
            return
        for position, agency in enumerate(agencies):
            tab = next((t for t in self._built_tabs() if t.agency.id == agency.id), None)
            if tab is None:
                tab = DraftTab(agency, self.directory)
                tab.form.set_profiles(self._profiles, self._default_profile)
                tab.form.edit_profiles_requested.connect(self.edit_profiles_requested)
                tab.set_article(self._article)
                tab.set_records(self._records)
                tab.letter_changed.connect(self.letters_changed)
                self.insertTab(position, tab, agency.name)
                self.setTabToolTip(position, agency.name)
            elif self.indexOf(tab) != position:
                self.tabBar().moveTab(self.indexOf(tab), position)
        self.letters_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # Qt API
        self._build_pending()
        super().showEvent(event)

    def set_records(self, records: list[Any]) -> None:
        self._records = list(records)
        for tab in self._built_tabs():
            tab.set_records(self._records)

    def set_article(self, article: Any) -> None:
        self._article = article
        for tab in self._built_tabs():
            tab.set_article(article)

    def set_profiles(self, profiles: list[Any], default: str = "") -> None:
        self._profiles = list(profiles)
        self._default_profile = default
        for tab in self._built_tabs():
            tab.form.set_profiles(self._profiles)

    def current_tab(self) -> DraftTab | None:
        self._build_pending()
        widget = self.currentWidget()
        return widget if isinstance(widget, DraftTab) else None
