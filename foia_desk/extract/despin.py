"""Detect synonym-spun text and read it back in plain words.

The substitution table lives in ``resources/despin.toml``. A spun word is read back only
where its neighbours support it (``successful`` before "the" or a capitalised name reads
"in"; "a successful raid" stays). Entries marked ``always`` are nonsense in ordinary
English and count as evidence of spinning; entries marked ``spun`` are trusted only when
the article as a whole scores as spun. Nothing here changes the user's text: the result is
a :class:`Reading` listing every substitution, which the GUI can show on request.

The work per megabyte of spun text is ten thousand phrases found, checked and replaced, so
the parts are written for speed in their own modules: finding the phrases with an
Aho-Corasick automaton instead of a regex tried at every character (``despin_phrases``),
the neighbouring words and the rules' word lists (``despin_context``) and the word count
(``despin_words``).
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from foia_desk.extract.despin_context import WordClass, word_after, word_before
from foia_desk.extract.despin_phrases import PhraseFinder
from foia_desk.extract.despin_words import count_words
from foia_desk.extract.matcher import phrase_key, plain_chars
from foia_desk.extract.reading import Reading, Substitution

SPUN_THRESHOLD = 0.5
MIN_HITS = 3

_HYPHEN_BREAK = re.compile(r"\b([A-Za-z]+)-[ \t]*\r?\n[ \t]*([a-z]+)\b|([A-Za-z]+)\u00ad([a-z]+)")


@dataclass(frozen=True)
class SpinRule:
    spun: str
    plain: str
    always: bool
    weight: float
    next: WordClass | None
    prev: WordClass | None
    not_next: WordClass | None
    not_prev: WordClass | None
    lower: bool

    def accepts(self, matched: str, prev: str | None, nxt: str | None) -> bool:
        """Whether the context supports reading ``matched`` (between ``prev`` and ``nxt``)."""
        if self.lower and matched != matched.lower():
            return False
        if self.next is not None and not self.next.holds(nxt):
            return False
        if self.prev is not None and not self.prev.holds(prev):
            return False
        if self.not_next is not None and self.not_next.holds(nxt):
            return False
        return not (self.not_prev is not None and self.not_prev.holds(prev))


# A phrase's rules, in file order, and whether any of them reads the word before / after.
PhraseRules = tuple[tuple[SpinRule, ...], bool, bool]


@dataclass(frozen=True)
class SpinTable:
    rules: dict[str, tuple[SpinRule, ...]]
    # Finds the spun phrases (the keys of ``rules``) in a text, ignoring case.
    phrases: PhraseFinder
    # Each phrase (a key of ``rules``) with its rules and the neighbours they read (the
    # others are not looked up).
    lookup: dict[str, PhraseRules]


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


def _word_class(raw: object) -> WordClass | None:
    """The listed words (a TOML array) as a test; None when the entry lists none."""
    if raw is None:
        return None
    return WordClass.of(str(w) for w in raw)  # type: ignore[attr-defined]


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
            # An empty ``next`` or ``prev`` list admits no word; an empty ``not_`` one
            # rules none out.
            next=_word_class(entry.get("next")), prev=_word_class(entry.get("prev")),
            not_next=_word_class(entry.get("not_next") or None),
            not_prev=_word_class(entry.get("not_prev") or None),
            lower=bool(entry.get("lower", False)),
        )
        rules.setdefault(rule.spun, []).append(rule)
    lookup = {key: (tuple(group),
                    any(r.prev is not None or r.not_prev is not None for r in group),
                    any(r.next is not None or r.not_next is not None for r in group))
              for key, group in rules.items()}
    return SpinTable({k: tuple(v) for k, v in rules.items()}, PhraseFinder(rules), lookup)


def _match_case(original: str, plain: str) -> str:
    if len(original) > 1 and original.isupper():
        return plain.upper()
    if original[:1].isupper():
        return plain[:1].upper() + plain[1:]
    return plain


def _candidates(text: str, plain: str, table: SpinTable
                ) -> list[tuple[int, int, str, SpinRule]]:
    """(start, end, matched, rule) for every context-supported spun phrase, in order.

    ``plain`` is ``plain_chars(text)``. The neighbouring words are only looked up for
    phrases whose rules ask about them.
    """
    lookup = table.lookup
    found: list[tuple[int, int, str, SpinRule]] = []
    for start, end, raw in table.phrases.find(plain):
        looked_up = lookup.get(raw)
        if looked_up is None:  # written across a line break or several blanks
            looked_up = lookup.get(" ".join(raw.split()), ((), False, False))
        rules, needs_prev, needs_next = looked_up
        matched = text[start:end]
        prev = word_before(plain, start) if needs_prev else None
        nxt = word_after(plain, end) if needs_next else None
        for rule in rules:
            if rule.accepts(matched, prev, nxt):
                found.append((start, end, matched, rule))
                break
    return found


_BREAK_ANCHOR = re.compile(r"-[ \t]*\r?\n|\u00ad")
# The same without the soft hyphen, for the texts without one (nearly all): a pattern
# starting with one literal character is searched for far faster than an alternation.
_DASH_BREAK_ANCHOR = re.compile(r"-[ \t]*\r?\n")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _hyphen_breaks(text: str):
    """``_HYPHEN_BREAK.finditer(text)``, tried only where a line-end hyphen or soft hyphen is.

    Every match is a run of letters ending at such an anchor, so the pattern is tried once
    per anchor, from the start of the letters before it (never before the previous match's
    end, as ``finditer`` would). Scanning every position instead made a long word quadratic.
    """
    last_end = 0
    anchors = _BREAK_ANCHOR if "\u00ad" in text else _DASH_BREAK_ANCHOR
    for anchor in anchors.finditer(text):
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
    plain = plain_chars(text)
    found = _candidates(text, plain, table)
    hits = sum([rule.weight for _, _, _, rule in found])
    always_hits = sum([rule.always for _, _, _, rule in found])
    # ``plain_chars`` makes spaces of spaces only, so ``plain`` has the words of ``text``
    # (and no odd spaces such as U+00A0, which ``count_words`` would count the slow way).
    words = count_words(plain) if found else 0
    score = spin_score(hits, words) if len(found) >= MIN_HITS else 0.0
    detected = score >= SPUN_THRESHOLD and always_hits >= 1
    # ``_match_case`` only where the phrase is not all lower case (it then returns ``plain``).
    subs += [Substitution(start, end, matched, rule.plain if matched.islower()
                          else _match_case(matched, rule.plain))
             for start, end, matched, rule in found if rule.always or detected]
    reading = Reading(text, subs)
    return SpunReading(reading.text, reading.substitutions, score, detected, reading)
