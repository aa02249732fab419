"""QApplication set-up: names, system palette, GUI settings file and the instance lock.

The palette is left to the platform so light and dark modes follow the system; highlight tints
elsewhere are translucent so they read on either. GUI preferences (window geometry, last
folders, default fee limit) live in ``gui.ini`` inside the data folder, so a test's or a
portable install's data folder also isolates its settings.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from foia_desk import __version__

SETTINGS_FILE = "gui.ini"
_settings: dict[str, QSettings] = {}
_settings_sync_connected = False


def settings() -> QSettings:
    """The GUI settings for the current data folder (one QSettings object per folder).

    QSettings writes ``gui.ini`` itself (atomically, through Qt's QSaveFile), not through
    ``foia_desk.fileio``, and would create it with the umask's mode (0644 under the usual
    umask). So the file is created empty and private first, and Qt keeps an existing file's
    permissions when it replaces it; :func:`sync_settings` re-checks the mode after writing.
    """
    from foia_desk.paths import data_dir

    location = data_dir() / SETTINGS_FILE
    path = str(location)
    if path not in _settings:
        make_private_file(location)
        _settings[path] = QSettings(path, QSettings.Format.IniFormat)
        app = QCoreApplication.instance()
        if app is not None and not _settings_sync_connected:
            _connect_sync_at_quit(app)
    return _settings[path]


def _connect_sync_at_quit(app: QCoreApplication) -> None:
    global _settings_sync_connected
    app.aboutToQuit.connect(sync_settings)
    _settings_sync_connected = True


def make_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it is missing, else make it 0600.

    Best effort: a folder we cannot write is reported by QSettings.status() and by the data
    folder's own checks, not here.
    """
    if os.name == "nt":  # the user's profile folder already keeps it private
        return
    from foia_desk.errors import UserError
    from foia_desk.fileio import write_bytes

    if not path.exists():
        with contextlib.suppress(UserError):  # overwrite=False: another window was first
            write_bytes(path, b"", overwrite=False)
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def sync_settings() -> None:
    """Write every open settings file now and keep each one private (called at quit)."""
    for path, store in _settings.items():
        store.sync()
        make_private_file(Path(path))


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
    # The interface and the letters are in English: date pickers and other Qt-formatted
    # values follow it, not the desktop's language (a Spanish desktop showed "vie 27 nov").
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if not _settings_sync_connected:
        _connect_sync_at_quit(app)
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
