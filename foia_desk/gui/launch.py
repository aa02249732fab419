"""Start the desktop window: the body of `foia-desk gui` (see foia_desk.commands.gui).

``--quit-after-load`` loads the article, runs extraction, shows the window and exits
(0 when the article was analysed, 2 when it could not be read): the packaging smoke test and
benchmarks/bench_startup.py use it. In that mode errors are printed, never shown in a dialog.
PySide6 is imported inside :func:`launch`, after a forked child has started reading the
article, so that the two overlap.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def _print_error(_parent: object, title: str, error: object) -> None:
    from foia_desk.gui.dialogs import error_texts

    message, hint, details = error_texts(error)  # type: ignore[arg-type]
    print(f"foia-desk: {title}: {message}" + (f"\n{hint}" if hint else ""), file=sys.stderr)
    if details:
        print(details, file=sys.stderr)


def launch(open_path: str | None, quit_after_load: bool) -> int:
    """Show the main window (loading ``open_path`` if given); return the exit code."""
    child_load = None
    if open_path:  # before Qt loads: a forked child reads the file on the other core
        from foia_desk.gui.article_loading import start_child_load

        child_load = start_child_load(Path(open_path))
    from PySide6.QtCore import QTimer

    from foia_desk.gui import dialogs
    from foia_desk.gui.app import acquire_instance_lock, get_app

    app = get_app(sys.argv[:1])
    if quit_after_load:
        dialogs.show_error = _print_error  # nothing may wait for a click in this mode
    early_load = None
    if open_path:  # start reading at once: it overlaps building the window
        from foia_desk.gui import tasks
        from foia_desk.gui.article_loading import finish_child_load, load_file

        if child_load is not None:
            early_load = tasks.run_task(finish_child_load, child_load, name="load article")
        else:
            early_load = tasks.run_task(load_file, Path(open_path), name="load article")
    from foia_desk.gui.main_window import MainWindow

    window = MainWindow()
    window.skip_close_question = bool(quit_after_load)
    window.show()
    outcome: dict[str, Any] = {"code": 0, "lock": None}

    def take_lock() -> None:
        """Warn when another window uses this data folder. Taken once the window is up (it
        loads the tracker's code), and not at all by a --quit-after-load smoke run, which
        never edits anything."""
        outcome["lock"], lock_error = acquire_instance_lock()
        if lock_error is not None:
            dialogs.show_error(window, "FOIA Desk is already open", lock_error)

    if not quit_after_load:
        QTimer.singleShot(0, take_lock)
    if early_load is not None:
        if quit_after_load:
            def finished(ok: bool) -> None:
                outcome["code"] = 0 if ok else 2
                QTimer.singleShot(0, window.close)

            window.load_finished.connect(finished)
        name = Path(open_path).name
        window.watch_load(early_load, f"Reading {name}…", f"Could not open {name}")
    elif quit_after_load:
        QTimer.singleShot(0, window.close)
    try:
        code = app.exec()
    finally:
        if outcome["lock"] is not None:
            outcome["lock"].release()
    if quit_after_load:
        # The settings are written and every task has ended (closeEvent waits for them); a
        # smoke run needs nothing from Python's tear-down of every widget and module, which
        # costs tens of milliseconds.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(outcome["code"] or code)
    return outcome["code"] or code
