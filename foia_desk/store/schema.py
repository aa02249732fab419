"""The tracker's schema, one frozen snapshot per version, and the numbered migrations.

``PRAGMA user_version`` holds the schema version. A new database is created from the latest
snapshot; an older one is backed up (sqlite3 backup API, into the backups folder) and then
migrated step by step, each step in its own transaction. The snapshots of earlier versions
stay here, unchanged, so the tests can build a database of every earlier version and check
that migrating it gives exactly the schema of a new one. Never edit a released snapshot:
add a version instead.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

from foia_desk.store.db import StoreError, StoreLocations, write

# v1: the first release: requests, tags, events, attachments, closures, reminders.
SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    agency_id TEXT NOT NULL,
    agency_name TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'foia',
    status TEXT NOT NULL DEFAULT 'draft',
    tracking_number TEXT,
    appeal_tracking_number TEXT,
    method TEXT CHECK (method IS NULL OR method IN ('email', 'portal', 'mail', 'fax')),
    expedited INTEGER NOT NULL DEFAULT 0,
    profile TEXT,
    letter_markdown TEXT,
    letter_files TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE request_tags (
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (request_id, tag)
) WITHOUT ROWID;
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    tracking_number TEXT,
    note TEXT,
    details TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
CREATE INDEX events_by_request ON events(request_id, date);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    relpath TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX attachments_by_request ON attachments(request_id);
CREATE TABLE closures (day TEXT PRIMARY KEY, note TEXT NOT NULL DEFAULT '');
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    due TEXT NOT NULL,
    text TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX reminders_by_due ON reminders(done, due);
CREATE INDEX reminders_by_request ON reminders(request_id);
"""

# v2: the clock cache the tracker table sorts and filters on, and its indexes.
_V2_CACHE_COLUMNS = """
ALTER TABLE requests ADD COLUMN submitted_on TEXT;
ALTER TABLE requests ADD COLUMN next_deadline TEXT;
ALTER TABLE requests ADD COLUMN next_deadline_key TEXT;
ALTER TABLE requests ADD COLUMN next_deadline_label TEXT;
ALTER TABLE requests ADD COLUMN clocks_stale INTEGER NOT NULL DEFAULT 1;
"""
_V2_INDEXES = """
CREATE INDEX requests_by_deadline ON requests(next_deadline IS NULL, next_deadline, id);
CREATE INDEX requests_by_status ON requests(status, next_deadline IS NULL, next_deadline, id);
CREATE INDEX requests_by_agency ON requests(agency_id, next_deadline IS NULL, next_deadline, id);
CREATE INDEX requests_by_updated ON requests(updated_at);
CREATE INDEX requests_stale ON requests(clocks_stale) WHERE clocks_stale = 1;
CREATE INDEX tags_by_tag ON request_tags(tag, request_id);
"""
SCHEMA_V2 = SCHEMA_V1 + _V2_CACHE_COLUMNS + _V2_INDEXES

# v3: full-text search over subject, agency name and tracking numbers (FTS5 when the SQLite
# library has it; otherwise searches fall back to LIKE and meta.search says so).
_V3_FTS = """
CREATE VIRTUAL TABLE request_search USING fts5(
    subject, agency_name, agency_id, tracking_number, appeal_tracking_number,
    content='requests', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER request_search_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_search(rowid, subject, agency_name, agency_id, tracking_number,
                               appeal_tracking_number)
    VALUES (new.id, new.subject, new.agency_name, new.agency_id, new.tracking_number,
            new.appeal_tracking_number);
END;
CREATE TRIGGER request_search_delete AFTER DELETE ON requests BEGIN
    INSERT INTO request_search(request_search, rowid, subject, agency_name, agency_id,
                               tracking_number, appeal_tracking_number)
    VALUES ('delete', old.id, old.subject, old.agency_name, old.agency_id,
            old.tracking_number, old.appeal_tracking_number);
END;
CREATE TRIGGER request_search_update
AFTER UPDATE OF subject, agency_name, agency_id, tracking_number, appeal_tracking_number
ON requests
BEGIN
    INSERT INTO request_search(request_search, rowid, subject, agency_name, agency_id,
                               tracking_number, appeal_tracking_number)
    VALUES ('delete', old.id, old.subject, old.agency_name, old.agency_id,
            old.tracking_number, old.appeal_tracking_number);
    INSERT INTO request_search(rowid, subject, agency_name, agency_id, tracking_number,
                               appeal_tracking_number)
    VALUES (new.id, new.subject, new.agency_name, new.agency_id, new.tracking_number,
            new.appeal_tracking_number);
END;
"""

LATEST_VERSION = 3


def fts5_available() -> bool:
    try:
        probe = sqlite3.connect(":memory:")
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        probe.close()
        return True
    except sqlite3.Error:
        return False


def _search_sql() -> str:
    if fts5_available():
        return _V3_FTS + "INSERT INTO meta(key, value) VALUES ('search', 'fts5');\n"
    return "INSERT INTO meta(key, value) VALUES ('search', 'like');\n"


def snapshot(version: int) -> str:
    """The complete SQL of schema ``version`` (used for new databases and by the tests)."""
    if version == 1:
        return SCHEMA_V1
    if version == 2:
        return SCHEMA_V2
    if version == 3:
        return SCHEMA_V2 + _search_sql()
    raise ValueError(f"no schema version {version}")


def statements(sql: str) -> list[str]:
    """Split a script into statements (trigger bodies contain semicolons)."""
    found: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                found.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:60]}")
    return found


def run_script(conn: sqlite3.Connection, sql: str) -> None:
    """Run ``sql`` statement by statement inside the caller's transaction."""
    for statement in statements(sql):
        conn.execute(statement)


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    run_script(conn, _V2_CACHE_COLUMNS + _V2_INDEXES)


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    run_script(conn, _search_sql())
    if fts5_available():
        conn.execute("INSERT INTO request_search(request_search) VALUES ('rebuild')")


# MIGRATIONS[n] turns a version n-1 database into version n.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _migrate_1_to_2,
    3: _migrate_2_to_3,
}


def create_at_version(conn: sqlite3.Connection, version: int) -> None:
    """Create an empty schema at ``version`` in an empty database."""
    with write(conn):
        if current_version(conn) != 0:
            return  # another process created it while we waited for the lock
        run_script(conn, snapshot(version))
        conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('instance_id', ?)",
                     (uuid.uuid4().hex,))
        conn.execute(f"PRAGMA user_version = {int(version)}")


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def ensure_schema(conn: sqlite3.Connection, locations: StoreLocations) -> int:
    """Bring the database to LATEST_VERSION; return the version it had when opened.

    An existing database is backed up before its first migration step.
    """
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise StoreError(
            f"The tracker database {locations.database} was made by a newer FOIA Desk "
            f"(schema {version}; this version knows up to {LATEST_VERSION}).",
            "Update FOIA Desk; the database was not changed.")
    if version == LATEST_VERSION:
        return version
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
    if version == 0:
        if tables:
            raise StoreError(f"{locations.database} is an SQLite database but not a FOIA Desk "
                             "tracker; it was left untouched.",
                             "Choose another data folder or file.")
        create_at_version(conn, LATEST_VERSION)
        return 0
    from foia_desk.store.backup import backup_connection

    backup_connection(conn, locations.backups, reason=f"before-upgrade-from-v{version}",
                      into_folder=True)
    for target in range(version + 1, LATEST_VERSION + 1):
        with write(conn):
            if current_version(conn) != target - 1:
                continue  # another process ran this step while we waited for the lock
            MIGRATIONS[target](conn)
            conn.execute(f"PRAGMA user_version = {target}")
    return version


def schema_fingerprint(conn: sqlite3.Connection) -> dict[str, object]:
    """A comparable description of the schema: columns, indexes, triggers, search mode."""
    result: dict[str, object] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
    for kind, name, table, sql in rows:
        if kind == "table" and not name.startswith("request_search_"):
            cols = conn.execute(f"PRAGMA table_xinfo({name!r})").fetchall()
            result[f"table:{name}"] = [tuple(c[1:]) for c in cols]
        elif kind == "index":
            cols = conn.execute(f"PRAGMA index_xinfo({name!r})").fetchall()
            where = sql.split(" WHERE ", 1)[1] if sql and " WHERE " in sql else None
            result[f"index:{name}"] = (table, [tuple(c) for c in cols], where)
        elif kind == "trigger":
            result[f"trigger:{name}"] = " ".join(sql.split())
    result["meta:search"] = conn.execute(
        "SELECT value FROM meta WHERE key = 'search'").fetchone()
    return result
