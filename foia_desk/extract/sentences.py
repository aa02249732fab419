"""Sentence spans, good enough for evidence: abbreviations like "U.S." and "Sen." don't end one.

One regex scan finds the boundaries, and at a full stop it also tells (with look-behinds
tried only where the stop ends a sentence otherwise) whether the word before it is an
abbreviation or a lone letter, as in "John F. Kennedy"; the loop then trims each sentence
by looking at its first and last characters instead of copying and stripping it."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    [
        "u.s", "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col",
        "sgt", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "inc", "corp", "co", "ltd", "jr", "sr", "no", "vs", "dept", "u.n", "d.c", "calif",
        "colo", "fla", "ill", "mass", "mich", "minn", "ore", "pa", "tenn", "tex", "va", "wash",
        "wis", "ariz", "ark", "conn", "del", "ga", "ind", "kan", "ky", "la", "md", "miss", "mo",
        "mont", "neb", "nev", "okla", "vt", "wyo", "n.y", "n.j", "n.m", "n.c", "n.d", "s.c",
        "s.d", "r.i", "n.h", "w.va", "e.g", "i.e", "p.m", "a.m", "approx", "est", "fig", "ave",
        "blvd",
    ])
# The word before a full stop is the run of word characters and dots ending there (at most
# its last 12 characters). It is an abbreviation if ``word.lower()`` is one of _ABBREVIATIONS
# or it is a single letter. Besides ASCII letters, only KELVIN SIGN lower-cases to an ASCII
# letter ("k"; no character lower-cases to "."; a test checks both over all of Unicode), and
# lower() keeps the length of such a word, so the classes below match exactly the words
# whose lower() is in the set. A lone letter (one whose lower() is one alphabetic
# character) is matched by [^\W\d_], which also takes a few numeric characters such as "²"
# that the caller rules out. Look-behinds need a fixed width: one per length.
_LOWERS_TO = {"k": "kK\u212a"}


def _word_class(word: str) -> str:
    return "".join(f"[{_LOWERS_TO.get(c, c + c.upper())}]" if c.isalpha() else re.escape(c)
                   for c in word)


def _abbreviation_before() -> str:
    """A look-behind (placed just after a full stop) for an abbreviation or a lone letter."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(_ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(_word_class(word))
    behinds = [r"(?<=(?<![\w.])[^\W\d_]\.)"]
    behinds += [r"(?<=(?<![\w.])(?:" + "|".join(words) + r")\.)"
                for _, words in sorted(by_length.items())]
    return "(?:" + "|".join(behinds) + ")"


# A full stop (with quotes or brackets after it) before a capital or a digit, a blank line,
# or a line break. Written to start with one character class (the first character of each
# alternative, then look-behinds telling which), so Python's re skips straight to those
# characters instead of trying the three alternatives at every position.
#
# After a full stop, "!" or "?" the look-ahead comes first (it can only hold after the
# longest run of stops and closing quotes, which are then taken), so the abbreviation test
# runs at real boundaries only; group "abbr" (the pattern's only group) is set when the word
# before the stop is an abbreviation or a lone letter: the boundary is then dropped.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])(?=[.!?]*[\"'”’)\]]*[ \t]+[\"'“‘(\[]?[A-Z0-9])"
                       + r"(?:" + _abbreviation_before() + r"(?P<abbr>))?[.!?]*[\"'”’)\]]*"
                       r"|(?<=\n)[ \t]*\n|(?<=\n))")
_NOT_BLANK = re.compile(r"\S")


def _hard_wrapped(text: str) -> bool:
    """Whether the text was wrapped at a fixed width (lines end mid-sentence)."""
    lengths = [len(line) for line in text[:20000].splitlines() if line.strip()]
    if len(lengths) < 5:
        return False
    long_open = sum(1 for line in text[:20000].splitlines()
                    if 55 <= len(line.rstrip()) <= 100 and line.rstrip()[-1:] not in ".!?:\"”")
    return long_open >= 3 and long_open >= 0.3 * len(lengths)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence, whitespace trimmed, in order.

    In hard-wrapped text a single line break ends a sentence only after a full stop (or a
    short line such as a byline); otherwise every line is its own unit, which suits web
    pages and pasted articles where each paragraph is one line.
    """
    wrapped = _hard_wrapped(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        mark, end = match.span()
        char = text[mark]
        if char == ".":
            # An abbreviation ("U.S.", "Sen.") or a lone letter ("F."): one whose lower()
            # is one alphabetic character (so not "İ", two characters in lower case).
            if match.lastindex and len(letter := text[mark - 1].lower()) == 1 \
                    and letter.isalpha():
                continue
        elif char == "\n" and end == mark + 1:
            line_start = text.rfind("\n", 0, mark) + 1
            line = text[line_start:mark].rstrip()
            next_char = text[end:end + 1]
            open_end = line[-1:] not in ".!?:\"”'’"
            if line and open_end and (next_char.islower() or (wrapped and len(line) >= 45)):
                continue  # a hard-wrapped line continues the sentence
        # What _add does, inlined (it runs once per sentence): trim the blanks at both ends
        # (those of str.isspace, as regex \s) without copying the sentence.
        first = start
        if text[first].isspace():  # mostly the one space after a full stop
            first += 1
            if first < end and text[first].isspace():
                blank = _NOT_BLANK.search(text, first, end)
                first = end if blank is None else blank.start()
            if first == end:  # nothing but blanks
                start = end
                continue
        if char == "\n":  # the boundary is blank; usually a non-blank just before it
            last = mark if mark > first and not text[mark - 1].isspace() else \
                first + len(text[first:end].rstrip())
        else:  # a full stop, "!" or "?" and closing quotes: no blank at the end
            last = end
        if last - first > MAX_SENTENCE:
            _add(spans, text, first, last)
        else:
            spans.append((first, last))
        start = end
    _add(spans, text, start, len(text))
    return spans


MAX_SENTENCE = 1000


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    # Trim the blanks at both ends (str.strip's blanks are those of str.isspace), in C.
    segment = text[start:end]
    kept = segment.strip()
    if not kept:
        return
    start += len(segment) - len(segment.lstrip())
    end = start + len(kept)
    # Text with no full stops (a pasted list, a table, a scraped page) would make one huge
    # "sentence" and per-sentence work quadratic: cut it at a blank near every MAX_SENTENCE.
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
