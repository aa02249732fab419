"""The selected request: its deadlines (with how each was computed), timeline, notes and files.

The pane shows a ``RequestDetail`` from the Store and offers the actions on it: change the
status (only to statuses foia_desk.status allows from the current one), log an event, add
or open an attachment, and draft a follow-up, appeal or mediation letter. It reads and
writes through the GUI thread's Store and emits ``changed`` after any change, so the table
can refresh its cached next deadline.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui import dialogs
from foia_desk.gui.tracker import format as fmt
from foia_desk.gui.tracker.detail_html import deadlines_html, kind_label, next_step, notes_html
from foia_desk.gui.tracker.event_dialog import (
    DIALOG_DETAILS,
    FIELDS_BY_KIND,
    EventDialog,
    EventInput,
)
from foia_desk.gui.tracker.reminder_tab import ReminderTab
from foia_desk.status import STATUS_LABELS, allowed_next
from foia_desk.store import RequestDetail

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1
EVENT_ROLE = Qt.ItemDataRole.UserRole + 2
EMPTY_TEXT = ("<p>Select a request in the table to see its deadlines, what has happened so "
              "far and its files.</p>")


class DetailPane(QWidget):
    changed = Signal(int)  # request id whose events, status or files changed
    letter_requested = Signal(str)  # "follow-up" | "appeal" | "mediation"

    def __init__(self, store: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.detail: RequestDetail | None = None
        self.event_dialog: EventDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.heading = QLabel(EMPTY_TEXT)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)

        status_row = QHBoxLayout()
        self.status_label = QLabel("Re&quest status:")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status of the request")
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.setToolTip("Only the moves the law and the request's history allow "
                                     "are listed.")
        self.status_label.setBuddy(self.status_combo)
        self.status_button = QPushButton("Appl&y status")
        self.status_button.clicked.connect(lambda: self.apply_status())
        self.status_combo.currentIndexChanged.connect(self._status_choice_changed)
        status_row.addWidget(self.status_label)
        status_row.addWidget(self.status_combo)
        status_row.addWidget(self.status_button)
        status_row.addStretch(1)
        layout.addLayout(status_row)

        actions = QHBoxLayout()
        self.log_button = QPushButton("Log eve&nt…")
        self.log_button.setToolTip("Record a letter, call or decision (Ctrl+L)")
        self.log_button.clicked.connect(lambda: self.open_event_dialog())
        actions.addWidget(self.log_button)
        self.letter_buttons: dict[str, QPushButton] = {}
        for kind, text, tip in (
                ("follow-up", "Follo&w-up letter…", "Ask the agency where the request stands"),
                ("appeal", "&Appeal letter…", "Appeal the agency's decision"),
                ("mediation", "&Mediation letter…", "Ask OGIS to help resolve a dispute")):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=kind: self.letter_requested.emit(k))
            self.letter_buttons[kind] = button
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.deadlines = QTextBrowser()
        self.deadlines.setAccessibleName("Deadlines and how they were computed")
        self.deadlines.setOpenExternalLinks(False)
        splitter.addWidget(self.deadlines)
        self.tabs = QTabWidget()
        self.timeline = QTreeWidget()
        self.timeline.setAccessibleName("Timeline of events")
        self.timeline.setHeaderLabels(["Date", "What happened", "Details"])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.itemDoubleClicked.connect(lambda *_: self.edit_selected_event())

        header = self.timeline.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tabs.addTab(self._build_timeline_page(), "Timeline")
        self.notes = QTextBrowser()
        self.notes.setAccessibleName("Notes")
        self.tabs.addTab(self.notes, "Notes")
        self.tabs.addTab(self._build_files(), "Files")
        self.reminders = ReminderTab()
        self.reminders.changed.connect(self._after_change)
        self.tabs.addTab(self.reminders, "Reminders")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([10_000, 10_000])  # half and half, whatever the minimum widths
        layout.addWidget(splitter, 1)
        self.show_request(None)

    def _build_timeline_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.timeline, 1)
        row = QHBoxLayout()
        self.remove_event_button = QPushButton("&Remove selected event…")
        self.remove_event_button.setToolTip("Delete an event logged by mistake; every deadline "
                                            "is recomputed without it")
        self.remove_event_button.clicked.connect(lambda: self.remove_selected_event())
        self.edit_event_button = QPushButton("&Correct selected event…")
        self.edit_event_button.setToolTip("Fix the date, tracking number, outcome or note of "
                                          "an event (double-click it, too); every deadline "
                                          "is recomputed")
        self.edit_event_button.clicked.connect(lambda: self.edit_selected_event())
        row.addWidget(self.edit_event_button)
        row.addWidget(self.remove_event_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _build_files(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.files = QListWidget()
        self.files.setAccessibleName("Attached files")
        self.files.itemActivated.connect(lambda _item: self.open_attachment())
        layout.addWidget(self.files, 1)
        row = QHBoxLayout()
        self.attach_button = QPushButton("Add f&ile…")
        self.attach_button.setToolTip("Copy an agency letter or released records into FOIA "
                                      "Desk's data folder")
        self.attach_button.clicked.connect(lambda: self.add_attachment())
        self.open_button = QPushButton("O&pen file")
        self.open_button.clicked.connect(lambda: self.open_attachment())
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # -- showing ----------------------------------------------------------------------
    def show_request(self, detail: RequestDetail | None) -> None:
        self.detail = detail
        enabled = detail is not None
        for widget in (self.status_combo, self.status_button, self.log_button,
                       self.attach_button, self.open_button, self.remove_event_button,
                       self.edit_event_button, *self.letter_buttons.values()):
            widget.setEnabled(enabled)
        if detail is None:
            self.heading.setText(EMPTY_TEXT)
            self.status_combo.clear()
            self.deadlines.setHtml("")
            self.timeline.clear()
            self.notes.setHtml("")
            self.files.clear()
            self.tabs.setTabText(0, "Timeline")
            self.tabs.setTabText(2, "Files")
            self.tabs.setTabText(3, "Reminders")
            self.reminders.show_reminders(self.store, None)
            return
        self._show_heading(detail)
        self._fill_status(detail.status)
        self.deadlines.setHtml(deadlines_html(detail))
        self._fill_timeline(detail)
        self.notes.setHtml(notes_html(detail))
        self._fill_files(detail)
        count = self.reminders.show_reminders(self.store, detail)
        self.tabs.setTabText(3, f"Reminders ({count})")

    def reload(self) -> None:
        """Re-read the shown request from the Store (after a change)."""
        if self.detail is None or self.store is None:
            return
        from foia_desk.store import RequestNotFound

        try:
            detail = self.store.get_request(self.detail.id)
        except RequestNotFound:  # deleted meanwhile (another window): clear the pane
            detail = None
        self.show_request(detail)

    def _show_heading(self, detail: RequestDetail) -> None:
        tracking = detail.tracking_number or "none yet"
        lines = [f"<b>{escape(detail.subject)}</b>",
                 f"{escape(detail.agency_name)} · {escape(kind_label(detail.kind))}",
                 f"Tracking number: {escape(tracking)}"]
        if detail.appeal_tracking_number:
            lines[-1] += f" · appeal: {escape(detail.appeal_tracking_number)}"
        if detail.tags:
            lines.append("Tags: " + escape(", ".join(detail.tags)))
        today = self.store.today() if self.store is not None else date.today()
        lines.append(f"<b>{escape(next_step(detail, today))}</b>")
        self.heading.setText("<br>".join(lines))

    def _fill_status(self, status: str) -> None:
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(f"{STATUS_LABELS.get(status, status)} (now)", status)
        for target in allowed_next(status):
            self.status_combo.addItem(STATUS_LABELS.get(target, target), target)
        self.status_combo.blockSignals(False)
        self._status_choice_changed()

    def _status_choice_changed(self) -> None:
        chosen = self.status_combo.currentData()
        self.status_button.setEnabled(self.detail is not None and chosen is not None
                                      and chosen != self.detail.status)

    def _fill_timeline(self, detail: RequestDetail) -> None:
        self.timeline.clear()
        for event in sorted(detail.events, key=lambda e: (e.date, e.id)):
            facts = fmt.event_details_text(event.kind, dict(event.details),
                                           event.tracking_number)
            note_text = " ".join((event.note or "").split())
            item = QTreeWidgetItem([fmt.day(event.date),
                                    fmt.EVENT_LABELS.get(event.kind, event.kind), facts])
            item.setToolTip(2, facts)
            item.setData(0, EVENT_ROLE, event.id)
            if note_text:  # the note on its own full-width line under its event
                note = QTreeWidgetItem([f"Note: {note_text}"])
                note.setToolTip(0, event.note)
                note.setData(0, EVENT_ROLE, event.id)
                item.addChild(note)
            self.timeline.addTopLevelItem(item)
            if item.childCount():
                item.child(0).setFirstColumnSpanned(True)
                item.setExpanded(True)
        self.tabs.setTabText(0, f"Timeline ({len(detail.events)})")

    def _fill_files(self, detail: RequestDetail) -> None:
        self.files.clear()
        for attachment in detail.attachments:
            size_kb = max(1, round(attachment.size / 1024))
            item = QListWidgetItem(f"{attachment.name}  ({size_kb} KB, added "
                                   f"{attachment.added_at[:10]})")
            item.setData(ATTACHMENT_ROLE, attachment)
            self.files.addItem(item)
        if detail.attachments:
            self.files.setCurrentRow(0)
        self.tabs.setTabText(2, f"Files ({len(detail.attachments)})")

    # -- actions ----------------------------------------------------------------------
    def apply_status(self) -> bool:
        """Move the request to the chosen status; the Store's refusal is shown as is."""
        if self.detail is None:
            return False
        target = self.status_combo.currentData()
        if not target or target == self.detail.status:
            return False
        if not allowed_next(target) and not dialogs.confirm(
                self, "Mark as withdrawn?",
                f"Mark “{self.detail.subject}” as {STATUS_LABELS.get(target, target).lower()}?",
                detail="A withdrawn request's status cannot change again.",
                ok_label="Mark withdrawn"):
            self._fill_status(self.detail.status)
            return False
        try:
            self.store.set_status(self.detail.id, target)
        except Exception as exc:
            dialogs.show_error(self, "The status was not changed", exc)
            self._fill_status(self.detail.status)
            return False
        self._after_change()
        return True

    def open_event_dialog(self, kind: str = "acknowledged") -> EventDialog | None:
        """Open the event dialog (non-blocking); it saves through the Store on OK."""
        if self.detail is None:
            return None
        request_id = self.detail.id

        def submit(entry: EventInput) -> Any:
            return self.store.add_event(request_id, entry.kind, entry.date,
                                        tracking_number=entry.tracking_number,
                                        note=entry.note, details=entry.details)

        dialog = EventDialog(submit, self, kind=kind, subject=self.detail.subject)
        dialog.accepted.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        self.event_dialog = dialog
        dialog.open()
        return dialog

    def _selected_event_id(self) -> int | None:
        item = self.timeline.currentItem()
        if self.detail is None or item is None:
            return None
        if item.parent() is not None:  # a note line belongs to its event
            item = item.parent()
        event_id = item.data(0, EVENT_ROLE)
        return int(event_id) if event_id is not None else None

    def edit_selected_event(self) -> EventDialog | None:
        """Open the event dialog filled with the selected event, to correct it on OK (the
        kind stays; the status is left as it is)."""
        event_id = self._selected_event_id()
        if event_id is None or self.store is None:
            return None
        event = next((e for e in self.detail.events if e.id == event_id), None)
        if event is None:
            return None

        shows_tracking = "tracking" in FIELDS_BY_KIND.get(event.kind, ())
        # Details the dialog does not show (from an import, say) are kept as they were.
        kept = {key: value for key, value in dict(event.details or {}).items()
                if key not in DIALOG_DETAILS}

        def submit(entry: EventInput) -> Any:
            tracking = entry.tracking_number or ("" if shows_tracking else None)
            return self.store.update_event(event_id, date=entry.date, tracking_number=tracking,
                                           note=entry.note or "",
                                           details={**kept, **entry.details})

        dialog = EventDialog(submit, self, kind=event.kind, subject=self.detail.subject)
        dialog.load_event(event)
        dialog.accepted.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        self.event_dialog = dialog
        dialog.open()
        return dialog

    def remove_selected_event(self) -> bool:
        """Delete the selected event after confirming; the status is left as it is."""
        item = self.timeline.currentItem()
        if self.detail is None or item is None:
            return False
        if item.parent() is not None:  # a note line: remove its event
            item = item.parent()
        event_id = item.data(0, EVENT_ROLE)
        if not dialogs.confirm(self, "Remove this event?",
                               f"Remove “{item.text(1)}” of {item.text(0)}?",
                               detail="The deadlines are recomputed without it. The request's "
                                      "status does not change; set it again if needed.",
                               ok_label="Remove event"):
            return False
        try:
            self.store.delete_event(int(event_id))
        except Exception as exc:
            dialogs.show_error(self, "The event was not removed", exc)
            return False
        self._after_change()
        return True

    def add_attachment(self, path: Any = None) -> bool:
        if self.detail is None:
            return False
        if path is None:
            path = dialogs.ask_open_file(self, "Attach a file to this request")
            if path is None:
                return False
        try:
            self.store.attach_file(self.detail.id, path)
        except Exception as exc:
            dialogs.show_error(self, "The file was not attached", exc)
            return False
        self._after_change()
        self.tabs.setCurrentIndex(2)
        return True

    def selected_attachment(self) -> Any:
        item = self.files.currentItem()
        return item.data(ATTACHMENT_ROLE) if item is not None else None

    def open_attachment(self) -> bool:
        attachment = self.selected_attachment()
        if attachment is None:
            return False
        path = self.store.attachment_path(attachment)
        if not path.is_file():
            dialogs.show_error(self, "Cannot open the file", f"{path} is missing from the "
                               "data folder. Was the folder moved or cleaned up?")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _after_change(self) -> None:
        if self.detail is None:
            return
        request_id = self.detail.id
        self.reload()
        self.changed.emit(request_id)
