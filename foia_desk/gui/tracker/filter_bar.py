"""The row of filters above the tracker table: search (debounced), status, agency, tag.

It only builds a :class:`RequestFilter`; the Store does the filtering (see model.py for
why). Typing restarts a short timer, so a query runs once the user pauses, not per key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from foia_desk.status import STATUS_LABELS, STATUSES
from foia_desk.store import RequestFilter

SEARCH_DELAY_MS = 300


class FilterBar(QWidget):
    filter_changed = Signal(object)  # RequestFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel("&Search:")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search requests")
        self.search.setPlaceholderText("Subject, agency or tracking number")
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search, 2)

        self.status = self._combo("Filter by status", "All statuses")
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS.get(status, status), status)
        self.agency = self._combo("Filter by agency", "All agencies")
        self.tag = self._combo("Filter by tag", "All tags")
        for label, combo in (("Stat&us:", self.status), ("A&gency:", self.agency),
                             ("&Tag:", self.tag)):
            text = QLabel(label)
            text.setBuddy(combo)
            layout.addWidget(text)
            layout.addWidget(combo, 1)
        self.overdue = QCheckBox("&Overdue only")
        layout.addWidget(self.overdue)
        self.clear_button = QPushButton("C&lear filters")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_now)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_now)
        for combo in (self.status, self.agency, self.tag):
            combo.currentIndexChanged.connect(self.apply_now)
        self.overdue.toggled.connect(self.apply_now)
        self._last = RequestFilter()

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        return combo

    def set_choices(self, agencies: list[tuple[str, str, int]], tags: list[str]) -> None:
        """Refill the agency and tag lists (keeping the current choices when still there)."""
        self._refill(self.agency, [(f"{name} ({count})", agency_id)
                                   for agency_id, name, count in agencies])
        self._refill(self.tag, [(tag, tag) for tag in tags])

    def _refill(self, combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if current is not None and index < 0:
            self.apply_now()

    def current_filter(self) -> RequestFilter:
        return RequestFilter(search=self.search.text().strip(),
                             status=self.status.currentData(),
                             agency_id=self.agency.currentData(), tag=self.tag.currentData(),
                             overdue_only=self.overdue.isChecked())

    def is_filtered(self) -> bool:
        return self.current_filter() != RequestFilter()

    def apply_now(self) -> None:
        """Apply the filters at once (the search timer calls this after a pause)."""
        self._timer.stop()
        flt = self.current_filter()
        if flt != self._last:
            self._last = flt
            self.filter_changed.emit(flt)

    def clear(self) -> None:
        for widget in (self.search, self.status, self.agency, self.tag, self.overdue):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.status, self.agency, self.tag):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in (self.search, self.status, self.agency, self.tag, self.overdue):
            widget.blockSignals(False)
        self.apply_now()
