"""Sentence spans, good enough for evidence: abbreviations like "U.S." and "Sen." don't end one."""

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
# A full stop (with quotes or brackets after it) before a capital or a digit, a blank line,
# or a line break. Written to start with one character class (the first character of each
# alternative, then look-behinds telling which), so Python's re skips straight to those
# characters instead of trying the three alternatives at every position.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9])"
                       r"|(?<=\n)[ \t]*\n|(?<=\n))")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


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
        end = match.end()
        token = match.group(0)
        if token.startswith("."):
            before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        if token == "\n":
            line_start = text.rfind("\n", 0, match.start()) + 1
            line = text[line_start:match.start()].rstrip()
            next_char = text[end:end + 1]
            open_end = line[-1:] not in ".!?:\"”'’"
            if line and open_end and (next_char.islower() or (wrapped and len(line) >= 45)):
                continue  # a hard-wrapped line continues the sentence
        _add(spans, text, start, end)
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
