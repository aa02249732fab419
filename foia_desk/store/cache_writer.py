"""Writing recomputed clock-cache values back to the requests table, fast.

Used by :func:`foia_desk.store.clockcache.recompute_all` inside its write transaction.
"""

from __future__ import annotations

import sqlite3
from typing import Any

# Columns the cache update writes; indexes on requests that use any of them are rebuilt
# (not updated row by row) when a recompute rewrites more than 1/REBUILD_SHARE of the rows.
REBUILD_SHARE = 4
_CACHE_COLUMNS = ("next_deadline", "next_deadline_key", "next_deadline_label",
                  "submitted_on", "clocks_stale")
_UPDATE_SQL = ("UPDATE requests SET next_deadline = ?, next_deadline_key = ?, "
               "next_deadline_label = ?, submitted_on = ?, clocks_stale = 0 WHERE id = ?")


class CacheWriter:
    """Writes changed cache rows in batches of ``BATCH``, inside the caller's transaction.

    Rewriting most of 100,000 rows one by one maintains four indexes row by row (about
    1 s of CPU); dropping those indexes first and creating them again from their own stored
    SQL afterwards takes less than half that. ``rebuild`` asks for that; it must be decided
    before the events query starts reading, since SQLite refuses DROP INDEX while any
    statement on the connection is reading (if one already is, the indexes are updated in
    place as usual). It all happens in the caller's transaction, so an error or a crash
    leaves the indexes as they were.
    """

    BATCH = 5000

    def __init__(self, conn: sqlite3.Connection, rebuild: bool) -> None:
        self.conn = conn
        self.pending: list[tuple[Any, ...]] = []
        self.dropped: list[str] = []  # CREATE INDEX statements to run again at the end
        if rebuild:
            rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                "AND tbl_name = 'requests' AND sql IS NOT NULL").fetchall()
            try:
                for name, sql in rows:
                    if any(column in sql for column in _CACHE_COLUMNS):
                        conn.execute(f'DROP INDEX "{name}"')
                        self.dropped.append(sql)
            except sqlite3.OperationalError:  # a statement is still reading: update in place
                for sql in self.dropped:
                    conn.execute(sql)
                self.dropped.clear()

    def add(self, row: tuple[Any, ...]) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.conn.executemany(_UPDATE_SQL, self.pending)
            self.pending.clear()

    def finish(self) -> None:
        """Write what is left and put back any dropped index (no statement may be active)."""
        self.flush()
        for sql in self.dropped:
            self.conn.execute(sql)
        self.dropped.clear()
