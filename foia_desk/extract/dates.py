"""Dates in article text, normalised to ISO dates.

Absolute forms ("April 27, 2025", "27 April 2025", "2025-04-27", "4/27/2025", "March 2024",
"in 2023") are read as written. Relative ones ("last year", "on Tuesday", "this month",
"in March", "three days ago") are resolved against the article's date when it is known and
marked ``relative``; without an article date they are reported with ``date`` None rather
than guessed. A year or month also carries ``period_end`` so topics can use the range.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from foia_desk.extract.matcher import finditer_at, trie_pattern
from foia_desk.extract.model import DateFinding

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
          r"Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])")),
    ("mdy_num", re.compile(r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/"
                           r"(?P<year>(?:19|20)?\d\d)(?![\d/])")),
    ("mdy", re.compile(r"\b" + _MONTH + r"[ \t]+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
                       r"(?![\d:])(?:,?[ \t]+" + _YEAR + r"(?!\d))?")),
    ("dmy", re.compile(r"\b(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?"
                       + _MONTH + r"(?:,?[ \t]+" + _YEAR + r")?(?!\d)")),
    ("my", re.compile(r"\b" + _MONTH + r",?[ \t]+" + _YEAR + r"(?!\d)")),
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
                       r"[ \t]+(?P<unit>day|week|month|year)s?[ \t]+ago\b", re.IGNORECASE)),
    ("rel", re.compile(r"\b(?P<which>last|this|next|past|earlier[ \t]+this|later[ \t]+this)"
                       r"[ \t]+(?P<unit>week|month|year|spring|summer|fall|autumn|winter)\b",
                       re.IGNORECASE)),
    ("day", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:(?P<which>last|this|next|on)[ \t]+)?(?P<wd>monday|tuesday|"
                           r"wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)),
    ("in_month", re.compile(r"\b(?P<prep>in|since|during|until|by|early|late|mid-?)[ \t]+"
                            + _MONTH.replace(r"|May|", "|") + r"(?![ \t]+\d)")),
    ("year", re.compile(r"(?<![\w$#/.,-])(?:(?P<fy>FY|fiscal[ \t]+(?:year[ \t]+)?))?" + _YEAR
                        + r"(?![\w%/-]|,\d|\.\d|[ \t]+(?:percent|people|cases))")),
]


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_FOLDED_KINDS = frozenset({"ago", "rel", "day", "weekday"})

# The case-insensitive forms are written in lower case and run over the folded text, which
# is much faster in Python's re than re.IGNORECASE.
_SCANS = [(kind, re.compile(p.pattern) if kind in _FOLDED_KINDS else p, kind in _FOLDED_KINDS)
          for kind, p in _PATTERNS]


class _Groups:
    """The match seen through the original text (folded scans still read original words)."""

    def __init__(self, match: re.Match[str], text: str) -> None:
        self.match, self.text = match, text

    def __getitem__(self, name: str) -> str | None:
        start, end = self.match.span(name)
        return None if start < 0 else self.text[start:end]

    def start(self, name: str) -> int:
        return self.match.start(name)

    def span(self) -> tuple[int, int]:
        return self.match.span()

    def group(self, name: str | int = 0) -> str | None:
        if name == 0:
            return self.text[self.match.start():self.match.end()]
        return self[str(name)]


# Anchors: every date form contains a month name, a digit or one of these words. Scanning
# for anchors once and trying each form only where it could start is several times faster
# than scanning the whole text once per form.
_MONTH_ANCHOR = re.compile(_MONTH.replace("(?P<month>", "(?:"))
# Both start with their first character (the "\b" / "not after a digit" check follows it),
# so Python's re skips to those characters rather than trying every position.
ANCHOR_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "yesterday", "today", "tomorrow", "ago", "week", "month", "year", "spring",
                "summer", "fall", "autumn", "winter")
_WORD_ANCHOR = re.compile(trie_pattern(ANCHOR_WORDS, guard_class=r"\w") + r"\b")
_DIGIT_ANCHOR = re.compile(r"\d(?<!\d\d)")
_BEFORE = {
    "dmy": re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$"),
    "in_month": re.compile(r"\b(?:in|since|during|until|by|early|late|mid-?)[ \t]+$"),
    "weekday": re.compile(r"\b(?:last|this|next|on)[ \t]+$"),
    "rel": re.compile(r"\b(?:last|this|next|past|earlier[ \t]+this|later[ \t]+this)[ \t]+$"),
    "ago": re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)[ \t]+"
                      r"(?:day|week|month|year)s?[ \t]+$"),
    "year": re.compile(r"(?:FY|fiscal[ \t]+(?:year[ \t]+)?)$"),
}
_WEEKDAYS = frozenset(WEEKDAYS)


def _starts(text: str, folded: str, word_starts: list[int] | None = None
            ) -> dict[str, set[int]]:
    """Where each date form could start, from one scan per kind of anchor."""
    starts: dict[str, set[int]] = {kind: set() for kind, _ in _PATTERNS}

    def back(kind: str, source: str, pos: int) -> int | None:
        found = _BEFORE[kind].search(source, max(0, pos - 30), pos)
        return found.start() if found else None

    for anchor in _MONTH_ANCHOR.finditer(text):
        pos = anchor.start()
        starts["mdy"].add(pos)
        starts["my"].add(pos)
        for kind in ("dmy", "in_month"):
            begin = back(kind, text, pos)
            if begin is not None:
                starts[kind].add(begin)
    words = _WORD_ANCHOR.finditer(folded) if word_starts is None else \
        finditer_at(_WORD_ANCHOR, folded, word_starts)
    for anchor in words:
        pos, word = anchor.start(), anchor.group(0)
        if word in _WEEKDAYS:
            starts["weekday"].add(pos)
            begin = back("weekday", folded, pos)
            if begin is not None:
                starts["weekday"].add(begin)
        elif word in ("yesterday", "today", "tomorrow"):
            starts["day"].add(pos)
        elif word == "ago":
            begin = back("ago", folded, pos)
            if begin is not None:
                starts["ago"].add(begin)
        else:
            begin = back("rel", folded, pos)
            if begin is not None:
                starts["rel"].add(begin)
    for anchor in _DIGIT_ANCHOR.finditer(text):
        pos = anchor.start()
        starts["iso"].add(pos)
        starts["mdy_num"].add(pos)
        starts["year"].add(pos)
        begin = back("year", text, pos)
        if begin is not None:
            starts["year"].add(begin)
    return starts


def find_dates(text: str, article_date: date | None = None, *, folded: str | None = None,
               word_starts: list[int] | None = None) -> list[DateFinding]:
    """Every date expression in ``text``, in order, without overlaps.

    Forms are tried most specific first; a later form never claims characters an earlier
    one used (``taken`` is a byte mask, so the check stays linear). ``folded`` is
    ``fold_chars(text)`` if the caller has it; ``word_starts`` lists every position where
    one of ANCHOR_WORDS can start in it (see :mod:`foia_desk.extract.scan`).
    """
    from foia_desk.extract.matcher import fold_chars

    if folded is None:
        folded = fold_chars(text)
    taken = bytearray(len(text) + 1)
    found: list[DateFinding] = []
    starts = _starts(text, folded, word_starts)
    for kind, pattern, on_folded in _SCANS:
        source = folded if on_folded else text
        last_end = -1
        for start in sorted(starts[kind]):
            if start < last_end:
                continue
            match = pattern.match(source, start)
            if match is None:
                continue
            last_end = match.end()
            begin, end = match.span()
            if taken.find(1, begin, end) >= 0:
                continue
            finding = _resolve(kind, _Groups(match, text), text, article_date)
            if finding is None:
                continue
            found.append(finding)
            taken[begin:end] = b"\x01" * (end - begin)
    found.sort(key=lambda f: f.start)
    return found


def _resolve(kind: str, match: _Groups, text: str, today: date | None
             ) -> DateFinding | None:
    start, end = match.span()
    raw = text[start:end]

    def make(value: date | None, relative: bool = False, period_end: date | None = None,
             span: tuple[int, int] | None = None) -> DateFinding:
        s, e = span or (start, end)
        return DateFinding(text[s:e], s, e, value, relative, period_end)

    if kind == "iso":
        return make(_safe_date(int(match["year"]), int(match["m"]), int(match["d"])))
    if kind == "mdy_num":
        year = int(match["year"])
        year += 2000 if year < 100 else 0
        value = _safe_date(year, int(match["m"]), int(match["d"]))
        return make(value) if value else None
    if kind in ("mdy", "dmy"):
        month, day = _month(match["month"]), int(match["d"])
        if kind == "mdy" and match["month"] == "May" and not match["year"] \
                and re.match(r"[ \t]+\d+[ \t]+(?:percent|people|of)", text[start + 3:end + 12]):
            return None
        if match["year"]:
            return make(_safe_date(int(match["year"]), month, day))
        if today is None:
            return make(None, relative=True)
        year = today.year
        candidate = _safe_date(year, month, day)
        if candidate and candidate > today + timedelta(days=31):
            year -= 1
        return make(_safe_date(year, month, day), relative=True)
    if kind == "my":
        year, month = int(match["year"]), _month(match["month"])
        return make(date(year, month, 1), period_end=_month_end(year, month))
    if kind == "ago":
        number = match["n"].lower()
        n = int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
        if today is None or n is None:
            return make(None, relative=True)
        unit = match["unit"].lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return make(today - timedelta(days=days), relative=True)
    if kind == "rel":
        return _relative_period(match["which"].lower().split()[0], match["unit"].lower(),
                                today, make)
    if kind == "day":
        if today is None:
            return make(None, relative=True)
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[match["word"].lower()]
        return make(today + timedelta(days=offset), relative=True)
    if kind == "weekday":
        if not match["wd"][:1].isupper():
            return None
        if today is None:
            return make(None, relative=True)
        target = WEEKDAYS[match["wd"].lower()]
        which = (match["which"] or "").lower()
        back = (today.weekday() - target) % 7
        if which == "next":
            ahead = (target - today.weekday()) % 7 or 7
            return make(today + timedelta(days=ahead), relative=True)
        if which == "last" and back == 0:
            back = 7
        return make(today - timedelta(days=back), relative=True)
    if kind == "in_month":
        month = _month(match["month"])
        span = (match.start("month"), end)
        if today is None:
            return make(None, relative=True, span=span)
        year = today.year if month <= today.month else today.year - 1
        return make(date(year, month, 1), True, _month_end(year, month), span)
    if kind == "year":
        year = int(match["year"])
        before = text[max(0, start - 12):start].lower()
        if re.search(r"(?:no\.|#|room|suite|box|route|highway|flight|case)[ \t]*$", before):
            return None
        del raw
        return make(date(year, 1, 1), period_end=date(year, 12, 31),
                    span=(match.start("year"), end))
    return None


def _relative_period(which: str, unit: str, today: date | None, make):
    if today is None:
        return make(None, relative=True)
    if unit == "year":
        year = today.year - (1 if which in ("last",) else 0) + (1 if which == "next" else 0)
        if which == "past":
            return make(today - timedelta(days=365), True, today)
        return make(date(year, 1, 1), True, date(year, 12, 31))
    if unit == "month":
        year, month = today.year, today.month
        if which in ("last", "past"):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        elif which == "next":
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        return make(date(year, month, 1), True, _month_end(year, month))
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        if which in ("last", "past"):
            monday -= timedelta(days=7)
        elif which == "next":
            monday += timedelta(days=7)
        return make(monday, True, monday + timedelta(days=6))
    seasons = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
    month = seasons[unit]
    year = today.year - (1 if which == "last" else 0)
    start = date(year, month, 1)
    end_month = month + 2
    end = _month_end(year + (end_month > 12), (end_month - 1) % 12 + 1)
    return make(start, True, end)
