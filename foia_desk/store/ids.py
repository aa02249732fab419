"""Ids that are never handed out twice, even after the newest row is deleted.

SQLite gives an ``INTEGER PRIMARY KEY`` row the largest id plus one, so deleting request 12
(the newest) and adding another would make a new "request 12". A user's notes, an exported
calendar (event UIDs carry the id) or a folder named after the request would then point at
the wrong one. Instead of rebuilding the tables with ``AUTOINCREMENT``, the highest id ever
given is kept in ``meta`` and the next id is one more than both it and the largest id
present (a database from before this rule starts from its largest id). Called inside the
caller's write transaction, so the mark and the row are committed together.
"""

from __future__ import annotations

import sqlite3

_TABLES = frozenset({"requests", "reminders"})


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id to give the next row of ``table``; records it as given."""
    if table not in _TABLES:
        raise ValueError(f"no id allocation for table {table!r}")
    key = f"last_id:{table}"
    largest = conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    given = int(row[0]) if row and str(row[0]).isdigit() else 0
    new_id = max(largest, given) + 1
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(new_id)))
    return new_id
