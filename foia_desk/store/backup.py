"""Backups of the tracker database and restoring one.

Backups use SQLite's online backup API, so they are consistent even while the app writes.
The copy is made under a temporary name in the target folder and then renamed into place
(the same temp-then-replace rule as :mod:`foia_desk.fileio`, which cannot be used directly
because SQLite itself writes the file).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from foia_desk import fileio
from foia_desk.store.db import (
    SQLITE_HEADER,
    StoreError,
    StoreLocations,
    check_database_file,
    timestamp_for_filename,
)

BACKUP_PREFIX = "foia-desk-"
BACKUP_SUFFIX = ".sqlite3"


def backup_connection(conn: sqlite3.Connection, destination: Path, *, reason: str = "manual",
                      overwrite: bool = False, into_folder: bool = False) -> Path:
    """Copy the open database to ``destination`` and return the file written.

    ``destination`` is a file name, or an existing folder (a new timestamped file is made
    in it); ``into_folder=True`` creates the folder first (the backups folder).
    """
    destination = Path(destination)
    if into_folder:
        from foia_desk.paths import ensure_private_dir

        ensure_private_dir(destination)
    if destination.is_dir():
        destination = destination / f"{BACKUP_PREFIX}{timestamp_for_filename()}-{reason}" \
                                     f"{BACKUP_SUFFIX}"
    if destination.exists() and not overwrite:
        raise StoreError(f"{destination} already exists.", "Choose another file name.")
    if not destination.parent.is_dir():
        raise StoreError(f"The folder {destination.parent} does not exist.")
    temp = destination.with_name(f".{destination.name}.part")
    temp.unlink(missing_ok=True)
    try:
        # Created private before SQLite writes a byte of the requester's data into it.
        os.close(os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        target = sqlite3.connect(temp)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, destination)
    except (OSError, sqlite3.Error) as exc:
        temp.unlink(missing_ok=True)
        raise StoreError(f"Could not write the backup {destination}: {exc}.",
                         "Nothing was changed in the tracker.") from exc
    return destination


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, newest first."""
    if not Path(folder).is_dir():
        return []
    found = [p for p in Path(folder).iterdir()
             if p.is_file() and p.name.startswith(BACKUP_PREFIX) and p.suffix == BACKUP_SUFFIX]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def verify_backup(path: Path) -> int:
    """Check that ``path`` is a whole FOIA Desk database; return its schema version."""
    from foia_desk.store.schema import LATEST_VERSION

    path = Path(path)
    if not path.is_file():
        raise StoreError(f"There is no backup file {path}.")
    with open(path, "rb") as handle:
        if not handle.read(16).startswith(SQLITE_HEADER):
            raise StoreError(f"{path} is not a FOIA Desk backup (not an SQLite database).")
    check_database_file(StoreLocations.beside(path))
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = probe.execute("PRAGMA integrity_check").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            has_requests = probe.execute("SELECT count(*) FROM sqlite_master WHERE "
                                         "name = 'requests'").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.Error as exc:
        raise StoreError(f"The backup {path} cannot be read: {exc}.") from exc
    if verdict != "ok":
        raise StoreError(f"The backup {path} is damaged too ({verdict}).",
                         "Try an older backup: foia-desk restore --list.")
    if not has_requests or version < 1:
        raise StoreError(f"{path} is an SQLite file but not a FOIA Desk tracker backup.")
    if version > LATEST_VERSION:
        raise StoreError(f"The backup {path} was made by a newer FOIA Desk.",
                         "Update FOIA Desk first.")
    return int(version)


def _database_is_healthy(path: Path) -> bool:
    try:
        check_database_file(StoreLocations.beside(path))
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return probe.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            probe.close()
    except (sqlite3.Error, StoreError, OSError):
        return False


def restore_database(locations: StoreLocations, backup_path: Path) -> Path | None:
    """Replace the tracker database with ``backup_path``.

    The current file (if any) is first moved aside as ``NAME.corrupt-TIMESTAMP`` when it is
    damaged or ``NAME.replaced-TIMESTAMP`` when it is not, together with its write-ahead log,
    so nothing is ever lost. Returns the moved-aside path. Close every FOIA Desk window
    using this data folder first.
    """
    verify_backup(backup_path)
    database = locations.database
    moved: Path | None = None
    if database.exists():
        label = "replaced" if _database_is_healthy(database) else "corrupt"
        moved = database.with_name(f"{database.name}.{label}-{timestamp_for_filename()}")
        os.replace(database, moved)
        wal = database.with_name(database.name + "-wal")
        if wal.exists():
            os.replace(wal, moved.with_name(moved.name + "-wal"))
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + "-shm").unlink()
    with open(backup_path, "rb") as source:
        fileio.write_with(database, lambda handle: shutil.copyfileobj(source, handle))
    return moved
