"""Publication dates: parse the date formats news sites print and find a dateline near the top.

Only absolute dates count ("May 2, 2025", "2 May 2025", "2025-05-02", "05/02/2025").
Relative ones ("1 week ago") are ignored: the article date anchors relative dates in the
text later, so a wrong guess is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
         r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    # U.S. order only: a U.S. app reading U.S. reporting.
    re.compile(r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
)

_LABELLED = re.compile(r"^\s*(?:published|posted|date|dated|first published|publication date)"
                       r"\b\s*(?:on\b|at\b)?[:\s-]*", re.IGNORECASE)
_UPDATED = re.compile(r"^\s*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*by\s+\S", re.IGNORECASE)
# "WASHINGTON, May 2, 2025 /PRNewswire/ --" or "WASHINGTON (May 2, 2025) -"
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*[,(]")
_WEEKDAY_OR_TIME = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?|"
    r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|\b(?:[ECMP][SD]?T|UTC|GMT|ET|PT)\b|\bat\b|[,|•·–—-]",
    re.IGNORECASE,
)

HEAD_LINES = 12
_MAX_DATELINE_CHARS = 160


def parse_date(text: str) -> dt.date | None:
    """The first absolute date in ``text``, or ``None``. Impossible dates are skipped."""
    best: tuple[int, dt.date] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), parsed)
                break
    return best[1] if best else None


def parse_iso_datetime(value: str) -> dt.date | None:
    """The calendar date of an ISO 8601 value as written (``2025-05-02T22:10:00-04:00``).

    The local date the publisher wrote is kept; converting to UTC could move an evening
    story to the next day.
    """
    match = re.match(r"\s*((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)", value or "")
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return parse_date(value or "")


def _to_date(match: re.Match[str]) -> dt.date | None:
    month_text = match["month"].lower().rstrip(".")
    month = _MONTHS.get(month_text) if month_text.isalpha() else int(month_text)
    try:
        return dt.date(int(match["year"]), month or 0, int(match["day"]))
    except ValueError:
        return None


def _is_bare_date(line: str) -> bool:
    """A line that is only a date, perhaps with a weekday, a time and separators."""
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match:
            rest = (line[: match.start()] + " " + line[match.end():])
            return not _WEEKDAY_OR_TIME.sub(" ", rest).strip()
    return False


def find_dateline(text: str) -> dt.date | None:
    """The publication date from a dateline among the first lines of an article, if any.

    Preference: a "Published ..." line, a line that is only a date, a byline or wire
    dateline with a date, and last an "Updated ..." line.
    """
    lines = [line.strip() for line in text.split("\n", 200)[:200] if line.strip()][:HEAD_LINES]
    candidates: dict[int, dt.date] = {}
    for line in lines:
        head = line[:_MAX_DATELINE_CHARS]
        wire = _DATELINE.match(line)
        if wire and not _BYLINE.match(line):
            # Only a date right after the place name: the lede's own dates are events.
            rank, head = 2, line[: wire.end() + 30]
        elif len(line) > _MAX_DATELINE_CHARS:
            continue
        elif _LABELLED.match(line):
            rank = 0
        elif _is_bare_date(line):
            rank = 1
        elif _BYLINE.match(line):
            rank = 2
        elif _UPDATED.match(line):
            rank = 3
        else:
            continue
        parsed = parse_date(head)
        if parsed is not None and rank not in candidates:
            candidates[rank] = parsed
    return candidates[min(candidates)] if candidates else None
