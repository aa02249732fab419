"""A searchable list of the agency directory, for adding an agency the article did not name."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foia_desk.errors import UserError

AGENCY = Qt.ItemDataRole.UserRole


def _label(agency: Any, directory: Any) -> str:
    acronyms = getattr(agency, "acronyms", ()) or ()
    label = agency.name + (f" ({', '.join(acronyms)})" if acronyms else "")
    parent_id = getattr(agency, "parent", None)
    if parent_id and directory is not None:
        with contextlib.suppress(UserError):  # an unknown parent only loses the suffix
            label += f" — part of {directory.get(parent_id).name}"
    return label


class AgencyPickerDialog(QDialog):
    """Type part of a name or acronym; Enter or double-click chooses. ``chosen`` is the Agency."""

    def __init__(self, parent: QWidget | None, directory: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an agency")
        if directory is None:
            from foia_desk.directory import load_directory

            directory = load_directory()
        self.directory = directory
        self.chosen: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Search the directory by name or acronym (for example "
                                "“FBI” or “Postal”):"))
        self.search = QLineEdit()
        self.search.setAccessibleName("Search agencies")
        self.search.setPlaceholderText("Agency name or acronym")
        self.search.textChanged.connect(self.refresh)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setAccessibleName("Matching agencies")
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.results, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 480)
        self.refresh("")

    def refresh(self, query: str) -> None:
        query = query.strip()
        agencies = self.directory.search(query) if query else sorted(
            self.directory, key=lambda a: a.name.casefold())
        self.results.clear()
        for agency in agencies:
            item = QListWidgetItem(_label(agency, self.directory))
            item.setData(AGENCY, agency)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            empty = QListWidgetItem(f"No agency in the directory matches “{query}”. Try a "
                                    "shorter word or the acronym.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None or item.data(AGENCY) is None:
            return
        self.chosen = item.data(AGENCY)
        super().accept()
