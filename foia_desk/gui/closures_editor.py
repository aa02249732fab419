"""Office closure days (beyond the regular federal holidays) kept in the tracker's store.

Each change opens a short-lived Store on the GUI thread: these are single small writes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
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

from foia_desk.errors import UserError
from foia_desk.gui import dialogs


class ClosuresEditor(QWidget):
    """Days federal offices were closed beyond the regular holidays; they move deadlines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel("Add days when federal offices were closed by special order (for "
                       "example a day added by executive order). Deadlines skip these days "
                       "like holidays.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Closure days")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName("Closure day")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Why (e.g. Executive order, day of mourning)")
        self.add_button = QPushButton("&Add day")
        self.remove_button = QPushButton("&Remove")
        self.add_button.clicked.connect(self.add_closure)
        self.remove_button.clicked.connect(self.remove_closure)
        for widget in (self.day, self.note, self.add_button, self.remove_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.reload()

    def _store(self):  # foia_desk.store.Store
        from foia_desk.store import open_store

        return open_store()

    def reload(self) -> None:
        self.list.clear()
        try:
            with self._store() as store:
                closures = store.list_closures()
        except UserError as exc:
            self.list.addItem(f"Cannot read the closure days: {exc}")
            return
        for closure in closures:
            item = QListWidgetItem(f"{closure.day.isoformat()}  {closure.note}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, closure.day.isoformat())
            self.list.addItem(item)

    def add_closure(self, day: date | None = None, note: str | None = None) -> None:
        chosen = day or self.day.date().toPython()
        try:
            with self._store() as store:
                store.add_closure(chosen, self.note.text().strip() if note is None else note)
        except UserError as exc:
            dialogs.show_error(self, "Cannot add the closure day", exc)
            return
        self.note.clear()
        self.reload()

    def remove_closure(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        try:
            with self._store() as store:
                store.remove_closure(item.data(Qt.ItemDataRole.UserRole))
        except UserError as exc:
            dialogs.show_error(self, "Cannot remove the closure day", exc)
            return
        self.reload()
