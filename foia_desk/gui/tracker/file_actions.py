"""File ▸ Export calendar / Export CSV / Import CSV / Back up / Restore for the tracker.

Each asks for a file through foia_desk.gui.dialogs, then runs on the task pool: the worker
opens its own Store (SQLite connections never cross threads) on the same database as the
tracker tab. Success is reported in one line on the tracker; failures in a specific dialog.
Restoring closes the tracker's own connection first and reopens it afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from foia_desk.gui import dialogs, tasks

if TYPE_CHECKING:
    from foia_desk.gui.tracker.widget import TrackerWidget

CSV_FILTER = "CSV spreadsheet (*.csv);;All files (*)"
ICS_FILTER = "Calendar file (*.ics);;All files (*)"
BACKUP_FILTER = "FOIA Desk backup (*.sqlite3);;All files (*)"


def _with_store(db_path: Path | None, work: Callable[[Any], Any]) -> Callable[[], Any]:
    """A task body that opens (and closes) its own Store in the worker thread."""
    def run() -> Any:
        from foia_desk.store import open_store

        with open_store(db_path) as store:
            return work(store)
    return run


def _ensure_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix else path.with_suffix(suffix)


def _folder(key: str) -> Path:
    from foia_desk.gui.app import settings

    return Path(str(settings().value(f"folders/{key}", str(Path.home()))))


def _remember(key: str, path: Path) -> None:
    from foia_desk.gui.app import settings

    settings().setValue(f"folders/{key}", str(path.parent))


class TrackerFileActions:
    """The five File-menu actions, bound to one TrackerWidget."""

    def __init__(self, widget: TrackerWidget) -> None:
        self.widget = widget
        self.handle: tasks.TaskHandle | None = None
        self.export_calendar_action = self._action(
            "Export &calendar (.ics)…", self.export_calendar,
            tip="Save upcoming deadlines for Google, Outlook or Apple Calendar")
        self.export_csv_action = self._action(
            "Export tracker as CS&V…", self.export_csv,
            tip="Save every request and its events as a spreadsheet file")
        self.import_csv_action = self._action(
            "&Import tracker CSV…", self.import_csv,
            tip="Add the requests from a FOIA Desk CSV file")
        self.backup_action = self._action(
            "&Back up tracker…", self.backup, "Ctrl+Shift+B",
            tip="Save a copy of the whole tracker database")
        self.restore_action = self._action(
            "&Restore tracker from backup…", self.restore,
            tip="Replace the tracker with a backup (the current one is kept aside)")

    def _action(self, text: str, slot: Callable[[], Any], shortcut: str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self.widget)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [self.export_calendar_action, self.export_csv_action, self.import_csv_action,
                self.backup_action, self.restore_action]

    # -- running ----------------------------------------------------------------------
    def _run(self, what: str, work: Callable[[], Any], done: Callable[[Any], str],
             *, reload_after: bool = False) -> tasks.TaskHandle:
        widget = self.widget
        widget.set_busy(f"{what}…")

        def finished(result: Any) -> None:
            widget.set_busy("")
            if reload_after:
                widget.reopen_store()
            widget.show_message(done(result))

        def failed(error: BaseException) -> None:
            widget.set_busy("")
            if reload_after:
                widget.reopen_store()
            dialogs.show_error(widget, f"{what} did not finish", error)

        self.handle = tasks.run_task(work, on_done=finished, on_error=failed, name=what)
        return self.handle

    # -- the actions --------------------------------------------------------------------
    def export_calendar(self, path: Path | None = None) -> tasks.TaskHandle | None:
        from foia_desk.export.ics import export_ics

        path = path or dialogs.ask_save_file(self.widget, "Export deadlines as a calendar",
                                             _folder("export") / "foia-deadlines.ics",
                                             ICS_FILTER)
        if path is None:
            return None
        path = _ensure_suffix(Path(path), ".ics")
        _remember("export", path)
        return self._run("Calendar export",
                         _with_store(self.widget.db_path,
                                     lambda s: export_ics(s, path, overwrite=True)),
                         lambda n: f"Saved {n} deadline(s) and reminder(s) to {path}. Import "
                                   "the file in your calendar app; a newer export updates it.")

    def export_csv(self, path: Path | None = None) -> tasks.TaskHandle | None:
        from foia_desk.export.tracker_csv import export_tracker_csv

        path = path or dialogs.ask_save_file(self.widget, "Export the tracker as CSV",
                                             _folder("export") / "foia-requests.csv",
                                             CSV_FILTER)
        if path is None:
            return None
        path = _ensure_suffix(Path(path), ".csv")
        _remember("export", path)
        return self._run("CSV export",
                         _with_store(self.widget.db_path,
                                     lambda s: export_tracker_csv(s, path, overwrite=True)),
                         lambda n: f"Saved {n} request(s) to {path}.")

    def import_csv(self, path: Path | None = None) -> tasks.TaskHandle | None:
        from foia_desk.export.tracker_csv import import_tracker_csv

        path = path or dialogs.ask_open_file(self.widget, "Import requests from a CSV file",
                                             _folder("import"), CSV_FILTER)
        if path is None:
            return None
        path = Path(path)
        _remember("import", path)
        return self._run("CSV import",
                         _with_store(self.widget.db_path,
                                     lambda s: import_tracker_csv(s, path)),
                         lambda ids: f"Imported {len(ids)} request(s) from {path.name}.",
                         reload_after=True)

    def backup(self, path: Path | None = None) -> tasks.TaskHandle | None:
        from foia_desk.store.db import timestamp_for_filename

        suggested = _folder("backup") / f"foia-desk-{timestamp_for_filename()}.sqlite3"
        path = path or dialogs.ask_save_file(self.widget, "Back up the tracker", suggested,
                                             BACKUP_FILTER)
        if path is None:
            return None
        path = _ensure_suffix(Path(path), ".sqlite3")
        _remember("backup", path)

        def work(store: Any) -> Path:
            if not path.exists():
                return store.backup(path)
            # The save dialog already asked before replacing: write a temp copy and swap it
            # in, so the old file survives a failed backup.
            from foia_desk.store.backup import backup_connection

            return backup_connection(store.conn, path, overwrite=True)

        return self._run("Backup", _with_store(self.widget.db_path, work),
                         lambda saved: f"Backed up the tracker to {saved}.")

    def restore(self, path: Path | None = None) -> tasks.TaskHandle | None:
        from foia_desk.store import restore_backup

        path = path or dialogs.ask_open_file(self.widget, "Restore the tracker from a backup",
                                             _folder("backup"), BACKUP_FILTER)
        if path is None:
            return None
        path = Path(path)
        if not dialogs.confirm(
                self.widget, "Restore from backup?",
                f"Replace the whole tracker with the backup {path.name}?",
                detail="The current tracker file is kept beside it (renamed, not deleted), "
                       "so this can be undone by restoring that file.",
                ok_label="Restore"):
            return None
        _remember("backup", path)
        db_path = self.widget.db_path
        self.widget.close_store()
        return self._run("Restore",
                         lambda: restore_backup(path, db_path),
                         lambda moved: "Restored the tracker from the backup." + (
                             f" The previous tracker was kept as {moved}." if moved else ""),
                         reload_after=True)
