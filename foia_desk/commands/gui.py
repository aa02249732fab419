"""`foia-desk gui` (the default command): open the desktop window.

PySide6 is imported inside :func:`run`, so ``foia-desk --help`` and the other commands never
load Qt. ``--quit-after-load`` loads the article, runs extraction, shows the window and exits
(0 when the article was analysed, 2 when it could not be read): the packaging smoke test and
benchmarks/bench_startup.py use it. In that mode errors are printed, never shown in a dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gui", help="open the FOIA Desk window (the default when no command is given)",
        description="Open the FOIA Desk window.")
    parser.add_argument("--open", metavar="FILE",
                        help="load this article file (text, Markdown, web page, .docx or PDF)")
    parser.add_argument("--quit-after-load", action="store_true",
                        help="load the article, show the window, then exit (for testing "
                             "an installation)")
    parser.set_defaults(func=run)


def location_pointer() -> Path:
    """The file remembering a data folder chosen in Settings (read at start-up)."""
    from platformdirs import user_config_path

    return user_config_path("foia-desk", appauthor=False) / "data-folder.txt"


def apply_chosen_data_folder() -> None:
    """Use the data folder picked in Settings unless --data-dir or FOIA_DESK_HOME decide."""
    from foia_desk import paths

    if paths._override is not None or os.environ.get(paths.ENV_HOME):
        return
    try:
        chosen = location_pointer().read_text(encoding="utf-8").strip()
    except OSError:
        return
    if chosen:
        paths.set_data_dir(chosen)


def _print_error(_parent: object, title: str, error: object) -> None:
    from foia_desk.gui.dialogs import error_texts

    message, hint, details = error_texts(error)  # type: ignore[arg-type]
    print(f"foia-desk: {title}: {message}" + (f"\n{hint}" if hint else ""), file=sys.stderr)
    if details:
        print(details, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    apply_chosen_data_folder()
    child_load = None
    if args.open:  # before Qt loads: a forked child reads the file on the other core
        from foia_desk.gui.article_loading import start_child_load

        child_load = start_child_load(Path(args.open))
    from PySide6.QtCore import QTimer

    from foia_desk.gui import dialogs
    from foia_desk.gui.app import acquire_instance_lock, get_app

    app = get_app(sys.argv[:1])
    if args.quit_after_load:
        dialogs.show_error = _print_error  # nothing may wait for a click in this mode
    early_load = None
    if args.open:  # start reading at once: it overlaps building the window
        from foia_desk.gui import tasks
        from foia_desk.gui.article_loading import finish_child_load, load_file

        if child_load is not None:
            early_load = tasks.run_task(finish_child_load, child_load, name="load article")
        else:
            early_load = tasks.run_task(load_file, Path(args.open), name="load article")
    from foia_desk.gui.main_window import MainWindow

    window = MainWindow()
    window.skip_close_question = bool(args.quit_after_load)
    window.show()
    outcome: dict[str, Any] = {"code": 0, "lock": None}

    def take_lock() -> None:
        """Warn when another window uses this data folder. Taken once the window is up (it
        loads the tracker's code), and not at all by a --quit-after-load smoke run, which
        never edits anything."""
        outcome["lock"], lock_error = acquire_instance_lock()
        if lock_error is not None:
            dialogs.show_error(window, "FOIA Desk is already open", lock_error)

    if not args.quit_after_load:
        QTimer.singleShot(0, take_lock)
    if early_load is not None:
        if args.quit_after_load:
            def finished(ok: bool) -> None:
                outcome["code"] = 0 if ok else 2
                QTimer.singleShot(0, window.close)

            window.load_finished.connect(finished)
        name = Path(args.open).name
        window.watch_load(early_load, f"Reading {name}…", f"Could not open {name}")
    elif args.quit_after_load:
        QTimer.singleShot(0, window.close)
    try:
        code = app.exec()
    finally:
        if outcome["lock"] is not None:
            outcome["lock"].release()
    if args.quit_after_load:
        # The settings are written and every task has ended (closeEvent waits for them); a
        # smoke run needs nothing from Python's tear-down of every widget and module, which
        # costs tens of milliseconds.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(outcome["code"] or code)
    return outcome["code"] or code
