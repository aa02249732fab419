"""The Reminders tab of the detail pane: the request's own reminders, add one, mark one done.

The form sits in the tab (no extra dialog): pick a day, say what to do, press Add. Automatic
reminders before each deadline are not listed here; they appear in the banner on their day.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui import dialogs
from foia_desk.gui.tracker import format as fmt

REMINDER_ROLE = Qt.ItemDataRole.UserRole + 1


class ReminderTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Any = None
        self.request_id: int | None = None
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Reminders for this request")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.day = QDateEdit(QDate.currentDate().addDays(7))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Remind me on")
        self.text = QLineEdit()
        self.text.setAccessibleName("What to do")
        self.text.setPlaceholderText("What to do, e.g. call the FOIA Public Liaison")
        self.text.returnPressed.connect(lambda: self.add_reminder())
        on_label = QLabel("Remind me on:")
        self.add_button = QPushButton("Add reminder")
        self.add_button.clicked.connect(lambda: self.add_reminder())
        self.done_button = QPushButton("Mar&k done")
        self.done_button.clicked.connect(lambda: self.mark_done())
        row.addWidget(on_label)
        row.addWidget(self.day)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        second = QHBoxLayout()
        second.addWidget(self.text, 1)
        second.addWidget(self.add_button)
        layout.addLayout(second)

    def show_reminders(self, store: Any, detail: Any) -> int:
        """List the request's reminders not yet done; returns how many."""
        self.store = store
        self.request_id = detail.id if detail is not None else None
        self.list.clear()
        pending = [r for r in (detail.reminders if detail is not None else ()) if not r.done]
        for reminder in sorted(pending, key=lambda r: (r.due, r.id)):
            item = QListWidgetItem(f"{fmt.day(reminder.due)} — {reminder.text}")
            item.setData(REMINDER_ROLE, reminder.id)
            self.list.addItem(item)
        if pending:
            self.list.setCurrentRow(0)
        enabled = self.request_id is not None
        for widget in (self.day, self.text, self.add_button, self.done_button):
            widget.setEnabled(enabled)
        return len(pending)

    def add_reminder(self) -> bool:
        if self.store is None or self.request_id is None:
            return False
        try:
            self.store.add_reminder(self.request_id, self.day.date().toPython(),
                                    self.text.text())
        except Exception as exc:  # e.g. an empty text: say so, keep what was typed
            dialogs.show_error(self, "The reminder was not added", exc)
            return False
        self.text.clear()
        self.changed.emit()
        return True

    def mark_done(self) -> bool:
        item = self.list.currentItem()
        if self.store is None or item is None:
            return False
        try:
            self.store.mark_done(int(item.data(REMINDER_ROLE)))
        except Exception as exc:
            dialogs.show_error(self, "The reminder was not changed", exc)
            return False
        self.changed.emit()
        return True
