"""Shared state logic: is a deadline pending, met, missed, overdue or moot?"""

from __future__ import annotations

import datetime as _dt

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks import explain as ex


def state_for(due: _dt.date | None, done: _dt.date | None, stopped: bool,
              today: _dt.date) -> str:
    """State of a deadline someone must act by.

    ``done``: when the act happened (met on or before ``due``, else missed); ``stopped``: the
    request was withdrawn or taken to court before the act.
    """
    if done is not None:
        return "met" if due is None or done <= due else "missed"
    if stopped:
        return "not-applicable"
    if due is None:
        return "pending"
    return "overdue" if today > due else "pending"


def closure_check(calendar: FederalCalendar, start: _dt.date, due: _dt.date | None) -> bool:
    """True when a user closure day was skipped between ``start`` and ``due``."""
    return due is not None and calendar.has_closure_between(start, due)


def counted_text(calendar: FederalCalendar, n: int, start: _dt.date, how: str,
                 due: _dt.date, extra: str = "", tolled: int = 0, cite: str = "") -> str:
    """'Due Fri 26 Dec 2025: 20 working days after receipt on Wed 26 Nov 2025 (that day not
    counted), skipping weekends, Thanksgiving Day (27 Nov) and Christmas Day (25 Dec).'"""
    count = ex.working_days(n) + (
        f" (plus {ex.working_days(tolled)} while the clock was paused)" if tolled else "")
    cite = f" Rule: {cite}." if cite else ""
    return (f"Due {ex.day(due)}: {count} after {how} (that day not counted)"
            f"{ex.skipped_phrase(calendar, start, due)}.{cite}{extra}"
            f"{ex.closure_phrase(calendar, start, due)}")
