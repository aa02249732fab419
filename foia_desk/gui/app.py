"""QApplication set-up: names, system palette, GUI settings file and the instance lock.

The palette is left to the platform so light and dark modes follow the system; highlight tints
elsewhere are translucent so they read on either. GUI preferences (window geometry, last
folders, default fee limit) live in ``gui.ini`` inside the data folder, so a test's or a
portable install's data folder also isolates its settings.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from foia_desk import __version__

SETTINGS_FILE = "gui.ini"
_settings: dict[str, QSettings] = {}


def settings() -> QSettings:
    """The GUI settings for the current data folder (one QSettings object per folder)."""
    from foia_desk.paths import data_dir

    path = str(data_dir() / SETTINGS_FILE)
    if path not in _settings:
        _settings[path] = QSettings(path, QSettings.Format.IniFormat)
    return _settings[path]


def get_app(argv: Sequence[str] | None = None) -> QApplication:
    """The running QApplication, created with FOIA Desk's names if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("FOIA Desk")
    app.setApplicationDisplayName("FOIA Desk")
    app.setOrganizationName("FOIA Desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("foia-desk")
    return app  # type: ignore[return-value]


def acquire_instance_lock() -> tuple[Any, Exception | None]:
    """Take the data folder's "already open" lock; (lock or None, error to warn about).

    The database is safe with two windows, so holding the lock is advisory: the caller warns
    and carries on when another window has it.
    """
    try:
        from foia_desk.store.instance_lock import InstanceLock
    except ImportError:  # the store's lock helper is not available in this build
        return None, None
    lock = InstanceLock()
    try:
        lock.acquire()
    except Exception as exc:  # AlreadyOpenError, or a folder we cannot lock
        return None, exc
    return lock, None
