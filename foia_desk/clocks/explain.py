"""Plain-English pieces shared by the clock explanations (no locale: month names fixed)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from foia_desk.calendar import FederalCalendar
from foia_desk.english_dates import MONTH_ABBREVIATIONS as _MONTHS
from foia_desk.english_dates import WEEKDAY_ABBREVIATIONS as _DAYS

CLOSURE_CAVEAT = ("Whether a closure day counts as a legal public holiday for FOIA is not "
                  "settled, so this date is approximate.")
EXHAUSTION_NOTE = (
    "The agency has missed its statutory deadline, so you may go to court without any further "
    "administrative step (constructive exhaustion, 5 U.S.C. 552(a)(6)(C)(i)). "
    "A court can still give the agency more time if it shows exceptional circumstances. If the "
    "agency answers before you file suit, courts usually require you to appeal first "
    "(Judicial Watch v. Rossotti, 326 F.3d 1309 (D.C. Cir. 2003))."
)
FEES_NOTE = (
    "Fees: an agency that misses its deadline generally may not charge search fees, nor "
    "duplication fees to news-media and educational requesters (552(a)(4)(A)(viii)). "
    "Exceptions: a timely unusual-circumstances notice excuses the delay for 10 more working "
    "days, and more than 5,000 pages with timely notice and efforts to narrow the request."
)


def day(d: _dt.date) -> str:
    """'Wed 26 Nov 2025'."""
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def short(d: _dt.date, ref_year: int | None = None) -> str:
    """'27 Nov', with the year when it differs from ``ref_year``."""
    text = f"{d.day} {_MONTHS[d.month - 1]}"
    return text if d.year == ref_year else f"{text} {d.year}"


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def skipped_phrase(calendar: FederalCalendar, a: _dt.date, b: _dt.date) -> str:
    """', skipping Thanksgiving Day (27 Nov) and Christmas Day (25 Dec)' or ''."""
    skipped = calendar.skipped_between(a, b)
    if not skipped:
        return ""
    parts = [f"your closure day {short(d, b.year)} ({reason.removeprefix('closure: ')})"
             if reason.startswith("closure: ") else f"{reason} ({short(d, b.year)})"
             for d, reason in skipped]
    return ", skipping " + join(["weekends", *parts])


def closure_phrase(calendar: FederalCalendar, a: _dt.date, b: _dt.date) -> str:
    closures = calendar.closures_between(a, b)
    if not closures:
        return ""
    listed = join([f"{short(c.day, b.year)} ({c.note.strip() or 'agency closed'})"
                   for c in closures])
    return f" This counts your closure day(s) {listed} as non-working. {CLOSURE_CAVEAT}"


def parse_detail_date(value: Any) -> _dt.date | None:
    """A date stored in event details, as a date or an ISO string; None when absent/bad."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def working_days(n: int) -> str:
    return f"{n} working day" + ("" if n == 1 else "s")
