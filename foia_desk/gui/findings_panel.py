"""What the article mentions: agencies to ask, bodies FOIA does not reach, records to request.

Agencies named in the article start checked; suggested ones (inferred, or the parent of a
named component) start unchecked with the reason beside them. Non-FOIA bodies are listed with
why and where to ask instead, and cannot be checked. Candidate records are editable (F2 or
double-click), reorderable (drag, or Alt+Up/Alt+Down) and checkable, each with a date range.
Clicking any finding asks the article view to show its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui.agency_picker import AgencyPickerDialog

SPANS = Qt.ItemDataRole.UserRole  # list[(start, end)] of evidence in the article
KEY = Qt.ItemDataRole.UserRole + 1  # agency id, or record agencies
CYCLE = Qt.ItemDataRole.UserRole + 2  # which evidence span the next click shows
DETAILS = Qt.ItemDataRole.UserRole + 3  # rich text for the details line


@dataclass
class RecordEntry:
    """One candidate record as the user has edited it."""

    text: str
    date_start: date | None = None
    date_end: date | None = None
    agencies: list[str] = field(default_factory=list)


def parse_day(text: str) -> date | None:
    """'' -> None; 'YYYY-MM-DD' -> date; anything else raises ValueError."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


def _spans(mentions: Any) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in sorted(mentions or [])]


class FindingsPanel(QWidget):
    agencies_changed = Signal()
    records_changed = Signal()
    evidence_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory: Any = None
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Who to ask</b> — tick the agencies to write to. "
                         "Click any line to see it in the article.")
        heading.setWordWrap(True)
        top_layout.addWidget(heading)
        self.agency_tree = QTreeWidget()
        self.agency_tree.setColumnCount(2)
        self.agency_tree.setHeaderLabels(["Agency or body", "Why it is listed"])
        self.agency_tree.setAccessibleName("Agencies found in the article")
        self.agency_tree.setWordWrap(True)
        self.agency_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.agency_tree.header().setStretchLastSection(True)
        self.agency_tree.itemChanged.connect(self._agency_item_changed)
        self.agency_tree.itemClicked.connect(self._item_clicked)
        top_layout.addWidget(self.agency_tree, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Details of the selected finding")
        self.details.setText("Select a line to read the full explanation here.")
        self.agency_tree.currentItemChanged.connect(self._show_details)
        add_row = QHBoxLayout()
        self.add_agency_button = QPushButton("&Add agency…")
        self.add_agency_button.setToolTip("Search the agency directory and add one to write to")
        self.add_agency_button.clicked.connect(self.pick_agency)
        add_row.addWidget(self.add_agency_button)
        add_row.addStretch(1)
        top_layout.addLayout(add_row)
        splitter.addWidget(top)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        rec_heading = QLabel("<b>Records to ask for</b> — tick, edit (double-click or F2) "
                             "and order them; dates are YYYY-MM-DD.")
        rec_heading.setWordWrap(True)
        bottom_layout.addWidget(rec_heading)
        self.record_tree = QTreeWidget()
        self.record_tree.setColumnCount(3)
        self.record_tree.setHeaderLabels(["Record description", "From", "To"])
        self.record_tree.setAccessibleName("Candidate records")
        self.record_tree.setRootIsDecorated(False)
        self.record_tree.setWordWrap(True)
        self.record_tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.record_tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.record_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.record_tree.itemChanged.connect(self._record_item_changed)
        self.record_tree.itemClicked.connect(self._item_clicked)
        self.record_tree.currentItemChanged.connect(self._show_details)
        model = self.record_tree.model()  # a drag-and-drop move is a remove plus an insert
        for signal in (model.rowsMoved, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._rows_changed)
        bottom_layout.addWidget(self.record_tree, 1)
        self.record_error = QLabel()
        self.record_error.setWordWrap(True)
        self.record_error.hide()
        bottom_layout.addWidget(self.record_error)
        buttons = QHBoxLayout()
        self.add_record_button = QPushButton("Add &record")
        self.add_record_button.clicked.connect(self.add_blank_record)
        self.remove_record_button = QPushButton("Remo&ve")
        self.remove_record_button.clicked.connect(self.remove_current_record)
        self.up_button = QPushButton("Move up (Alt+Up)")
        self.up_button.clicked.connect(lambda: self.move_current_record(-1))
        self.down_button = QPushButton("Move down (Alt+Down)")
        self.down_button.clicked.connect(lambda: self.move_current_record(1))
        self.scope_button = QPushButton("&Letters…")
        self.scope_button.setToolTip("Choose which agencies' letters ask for the selected "
                                     "record")
        self.scope_button.clicked.connect(self.edit_record_scope)
        for button in (self.add_record_button, self.remove_record_button, self.up_button,
                       self.down_button, self.scope_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        bottom_layout.addLayout(buttons)
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.record_tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_current_record(step))
        splitter.addWidget(bottom)
        splitter.setSizes([300, 300])
        layout.addWidget(self.details)

        self._named = self._section("Named in the article")
        self._suggested = self._section("Suggestions (not ticked)")
        self._non_foia = self._section("Not covered by federal FOIA — ask elsewhere")

    # ------------------------------------------------------------------ building
    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.agency_tree, [title])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setFirstColumnSpanned(True)
        item.setExpanded(True)
        return item

    def clear(self) -> None:
        self._updating = True
        for section in (self._named, self._suggested, self._non_foia):
            section.takeChildren()
        self.record_tree.clear()
        self.record_error.hide()
        self._updating = False

    def set_findings(self, findings: Any, directory: Any = None) -> None:
        """Fill the panel from an extract.Findings."""
        self._directory = directory
        self.clear()
        self._updating = True
        seen: set[str] = set()
        for finding in findings.agencies:
            seen.add(finding.id)
            mentioned = finding.role == "mentioned"
            reason = _sentence(finding.reason or self._default_reason(finding))
            spans = _spans(finding.mentions) or _spans(getattr(finding, "evidence", []))
            self._agency_item(self._named if mentioned else self._suggested, finding.id,
                              finding.name, reason, spans, checked=mentioned)
        bodies: dict[str, QTreeWidgetItem] = {}
        for body in findings.non_foia:
            item = bodies.get(body.name)
            if item is not None:  # the same body found twice: one line, all its mentions
                item.setData(0, SPANS, sorted(item.data(0, SPANS) + _spans(body.mentions)))
                continue
            item = QTreeWidgetItem(self._non_foia, [body.name, _sentence(body.reason)])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setData(0, SPANS, _spans(body.mentions))
            item.setData(0, DETAILS, f"<b>{_esc(body.name)}</b> is not covered by federal "
                                     f"FOIA. {_esc(_sentence(body.reason))}<br><b>Where to "
                                     f"ask instead:</b> {_esc(_sentence(body.route))}")
            item.setToolTip(1, f"{body.reason}\n\nWhere to ask instead: {body.route}")
            bodies[body.name] = item
        for topic in findings.topics:
            start, end = topic.date_range
            self._record_item(RecordEntry(topic.text, start, end, list(topic.agencies)),
                              _spans(topic.mentions), checked=True)
        for section in (self._named, self._suggested, self._non_foia):
            section.setHidden(section.childCount() == 0)
        self._updating = False
        self.agency_tree.resizeColumnToContents(0)
        self.agencies_changed.emit()
        self.records_changed.emit()

    def _default_reason(self, finding: Any) -> str:
        if finding.role == "mentioned":
            return "Named in the article"
        if finding.role == "parent" and finding.parent is None:
            return "Parent department of an agency named in the article"
        return "Suggested from the article's wording"

    def _agency_item(self, section: QTreeWidgetItem, agency_id: str, name: str, reason: str,
                     spans: list[tuple[int, int]], *, checked: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(section, [name, reason])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(0, KEY, agency_id)
        item.setData(0, SPANS, spans)
        item.setToolTip(1, reason)
        item.setData(0, DETAILS, f"<b>{_esc(name)}</b>: {_esc(reason)}" + (
            "" if spans else " (not named in the article itself)"))
        section.setHidden(False)
        return item

    def _record_item(self, entry: RecordEntry, spans: list[tuple[int, int]], *,
                     checked: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([entry.text, _iso(entry.date_start), _iso(entry.date_end)])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
                      | Qt.ItemFlag.ItemIsDragEnabled)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(0, SPANS, spans)
        item.setData(0, KEY, list(entry.agencies))
        item.setToolTip(0, entry.text)
        self.record_tree.addTopLevelItem(item)
        return item

    # ------------------------------------------------------------------ agencies
    def agency_items(self) -> list[QTreeWidgetItem]:
        return [section.child(i) for section in (self._named, self._suggested)
                for i in range(section.childCount())]

    def agency_item(self, agency_id: str) -> QTreeWidgetItem | None:
        return next((i for i in self.agency_items() if i.data(0, KEY) == agency_id), None)

    def checked_agency_ids(self) -> list[str]:
        return [i.data(0, KEY) for i in self.agency_items()
                if i.checkState(0) == Qt.CheckState.Checked]

    def set_agency_checked(self, agency_id: str, checked: bool) -> None:
        item = self.agency_item(agency_id)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def add_agency(self, agency_id: str, name: str, reason: str = "Added by you") -> None:
        """Add (or tick, if already listed) an agency the user chose from the directory."""
        existing = self.agency_item(agency_id)
        if existing is not None:
            self.set_agency_checked(agency_id, True)
            self.agency_tree.setCurrentItem(existing)
            return
        item = self._agency_item(self._named, agency_id, name, reason, [], checked=True)
        self.agency_tree.setCurrentItem(item)
        self.agencies_changed.emit()

    def pick_agency(self) -> None:
        dialog = AgencyPickerDialog(self, self._directory)
        if dialog.exec() and dialog.chosen is not None:
            self.add_agency(dialog.chosen.id, dialog.chosen.name)

    def _agency_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._updating and column == 0:
            self.agencies_changed.emit()

    # ------------------------------------------------------------------ records
    def record_items(self) -> list[QTreeWidgetItem]:
        return [self.record_tree.topLevelItem(i)
                for i in range(self.record_tree.topLevelItemCount())]

    def records(self, checked_only: bool = True) -> list[RecordEntry]:
        out = []
        for item in self.record_items():
            if checked_only and item.checkState(0) != Qt.CheckState.Checked:
                continue
            text = item.text(0).strip()
            if not text:
                continue
            try:
                start, end = parse_day(item.text(1)), parse_day(item.text(2))
            except ValueError:
                start = end = None
            out.append(RecordEntry(text, start, end, list(item.data(0, KEY) or [])))
        return out

    def add_blank_record(self) -> QTreeWidgetItem:
        item = self._record_item(RecordEntry(""), [], checked=True)
        self.record_tree.setCurrentItem(item)
        self.record_tree.editItem(item, 0)
        return item

    def remove_current_record(self) -> None:
        item = self.record_tree.currentItem()
        if item is not None:
            self.record_tree.takeTopLevelItem(self.record_tree.indexOfTopLevelItem(item))
            self.records_changed.emit()

    def move_current_record(self, step: int) -> None:
        item = self.record_tree.currentItem()
        if item is None:
            return
        index = self.record_tree.indexOfTopLevelItem(item)
        target = index + step
        if not 0 <= target < self.record_tree.topLevelItemCount():
            return
        self._updating = True
        self.record_tree.takeTopLevelItem(index)
        self.record_tree.insertTopLevelItem(target, item)
        self._updating = False
        self.record_tree.setCurrentItem(item)
        self.records_changed.emit()

    def edit_record_scope(self) -> None:
        """Ask which letters the selected record goes into (see RecordScopeDialog)."""
        from foia_desk.gui.record_scope_dialog import RecordScopeDialog

        item = self.record_tree.currentItem()
        if item is None:
            self._record_problem("Select a record first, then choose its letters.")
            return
        agencies = [(i.data(0, KEY), i.text(0)) for i in self.agency_items()]
        dialog = RecordScopeDialog(item.text(0), agencies, list(item.data(0, KEY) or []), self)
        if dialog.exec():
            self.set_record_agencies(item, dialog.chosen())

    def set_record_agencies(self, item: QTreeWidgetItem, agency_ids: list[str]) -> None:
        """Tie a record to these agencies' letters (none: every letter)."""
        item.setData(0, KEY, list(agency_ids))
        self.record_error.hide()
        self._show_details(item)
        self.records_changed.emit()

    def _rows_changed(self, *_args: object) -> None:
        if not self._updating:
            self.records_changed.emit()

    def _record_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating:
            return
        if column in (1, 2):
            try:
                start, end = parse_day(item.text(1)), parse_day(item.text(2))
            except ValueError:
                self._record_problem(f"“{item.text(column)}” is not a date; write it as "
                                     "YYYY-MM-DD, for example 2025-05-02, or leave it blank.")
                return
            if start and end and start > end:
                self._record_problem("A record's date range starts after it ends.")
                return
        self.record_error.hide()
        item.setToolTip(0, item.text(0))
        self.records_changed.emit()

    def _record_problem(self, message: str) -> None:
        self.record_error.setText("⚠ " + message)
        self.record_error.show()

    # ------------------------------------------------------------------ evidence
    def _show_details(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        text = item.data(0, DETAILS)
        if text is None and item.treeWidget() is self.record_tree:
            text = f"<b>Record:</b> {_esc(item.text(0))}<br>" + self._record_scope(item)
        if text:
            self.details.setText(text)

    def _item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        spans = item.data(0, SPANS) or []
        if not spans:
            return
        index = int(item.data(0, CYCLE) or 0) % len(spans)
        item.setData(0, CYCLE, index + 1)
        start, end = spans[index]
        self.evidence_requested.emit(start, end)

    def _record_scope(self, item: QTreeWidgetItem) -> str:
        ids = list(item.data(0, KEY) or [])
        if not ids:
            return "Goes into every letter."
        names = []
        for agency_id in ids:
            try:
                names.append(self._directory.get(agency_id).name)
            except Exception:  # not in the directory: show the id
                names.append(agency_id)
        return ("Goes into the letters to " + ", ".join(_esc(n) for n in names)
                + " (and their parent or component agencies).")

    def highlight_spans(self) -> list[tuple[str, int, int]]:
        """(kind, start, end) for the article view's highlights."""
        out: list[tuple[str, int, int]] = []
        for item in self.agency_items():
            out.extend(("agency", s, e) for s, e in item.data(0, SPANS) or [])
        for i in range(self._non_foia.childCount()):
            out.extend(("non_foia", s, e) for s, e in self._non_foia.child(i).data(0, SPANS) or [])
        for item in self.record_items():
            out.extend(("record", s, e) for s, e in item.data(0, SPANS) or [])
        return out


def _sentence(text: str) -> str:
    """Capitalised, ending with a full stop: reasons read as sentences."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")")) else text + "."


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""
