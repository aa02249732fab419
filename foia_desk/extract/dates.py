"""Dates in article text, normalised to ISO dates.

Absolute forms ("April 27, 2025", "27 April 2025", "2025-04-27", "4/27/2025", "March 2024",
"in 2023") are read as written. Relative ones ("last year", "on Tuesday", "this month",
"in March", "three days ago") are resolved against the article's date when it is known and
marked ``relative``; without an article date they are reported with ``date`` None rather
than guessed. A year or month also carries ``period_end`` so topics can use the range.

Each form is tried only where it could start (``_starts``): at anchors found once for all
forms (month names, "19"/"20" and "/" in one Aho-Corasick pass; the anchor words, at the
positions the caller's combined scan gives), or where a look-back from an anchor finds the
words that begin the form ("on" Monday, "27th of" March). Cheap tests on the characters
before an anchor skip the look-backs that cannot match. Reading a match into a finding is
:mod:`foia_desk.extract.dates_resolve`'s job.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import repeat
from operator import attrgetter

from foia_desk.extract.dates_resolve import MONTHS, RESOLVERS, WEEKDAYS
from foia_desk.extract.literal import DenseLiterals
from foia_desk.extract.matcher import trie_pattern
from foia_desk.extract.model import DateFinding

__all__ = ["ANCHOR_WORDS", "MONTHS", "WEEKDAYS", "find_dates"]

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


_FOLDED_KINDS = frozenset({"ago", "rel", "day", "weekday"})

# The case-insensitive forms are written in lower case and run over the folded text, which
# is much faster in Python's re than re.IGNORECASE.
_SCANS = [(kind, re.compile(p.pattern) if kind in _FOLDED_KINDS else p, kind in _FOLDED_KINDS)
          for kind, p in _PATTERNS]


# Anchors: every date form contains a month name, a digit or one of these words. Scanning
# for anchors once and trying each form only where it could start is several times faster
# than scanning the whole text once per form.
ANCHOR_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "yesterday", "today", "tomorrow", "ago", "week", "month", "year", "spring",
                "summer", "fall", "autumn", "winter")
# What each anchor word starts ("weekday", "day") or ends ("ago", "rel": found by looking
# back from it).
_WORD_KIND = {word: "weekday" if word in WEEKDAYS else
              "day" if word in ("yesterday", "today", "tomorrow") else
              "ago" if word == "ago" else "rel" for word in ANCHOR_WORDS}
# Starts with its first character (the "\b" check follows it), so Python's re skips to
# those characters rather than trying every position.
_WORD_ANCHOR = re.compile(trie_pattern(ANCHOR_WORDS, guard_class=r"\w") + r"\b")
# The anchors in the original text, in one Aho-Corasick pass (in Rust, several times faster
# than a regex scan, which stops at every capital J, F, M... and every "1" and "2"): the
# three letters every month name starts with (each is then checked with _MONTH_ANCHOR),
# "19" and "20" (every year of the iso and year forms starts so), and "/" (the slashes of
# "4/27/2025"). Digits are anchored on what the forms need rather than on every number:
# most numbers in news text ("114 people", "97 percent") start none of them. The pass reads
# the text as ASCII bytes (``DenseLiterals``). These literals cannot overlap one another (a
# month's second and third letters are lower case), so the non-overlapping matches are all
# their occurrences.
_MONTH_ANCHOR = re.compile(_MONTH.replace("(?P<month>", "(?:"))
# ("Jan", "Feb"...: the first three letters of _MONTH's names, all written literally.)
_MONTH_PREFIXES = tuple(dict.fromkeys(
    name[:3] for name in _MONTH[len("(?P<month>"):_MONTH.index(")(?!")].split("|")))
_TEXT_LITERALS = DenseLiterals([*_MONTH_PREFIXES, "19", "20", "/"])
_YEAR_LITERALS = (len(_MONTH_PREFIXES), len(_MONTH_PREFIXES) + 1)
_SLASH_LITERAL = len(_MONTH_PREFIXES) + 2
_ASCII_DIGITS = frozenset("0123456789")
_BEFORE = {
    "dmy": re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$"),
    "in_month": re.compile(r"\b(?:in|since|during|until|by|early|late|mid-?)[ \t]+$"),
    "weekday": re.compile(r"\b(?:last|this|next|on)[ \t]+$"),
    "rel": re.compile(r"\b(?:last|this|next|past|earlier[ \t]+this|later[ \t]+this)[ \t]+$"),
    "ago": re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)[ \t]+"
                      r"(?:day|week|month|year)s?[ \t]+$"),
    "year": re.compile(r"(?:FY|fiscal[ \t]+(?:year[ \t]+)?)$"),
}
_LOOK_BACK = 30


# Every look-back pattern but "year" is words then blanks, ending just before the anchor,
# and its last word ends with one of these characters ("dmy": or a digit). Two characters
# before the anchor then rule out most look-backs, each a regex search over _LOOK_BACK
# positions. (Where "$" matches before a final line break, a look-back ending in blanks
# and a line break can match too, but no form can follow such a start: they are left out.)
_LAST_BEFORE_BLANKS = {"dmy": "tdhf", "in_month": "neglyd-", "weekday": "tsn", "rel": "ts",
                       "ago": "ykhrs"}


def _back(kind: str, source: str, pos: int) -> int | None:
    """Where the words before ``pos`` that start form ``kind`` begin (within _LOOK_BACK)."""
    if pos >= 2 and kind != "year":
        blank, last = source[pos - 1], source[pos - 2]
        if blank != " " and blank != "\t":
            return None
        if not (last == " " or last == "\t" or last in _LAST_BEFORE_BLANKS[kind]
                or (kind == "dmy" and last.isdecimal())):
            return None
    found = _BEFORE[kind].search(source, max(0, pos - _LOOK_BACK), pos)
    return found.start() if found else None


def _starts(text: str, folded: str, word_starts: list[int] | None = None
            ) -> dict[str, list[int]]:
    """Where each date form could start (ascending): every position where it matches, and
    a few more. (A position where a form does not match changes nothing: ``find_dates``
    just tries it, so each list only has to hold every match.)"""
    starts: dict[str, list[int]] = {kind: [] for kind, _ in _PATTERNS}
    months, years, slashes = starts["mdy"], starts["year"], []
    month_letters = []
    for literal, pos, _ in _TEXT_LITERALS.find(text):
        if literal < _YEAR_LITERALS[0]:
            month_letters.append(pos)
        elif literal == _SLASH_LITERAL:
            slashes.append(pos)
        else:
            years.append(pos)
    # (map and filter try the pattern at each position in C, with no Python step each.)
    months.extend(found.start() for found in
                  filter(None, map(_MONTH_ANCHOR.match, repeat(text), month_letters)))
    starts["my"] = months
    for kind in ("dmy", "in_month"):
        found = [_back(kind, text, pos) for pos in months]
        starts[kind] = [begin for begin in found if begin is not None]
    # iso: "2025-04-27", a year and a hyphen.
    starts["iso"] = [pos for pos in years if text[pos + 4:pos + 5] == "-"]
    # mdy_num: a one- or two-digit month (ASCII digits) then the first slash.
    numeric = starts["mdy_num"]
    for pos in slashes:
        if pos and text[pos - 1] in _ASCII_DIGITS:
            numeric.extend((pos - 2, pos - 1) if pos >= 2 else (pos - 1,))
    # year, after "FY" or "fiscal (year)": that look-back needs one of them in the window.
    prefixed = [_back("year", text, pos) for pos in years
                if text[pos - 2:pos] == "FY" or "fiscal" in text[max(0, pos - _LOOK_BACK):pos]]
    years.extend(begin for begin in prefixed if begin is not None)
    # Anchor words are whole words, so no match starts inside another: trying the pattern
    # at every one of ``word_starts`` gives what ``finditer_at`` would.
    words = _WORD_ANCHOR.finditer(folded) if word_starts is None else \
        filter(None, map(_WORD_ANCHOR.match, repeat(folded), word_starts))
    for anchor in words:
        pos = anchor.start()
        kind = _WORD_KIND[anchor.group()]
        if kind == "weekday" and not text[pos].isupper():
            # Only a capitalised weekday is a date (the reading drops the match), and no
            # other candidate starts inside its match: leaving it out changes nothing.
            continue
        if kind == "weekday" or kind == "day":
            starts[kind].append(pos)
        if kind != "day":
            begin = _back(kind, folded, pos)
            if begin is not None:
                starts[kind].append(begin)
    return {kind: sorted(set(found)) for kind, found in starts.items()}


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
        resolve = RESOLVERS[kind]
        last_end = -1
        # Like finditer: a match starting inside the previous one is not taken.
        for match in filter(None, map(pattern.match, repeat(source), starts[kind])):
            begin, end = match.span()
            if begin < last_end:
                continue
            last_end = end
            if taken.find(1, begin, end) >= 0:
                continue
            finding = resolve(match, text, article_date)
            if finding is None:
                continue
            found.append(finding)
            taken[begin:end] = b"\x01" * (end - begin)
    found.sort(key=attrgetter("start"))
    return found
