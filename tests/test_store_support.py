"""Helpers shared by the tracker tests: a small stand-in clock engine and store factory.

The stand-in follows the ``foia_desk.clocks`` contract (Deadline(key, label, due,
explanation, state, approximate); ClockReport(deadlines, next_deadline, overdue, ...)) with
just enough law to move dates: 20 working days from receipt, +10 on an extension, 90 days
to appeal an adverse response. It lets the store tests pin exact dates independently of
the real engine, which has its own tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from foia_desk.calendar import FederalCalendar
from foia_desk.store import open_store
from foia_desk.store.clockcache import ClockEngine


@dataclass(frozen=True)
class FakeDeadline:
    key: str
    label: str
    due: date | None
    explanation: str
    state: str
    approximate: bool = False


@dataclass(frozen=True)
class FakeReport:
    deadlines: tuple[FakeDeadline, ...]
    next_deadline: FakeDeadline | None
    overdue: bool
    constructive_exhaustion: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FakeEvent:
    kind: str
    date: date
    details: dict[str, Any]


def fake_compute(events, *, agency, calendar, today) -> FakeReport:
    deadlines: list[FakeDeadline] = []
    by_kind: dict[str, list[FakeEvent]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)
    start = (by_kind.get("received") or by_kind.get("submitted") or [None])[0]
    responded = by_kind.get("response", [None])[-1]
    if start is not None:
        due = calendar.add_working_days(start.date, 20)
        deadlines.append(FakeDeadline(
            "response_due", "Response due", due,
            f"20 working days after {start.date.isoformat()}",
            "met" if responded else ("overdue" if due < today else "pending")))
        if by_kind.get("extension"):
            extended = calendar.add_working_days(due, 10)
            deadlines.append(FakeDeadline(
                "extended_due", "Extended response due", extended,
                "10 more working days", "met" if responded else
                ("overdue" if extended < today else "pending")))
    if responded is not None and responded.details.get("outcome") in (
            "partial", "denied", "no-records"):
        appeal_by = responded.date + timedelta(days=90)
        deadlines.append(FakeDeadline(
            "appeal_by", "Appeal by", appeal_by, "90 calendar days after the response",
            "met" if by_kind.get("appeal-filed") else "pending"))
    open_ones = [d for d in deadlines if d.state in ("pending", "overdue")]
    nxt = min(open_ones, key=lambda d: d.due) if open_ones else None
    return FakeReport(tuple(deadlines), nxt, any(d.state == "overdue" for d in deadlines))


def fake_engine() -> ClockEngine:
    return ClockEngine(compute=fake_compute,
                       make_calendar=lambda closures: FederalCalendar(closures=closures),
                       make_event=FakeEvent)


def make_store(path=None, *, today: date = date(2026, 3, 2), engine=None, **options):
    """A store on a temp data folder with a fixed 'today' and the real clock engine (or
    ``engine``, e.g. :func:`fake_engine`)."""
    return open_store(path, engine=engine, today=lambda: today, **options)
