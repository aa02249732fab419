"""Upcoming deadlines and reminders as an iCalendar (RFC 5545) file for Google, Outlook or
Apple Calendar.

Each item is an all-day VEVENT with a UID that stays the same from one export to the next
(data-folder id + request id + deadline key), so importing a fresh export updates the
events instead of duplicating them. Each carries a display alarm the day before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from foia_desk import __version__, fileio

UID_DOMAIN = "foia-desk.invalid"
# Requests whose first open deadline passed more than this long ago have no upcoming one.
LOOK_BACK_DAYS = 60


@dataclass(frozen=True)
class CalendarItem:
    """One all-day entry of the exported calendar."""

    uid: str
    day: date
    summary: str
    description: str


def summary_for(label: str, agency_name: str, subject: str) -> str:
    return f"FOIA: {label} — {agency_name}: {subject}"


def collect_items(store: Any) -> list[CalendarItem]:
    """Every open deadline due today or later, and every pending user reminder."""
    today = store.today()
    instance = store.instance_id[:12]
    items: list[CalendarItem] = []
    for item in store.open_deadlines(since=today - timedelta(days=LOOK_BACK_DAYS)):
        deadline = item.deadline
        if deadline.due < today:
            continue
        description = str(deadline.explanation)
        if getattr(deadline, "approximate", False):
            description += "\nThis date is approximate: check it before relying on it."
        description += f"\nFOIA Desk request {item.request_id} ({item.agency_name})."
        items.append(CalendarItem(
            uid=f"{instance}-r{item.request_id}-{deadline.key}@{UID_DOMAIN}",
            day=deadline.due, summary=summary_for(deadline.label, item.agency_name,
                                                  item.subject),
            description=description))
    subjects = {}
    for reminder in store.user_reminders():
        if reminder.due < today:
            continue
        if reminder.request_id not in subjects:
            detail = store.get_request(reminder.request_id, clocks=False)
            subjects[reminder.request_id] = (detail.agency_name, detail.subject)
        agency_name, subject = subjects[reminder.request_id]
        items.append(CalendarItem(
            uid=f"{instance}-reminder{reminder.id}@{UID_DOMAIN}", day=reminder.due,
            summary=summary_for(f"Reminder: {reminder.text}", agency_name, subject),
            description=f"{reminder.text}\nFOIA Desk request {reminder.request_id}."))
    items.sort(key=lambda i: (i.day, i.uid))
    return items


def build_calendar(items: list[CalendarItem], *, now: datetime | None = None) -> bytes:
    """The iCalendar bytes for ``items`` (CRLF line ends and folding by icalendar)."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", f"-//FOIA Desk//foia-desk {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "FOIA Desk deadlines")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["FOIA"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def export_ics(store: Any, path: str | os.PathLike[str], *, overwrite: bool = False,
               now: datetime | None = None) -> int:
    """Write the calendar file atomically; return how many events it holds."""
    items = collect_items(store)
    fileio.write_bytes(Path(path), build_calendar(items, now=now), overwrite=overwrite)
    return len(items)
