"""The tracker table model: one row per request, fetched a page at a time from the Store.

Why no QSortFilterProxyModel: a proxy can only sort and filter the rows its source model has
already loaded, so with 100,000 requests it would force the whole table into memory (and
into Qt's row bookkeeping) before the first sort. Instead, sorting and filtering are pushed
down to the Store (``Store.list_requests(filter, offset, limit, order)`` and
``Store.count_requests(filter)``), which runs them on indexed SQLite columns. The model keeps
only the pages the view has scrolled to (Qt asks for more through ``canFetchMore`` /
``fetchMore``), so opening the tracker costs one COUNT and one page however big it is.

A change (an event logged, a filter typed) calls :meth:`RequestTableModel.reload`, which
re-reads as many rows as were loaded, so the view keeps its scroll position.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from foia_desk.gui.tracker import format as fmt
from foia_desk.status import STATUS_LABELS, TOLLING_STATUSES
from foia_desk.store import RequestFilter, RequestSummary

PAGE_SIZE = 200
COLUMNS = ("Agency", "Subject", "Status", "Submitted", "Next deadline", "Days left",
           "Tracking number")
AGENCY, SUBJECT, STATUS, SUBMITTED, NEXT_DEADLINE, DAYS_LEFT, TRACKING = range(len(COLUMNS))
# Column -> Store order key (None: the Store cannot sort by it, so the header ignores it).
SORT_KEYS: dict[int, str | None] = {
    AGENCY: "agency", SUBJECT: "subject", STATUS: "status", SUBMITTED: "submitted",
    NEXT_DEADLINE: "next_deadline", DAYS_LEFT: "next_deadline", TRACKING: None,
}
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2
# Translucent tints read on light and dark palettes alike (the text colour is untouched).
_TINTS = {"overdue": QColor(220, 40, 40, 60), "soon": QColor(230, 160, 0, 60)}
_Index = QModelIndex | QPersistentModelIndex


class RequestTableModel(QAbstractTableModel):
    """Requests matching a :class:`RequestFilter`, in the Store's order, loaded lazily.

    ``store`` is the GUI thread's Store (any object with ``list_requests``,
    ``count_requests`` and ``today``). ``working_days`` (optional) counts working days from
    today to a date, for the "Due soon" marker; without it calendar days are used.
    ``load_failed`` carries the exception when a page could not be read while scrolling.
    """

    load_failed = Signal(object)

    def __init__(self, store: Any, *, working_days: Any = None, page_size: int = PAGE_SIZE,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.page_size = page_size
        self.filter = RequestFilter()
        self.order = "next_deadline"
        self._working_days = working_days
        self._rows: list[RequestSummary] = []
        self._total = 0
        self._urgency: dict[int, fmt.Urgency] = {}
        self._short_names: dict[str, str] = {}
        self.first_error: BaseException | None = None
        try:
            self.reload()
        except Exception as exc:  # the widget shows it; an empty table is still usable
            self.first_error = exc

    # -- loading ----------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many requests match the filter (loaded or not)."""
        return self._total

    def set_store(self, store: Any) -> None:
        self.store = store
        self.reload(keep_loaded=False)

    def set_filter(self, request_filter: RequestFilter) -> None:
        if request_filter != self.filter:
            self.filter = request_filter
            self.reload(keep_loaded=False)

    def set_order(self, order: str) -> None:
        if order != self.order:
            self.order = order
            self.reload(keep_loaded=False)

    def reload(self, *, keep_loaded: bool = True) -> None:
        """Re-read the rows from the Store (as many as were loaded, at least one page)."""
        wanted = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        self._urgency.clear()
        try:
            if self.store is None:
                self._rows, self._total = [], 0
            else:
                self._total = self.store.count_requests(self.filter)
                self._rows = self._read(0, min(wanted, self._total))
        except Exception:
            self._rows, self._total = [], 0
            raise
        finally:
            self.endResetModel()

    def _read(self, offset: int, count: int) -> list[RequestSummary]:
        rows: list[RequestSummary] = []
        while count > 0:
            chunk = min(count, 10_000)  # the Store's largest page
            page = self.store.list_requests(self.filter, offset=offset, limit=chunk,
                                            order=self.order)
            rows.extend(page)
            if len(page) < chunk:
                break
            offset += chunk
            count -= chunk
        return rows

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.store is None:
            return
        count = min(self.page_size, self._total - len(self._rows))
        if count <= 0:
            return
        try:
            page = self._read(len(self._rows), count)
        except Exception as exc:  # e.g. the database is busy: stop here, say why
            self._total = len(self._rows)
            self.load_failed.emit(exc)
            return
        if not page:  # rows were deleted elsewhere: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort in the Store (see the module docstring)."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.set_order(key if order == Qt.SortOrder.AscendingOrder else f"-{key}")

    # -- lookups ----------------------------------------------------------------------
    def request_at(self, row: int) -> RequestSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, request_id: int) -> int:
        """The row showing ``request_id`` among the loaded rows, or -1."""
        for row, summary in enumerate(self._rows):
            if summary.id == request_id:
                return row
        return -1

    def urgency_of(self, row: int) -> fmt.Urgency:
        summary = self._rows[row]
        cached = self._urgency.get(summary.id)
        if cached is None:
            today = self._today()
            working = None
            if summary.next_deadline is not None and summary.next_deadline > today:
                working = self._count_working(today, summary.next_deadline)
            cached = fmt.urgency(summary.next_deadline, summary.next_deadline_key, today,
                                 working)
            self._urgency[summary.id] = cached
        return cached

    def _today(self) -> date:
        today = getattr(self.store, "today", None)
        return today() if callable(today) else date.today()

    def _count_working(self, today: date, due: date) -> int:
        if self._working_days is None:
            return (due - today).days
        from foia_desk.calendar import CalendarRangeError

        try:
            return int(self._working_days(today, due))
        except CalendarRangeError:  # a date past the calendar's range (2100): count days
            return (due - today).days

    # -- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if SORT_KEYS.get(section) is None:
                return "This column cannot be sorted."
            return f"Click to sort by {COLUMNS[section].lower()}."
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(summary, index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, index.row(), column)
        if role == REQUEST_ID_ROLE:
            return summary.id
        if role == URGENCY_ROLE:
            return self.urgency_of(index.row()).level
        level = self.urgency_of(index.row()).level
        if role == Qt.ItemDataRole.BackgroundRole and level:
            return QBrush(_TINTS[level])
        if role == Qt.ItemDataRole.FontRole and level:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _agency_short(self, summary: RequestSummary) -> str:
        """'USPIS' rather than 'U.S. Postal Inspection Service' (full name in the tooltip)."""
        short = self._short_names.get(summary.agency_id)
        if short is None:
            short = summary.agency_name
            lookup = getattr(self.store, "agency", None)
            try:
                agency = lookup(summary.agency_id) if callable(lookup) else None
            except Exception:  # the directory could not be read: keep the stored name
                agency = None
            if agency is not None and agency.acronyms:
                short = agency.acronyms[0]
            self._short_names[summary.agency_id] = short
        return short

    def _text(self, summary: RequestSummary, row: int, column: int) -> str:
        if column == AGENCY:
            return self._agency_short(summary)
        if column == SUBJECT:
            return summary.subject
        if column == STATUS:
            return STATUS_LABELS.get(summary.status, summary.status)
        if column == SUBMITTED:
            return fmt.short_day(summary.submitted) or "not sent"
        if column == NEXT_DEADLINE:
            if summary.next_deadline is None:
                return "—"
            what = fmt.DEADLINE_SHORT.get(summary.next_deadline_key or "", "")
            return fmt.short_day(summary.next_deadline) + (f" · {what}" if what else "")
        if column == DAYS_LEFT:
            if summary.next_deadline is None and summary.status in TOLLING_STATUSES:
                return "Clock paused"
            return self.urgency_of(row).marker
        if column == TRACKING:
            return summary.tracking_number or ""
        return ""

    def _tooltip(self, summary: RequestSummary, row: int, column: int) -> str:
        if column == DAYS_LEFT and summary.next_deadline is None and \
                summary.status in TOLLING_STATUSES:
            return ("The agency asked you for information or about fees; its clock is paused "
                    "until you answer. Log your reply as an event.")
        if column in (NEXT_DEADLINE, DAYS_LEFT) and summary.next_deadline is not None:
            label = summary.next_deadline_label or "Next deadline"
            return (f"{label}: {fmt.day(summary.next_deadline)}. "
                    f"{self.urgency_of(row).explanation}")
        if column == SUBJECT:
            tags = ", ".join(summary.tags)
            return summary.subject + (f"\nTags: {tags}" if tags else "")
        if column == AGENCY:
            return summary.agency_name
        if column == TRACKING and not summary.tracking_number:
            return "No tracking number yet: log the agency's acknowledgement to add one."
        return self._text(summary, row, column)
