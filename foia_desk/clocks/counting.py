"""The working-day arithmetic of one statutory clock: start, tolls and one extension.

Carry-over rule (also in docs/deadlines.md): a clock of B working days starts the day after
``start``. A toll runs from the day of the agency's request (day R) through the day it
receives the reply (day P), both included: working days before R are used and kept, no
working day from R to P counts, and counting resumes the working day after P with what was
left. (Not counting day R is the cautious reading: it gives the later date, so a requester
never goes to court a day early.) In index terms the due date is the (B + T)-th working day
after ``start``, where T is the number of working days in the union of the toll periods
[R, P] that lie after ``start``. A toll or extension dated after the deadline then in force
has nothing left to pause or extend and is ignored (with a note).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks.explain import day
from foia_desk.clocks.model import EventRecord

EXTENSION_DAYS = 10
_ONE_DAY = _dt.timedelta(days=1)


@dataclass(slots=True)
class Toll:
    """The clock stopped from ``start`` (agency's request) to ``end`` (reply received)."""

    start: _dt.date
    end: _dt.date | None
    label: str  # "request for information" | "fee notice"
    added: int = 0  # working days it added (set by run_clock)


class ClockRun:
    """The outcome of counting one clock. Defaults live on the class, so the common case
    (nothing moved the clock) sets three attributes; it is built 200,000 times in a full
    recompute."""

    tolled = 0
    applied: list[Toll] | tuple = ()
    open_toll: Toll | None = None
    ran_before_pause = 0
    extension_applied = False
    base_due: _dt.date | None = None
    extended_due: _dt.date | None = None
    notes: list | tuple = ()  # str or zero-argument callables

    def __init__(self, start: _dt.date, budget: int,
                 extension: EventRecord | None = None) -> None:
        self.start = start
        self.budget = budget
        self.extension = extension

    @property
    def remaining_when_paused(self) -> int:
        """Working days left on a paused clock (counted after the reply is received)."""
        extra = EXTENSION_DAYS if self.extension_applied else 0
        return max(self.budget + extra - self.ran_before_pause, 0)

    @property
    def due(self) -> _dt.date | None:
        """The deadline in force: extended when a timely extension notice was given."""
        return self.extended_due if self.extension_applied else self.base_due


def run_clock(calendar: FederalCalendar, start: _dt.date, budget: int, tolls: list[Toll],
              extension: EventRecord | None, stop: _dt.date | None) -> ClockRun:
    """Count ``budget`` working days after ``start`` through tolls and one extension.

    ``stop``: the date the clock was answered (events after it cannot move it).
    """
    run = ClockRun(start, budget, extension=extension)
    if not tolls and extension is None:  # the common case: nothing moves the clock
        run.base_due = calendar.add_working_days(start, budget)
        return run
    items: list[tuple[_dt.date, int, int]] = [(t.start, 0, i) for i, t in enumerate(tolls)]
    if extension is not None:
        items.append((extension.date, 1, -1))
    items.sort()
    run.applied, run.notes = [], []
    covered = start  # time up to here is either before the clock or already paused
    for when, _order, position in items:
        toll = tolls[position] if position >= 0 else None
        if stop is not None and when > stop:
            continue
        if run.open_toll is None:
            days = budget + run.tolled + (EXTENSION_DAYS if run.extension_applied else 0)
            # N working days span at least N calendar days: skip the look-up when clearly early.
            in_force = (start + _dt.timedelta(days=days) if (when - start).days <= days
                        else calendar.add_working_days(start, days))
            if when > in_force:
                what = "extension notice" if toll is None else toll.label
                run.notes.append(_late_note(what, when, in_force))
                continue
        if toll is None:
            run.extension_applied = True
            continue
        if run.open_toll is not None:
            continue  # already paused with no end in sight; this toll changes nothing
        if toll.end is None:
            run.open_toll = toll
            run.ran_before_pause = max(0, calendar.working_days_between(
                start, max(when - _ONE_DAY, covered)) - run.tolled)
            continue
        if toll.end < toll.start:
            run.notes.append(lambda toll=toll: (
                f"The reply to the agency's {toll.label} of {day(toll.start)} is dated before "
                f"it ({day(toll.end)}); check the dates."))
            continue
        resume_from = max(toll.start - _ONE_DAY, covered)
        if toll.end > resume_from:
            toll.added = calendar.working_days_between(resume_from, toll.end)
            run.tolled += toll.added
            covered = toll.end
        run.applied.append(toll)
    if run.open_toll is None:
        run.base_due = calendar.add_working_days(start, budget + run.tolled)
        if extension is not None:
            run.extended_due = calendar.add_working_days(
                start, budget + run.tolled + EXTENSION_DAYS)
    return run


def _late_note(what: str, when: _dt.date, in_force: _dt.date):
    return lambda: (
        f"The agency's {what} of {day(when)} came after the deadline then in force "
        f"({day(in_force)}); a clock that has already run out cannot be paused or extended, "
        "so it was not counted. The agency may see it differently.")


def due_if_resumed(calendar: FederalCalendar, run: ClockRun, reply: _dt.date) -> _dt.date:
    """Where a paused clock's deadline lands if the agency receives the reply on ``reply``."""
    resume = max(reply, run.open_toll.start) if run.open_toll else reply
    return calendar.add_working_days(resume, run.remaining_when_paused)
