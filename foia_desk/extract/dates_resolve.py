"""From a matched date form to a DateFinding: the calendar reading of each form.

``find_dates`` (:mod:`foia_desk.extract.dates`) matches the forms; here each kind has its own
function ``(match, text, today) -> DateFinding | None``, so the ~2,000 matches of a long text
go straight to their reading rather than through one chain of tests on the kind.

A match of a form scanned in the folded (lower-case) text still reads its words in the
original ``text``, through the group's span (``_group``): "Monday" must be capitalised, and
the finding's text is the original one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from foia_desk.english_dates import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES
from foia_desk.extract.model import DateFinding

# English names, whatever the system locale (see foia_desk.english_dates).
MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
MONTHS.update({name.lower(): i for i, name in enumerate(MONTH_ABBREVIATIONS, 1)})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
# "May 5 percent", "May 3 people": the verb, not the month.
_MAY_COUNT = re.compile(r"[ \t]+\d+[ \t]+(?:percent|people|of)")
# "Room 2024", "flight 1957": a number, not a year.
_NUMBERED = re.compile(r"(?:no\.|#|room|suite|box|route|highway|flight|case)[ \t]*$")
_NUMBER_WORDS_BEFORE = ("no.", "#", "room", "suite", "box", "route", "highway", "flight", "case")

Resolver = Callable[[re.Match[str], str, "date | None"], "DateFinding | None"]


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _group(match: re.Match[str], text: str, name: str) -> str | None:
    """Group ``name`` read in ``text`` (the match may be in the folded text)."""
    start, end = match.span(name)
    return None if start < 0 else text[start:end]


def _finding(match: re.Match[str], text: str, value: date | None, relative: bool = False,
             period_end: date | None = None) -> DateFinding:
    start, end = match.span()
    return DateFinding(text[start:end], start, end, value, relative, period_end)


def _iso(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    return _finding(match, text, _safe_date(int(match["year"]), int(match["m"]),
                                            int(match["d"])))


def _mdy_num(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    year = int(match["year"])
    year += 2000 if year < 100 else 0
    value = _safe_date(year, int(match["m"]), int(match["d"]))
    return _finding(match, text, value) if value else None


def _day_month(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    """"April 27, 2025", "27 April" (kinds mdy and dmy; only mdy can read "May 5 percent")."""
    month_word, year = match["month"], match["year"]
    month, day = _month(month_word), int(match["d"])
    if year:
        return _finding(match, text, _safe_date(int(year), month, day))
    if today is None:
        return _finding(match, text, None, relative=True)
    year_now = today.year
    candidate = _safe_date(year_now, month, day)
    if candidate and candidate > today + timedelta(days=31):
        year_now -= 1
    return _finding(match, text, _safe_date(year_now, month, day), relative=True)


def _mdy(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    if match["month"] == "May" and not match["year"]:
        start, end = match.span()
        if _MAY_COUNT.match(text[start + 3:end + 12]):
            return None
    return _day_month(match, text, today)


def _my(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    year, month = int(match["year"]), _month(match["month"])
    return _finding(match, text, date(year, month, 1), period_end=_month_end(year, month))


def _ago(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    number = _group(match, text, "n").lower()
    n = int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
    if today is None or n is None:
        return _finding(match, text, None, relative=True)
    days = _UNIT_DAYS[_group(match, text, "unit").lower()] * n
    return _finding(match, text, today - timedelta(days=days), relative=True)


def _rel(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    if today is None:
        return _finding(match, text, None, relative=True)
    which = _group(match, text, "which").lower().split()[0]
    unit = _group(match, text, "unit").lower()
    return _finding(match, text, *_relative_period(which, unit, today))


def _day(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    if today is None:
        return _finding(match, text, None, relative=True)
    offset = _DAY_OFFSETS[_group(match, text, "word").lower()]
    return _finding(match, text, today + timedelta(days=offset), relative=True)


def _weekday(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    start, end = match.span("wd")
    if not text[start].isupper():
        return None
    word = text[start:end]
    if today is None:
        return _finding(match, text, None, relative=True)
    target = WEEKDAYS[word.lower()]
    which = (_group(match, text, "which") or "").lower()
    back = (today.weekday() - target) % 7
    if which == "next":
        ahead = (target - today.weekday()) % 7 or 7
        return _finding(match, text, today + timedelta(days=ahead), relative=True)
    if which == "last" and back == 0:
        back = 7
    return _finding(match, text, today - timedelta(days=back), relative=True)


def _in_month(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    """"in March": the finding is the month alone."""
    month = _month(match["month"])
    start, end = match.start("month"), match.end()
    if today is None:
        return DateFinding(text[start:end], start, end, None, True, None)
    year = today.year if month <= today.month else today.year - 1
    return DateFinding(text[start:end], start, end, date(year, month, 1), True,
                       _month_end(year, month))


def _year(match: re.Match[str], text: str, today: date | None) -> DateFinding | None:
    """"in 2023", "FY2024": the finding is the year alone."""
    start = match.start()
    before = text[max(0, start - 12):start].lower()
    tail = before.rstrip(" \t")
    # _NUMBERED, with str.endswith where its "$" can only be the end of ``before``; only
    # before a final line break can it match elsewhere ("$" matches there too).
    if tail.endswith(_NUMBER_WORDS_BEFORE) or (tail.endswith("\n") and _NUMBERED.search(before)):
        return None
    year = int(match["year"])
    begin, end = match.start("year"), match.end()
    return DateFinding(text[begin:end], begin, end, date(year, 1, 1), False, date(year, 12, 31))


def _relative_period(which: str, unit: str, today: date
                     ) -> tuple[date, bool, date]:
    """(value, relative, period_end) of "last year", "this month", "next week", "last fall"."""
    if unit == "year":
        year = today.year - (1 if which in ("last",) else 0) + (1 if which == "next" else 0)
        if which == "past":
            return today - timedelta(days=365), True, today
        return date(year, 1, 1), True, date(year, 12, 31)
    if unit == "month":
        year, month = today.year, today.month
        if which in ("last", "past"):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        elif which == "next":
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        return date(year, month, 1), True, _month_end(year, month)
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        if which in ("last", "past"):
            monday -= timedelta(days=7)
        elif which == "next":
            monday += timedelta(days=7)
        return monday, True, monday + timedelta(days=6)
    month = _SEASONS[unit]
    year = today.year - (1 if which == "last" else 0)
    start = date(year, month, 1)
    end_month = month + 2
    end = _month_end(year + (end_month > 12), (end_month - 1) % 12 + 1)
    return start, True, end


RESOLVERS: dict[str, Resolver] = {
    "iso": _iso, "mdy_num": _mdy_num, "mdy": _mdy, "dmy": _day_month, "my": _my,
    "ago": _ago, "rel": _rel, "day": _day, "weekday": _weekday, "in_month": _in_month,
    "year": _year,
}
