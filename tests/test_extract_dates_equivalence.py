"""The faster date and sentence scans give exactly what the plain ones gave.

``dates._starts`` finds candidate starts from an Aho-Corasick pass and cheap tests before
each look-back; ``sentences.sentence_spans`` tests abbreviations inside its boundary regex.
Both rest on facts about Unicode and about the patterns that are easy to get subtly wrong,
so each is compared here with the straightforward version it replaced, on texts built from
the pieces where they could differ (month names inside words, "19"/"20" inside numbers,
look-backs across blanks and line breaks, lone letters, "İ" and KELVIN SIGN, surrogates).
"""

from __future__ import annotations

import re
import sys
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.extract import dates, sentences
from foia_desk.extract.matcher import finditer_at, fold_chars

PIECES = [
    "Jan", "Jan.", "January", "Janx", "May", "May 5 percent", "Sept.", "Sep", "September",
    "Mar", "March", "Dec.", "Marine", "19", "20", "2020", "1999", "2019-04-27", "2020-13-45",
    "4/27/2025", "12/31/99", "1/2/20", "//", "/", "0", "1", "12", "123", "FY", "FY2020",
    "fiscal", "fiscal year", "year", "years", "month", "week", "spring", "fall", "Fall",
    "winter", "last", "this", "next", "past", "earlier", "later", "on", "in", "since", "by",
    "mid", "mid-", "Monday", "monday", "MONDAY", "Sunday", "today", "Today", "tomorrow",
    "ago", "chicago", "days", "day", "weeks", "a", "two", "ten", "several", "of", "the", "st",
    "th", "1st", "27th", "no.", "#", "room", "flight", "case", " ", " ", " ", "  ", "\t",
    "\n", "\n\n", "\r\n", ",", ".", ". ", "!", "?", "...", '"', "'", "”", "’", "“", "(", ")",
    "[", "]", "-", "$", "%", "percent", "people", "U.S.", "Sen.", "Mr.", "F.", "e.g.",
    "w.va.", "\u212a.", "\u212ay.", "ky.", "KY.", "İ.", "é.", "².", "١", "٢٠٢٠", "\ud800",
    "🥂", "\u00a0", "\u2028", "The", "A", "X", "word", "approx.", "Blvd.", "U.N.", "n.y.",
    "x" * 13, "a.b.c.d.e.f.g.h", ":", "\x85", "\x0b",
]
SEPARATORS = [" ", " ", " ", "", "  ", "\t", "\n", ", ", " \n", "-"]
# Date-like phrases: a word before, a core word, a word after (look-backs read the words
# before blanks; the forms read what follows).
BEFORE = ["", "last", "this", "next", "past", "earlier this", "later this", "on", "in", "since",
          "during", "until", "by", "early", "late", "mid", "mid-", "27", "3rd", "27th of", "FY",
          "fiscal", "fiscal year", "no.", "room", "two", "a", "several", "10", "the", "x", "on"]
CORE = ["year", "week", "month", "fall", "spring", "Monday", "monday", "Friday", "March",
        "May", "Sept.", "Dec", "2020", "1999", "day", "days", "weeks", "2019-04-27", "1/2/20",
        "today", "ago", "5"]
AFTER = ["", "ago", "5", "2020", ", 2020", "percent", "people", "27", "st", ".", "x", "Monday"]
SEPARATOR = st.sampled_from(SEPARATORS)
PHRASES = st.tuples(st.sampled_from(BEFORE), SEPARATOR, st.sampled_from(CORE), SEPARATOR,
                    st.sampled_from(AFTER)).map("".join)
TEXTS = st.lists(st.tuples(PHRASES | st.sampled_from(PIECES), SEPARATOR), max_size=25).map(
    lambda pairs: "".join(piece + gap for piece, gap in pairs)) | st.text(max_size=80)


# --- the versions replaced (kept as references) -------------------------------------------

_DIGIT_ANCHOR = re.compile(r"\d(?<!\d\d)")


def _reference_starts(text: str, folded: str, word_starts: list[int] | None
                      ) -> dict[str, list[int]]:
    """The candidate starts as they were found before: every month name, anchor word and
    first digit of a number, each with its look-backs."""
    starts: dict[str, set[int]] = {kind: set() for kind, _ in dates._PATTERNS}

    def back(kind: str, source: str, pos: int) -> int | None:
        found = dates._BEFORE[kind].search(source, max(0, pos - 30), pos)
        return found.start() if found else None

    for anchor in dates._MONTH_ANCHOR.finditer(text):
        pos = anchor.start()
        starts["mdy"].add(pos)
        starts["my"].add(pos)
        for kind in ("dmy", "in_month"):
            begin = back(kind, text, pos)
            if begin is not None:
                starts[kind].add(begin)
    words = dates._WORD_ANCHOR.finditer(folded) if word_starts is None else \
        finditer_at(dates._WORD_ANCHOR, folded, word_starts)
    for anchor in words:
        pos, word = anchor.start(), anchor.group(0)
        kind = dates._WORD_KIND[word]
        if kind in ("weekday", "day"):
            starts[kind].add(pos)
        if kind != "day":
            begin = back(kind, folded, pos)
            if begin is not None:
                starts[kind].add(begin)
    for anchor in _DIGIT_ANCHOR.finditer(text):
        pos = anchor.start()
        starts["iso"].add(pos)
        starts["mdy_num"].add(pos)
        starts["year"].add(pos)
        begin = back("year", text, pos)
        if begin is not None:
            starts["year"].add(begin)
    return {kind: sorted(found) for kind, found in starts.items()}


_ABBREVIATION_WORD = re.compile(r"([\w.]+)\.$")


def _reference_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans as found before: the word before each full stop read by a search."""
    wrapped = sentences._hard_wrapped(text)
    boundary = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9])"
                          r"|(?<=\n)[ \t]*\n|(?<=\n))")
    spans: list[tuple[int, int]] = []
    start = 0
    for match in boundary.finditer(text):
        end = match.end()
        token = match.group(0)
        if token.startswith("."):
            before = _ABBREVIATION_WORD.search(text, max(0, match.start() - 12),
                                               match.start() + 1)
            word = before.group(1).lower() if before else ""
            if word in sentences._ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        if token == "\n":
            line_start = text.rfind("\n", 0, match.start()) + 1
            line = text[line_start:match.start()].rstrip()
            next_char = text[end:end + 1]
            open_end = line[-1:] not in ".!?:\"”'’"
            if line and open_end and (next_char.islower() or (wrapped and len(line) >= 45)):
                continue
        sentences._add(spans, text, start, end)
        start = end
    sentences._add(spans, text, start, len(text))
    return spans


# --- comparisons ----------------------------------------------------------------------------


def _dates_with(starts, text: str, today: date | None, word_starts: list[int] | None):
    saved = dates._starts
    dates._starts = starts
    try:
        return dates.find_dates(text, today, folded=fold_chars(text), word_starts=word_starts)
    finally:
        dates._starts = saved


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.sampled_from([None, date(2025, 5, 1)]), st.booleans())
def test_date_candidates_find_what_the_full_anchor_scans_found(text, today, every_start):
    word_starts = list(range(len(text))) if every_start else None
    assert _dates_with(dates._starts, text, today, word_starts) == \
        _dates_with(_reference_starts, text, today, word_starts)


def test_date_candidates_at_the_edges_of_the_text():
    for text in ("19", "2020", "FY2020", "May", "Jan 5", "1/2/20", "/", "in March", "a 2020",
                 "on Monday", "3 days ago", "fiscal   \n2020", "no. 2020", "room\n2020",
                 "FY\n2020", "in \nMarch", "on \nMonday", "27th of\nMay 2020",
                 "this year", "last  week", "earlier this month", "next Monday", "two weeks ago",
                 "a year ago", "27 March", "3rd of May, 2020", "since\tJune", "mid-July",
                 "fiscal year 2021", "Sept. 4", "12/31/1999", "x1/2/20", "2019-04-27"):
        for today in (None, date(2025, 5, 1)):
            assert _dates_with(dates._starts, text, today, None) == \
                _dates_with(_reference_starts, text, today, None), text


def test_date_candidates_for_every_phrase_of_the_grammar():
    today = date(2025, 5, 1)
    for before in BEFORE:
        for core in CORE:
            for after in AFTER:
                for gap in (" ", "  "):
                    text = f"{before}{gap}{core}{gap}{after}"
                    assert _dates_with(dates._starts, text, today, None) == \
                        _dates_with(_reference_starts, text, today, None), text


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_sentence_spans_match_the_word_search_version(text):
    assert sentences.sentence_spans(text) == _reference_sentence_spans(text)


def test_sentence_spans_with_tricky_abbreviations():
    for text in ("İ. Next", "\u212aY. Next", "K. Next", "². Next", "U.S. Navy", "u.s. Navy",
                 "xxxxxxxxxxxxxU.S. Navy", "a.b.c.d.e.f.g. Next", "Sept. Next", "W.Va. Next",
                 ". Next", "x. Next", " . Next", "Mr.\" Next", "end.\n\nNext", "  \n \n"):
        assert sentences.sentence_spans(text) == _reference_sentence_spans(text), text


def test_unicode_facts_the_abbreviation_pattern_relies_on():
    """Only ASCII letters and KELVIN SIGN lower-case to an ASCII letter, nothing else to
    ".", and every character whose lower() is one letter is matched by [^\\W\\d_]."""
    letters = set("abcdefghijklmnopqrstuvwxyz")
    lone_letter = re.compile(r"[^\W\d_]")
    to_ascii = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lower = char.lower()
        if lower in letters or lower == ".":
            to_ascii.add(char)
        if len(lower) == 1 and lower.isalpha():
            assert lone_letter.match(char), hex(code)
    extra = {c for c in to_ascii if not c.isascii()}
    assert extra == {"\u212a"}
    assert sentences._LOWERS_TO == {"k": "kK\u212a"}
