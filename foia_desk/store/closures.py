"""Repository functions for closure days: days federal offices were shut beyond the regular
holidays (an executive order, a government-wide closure). They count as non-working days in
every clock, so changing them means recomputing every request's cache."""

from __future__ import annotations

import sqlite3
from datetime import date

from foia_desk.english_dates import weekday_name
from foia_desk.errors import UserError
from foia_desk.store.models import Closure
from foia_desk.store.values import parse_date

MAX_NOTE = 500


def add_closure(conn: sqlite3.Connection, day: date | str, note: str) -> Closure:
    when = parse_date(day, "closure date")
    text = " ".join(str(note or "").split())
    if len(text) > MAX_NOTE:
        raise UserError(f"The closure note is longer than {MAX_NOTE} characters.")
    if when.weekday() >= 5:
        raise UserError(f"{when.isoformat()} is a {weekday_name(when)}: offices are closed "
                        "on weekends anyway, so it changes no deadline.")
    exists = conn.execute("SELECT note FROM closures WHERE day = ?",
                          (when.isoformat(),)).fetchone()
    if exists is not None:
        raise UserError(f"{when.isoformat()} is already a closure day"
                        + (f" ({exists[0]})." if exists[0] else "."),
                        "Remove it first to change its note.")
    conn.execute("INSERT INTO closures (day, note) VALUES (?, ?)", (when.isoformat(), text))
    return Closure(when, text)


def remove_closure(conn: sqlite3.Connection, day: date | str) -> Closure:
    when = parse_date(day, "closure date")
    row = conn.execute("SELECT note FROM closures WHERE day = ?",
                       (when.isoformat(),)).fetchone()
    if row is None:
        raise UserError(f"{when.isoformat()} is not a closure day.",
                        "Run 'foia-desk closures list' to see them.")
    conn.execute("DELETE FROM closures WHERE day = ?", (when.isoformat(),))
    return Closure(when, row[0])


def list_closures(conn: sqlite3.Connection) -> list[Closure]:
    return [Closure(date.fromisoformat(day), note) for day, note in
            conn.execute("SELECT day, note FROM closures ORDER BY day")]
