"""The request tracker: an SQLite database of requests and their event logs.

Use :func:`open_store` to get a :class:`Store` (one per thread). The event log is the
truth; each request row caches its next deadline, computed by ``foia_desk.clocks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from foia_desk.store.backup import list_backups
from foia_desk.store.db import StoreError, StoreLocations
from foia_desk.store.instance_lock import AlreadyOpenError, InstanceLock
from foia_desk.store.models import (
    EVENT_KINDS,
    METHODS,
    REQUEST_KINDS,
    RESPONSE_OUTCOMES,
    Attachment,
    Closure,
    DueReminder,
    Event,
    Reminder,
    RequestDetail,
    RequestFilter,
    RequestRecord,
    RequestSummary,
)
from foia_desk.store.requests import RequestNotFound
from foia_desk.store.store import Store

__all__ = [
    "EVENT_KINDS", "METHODS", "REQUEST_KINDS", "RESPONSE_OUTCOMES", "AlreadyOpenError",
    "Attachment", "Closure", "DueReminder", "Event", "InstanceLock", "Reminder",
    "RequestDetail", "RequestFilter", "RequestNotFound", "RequestRecord", "RequestSummary", "Store",
    "StoreError", "StoreLocations", "list_backups", "locations_for", "open_store",
    "restore_backup",
]


def locations_for(path: str | Path | None = None) -> StoreLocations:
    """Default locations (the data folder), or folders beside an explicit database file."""
    return StoreLocations.default() if path is None else StoreLocations.beside(
        Path(path).expanduser())


def open_store(path: str | Path | None = None, **options: Any) -> Store:
    """Open (creating or upgrading if needed) the tracker database.

    ``path`` defaults to ``foia_desk.paths.database_path()``. ``options`` are passed to
    :class:`Store` (``engine``, ``today``, ``agencies``: used by tests and benchmarks).
    """
    return Store(locations_for(path), **options)


def restore_backup(backup_path: str | Path, path: str | Path | None = None) -> Path | None:
    """Replace the database with a backup without opening it first (it may be damaged).

    The current file is moved aside (``*.corrupt-TIMESTAMP`` or ``*.replaced-TIMESTAMP``);
    returns where it went.
    """
    from foia_desk.store.backup import restore_database

    return restore_database(locations_for(path), Path(backup_path).expanduser())
