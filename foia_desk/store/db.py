"""Opening the tracker database safely: checks, pragmas, transactions and clear errors.

A damaged file is never "repaired" or overwritten here: :func:`check_database_file` refuses
it with a :class:`StoreError` that names the newest backup, and ``foia-desk restore`` is the
only way to replace it (the damaged file is moved aside first).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from foia_desk.errors import UserError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class StoreError(UserError):
    """The tracker database cannot be used: damaged, locked, too new, or misused."""


@dataclass(frozen=True)
class StoreLocations:
    """Where one tracker keeps its database, backups and attachment copies."""

    database: Path
    backups: Path
    attachments: Path

    @classmethod
    def default(cls) -> StoreLocations:
        from foia_desk import paths

        return cls(paths.database_path(), paths.backups_dir(), paths.attachments_dir())

    @classmethod
    def beside(cls, database: Path) -> StoreLocations:
        """Backups and attachments in folders next to an explicitly chosen database file."""
        database = Path(database)
        return cls(database, database.parent / "backups", database.parent / "attachments")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def timestamp_for_filename() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def newest_backup_hint(backups: Path) -> str:
    from foia_desk.store.backup import list_backups

    found = list_backups(backups)
    if not found:
        return ("No backup of the tracker was found in " + str(backups) + ". The file was "
                "left untouched; keep a copy before trying anything else.")
    return (f"The file was left untouched. The newest backup is {found[0]}; to use it, run: "
            f"foia-desk restore \"{found[0]}\" (the damaged file is kept beside it). "
            "All backups: foia-desk restore --list.")


def check_database_file(locations: StoreLocations) -> None:
    """Refuse a file that is not an SQLite database, or is shorter than its header says
    (unless the -wal file beside it holds the missing pages, see :func:`wal_recovers`)."""
    path = locations.database
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise StoreError(f"{path} is not a FOIA Desk tracker database (it is not an SQLite "
                         "file, or its first bytes are damaged).", newest_backup_hint(
                             locations.backups))
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if valid_for == change_counter and page_count and size < page_count * page_size:
        if wal_recovers(locations):
            return
        raise StoreError(f"The tracker database {path} is truncated: it should hold "
                         f"{page_count * page_size} bytes but has {size}.",
                         newest_backup_hint(locations.backups))


def wal_recovers(locations: StoreLocations) -> bool:
    """Whether SQLite rebuilds a short database file whole from the -wal file beside it.

    A disk that fills during a WAL checkpoint, or a kill -9 in the middle of one, leaves the
    main file's header (page 1, which counts the grown database) written before the file has
    grown; every page is still in the -wal file and SQLite replays it on the next open. So a
    short file with a non-empty -wal is judged by SQLite's own reading of both
    (``PRAGMA quick_check``), not by its size. The check uses a read-only connection: a
    read-write one would checkpoint the WAL into the main file when it closes, changing a
    file that may be damaged and that this module promises to leave untouched.
    """
    wal = locations.database.with_name(locations.database.name + "-wal")
    try:
        if wal.stat().st_size == 0:
            return False
    except OSError:
        return False
    uri = locations.database.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        result = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise translate(exc, locations) from exc
        return False
    finally:
        conn.close()
    return result == [("ok",)]


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by the user only (SQLite gives its -wal and
    -shm files the same permissions)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
    except OSError as exc:
        raise StoreError(f"Cannot create the tracker database {path}: "
                         f"{exc.strerror or exc}.",
                         "Choose a data folder you can write to (--data-dir).") from exc


def connect(locations: StoreLocations) -> sqlite3.Connection:
    """Open the database with the house pragmas. Autocommit mode: writes use :func:`write`."""
    check_database_file(locations)
    create_private_file(locations.database)
    try:
        conn = sqlite3.connect(locations.database, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the tracker database {locations.database}: {exc}.") \
            from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, locations) from exc
    return conn


def translate(exc: sqlite3.Error, locations: StoreLocations) -> StoreError:
    """Turn an sqlite3 error into a message a user can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            "The tracker database is busy: another FOIA Desk window or command is writing "
            "to it and did not finish in time.",
            "Wait a moment and try again; close other FOIA Desk windows if it persists. "
            "Nothing was changed.")
    if "disk i/o" in text:
        return StoreError(f"The tracker database {locations.database} could not be read or "
                          "written (disk I/O error).",
                          "Check the disk or network folder; if the error persists, "
                          + newest_backup_hint(locations.backups))
    if isinstance(exc, sqlite3.DatabaseError) and (
            "malformed" in text or "not a database" in text or "corrupt" in text):
        return StoreError(f"The tracker database {locations.database} is damaged ({exc}).",
                          newest_backup_hint(locations.backups))
    if "readonly" in text or "read-only" in text:
        return StoreError(f"The tracker database {locations.database} is read-only.",
                          "Check the folder's permissions; nothing was changed.")
    if "disk is full" in text:
        return StoreError("The disk is full, so the tracker could not save the change.",
                          "Free some space and try again; nothing was changed.")
    return StoreError(f"Tracker database error: {exc}.")


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE ... COMMIT): all of it happens, or none."""
    if conn.in_transaction:
        # Nested use joins the outer transaction.
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
