"""Repository functions for request rows and their tags (SQL only; no transactions here:
the :class:`~foia_desk.store.store.Store` wraps each public call in one)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from foia_desk.errors import UserError
from foia_desk.store.ids import next_id
from foia_desk.store.models import Attachment, Event, Reminder, RequestDetail

REQUEST_COLUMNS = (
    "id, agency_id, agency_name, subject, kind, status, tracking_number, "
    "appeal_tracking_number, method, expedited, profile, letter_markdown, letter_files, "
    "created_at, updated_at, next_deadline, next_deadline_key, next_deadline_label"
)
# Columns update_request may change, with the name used in the API.
UPDATABLE = ("agency_id", "agency_name", "subject", "kind", "tracking_number",
             "appeal_tracking_number", "method", "expedited", "profile", "letter_markdown",
             "letter_files", "status")


class RequestNotFound(UserError):
    """No request with that id."""


def not_found(request_id: int) -> RequestNotFound:
    return RequestNotFound(f"There is no request with id {request_id}.",
                           "Run 'foia-desk requests list' to see the ids.")


def insert_request(conn: sqlite3.Connection, *, agency_id: str, agency_name: str,
                   subject: str, kind: str, status: str, method: str | None, expedited: bool,
                   profile: str | None, letter_markdown: str | None,
                   letter_files: Sequence[str], tracking_number: str | None,
                   appeal_tracking_number: str | None, now: str,
                   created_at: str | None = None) -> int:
    request_id = next_id(conn, "requests")
    conn.execute(
        "INSERT INTO requests (id, agency_id, agency_name, subject, kind, status, method, "
        "expedited, profile, letter_markdown, letter_files, tracking_number, "
        "appeal_tracking_number, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (request_id, agency_id, agency_name, subject, kind, status, method, int(expedited),
         profile, letter_markdown, json.dumps(list(letter_files)), tracking_number,
         appeal_tracking_number, created_at or now, now))
    return request_id


def update_columns(conn: sqlite3.Connection, request_id: int, values: dict[str, Any],
                   now: str) -> None:
    """Set the given columns (names from UPDATABLE) and ``updated_at``."""
    unknown = set(values) - set(UPDATABLE)
    if unknown:
        raise ValueError(f"not updatable: {sorted(unknown)}")
    stored = dict(values)
    if "letter_files" in stored:
        stored["letter_files"] = json.dumps(list(stored["letter_files"]))
    if "expedited" in stored:
        stored["expedited"] = int(bool(stored["expedited"]))
    assignments = ", ".join(f"{name} = ?" for name in stored)
    conn.execute(f"UPDATE requests SET {assignments}{', ' if stored else ''}updated_at = ? "
                 "WHERE id = ?", (*stored.values(), now, request_id))


def touch(conn: sqlite3.Connection, request_id: int, now: str) -> None:
    conn.execute("UPDATE requests SET updated_at = ? WHERE id = ?", (now, request_id))


def set_tags(conn: sqlite3.Connection, request_id: int, tags: Iterable[str]) -> None:
    conn.execute("DELETE FROM request_tags WHERE request_id = ?", (request_id,))
    conn.executemany("INSERT OR IGNORE INTO request_tags (request_id, tag) VALUES (?, ?)",
                     [(request_id, tag) for tag in tags])


def tags_of(conn: sqlite3.Connection, request_id: int) -> tuple[str, ...]:
    return tuple(t for (t,) in conn.execute(
        "SELECT tag FROM request_tags WHERE request_id = ? ORDER BY tag COLLATE NOCASE",
        (request_id,)))


def tags_for(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """Tags of several requests at once (one query for a page of the table)."""
    found: dict[int, list[str]] = {}
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    for request_id, tag in conn.execute(
            f"SELECT request_id, tag FROM request_tags WHERE request_id IN ({marks}) "
            "ORDER BY tag COLLATE NOCASE", tuple(ids)):
        found.setdefault(request_id, []).append(tag)
    return {k: tuple(v) for k, v in found.items()}


def distinct_tags(conn: sqlite3.Connection) -> list[str]:
    return [t for (t,) in conn.execute(
        "SELECT DISTINCT tag FROM request_tags ORDER BY tag COLLATE NOCASE")]


def agencies_in_use(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(agency id, name, number of requests) for the tracker's agency filter."""
    return [(a, n, c) for a, n, c in conn.execute(
        "SELECT agency_id, max(agency_name), count(*) FROM requests GROUP BY agency_id "
        "ORDER BY max(agency_name) COLLATE NOCASE")]


def request_row(conn: sqlite3.Connection, request_id: int) -> tuple[Any, ...]:
    row = conn.execute(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?",
                       (request_id,)).fetchone()
    if row is None:
        raise not_found(request_id)
    return row


def require_request(conn: sqlite3.Connection, request_id: int) -> None:
    if conn.execute("SELECT 1 FROM requests WHERE id = ?", (request_id,)).fetchone() is None:
        raise not_found(request_id)


def event_from_row(row: Sequence[Any]) -> Event:
    event_id, request_id, kind, day, tracking, note, details, created = row
    return Event(id=event_id, request_id=request_id, kind=kind, date=date.fromisoformat(day),
                 tracking_number=tracking, note=note,
                 details=json.loads(details) if details else {}, created_at=created)


EVENT_COLUMNS = "id, request_id, kind, date, tracking_number, note, details, created_at"


def events_of(conn: sqlite3.Connection, request_id: int) -> tuple[Event, ...]:
    return tuple(event_from_row(r) for r in conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE request_id = ? ORDER BY date, id",
        (request_id,)))


def attachments_of(conn: sqlite3.Connection, request_id: int) -> tuple[Attachment, ...]:
    return tuple(Attachment(id=i, request_id=r, event_id=e, name=n, relpath=p, sha256=s,
                            size=z, added_at=a) for i, r, e, n, p, s, z, a in conn.execute(
        "SELECT id, request_id, event_id, name, relpath, sha256, size, added_at "
        "FROM attachments WHERE request_id = ? ORDER BY id", (request_id,)))


def reminder_from_row(row: Sequence[Any]) -> Reminder:
    rid, request_id, due, text, done, created = row
    return Reminder(id=rid, request_id=request_id, due=date.fromisoformat(due), text=text,
                    done=bool(done), created_at=created)


def reminders_of(conn: sqlite3.Connection, request_id: int) -> tuple[Reminder, ...]:
    return tuple(reminder_from_row(r) for r in conn.execute(
        "SELECT id, request_id, due, text, done, created_at FROM reminders "
        "WHERE request_id = ? ORDER BY due, id", (request_id,)))


def detail_from_row(conn: sqlite3.Connection, row: Sequence[Any], clocks: Any) -> RequestDetail:
    (rid, agency_id, agency_name, subject, kind, status, tracking, appeal_tracking, method,
     expedited, profile, letter, letter_files, created, updated, next_deadline, next_key,
     next_label) = row
    return RequestDetail(
        id=rid, agency_id=agency_id, agency_name=agency_name, subject=subject, kind=kind,
        status=status, tracking_number=tracking, appeal_tracking_number=appeal_tracking,
        method=method, expedited=bool(expedited), profile=profile, letter_markdown=letter,
        letter_files=tuple(json.loads(letter_files or "[]")), tags=tags_of(conn, rid),
        created_at=created, updated_at=updated, events=events_of(conn, rid),
        attachments=attachments_of(conn, rid), reminders=reminders_of(conn, rid),
        clocks=clocks,
        next_deadline=date.fromisoformat(next_deadline) if next_deadline else None,
        next_deadline_key=next_key, next_deadline_label=next_label)
