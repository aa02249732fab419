"""Repository functions for the event log, and the side effects an event has on its request
(tracking numbers and the obvious status moves of :func:`foia_desk.status.status_after_event`).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from foia_desk.errors import UserError
from foia_desk.status import status_after_event
from foia_desk.store.models import APPEAL_EVENT_KINDS, Event
from foia_desk.store.requests import EVENT_COLUMNS, event_from_row, require_request
from foia_desk.store.values import check_event_kind, clean_details, parse_date

MAX_NOTE = 20_000
MAX_TRACKING = 120
# Events are things that happened; a date past tomorrow (time zones) is a typo.
FUTURE_SLACK = timedelta(days=1)


def check_not_future(when: date, kind: str, today: date | None) -> None:
    if today is not None and when > today + FUTURE_SLACK:
        raise UserError(f"The {kind} date {when.isoformat()} is in the future.",
                        "Record an event once it has happened; for a future date, add a "
                        "reminder instead.")


def clean_tracking(value: str | None) -> str | None:
    text = " ".join(str(value or "").split())
    if len(text) > MAX_TRACKING:
        raise UserError(f"The tracking number is longer than {MAX_TRACKING} characters.")
    return text or None


def clean_note(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_NOTE:
        raise UserError(f"The note is longer than {MAX_NOTE} characters.",
                        "Attach long texts as a file instead.")
    return text or None


def check_promised_date(when: date, details: dict[str, Any]) -> None:
    """An extension notice cannot promise an answer before the notice itself is dated."""
    promised = details.get("promised_date")
    if promised and date.fromisoformat(promised) < when:
        raise UserError(
            f"The promised date ({promised}) is before the notice's own date "
            f"({when.isoformat()}).",
            "Check both dates on the agency's letter: the promised date is when it says it "
            "will answer.")


def insert_event(conn: sqlite3.Connection, request_id: int, kind: str, day: date | str, *,
                 tracking_number: str | None, note: str | None,
                 details: dict[str, Any] | None, now: str, created_at: str | None = None,
                 move_status: bool = True, today: date | None = None) -> int:
    """Record an event and apply its side effects on the request; return the event id."""
    check_event_kind(kind)
    when = parse_date(day, f"date of the {kind} event")
    check_not_future(when, kind, today)
    stored = clean_details(kind, details)
    check_promised_date(when, stored)
    tracking = clean_tracking(tracking_number)
    require_request(conn, request_id)
    cursor = conn.execute(
        "INSERT INTO events (request_id, kind, date, tracking_number, note, details, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (request_id, kind, when.isoformat(), tracking, clean_note(note),
         json.dumps(stored, sort_keys=True), created_at or now))
    apply_side_effects(conn, request_id, kind, tracking, stored, move_status=move_status)
    return int(cursor.lastrowid)


def apply_side_effects(conn: sqlite3.Connection, request_id: int, kind: str,
                       tracking: str | None, details: dict[str, Any], *,
                       move_status: bool = True) -> None:
    current_status, current_tracking = conn.execute(
        "SELECT status, tracking_number FROM requests WHERE id = ?", (request_id,)).fetchone()
    if tracking:
        if kind in APPEAL_EVENT_KINDS:
            conn.execute("UPDATE requests SET appeal_tracking_number = ? WHERE id = ?",
                         (tracking, request_id))
        elif kind == "acknowledged" or not current_tracking:
            conn.execute("UPDATE requests SET tracking_number = ? WHERE id = ?",
                         (tracking, request_id))
    if move_status:
        new_status = status_after_event(current_status, kind, details)
        if new_status != current_status:
            conn.execute("UPDATE requests SET status = ? WHERE id = ?",
                         (new_status, request_id))


def get_event(conn: sqlite3.Connection, event_id: int) -> Event:
    row = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?",
                       (event_id,)).fetchone()
    if row is None:
        raise UserError(f"There is no event with id {event_id}.",
                        "Run 'foia-desk requests show ID' to see a request's events.")
    return event_from_row(row)


def update_event(conn: sqlite3.Connection, event_id: int, *, day: date | str | None = None,
                 note: str | None = None, details: dict[str, Any] | None = None,
                 tracking_number: str | None = None, today: date | None = None) -> Event:
    """Correct an event (date, note, details or tracking number); its kind never changes.

    The status is left alone: a correction is not a new step in the request's life.
    """
    event = get_event(conn, event_id)
    when = parse_date(day, f"date of the {event.kind} event") if day is not None else event.date
    check_not_future(when, event.kind, today)
    stored = clean_details(event.kind, details) if details is not None else event.details
    check_promised_date(when, stored)
    new_note = clean_note(note) if note is not None else event.note
    tracking = clean_tracking(tracking_number) if tracking_number is not None \
        else event.tracking_number
    conn.execute("UPDATE events SET date = ?, note = ?, details = ?, tracking_number = ? "
                 "WHERE id = ?", (when.isoformat(), new_note,
                                  json.dumps(stored, sort_keys=True), tracking, event_id))
    if tracking_number is not None:
        apply_side_effects(conn, event.request_id, event.kind, tracking, stored,
                           move_status=False)
    return get_event(conn, event_id)


def delete_event(conn: sqlite3.Connection, event_id: int) -> int:
    """Remove an event; return its request id."""
    event = get_event(conn, event_id)
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    return event.request_id
