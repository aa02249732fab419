"""The federal working-day calendar that every FOIA clock counts on.

FOIA's time limits exclude "Saturdays, Sundays, and legal public holidays" (5 U.S.C.
552(a)(6)(A)). The legal public holidays are the eleven of 5 U.S.C. 6103(a), with the
Monday-Friday observance rules: a holiday on a Saturday is observed the Friday before
(6103(b)(1)), one on a Sunday the Monday after (Executive Order 11582). Juneteenth counts only
from 2021. New Year's Day on a Saturday is observed on Friday 31 December of the year before,
so the table is keyed by observed date, never by holiday year.

Sources of truth, in order:

1. the ``holidays`` library (``country_holidays("US", observed=True)``, public category only:
   no state holidays, no Inauguration Day, no executive-order closures), imported lazily;
2. ``_apply_statutory_rules`` below, the ONE place where the library's output is checked
   against the statute and corrected (tests compare the result with an independent
   computation for 2015-2035);
3. options of :class:`FederalCalendar`: Inauguration Day (5 U.S.C. 6103(c), Washington, D.C.
   area only, off unless the caller turns it on) and user-entered :class:`Closure` days.

Every query is answered from a precomputed cumulative working-day index, so adding N working
days is two list look-ups whatever N is.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from foia_desk.errors import UserError

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
JUNETEENTH_FIRST_YEAR = 2021  # Pub. L. 117-17, signed 17 June 2021
JUNETEENTH = "Juneteenth National Independence Day"
INAUGURATION_DAY = "Inauguration Day (Washington, D.C. area)"
FIRST_INAUGURATION_HOLIDAY_YEAR = 1965
# Names the library uses for the eleven 6103(a) holidays; anything else it returns is dropped.
STATUTORY_NAMES = frozenset({
    "New Year's Day", "Martin Luther King Jr. Day", "Washington's Birthday", "Memorial Day",
    JUNETEENTH, "Independence Day", "Labor Day", "Columbus Day", "Veterans Day",
    "Thanksgiving Day", "Christmas Day",
})
OBSERVED_SUFFIX = " (observed)"
DEFAULT_FIRST_YEAR = 1990
DEFAULT_LAST_YEAR = 2060
# FOIA took effect in 1967; the holidays library stops at 2100 (and silently returns no
# holidays after it), so counting outside these years is refused rather than guessed.
FIRST_SUPPORTED_YEAR = 1967
LAST_SUPPORTED_YEAR = 2100
_GROW_YEARS = 20


class CalendarRangeError(UserError):
    """A date, or a count, outside the years the federal calendar covers."""


@dataclass(frozen=True, order=True)
class Closure:
    """A day the user says the agency was closed (e.g. an executive order closing offices).

    Whether such days count as "legal public holidays" for FOIA is unsettled, so every
    deadline whose count skips one is marked approximate and shows the note.
    """

    day: _dt.date
    note: str = ""

    @property
    def reason(self) -> str:
        return f"closure: {self.note.strip() or 'agency closed'}"


def _apply_statutory_rules(raw: dict[_dt.date, str]) -> dict[_dt.date, str]:
    """Check and correct the library's holidays against 5 U.S.C. 6103 (the single place).

    * only the eleven statutory holidays are kept (a later library version adding, say,
      Inauguration Day or a state holiday to the public category cannot leak in);
    * entries on a Saturday or Sunday are dropped: the observed weekday entry is what
      matters, and weekends are non-working anyway;
    * Juneteenth before 2021 is removed (the library agrees today; this keeps it so).

    As of holidays 0.109 the library matches the statute for every year 2015-2035,
    including New Year's Day 2022/2028/2033 observed on the preceding 31 December, so no
    date-specific override is needed. If a future version differs, put the fix here and
    tests/test_calendar.py will show where.
    """
    table: dict[_dt.date, str] = {}
    for day, name in raw.items():
        for part in name.split("; "):
            base = part.removesuffix(OBSERVED_SUFFIX)
            if base not in STATUTORY_NAMES or day.weekday() >= 5:
                continue
            observed_year = day.year + 1 if (day.month, day.day) == (12, 31) and \
                base == "New Year's Day" else day.year
            if base == JUNETEENTH and observed_year < JUNETEENTH_FIRST_YEAR:
                continue
            table[day] = part if day not in table else f"{table[day]}; {part}"
    return table


@lru_cache(maxsize=8)
def statutory_holidays(first_year: int, last_year: int) -> dict[_dt.date, str]:
    """Observed legal public holidays falling on weekdays in [first_year, last_year].

    Keyed by the observed date (so 31 Dec 2027 carries New Year's Day 2028).
    """
    import holidays  # heavy import, only when a calendar is first used

    raw = holidays.country_holidays("US", years=range(first_year, last_year + 2),
                                    observed=True, language="en_US")
    table = _apply_statutory_rules(dict(raw.items()))
    return {d: n for d, n in table.items() if first_year <= d.year <= last_year}


def inauguration_days(first_year: int, last_year: int) -> dict[_dt.date, str]:
    """Inauguration Day holidays (5 U.S.C. 6103(c)), for the D.C. area only.

    20 January of every fourth year from 1965; when it falls on a Sunday the holiday is the
    Monday after. When it falls on a Saturday (next: 2029) no weekday is treated as a
    holiday: the sources do not settle that case, so we do not invent one.
    """
    days: dict[_dt.date, str] = {}
    for year in range(max(first_year, FIRST_INAUGURATION_HOLIDAY_YEAR), last_year + 1):
        if (year - FIRST_INAUGURATION_HOLIDAY_YEAR) % 4:
            continue
        day = _dt.date(year, 1, 20)
        if day.weekday() == 6:
            day += _dt.timedelta(days=1)
        if day.weekday() < 5:
            days[day] = INAUGURATION_DAY
    return days


@dataclass(frozen=True)
class _Index:
    """Cumulative working-day index over [base, end) in proleptic ordinals."""

    base: int
    end: int
    first_year: int
    last_year: int
    cum: list[int]  # cum[i] = working days with ordinal < base + i
    working: list[int]  # ordinals of the working days, ascending
    reasons: dict[int, str]  # weekday ordinal -> why it is not a working day
    closure_days: tuple[int, ...]  # ordinals where only a user closure stops work, sorted


@lru_cache(maxsize=64)
def _build_index(first_year: int, last_year: int, closures: tuple[Closure, ...],
                 inauguration: bool) -> _Index:
    reasons: dict[int, str] = {}
    if inauguration:
        for day, name in inauguration_days(first_year, last_year).items():
            reasons[day.toordinal()] = name
    for day, name in statutory_holidays(first_year, last_year).items():
        ordinal = day.toordinal()
        reasons[ordinal] = name if ordinal not in reasons else f"{name}; {reasons[ordinal]}"
    for closure in closures:
        ordinal = closure.day.toordinal()
        if closure.day.weekday() < 5 and ordinal not in reasons:
            reasons[ordinal] = closure.reason
    base = _dt.date(first_year, 1, 1).toordinal()
    end = _dt.date(last_year + 1, 1, 1).toordinal()
    cum = [0] * (end - base + 1)
    working: list[int] = []
    count = 0
    for i, ordinal in enumerate(range(base, end)):
        cum[i] = count
        if (ordinal - 1) % 7 < 5 and ordinal not in reasons:  # ordinal 1 is a Monday
            working.append(ordinal)
            count += 1
    cum[end - base] = count
    closure_days = tuple(sorted(o for o, why in reasons.items() if why.startswith("closure: ")))
    return _Index(base, end, first_year, last_year, cum, working, reasons, closure_days)


def _as_closure(item: Closure | _dt.date | tuple) -> Closure:
    if isinstance(item, Closure):
        closure = item
    elif isinstance(item, _dt.date):
        closure = Closure(item)
    elif isinstance(item, tuple) and len(item) == 2:
        closure = Closure(item[0], str(item[1] or ""))
    else:
        raise UserError(f"A closure must be a date (with an optional note), not {item!r}.")
    if not isinstance(closure.day, _dt.date) or isinstance(closure.day, _dt.datetime):
        raise UserError(f"A closure day must be a calendar date, not {closure.day!r}.")
    return closure


class FederalCalendar:
    """Working days for federal FOIA counting.

    ``closures``: user-entered closure days (``Closure`` or plain dates), non-working.
    ``inauguration_day``: also skip Inauguration Day; only right for offices in the D.C.
    Inauguration Day area (``Agency.dc_area``), and off by default because whether it counts
    for FOIA is unsettled.

    Years 1967-2100 are covered; a date or count outside them raises
    :class:`CalendarRangeError` (a ``UserError``) instead of counting without holidays.
    """

    __slots__ = ("_closures", "_index", "inauguration_day")

    def __init__(self, closures: Iterable[Closure | _dt.date] = (), *,
                 inauguration_day: bool = False) -> None:
        unique: dict[_dt.date, Closure] = {}
        for item in closures:
            closure = _as_closure(item)
            unique.setdefault(closure.day, closure)
        self._closures: tuple[Closure, ...] = tuple(sorted(unique.values()))
        self.inauguration_day = bool(inauguration_day)
        self._index: _Index | None = None

    # -- identity ---------------------------------------------------------------------
    @property
    def closures(self) -> tuple[Closure, ...]:
        return self._closures

    def without_closures(self) -> FederalCalendar:
        """The same calendar with no closure days (to show what a closure changed)."""
        return FederalCalendar(inauguration_day=self.inauguration_day)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, FederalCalendar) and self._closures == other._closures
                and self.inauguration_day == other.inauguration_day)

    def __hash__(self) -> int:
        return hash((self._closures, self.inauguration_day))

    def __repr__(self) -> str:
        return (f"FederalCalendar(closures={list(self._closures)!r}, "
                f"inauguration_day={self.inauguration_day})")

    # -- index ------------------------------------------------------------------------
    def _idx(self, low: int, high: int | None = None) -> _Index:
        """The index, grown (rarely, by decades) until it covers ordinals [low, high]."""
        index = self._index
        high = low if high is None else high
        if index is not None and index.base <= low and high < index.end:
            return index
        first = DEFAULT_FIRST_YEAR if index is None else index.first_year
        last = DEFAULT_LAST_YEAR if index is None else index.last_year
        low_year = _dt.date.fromordinal(max(low, 1)).year
        high_year = _dt.date.fromordinal(max(high, 1)).year
        if low_year < FIRST_SUPPORTED_YEAR or high_year > LAST_SUPPORTED_YEAR:
            raise CalendarRangeError(
                f"FOIA Desk counts federal working days from {FIRST_SUPPORTED_YEAR} to "
                f"{LAST_SUPPORTED_YEAR}; this date or count goes outside those years.",
                "Check the year of the date you entered.")
        if low_year <= first:
            first = max(low_year - _GROW_YEARS, FIRST_SUPPORTED_YEAR)
        if high_year >= last:
            last = min(high_year + _GROW_YEARS, LAST_SUPPORTED_YEAR)
        index = _build_index(first, last, self._closures, self.inauguration_day)
        self._index = index
        return index

    # -- public API -------------------------------------------------------------------
    def is_working_day(self, day: _dt.date) -> bool:
        ordinal = day.toordinal()
        index = self._idx(ordinal)
        return index.cum[ordinal - index.base + 1] != index.cum[ordinal - index.base]

    def non_working_reason(self, day: _dt.date) -> str | None:
        """"Saturday", "Sunday", a holiday name, "closure: NOTE", or None for a working day."""
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        ordinal = day.toordinal()
        return self._idx(ordinal).reasons.get(ordinal)

    def add_calendar_days(self, start: _dt.date, n: int) -> _dt.date:
        """``start`` plus ``n`` calendar days; never moved off a weekend or holiday."""
        return start + _dt.timedelta(days=n)

    def add_working_days(self, start: _dt.date, n: int) -> _dt.date:
        """The n-th working day after ``start`` (``start`` itself is never counted).

        n == 0 gives ``start`` if it is a working day, else the next working day; negative
        n counts backwards (-1 is the last working day before ``start``). The result is
        always a working day.
        """
        ordinal = start.toordinal()
        index = self._index
        if n > 0 and index is not None and index.base <= ordinal < index.end:
            k = index.cum[ordinal - index.base + 1] + n  # fast path: two list look-ups
            if k <= len(index.working):
                return _dt.date.fromordinal(index.working[k - 1])
        for _ in range(4):
            index = self._idx(ordinal)
            through = index.cum[ordinal - index.base + 1]
            if n > 0:
                k = through + n
            elif n == 0:
                k = through if through != index.cum[ordinal - index.base] else through + 1
            else:
                k = index.cum[ordinal - index.base] + n + 1
            if 1 <= k <= len(index.working):
                return _dt.date.fromordinal(index.working[k - 1])
            # Grow the index towards the answer (about 1.5 calendar days per working day).
            reach = abs(n) * 3 // 2 + 30
            target = max(ordinal - reach, 1) if n < 0 else ordinal + reach
            self._idx(min(ordinal, target), max(ordinal, target))
        raise CalendarRangeError(f"Cannot count {n} working days from {start}.")

    def next_working_day(self, day: _dt.date) -> _dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def working_days_between(self, a: _dt.date, b: _dt.date) -> int:
        """Working days in (a, b]: ``a`` not counted, ``b`` counted; negative if b < a.

        So ``working_days_between(a, add_working_days(a, n)) == n`` for n >= 1.
        """
        low, high = a.toordinal(), b.toordinal()
        if low > high:
            low, high = high, low
        index = self._idx(low, high)
        count = index.cum[high - index.base + 1] - index.cum[low - index.base + 1]
        return count if b >= a else -count

    def skipped_between(self, a: _dt.date, b: _dt.date) -> list[tuple[_dt.date, str]]:
        """Holidays and closures on weekdays in (a, b], with the reason; weekends left out."""
        low, high = sorted((a.toordinal(), b.toordinal()))
        index = self._idx(low, high)
        return [(_dt.date.fromordinal(o), index.reasons[o])
                for o in sorted(o for o in index.reasons if low < o <= high)]

    def has_closure_between(self, a: _dt.date, b: _dt.date) -> bool:
        """True when a user closure (not also a weekend or holiday) lies in (a, b]; fast."""
        if not self._closures:
            return False
        low, high = a.toordinal(), b.toordinal()
        if low > high:
            low, high = high, low
        days = self._idx(low, high).closure_days
        i = bisect_right(days, low)
        return i < len(days) and days[i] <= high

    def closures_between(self, a: _dt.date, b: _dt.date) -> list[Closure]:
        """User closures on weekdays in (a, b] that are not already holidays."""
        if not self._closures:
            return []
        low, high = sorted((a, b))
        hits = [c for c in self._closures if low < c.day <= high]
        return [c for c in hits if self.non_working_reason(c.day) == c.reason] if hits else []
