"""Acronyms and one-word names in an article ("FBI", "Pentagon", "@DHSgov"), and how sure
each is to mean its agency.

They are matched exactly as written (``AgencyIndex.exact_re``) outside web addresses and
the names already found (bisections on sorted int lists: thousands of matches a
megabyte). An acronym in a line written in capitals (a shouted headline) counts only if
the agency is named elsewhere too (:func:`caps_context`). A risky acronym ("SEC", "VA")
needs the agency named in full or a supporting word near it, and no word that gives the
letters another meaning ("football", "Arlington, VA"): :func:`acronym_confidence`. On a
long text the combined start scan tells where those other-meaning words are
(:func:`cue_word_literals`), so the words around an acronym are read only when one is
near; the words read are normalised once per text (:class:`NormalWords`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import product
from operator import itemgetter
from typing import TYPE_CHECKING

from foia_desk.extract.agencies_hits import Hit, new_hit, unclaimed

if TYPE_CHECKING:
    from foia_desk.extract.agencies_index import AgencyIndex
    from foia_desk.extract.cues import Cues

_WORD = re.compile(r"[\w'.&-]+")
# The same on ASCII text (where "\w" is these characters), a third quicker: no Unicode
# category to look up per character.
_ASCII_WORD = re.compile(r"[A-Za-z0-9_'.&-]+")


def _words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


_CAPS_MIN_LETTERS = 8


def caps_context(text: str, start: int, end: int) -> bool:
    """Whether the line around ``[start, end)`` is written in capitals (a shouted headline)."""
    # Only 60 characters either side count, so the line ends are looked for only there
    # (a slice ending past the text ends with it).
    low = start - 60 if start > 60 else 0
    line_start = text.rfind("\n", low, start) + 1 or low
    line_end = text.find("\n", end, end + 60)
    around = text[line_start:start] + text[end:line_end if line_end >= 0 else end + 60]
    # Count in C: delete the small letters (then letters, capitals) and compare lengths.
    raw = around.encode("ascii", "ignore")  # its ASCII characters
    # At least four capitals per small letter are needed: with more than a fifth of the
    # characters in small letters that cannot be, whatever the rest (ordinary prose:
    # decided with one count).
    if 5 * (len(raw) - len(raw.translate(None, _ASCII_SMALL))) > len(around):
        return False
    if len(raw) == len(around):
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        if letters < _CAPS_MIN_LETTERS:
            return False
        upper = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
        return upper / letters >= 0.8
    alpha = [c for c in around if c.isalpha()]
    if len(alpha) < _CAPS_MIN_LETTERS:
        return False
    upper = sum(1 for c in alpha if c.isupper())
    return upper / len(alpha) >= 0.8


_ASCII_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_SMALL = b"abcdefghijklmnopqrstuvwxyz"
_ASCII_LETTERS = _ASCII_CAPITALS + _ASCII_SMALL


class NormalWords(dict[str, str]):
    """A word as found -> the form compared with the cue words: lower case, without a final
    "'s" and surrounding dots or quotes. Filled as words come up: a text repeats its
    words, so one table per text normalises each about once (the lookups run in C)."""

    def __missing__(self, word: str) -> str:
        # (the words never hold a line break, so "'s$" is just a final "'s")
        lowered = word.lower()
        normal = self[word] = (lowered[:-2] if lowered.endswith("'s") else lowered).strip(".'")
        return normal


def _neighbour_words(text: str, start: int, end: int, before: int, after: int,
                     normal: NormalWords | None = None) -> list[str]:
    left = _words(text[max(0, start - 12 * before):start])[-before:] if before else []
    right = _words(text[end:end + 12 * after])[:after] if after else []
    return list(map((NormalWords() if normal is None else normal).__getitem__, left + right))


_NEAR_WORDS = 8  # words read either side for the cue words that give another meaning
_SECTION_NUMBER = re.compile(r"\.?[ \t]*\d")
_TOWN_COMMA = re.compile(r"[A-Z][a-z]+,[ \t]*$")


def acronym_confidence(text: str, start: int, end: int, matched: str, agency_id: str,
                       index: AgencyIndex, cues: Cues, full_named: set[str],
                       normal: NormalWords | None = None,
                       avoid_at: list[int] | None = None) -> float:
    """0 to reject; otherwise how sure we are that these letters mean the agency.

    ``normal`` is the text's table of normalised words (a new one if not given);
    ``avoid_at``, if given, lists where the folded text holds one of
    ``cue_word_literals(index.avoid_words)``: with none near, no neighbour is one of them.
    """
    normal = NormalWords() if normal is None else normal
    if matched not in index.risky:
        return 0.92
    if _SECTION_NUMBER.match(text[end:end + 4]):
        return 0.0  # "SEC. 2.", "Sec. 4": a section heading, not the agency
    reach = 12 * _NEAR_WORDS  # how far _neighbour_words reads either side
    if avoid_at is None or _any_between(avoid_at, start - reach, end + reach):
        near = _neighbour_words(text, start, end, _NEAR_WORDS, _NEAR_WORDS, normal)
        if not index.avoid_words.isdisjoint(near):
            return 0.0
    if len(matched) == 2 and _TOWN_COMMA.search(text[max(0, start - 30):start]):
        return 0.0  # "Arlington, VA": a state abbreviation
    if agency_id in full_named:
        return 0.9
    close = _neighbour_words(text, start, end, 2, 3, normal)
    if not index.support_words.isdisjoint(close):
        return 0.85
    return 0.0


def _any_between(positions: list[int], low: int, high: int) -> bool:
    """Whether ascending ``positions`` hold one in ``[low, high)``."""
    at = bisect_left(positions, low)
    return at < len(positions) and positions[at] < high


def cue_word_literals(words: Iterable[str]) -> set[str] | None:
    """Strings one of which the folded text holds wherever a word of the text normalises
    (:class:`NormalWords`) to one of ``words``; None if a word is not ASCII.

    The word's lower case is the folded text there, character for character, except that
    the Kelvin sign lower-cases to "k" but is left as it is by folding when the text also
    holds a character that lengthens in lower case ("İ", which itself lower-cases to "i"
    and a combining dot: no ASCII word holds that). So each "k" may also be that sign.
    """
    literals: set[str] = set()
    for word in words:
        if not word.isascii():
            return None
        literals.update("".join(chars) for chars in
                        product(*("k\u212a" if char == "k" else char for char in word)))
    literals.discard("")
    return literals


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def acronym_hits(text: str, index: AgencyIndex, cues: Cues, url_starts: list[int],
                 url_ends: list[int], taken: list[tuple[int, int]], full_named: set[str],
                 avoid_at: list[int] | None) -> list[Hit]:
    """Acronyms and one-word names outside web addresses and the (sorted) ``taken`` spans.

    ``avoid_at``: see :func:`acronym_confidence`.
    """
    hits: list[Hit] = []
    taken_starts, taken_ends = list(map(_FIRST, taken)), list(map(_SECOND, taken))
    exact_keys, risky = index.exact_keys, index.risky
    normal = NormalWords()
    for start, end, match in unclaimed(index.exact_re.finditer(text), url_starts, url_ends,
                                       taken_starts, taken_ends):
        matched = match.group("m")
        ids = exact_keys.get(matched) or exact_keys.get(" ".join(matched.split()), ())
        caps_only = None
        for agency_id in ids:
            confidence = 0.92 if matched not in risky else acronym_confidence(
                text, start, end, matched, agency_id, index, cues, full_named, normal,
                avoid_at)
            if confidence <= 0:
                continue
            if caps_only is None:
                caps_only = caps_context(text, start, end)
            hits.append(new_hit(start, end, agency_id, "acronym", confidence, caps_only))
    return hits


# An official account's handle: "@DHSgov", "@CBPgov", "@FEMAHQ" (a bare "@FBI" is already
# found by the acronym matcher). Starts with a literal "@", so a search skips straight there.
_HANDLE = re.compile(r"@(?<![\w@]@)(?P<acronym>[A-Z]{2,6})(?:gov|Gov|GOV|HQ|News|Press)\b")


def handle_hits(text: str, index: AgencyIndex) -> list[Hit]:
    """Agency acronyms inside official social-media handles."""
    if "@" not in text:
        return []
    hits = []
    for match in _HANDLE.finditer(text):
        acronym = match.group("acronym")
        for agency_id in index.exact_keys.get(acronym, ())[:1]:
            hits.append(Hit(match.start("acronym"), match.end("acronym"), agency_id, "acronym",
                            0.9))
    return hits

