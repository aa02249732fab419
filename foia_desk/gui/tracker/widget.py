"""The Tracker tab: reminders banner, filters, the request table and the selected request.

The widget owns the GUI thread's Store (one SQLite connection, opened here); background
work (exports, import, backup, restore) opens its own in the worker. See model.py for why
sorting and filtering go through Store queries instead of a QSortFilterProxyModel.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui import dialogs
from foia_desk.gui.tracker import model as table
from foia_desk.gui.tracker.detail_pane import DetailPane
from foia_desk.gui.tracker.file_actions import TrackerFileActions
from foia_desk.gui.tracker.filter_bar import FilterBar
from foia_desk.gui.tracker.reminders import ReminderBanner, notify_tray

WATCH_MS = 30_000  # how often the tab checks for a new day or changes made elsewhere


class TrackerWidget(QWidget):
    """Every tracked request, filterable, with the selected one's details beside it.

    ``store``: an open Store to use (tests); by default one is opened on ``db_path`` (the
    data folder's database when None). ``notify``: also send today's reminders to the
    system tray at start.
    """

    def __init__(self, parent: QWidget | None = None, *, store: Any = None,
                 db_path: str | Path | None = None, notify: bool = True) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path) if db_path is not None else None
        self.store: Any = None
        self.store_error: BaseException | None = None
        self.letter_dialog: Any = None
        self._notify = notify
        self._calendar: Any = None
        self._opened_by_me = store is None
        if store is not None:
            self.store = store
        else:
            self._open_store()

        layout = QVBoxLayout(self)
        self.banner = ReminderBanner()
        self.banner.request_activated.connect(self.show_request)
        layout.addWidget(self.banner)
        self.filters = FilterBar()
        self.filters.filter_changed.connect(self._filter_changed)
        layout.addWidget(self.filters)

        self.model = table.RequestTableModel(self.store, working_days=self._working_days,
                                             parent=self)
        self.model.load_failed.connect(self._load_failed)
        if self.model.first_error is not None:
            QTimer.singleShot(0, lambda: self._load_failed(self.model.first_error))
        self.view = QTableView()
        self.view.setAccessibleName("Tracked requests")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(False)  # the urgency tints must stay readable
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(table.SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(table.NEXT_DEADLINE, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self._size_columns()
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail = DetailPane(self.store)
        self.detail.changed.connect(self._request_changed)
        self.detail.letter_requested.connect(self.open_letter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        status_row = QHBoxLayout()
        self.count_label = QLabel()
        self.legend = QLabel("⚠ Overdue: a deadline has passed · Due soon: within 5 working "
                             "days · Click a column title to sort.")
        status_row.addWidget(self.count_label)
        status_row.addStretch(1)
        status_row.addWidget(self.legend)
        left_layout.addLayout(status_row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_layout.addWidget(self.message)

        # Table above, details below: the table keeps all seven columns visible and the
        # deadline explanations get the full width to read.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)

        self.file_actions = TrackerFileActions(self)
        self._add_shortcuts()
        self._set_enabled_for_store()
        self._refresh_choices()
        self._update_count()
        # Every half minute: has the day changed (deadlines and reminders move on at
        # midnight, and a laptop may stay open for days) or has another program (the
        # foia-desk CLI, a script) changed the tracker? Both checks are cheap.
        self._seen_day, self._seen_version = self._day_and_version()
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_MS)
        self.watch_timer.timeout.connect(self.check_for_changes)
        self.watch_timer.start()
        if self.store is not None:
            QTimer.singleShot(0, self.load_reminders)

    # -- store ------------------------------------------------------------------------
    def _open_store(self) -> None:
        from foia_desk.store import open_store

        try:
            self.store = open_store(self.db_path)
            self.store_error = None
        except Exception as exc:  # show it in the tab; the rest of the app still works
            self.store, self.store_error = None, exc
        self._calendar = None
        self._seen_day, self._seen_version = self._day_and_version()

    def close_store(self) -> None:
        """Close the tab's connection (before a restore replaces the database file)."""
        if self.store is not None and self._opened_by_me:
            self.store.close()
        self.store = None
        self.model.set_store(None)
        self.detail.store = None
        self.detail.show_request(None)
        self._set_enabled_for_store()

    def reopen_store(self) -> None:
        """Open the database again (after a restore or an import) and reload everything."""
        if self.store is None:
            self._opened_by_me = True
            self._open_store()
        self.detail.store = self.store
        self.model.set_store(self.store)
        self._set_enabled_for_store()
        self.refresh()

    def _set_enabled_for_store(self) -> None:
        ok = self.store is not None
        self.view.setEnabled(ok)
        self.filters.setEnabled(ok)
        if not ok and self.store_error is not None:
            message, hint, _details = dialogs.error_texts(self.store_error)
            self.message.setText(f"⚠ The tracker could not be opened: {message} {hint}")

    def _working_days(self, today: date, due: date) -> int:
        if self._calendar is None:
            from foia_desk.calendar import Closure, FederalCalendar

            closures = self.store.list_closures() if self.store is not None else []
            self._calendar = FederalCalendar(closures=[Closure(c.day, c.note)
                                                       for c in closures])
        return self._calendar.working_days_between(today, due)

    def _day_and_version(self) -> tuple[date | None, int | None]:
        if self.store is None:
            return None, None
        try:
            return self.store.today(), self.store.data_version()
        except Exception:  # a busy or vanished database is reported when it is read
            return None, None

    def check_for_changes(self) -> str:
        """Catch up when the day has changed or another program changed the tracker.

        A new day recomputes the deadlines that fell due, re-reads the table and shows the
        day's reminders (with a tray notification); a change made elsewhere re-reads the
        table, the shown request and the reminders. Returns "day", "data" or "".
        """
        if self.store is None:
            return ""
        day, version = self._day_and_version()
        if day is None:
            return ""
        reason = "day" if day != self._seen_day else \
            "data" if version != self._seen_version else ""
        if not reason:
            return ""
        if reason == "day":
            try:
                self.store.refresh_for_today()
            except Exception as exc:
                self._load_failed(exc)
                return ""
            self._notify = True  # a new day's reminders are announced like at start
        self._seen_day, self._seen_version = day, version
        self.refresh()
        self.load_reminders()
        return reason

    # -- public API (main window) -----------------------------------------------------
    def file_menu_actions(self) -> list[QAction]:
        """Export calendar, Export CSV, Import CSV, Back up, Restore (for the File menu)."""
        return self.file_actions.actions()

    def refresh(self) -> None:
        """Re-read requests from the Store (after "Save to tracker" or an import)."""
        if self.store is None:
            return
        self._calendar = None
        selected = self.detail.detail.id if self.detail.detail is not None else None
        self._refresh_choices()
        if not self._reload_model():
            return
        if selected is not None:
            self._reselect(selected)
            self.detail.reload()

    def load_reminders(self) -> Any:
        """Compute today's reminders on the task pool (a big tracker takes a moment), then
        fill the banner. Returns the task handle."""
        from foia_desk.gui import tasks

        # The worker counts from the same day as this tab's store (one day for both, even
        # if midnight passes meanwhile).
        day = self.store.today() if self.store is not None else date.today()

        def work() -> list[Any]:
            from foia_desk.store import open_store

            with open_store(self.db_path, today=lambda: day) as store:
                return store.list_due(days=0)

        return tasks.run_task(work, on_done=self._reminders_ready,
                              on_error=self._reminders_failed, name="reminders due today")

    def show_reminders(self) -> list[Any]:
        """Compute today's reminders here on the GUI thread and fill the banner."""
        if self.store is None:
            return []
        try:
            due = self.store.list_due(days=0)
        except Exception as exc:
            self._reminders_failed(exc)
            return []
        self._reminders_ready(due)
        return due

    def _reminders_ready(self, due: list[Any]) -> None:
        self.banner.set_reminders(due)
        if self._notify:
            self._notify = False
            notify_tray(due, self)

    def _reminders_failed(self, error: BaseException) -> None:
        message, _hint, _details = dialogs.error_texts(error)
        self.show_message(f"⚠ Today's reminders could not be computed: {message}")

    def show_request(self, request_id: int) -> None:
        """Show one request in the detail pane and select its row when it is loaded."""
        if self.store is None:
            return
        try:
            detail = self.store.get_request(request_id)
        except Exception as exc:
            dialogs.show_error(self, "Cannot show this request", exc)
            return
        self._reselect(request_id)
        self.detail.show_request(detail)

    def selected_request_id(self) -> int | None:
        return self.detail.detail.id if self.detail.detail is not None else None

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def set_busy(self, text: str) -> None:
        self.message.setText(text)
        self.setCursor(Qt.CursorShape.BusyCursor if text else Qt.CursorShape.ArrowCursor)

    # -- letters ----------------------------------------------------------------------
    def open_letter(self, kind: str) -> Any:
        from foia_desk.gui.tracker.letters import LetterDialog

        detail = self.detail.detail
        if detail is None or self.store is None:
            return None
        dialog = LetterDialog(detail, kind, self.store.agency(detail.agency_id), self)
        dialog.finished.connect(dialog.deleteLater)
        self.letter_dialog = dialog
        dialog.show()
        return dialog

    # -- internals --------------------------------------------------------------------
    def _add_shortcuts(self) -> None:
        for text, keys, slot in (
                ("Find request", QKeySequence.StandardKey.Find,
                 lambda: self.filters.search.setFocus()),
                ("Log event", QKeySequence("Ctrl+L"),
                 lambda: self.detail.open_event_dialog()),
                ("Refresh tracker", QKeySequence.StandardKey.Refresh, self.refresh)):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=slot: s())
            self.addAction(action)

    def _size_columns(self) -> None:
        bold = self.view.font()
        bold.setBold(True)  # urgent rows are bold: size for them
        metrics = QFontMetrics(bold)
        widths = {table.AGENCY: "USPIS-OIG", table.STATUS: "Needs your reply",
                  table.SUBMITTED: "30 Sep 2026",
                  table.NEXT_DEADLINE: "30 Sep 2026 · appeal decision",
                  table.DAYS_LEFT: "⚠ Overdue 100 days",
                  table.TRACKING: "2026-FPRO-00123"}
        for column, sample in widths.items():
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def _filter_changed(self, request_filter: Any) -> None:
        if self.store is None:
            return
        try:
            self.model.set_filter(request_filter)
        except Exception as exc:
            dialogs.show_error(self, "Cannot filter the requests", exc)
            return
        self._update_count()
        if self.detail.detail is not None:
            self._reselect(self.detail.detail.id, clear_if_missing=True)

    def _refresh_choices(self) -> None:
        if self.store is None:
            return
        try:
            self.filters.set_choices(self.store.agencies_in_use(), self.store.distinct_tags())
        except Exception as exc:
            message, _hint, _details = dialogs.error_texts(exc)
            self.show_message(f"⚠ The filter lists could not be read: {message}")

    def _update_count(self) -> None:
        total = self.model.total
        if self.store is None:
            self.count_label.setText("")
        elif self.filters.is_filtered():
            self.count_label.setText(f"{total:,} request(s) match the filters.")
        elif total == 0:
            self.count_label.setText("No requests tracked yet. Draft letters from an article "
                                     "and choose “Save to tracker”.")
        else:
            self.count_label.setText(f"{total:,} request(s) tracked.")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.store is None:
            return
        request_id = current.data(table.REQUEST_ID_ROLE)
        if self.detail.detail is not None and self.detail.detail.id == request_id:
            return
        try:
            self.detail.show_request(self.store.get_request(int(request_id)))
        except Exception as exc:
            dialogs.show_error(self, "Cannot show this request", exc)

    def _reselect(self, request_id: int, *, clear_if_missing: bool = False) -> None:
        row = self.model.row_of(request_id)
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            if clear_if_missing:
                self.detail.show_request(None)
            return
        index = self.model.index(row, 0)
        selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.view.viewport().update()
        self.view.scrollTo(index)

    def _request_changed(self, request_id: int) -> None:
        self._refresh_choices()
        if self._reload_model():
            self._reselect(request_id)
        # An event or a done reminder can change what is due today.
        self.load_reminders()

    def _reload_model(self) -> bool:
        """Re-read the table; a failure (database busy or gone) is said, not raised."""
        try:
            self.model.reload()
        except Exception as exc:
            self._load_failed(exc)
            return False
        finally:
            self._update_count()
        return True

    def _load_failed(self, error: BaseException) -> None:
        message, hint, _details = dialogs.error_texts(error)
        self.show_message(f"⚠ The requests could not be read: {message} {hint}".strip())
