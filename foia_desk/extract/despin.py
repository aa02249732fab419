"""Detect synonym-spun text and read it back in plain words.

The substitution table lives in ``resources/despin.toml``. A spun word is read back only
where its neighbours support it (``successful`` before "the" or a capitalised name reads
"in"; "a successful raid" stays). Entries marked ``always`` are nonsense in ordinary
English and count as evidence of spinning; entries marked ``spun`` are trusted only when
the article as a whole scores as spun. Nothing here changes the user's text: the result is
a :class:`Reading` listing every substitution, which the GUI can show on request.
"""

from __future__ import annotations

import heapq
import math
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from foia_desk.extract.matcher import (
    BEFORE_CLASS,
    fold_plain,
    phrase_key,
    plain_chars,
    trie_pattern,
)
from foia_desk.extract.reading import Reading, Substitution

SPUN_THRESHOLD = 0.5
MIN_HITS = 3

_CLASSES: dict[str, frozenset[str]] = {
    "@det": frozenset([
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "my", "your", "which", "what", "some", "any", "each", "every", "no", "another", "such",
        "[its]", "its'",
    ]),
    "@subj": frozenset([
        "i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "one", "officers",
        "agents", "people", "officials", "inspectors", "authorities", "police",
    ]),
    "@modal": frozenset([
        "to", "can", "will", "must", "may", "might", "should", "would", "could", "shall",
        "cannot", "tin", "volition",
    ]),
    "@day": frozenset([
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]),
}
_WORD_AFTER = re.compile(r"[ \t\"'(]*(?:\r?\n[ \t]*)?([\w'\[\]]+)")
_WORD_BEFORE = re.compile(r"([\w'\[\]]+)[\"')]*[ \t]*(?:\r?\n[ \t]*)?$")
_HYPHEN_BREAK = re.compile(r"\b([A-Za-z]+)-[ \t]*\r?\n[ \t]*([a-z]+)\b|([A-Za-z]+)\u00ad([a-z]+)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SpinRule:
    spun: str
    plain: str
    always: bool
    weight: float
    next: frozenset[str] | None
    prev: frozenset[str] | None
    not_next: frozenset[str]
    not_prev: frozenset[str]
    lower: bool


@dataclass(frozen=True)
class SpinTable:
    rules: dict[str, tuple[SpinRule, ...]]
    # Each matches the character before a place where a phrase matches (group "m" is the
    # phrase): ``scanner`` after any character, ``ascii_scanner`` after an ASCII one (see
    # ``_phrase_matches``).
    scanner: re.Pattern[str]
    ascii_scanner: re.Pattern[str]
    # Phrases whose rules look at the word before / after (the others skip the look-up).
    needs_prev: frozenset[str] = frozenset()
    needs_next: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SpunReading:
    """The normalised reading shown to the user, with every substitution made."""

    text: str
    substitutions: list[Substitution]
    score: float
    detected: bool
    reading: Reading

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "score": round(self.score, 3), "detected": self.detected,
                "substitutions": [s.to_dict() for s in self.substitutions]}


def _words(raw: object) -> frozenset[str] | None:
    if raw is None:
        return None
    return frozenset(str(w) for w in raw)  # type: ignore[union-attr]


@cache
def load_spin_table(path: str | None = None) -> SpinTable:
    """The substitution table (``resources/despin.toml`` unless ``path`` is given)."""
    from foia_desk.paths import resource_path

    file = path or str(resource_path("despin.toml"))
    with open(file, "rb") as handle:
        raw = tomllib.load(handle)
    rules: dict[str, list[SpinRule]] = {}
    for entry in raw.get("sub", []):
        always = entry.get("when", "spun") == "always"
        rule = SpinRule(
            spun=phrase_key(entry["spun"]), plain=str(entry["plain"]), always=always,
            weight=float(entry.get("weight", 1.0 if always else 0.5)),
            next=_words(entry.get("next")), prev=_words(entry.get("prev")),
            not_next=_words(entry.get("not_next")) or frozenset(),
            not_prev=_words(entry.get("not_prev")) or frozenset(),
            lower=bool(entry.get("lower", False)),
        )
        rules.setdefault(rule.spun, []).append(rule)
    # What ``compile_phrases(rules, ignore_case=True)`` matches, as a look-ahead after the
    # character before the phrase: that character cannot be a word character, so Python's
    # re skips ahead to the blanks and punctuation instead of trying every position.
    phrase = r"(?P<m>" + trie_pattern(sorted(rules)) + r")(?![\w]|@)"
    scanner = re.compile(r"[^" + BEFORE_CLASS[1:-1] + r"](?=" + phrase + r")")
    ascii_scanner = re.compile(_ASCII_BEFORE + r"(?=" + phrase + r")")
    needs_prev = frozenset(k for k, group in rules.items()
                           if any(r.prev is not None or r.not_prev for r in group))
    needs_next = frozenset(k for k, group in rules.items()
                           if any(r.next is not None or r.not_next for r in group))
    return SpinTable({k: tuple(v) for k, v in rules.items()}, scanner, ascii_scanner,
                     needs_prev, needs_next)


@cache
def _classes_in(allowed: frozenset[str]) -> tuple[str, ...]:
    """The word classes ("@cap", "@det"...) listed in ``allowed``."""
    return tuple(word for word in allowed if word.startswith("@"))


def _in_class(word: str | None, allowed: frozenset[str]) -> bool:
    if word is None:
        return False
    low = word.lower()
    if low in allowed or word in allowed:
        return True
    for cls in _classes_in(allowed):
        if cls == "@cap" and word[:1].isupper():
            return True
        if cls == "@lower" and word[:1].islower():
            return True
        if cls == "@ing" and low.endswith("ing") and len(low) > 4:
            return True
        if cls == "@num" and word[:1].isdigit():
            return True
        if cls in _CLASSES and low in _CLASSES[cls]:
            return True
    return False


def _context_ok(rule: SpinRule, matched: str, prev: str | None, nxt: str | None) -> bool:
    if rule.lower and matched != matched.lower():
        return False
    if rule.next is not None and not _in_class(nxt, rule.next):
        return False
    if rule.prev is not None and not _in_class(prev, rule.prev):
        return False
    if rule.not_next and _in_class(nxt, rule.not_next):
        return False
    return not (rule.not_prev and _in_class(prev, rule.not_prev))


def _match_case(original: str, plain: str) -> str:
    if len(original) > 1 and original.isupper():
        return plain.upper()
    if original[:1].isupper():
        return plain[:1].upper() + plain[1:]
    return plain


# Characters a word before a spun phrase (and the quotes after it) can be made of, and the
# blanks between it and the phrase: ``_WORD_BEFORE`` can only match inside such a run.
_WORD_OR_QUOTE = frozenset("'[]\"')")
_BLANKS = frozenset(" \t\r\n")


def _word_before(plain: str, start: int) -> str | None:
    """The word just before ``start`` as ``_WORD_BEFORE`` finds it in the 40 characters before.

    Searching the whole window tries the pattern at up to 40 starting points; the match can
    only start inside the run of word and quote characters that precedes the blanks, so the
    search begins there (same result, a few attempts).
    """
    low = max(0, start - 40)
    pos = start
    while pos > low and plain[pos - 1] in _BLANKS:
        pos -= 1
    while pos > low and (plain[pos - 1] in _WORD_OR_QUOTE or plain[pos - 1].isalnum()
                         or plain[pos - 1] == "_"):  # re's \w is isalnum() or "_"
        pos -= 1
    before = _WORD_BEFORE.search(plain, pos, start)
    return before.group(1) if before else None


# The ASCII characters a phrase may follow: not a word character (the ASCII ones are
# [0-9A-Za-z_]), "@", "/" or ".". Python's re tests a class of plain ranges for each
# character far faster than one holding the Unicode category "\w".
_ASCII_BEFORE = r"[\x00-\x2d\x3a-\x3f\x5b-\x5e\x60\x7b-\x7f]"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _phrase_matches(table: SpinTable, folded: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, phrase) as ``compile_phrases(..., ignore_case=True).finditer`` gives them.

    The scanners match the one character before a phrase (a blank stands in for the start
    of the text) and find the phrase in a look-ahead, so together they report every place a
    phrase matches, overlapping ones too; like ``finditer``, one starting inside the
    previous match is skipped. The look-ahead holds the same phrase pattern, so each is
    matched exactly as the plain pattern would match it there. After the few non-ASCII
    characters the full ``scanner`` is tried, one position at a time.
    """
    padded = " " + folded
    found: Iterable[re.Match[str]] = table.ascii_scanner.finditer(padded)
    if not padded.isascii():
        at = table.scanner.match
        after_other = [m for m in (at(padded, c.start()) for c in _NON_ASCII.finditer(padded))
                       if m is not None]
        if after_other:
            found = heapq.merge(found, after_other, key=lambda m: m.start())
    last_end = 1  # offsets in ``padded``: one more than in ``folded``
    for match in found:
        start, end = match.span("m")
        if start >= last_end:
            last_end = end
            yield start - 1, end - 1, match.group("m")


def _candidates(text: str, table: SpinTable):
    """Yield (start, end, matched, rule) for every context-supported spun phrase.

    The neighbouring words are only looked up for phrases whose rules ask about them.
    """
    plain = plain_chars(text)
    # phrase as matched (lower case) -> (its rules, whether they read the word before / after)
    keys: dict[str, tuple[tuple[SpinRule, ...], bool, bool]] = {}
    word_after = _WORD_AFTER.match
    for start, end, raw in _phrase_matches(table, fold_plain(plain)):
        looked_up = keys.get(raw)
        if looked_up is None:
            key = " ".join(raw.split())
            looked_up = keys[raw] = (table.rules.get(key, ()), key in table.needs_prev,
                                     key in table.needs_next)
        rules, needs_prev, needs_next = looked_up
        if not rules:
            continue
        matched = text[start:end]
        prev = _word_before(plain, start) if needs_prev else None
        if needs_next:
            after = word_after(plain, end)
            nxt = after.group(1) if after else None
        else:
            nxt = None
        for rule in rules:
            if _context_ok(rule, matched, prev, nxt):
                yield start, end, matched, rule
                break


_BREAK_ANCHOR = re.compile(r"-[ \t]*\r?\n|\u00ad")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _hyphen_breaks(text: str):
    """``_HYPHEN_BREAK.finditer(text)``, tried only where a line-end hyphen or soft hyphen is.

    Every match is a run of letters ending at such an anchor, so the pattern is tried once
    per anchor, from the start of the letters before it (never before the previous match's
    end, as ``finditer`` would). Scanning every position instead made a long word quadratic.
    """
    last_end = 0
    for anchor in _BREAK_ANCHOR.finditer(text):
        pos = anchor.start()
        start = pos
        while start > last_end and text[start - 1] in _ASCII_LETTERS:
            start -= 1
        if start == pos:
            continue
        match = _HYPHEN_BREAK.match(text, start)
        if match is not None:
            last_end = match.end()
            yield match


def spin_score(weighted_hits: float, words: int) -> float:
    """0..1: how strongly the text looks spun, from hits per 100 words."""
    if words <= 0:
        return 0.0
    density = 100.0 * weighted_hits / max(words, 50)
    return 1.0 - math.exp(-density / 1.5)


def normalise_spun(text: str, *, table: SpinTable | None = None) -> SpunReading:
    """Score ``text`` for spinning and build its normalised reading.

    Hyphenated line breaks ("Enforce-\\nment") are joined in every case; spinner
    substitutions marked ``always`` apply whatever the score, the others only when the text
    is detected as spun.
    """
    table = table or load_spin_table()
    subs: list[Substitution] = []
    for match in _hyphen_breaks(text):
        left = match.group(1) or match.group(3)
        right = match.group(2) or match.group(4)
        subs.append(Substitution(match.start(), match.end(), match.group(0), left + right,
                                 "hyphenation"))
    found = list(_candidates(text, table))
    hits = sum(rule.weight for *_, rule in found)
    always_hits = sum(1 for *_, rule in found if rule.always)
    words = len(text.split()) if found else 0
    score = spin_score(hits, words) if len(found) >= MIN_HITS else 0.0
    detected = score >= SPUN_THRESHOLD and always_hits >= 1
    for start, end, matched, rule in found:
        if rule.always or detected:
            subs.append(Substitution(start, end, matched, _match_case(matched, rule.plain)))
    reading = Reading(text, subs)
    return SpunReading(reading.text, reading.substitutions, score, detected, reading)
