"""The working-day arithmetic of one statutory clock: start, tolls and one extension.

Carry-over rule (also in docs/deadlines.md): a clock of B working days starts the day after
``start``. A toll runs from the agency's request (day R) until it receives the reply
(day P). Working days up to and including R are used; the days after R up to and including P
do not count; counting resumes the working day after P with what was left. In index terms the
due date is the (B + T)-th working day after ``start``, where T is the number of working days
in the union of the toll intervals (R, P] that lie after ``start``. A toll or extension dated
after the deadline then in force has nothing left to pause or extend and is ignored (noted).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks.explain import day
from foia_desk.clocks.model import EventRecord

EXTENSION_DAYS = 10


@dataclass(slots=True)
class Toll:
    """The clock stopped from ``start`` (agency's request) to ``end`` (reply received)."""

    start: _dt.date
    end: _dt.date | None
    label: str  # "request for information" | "fee notice"
    added: int = 0  # working days it added (set by run_clock)


@dataclass(slots=True)
class ClockRun:
    start: _dt.date
    budget: int
    tolled: int = 0
    applied: list[Toll] = field(default_factory=list)
    open_toll: Toll | None = None
    ran_before_pause: int = 0
    extension: EventRecord | None = None
    extension_applied: bool = False
    base_due: _dt.date | None = None
    extended_due: _dt.date | None = None
    notes: list[str] = field(default_factory=list)

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
    run = ClockRun(start=start, budget=budget, extension=extension)
    items: list[tuple[_dt.date, int, Toll | None]] = [(t.start, 0, t) for t in tolls]
    if extension is not None:
        items.append((extension.date, 1, None))
    items.sort(key=lambda item: (item[0], item[1]))
    covered = start  # time up to here is either before the clock or already paused
    for when, _order, toll in items:
        if stop is not None and when > stop:
            continue
        if run.open_toll is None:
            in_force = calendar.add_working_days(
                start, budget + run.tolled + (EXTENSION_DAYS if run.extension_applied else 0))
            if when > in_force:
                what = "extension notice" if toll is None else toll.label
                run.notes.append(
                    f"The agency's {what} of {day(when)} came after the deadline then in "
                    f"force ({day(in_force)}); a clock that has already run out cannot be "
                    "paused or extended, so it was not counted. The agency may see it "
                    "differently.")
                continue
        if toll is None:
            run.extension_applied = True
            continue
        if run.open_toll is not None:
            continue  # already paused with no end in sight; this toll changes nothing
        if toll.end is None:
            run.open_toll = toll
            run.ran_before_pause = max(
                0, calendar.working_days_between(start, max(when, covered)) - run.tolled)
            continue
        if toll.end < toll.start:
            run.notes.append(f"The reply to the agency's {toll.label} of {day(toll.start)} "
                             f"is dated before it ({day(toll.end)}); check the dates.")
            continue
        resume_from = max(toll.start, covered)
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


def due_if_resumed(calendar: FederalCalendar, run: ClockRun, reply: _dt.date) -> _dt.date:
    """Where a paused clock's deadline lands if the agency receives the reply on ``reply``."""
    resume = max(reply, run.open_toll.start) if run.open_toll else reply
    return calendar.add_working_days(resume, run.remaining_when_paused)
