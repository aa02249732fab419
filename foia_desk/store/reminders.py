"""Reminders: the ones users set, and the ones derived ahead of each open deadline.

Automatic reminders are not stored: they are computed from the clocks each time, so a
corrected event or a new closure day moves them with the deadline. Each open deadline
gives at most one line, the latest of "5 working days before", "1 working day before" and
"due today" that has been reached by the ``until`` date.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from foia_desk.directory import Agency
from foia_desk.errors import UserError
from foia_desk.store.clockcache import ClockEngine, compute_report, is_open, load_closures
from foia_desk.store.ids import next_id
from foia_desk.store.models import DueReminder, Reminder
from foia_desk.store.requests import reminder_from_row, require_request
from foia_desk.store.values import parse_date

# Working days before a due date at which an automatic reminder appears (0 = the day).
AUTO_LEAD_DAYS = (5, 1, 0)
# A deadline missed less than this many days ago still shows in the reminders.
RECENTLY_MISSED_DAYS = 30
# Calendar days that always cover 5 working days (weekends, a holiday and closures).
_LEAD_SLACK = timedelta(days=16)
MAX_TEXT = 2000


@dataclass(frozen=True)
class OpenDeadline:
    """A deadline still owed, with the request it belongs to."""

    request_id: int
    agency_id: str
    agency_name: str
    subject: str
    deadline: Any  # foia_desk.clocks.Deadline


def add_reminder(conn: sqlite3.Connection, request_id: int, due: date | str, text: str,
                 now: str) -> int:
    require_request(conn, request_id)
    when = parse_date(due, "reminder date")
    body = " ".join(str(text or "").split())
    if not body:
        raise UserError("A reminder needs a text.", "Say what to do, e.g. 'Call the FOIA office'.")
    if len(body) > MAX_TEXT:
        raise UserError(f"The reminder text is longer than {MAX_TEXT} characters.")
    reminder_id = next_id(conn, "reminders")
    conn.execute("INSERT INTO reminders (id, request_id, due, text, done, created_at) "
                 "VALUES (?, ?, ?, ?, 0, ?)",
                 (reminder_id, request_id, when.isoformat(), body, now))
    return reminder_id


def get_reminder(conn: sqlite3.Connection, reminder_id: int) -> Reminder:
    row = conn.execute("SELECT id, request_id, due, text, done, created_at FROM reminders "
                       "WHERE id = ?", (reminder_id,)).fetchone()
    if row is None:
        raise UserError(f"There is no reminder with id {reminder_id}.")
    return reminder_from_row(row)


def set_done(conn: sqlite3.Connection, reminder_id: int, done: bool) -> Reminder:
    get_reminder(conn, reminder_id)
    conn.execute("UPDATE reminders SET done = ? WHERE id = ?", (int(done), reminder_id))
    return get_reminder(conn, reminder_id)


def open_deadlines(conn: sqlite3.Connection, engine: ClockEngine,
                   agencies: Callable[[str], Agency | None], *, today: date,
                   latest_first_due: date | None,
                   earliest_first_due: date | None = None) -> Iterator[OpenDeadline]:
    """Open deadlines of every request whose cached next deadline lies between
    ``earliest_first_due`` and ``latest_first_due`` (either bound may be ``None``)."""
    params: list[Any] = []
    sql = ("SELECT id, agency_id, agency_name, subject, expedited FROM requests "
           "WHERE next_deadline IS NOT NULL AND status != 'withdrawn'")
    if latest_first_due is not None:
        sql += " AND next_deadline <= ?"
        params.append(latest_first_due.isoformat())
    if earliest_first_due is not None:
        sql += " AND next_deadline >= ?"
        params.append(earliest_first_due.isoformat())
    rows = conn.execute(sql + " ORDER BY next_deadline, id", params).fetchall()
    calendar = engine.calendar(load_closures(conn))
    for request_id, agency_id, agency_name, subject, expedited in rows:
        report = compute_report(conn, engine, request_id, agency=agencies(agency_id),
                                expedited=bool(expedited), today=today, calendar=calendar)
        if report is None:
            continue
        for deadline in report.deadlines:
            if is_open(deadline):
                yield OpenDeadline(request_id, agency_id, agency_name, subject, deadline)


def working_days_before(calendar: Any, day: date, count: int) -> date:
    current = day
    remaining = count
    while remaining > 0:
        current -= timedelta(days=1)
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def _auto_line(item: OpenDeadline, calendar: Any, today: date,
               until: date) -> DueReminder | None:
    due = item.deadline.due
    label = item.deadline.label
    if due < today:
        if (today - due).days > RECENTLY_MISSED_DAYS:
            return None
        remind_on = due
        text = f"{label}: was due {due.isoformat()} ({(today - due).days} days ago)."
    else:
        reached = [working_days_before(calendar, due, lead) for lead in AUTO_LEAD_DAYS]
        reached = [d for d in reached if d <= until]
        if not reached:
            return None
        remind_on = max(reached)
        left = (due - today).days
        when = "today" if left == 0 else ("tomorrow" if left == 1 else f"in {left} days")
        text = f"{label}: {due.isoformat()} ({when})."
    if getattr(item.deadline, "approximate", False):
        text += " The date is approximate."
    return DueReminder(source="auto", request_id=item.request_id, remind_on=remind_on,
                       text=text, agency_name=item.agency_name, subject=item.subject,
                       deadline_key=item.deadline.key, deadline_label=label,
                       deadline_due=due)


def due_reminders(conn: sqlite3.Connection, engine: ClockEngine,
                  agencies: Callable[[str], Agency | None], *, today: date,
                  until: date) -> list[DueReminder]:
    """User reminders not done and due by ``until``, plus automatic deadline reminders."""
    lines: list[DueReminder] = []
    for rid, request_id, due, text, agency_name, subject in conn.execute(
            "SELECT m.id, m.request_id, m.due, m.text, r.agency_name, r.subject "
            "FROM reminders m JOIN requests r ON r.id = m.request_id "
            "WHERE m.done = 0 AND m.due <= ? ORDER BY m.due, m.id", (until.isoformat(),)):
        lines.append(DueReminder(source="user", request_id=request_id,
                                 remind_on=date.fromisoformat(due), text=text,
                                 agency_name=agency_name, subject=subject, reminder_id=rid))
    calendar = engine.calendar(load_closures(conn))
    # A request whose first open deadline was missed long ago is shown by the tracker's
    # overdue filter, not repeated here every day.
    for item in open_deadlines(conn, engine, agencies, today=today,
                               latest_first_due=until + _LEAD_SLACK,
                               earliest_first_due=today - timedelta(days=RECENTLY_MISSED_DAYS)):
        line = _auto_line(item, calendar, today, until)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda x: (x.remind_on, x.deadline_due or x.remind_on, x.request_id))
    return lines
