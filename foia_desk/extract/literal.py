"""Many literal strings found in one pass, with an Aho-Corasick automaton (ahocorasick-rs).

Python's ``re`` cannot skip ahead to the first letter of a set of lower-case words (nearly
every position holds one), so a regex trie over a folded text tries its pattern at every
character. An Aho-Corasick automaton, compiled in Rust, reads each character once for all
the strings together: several times faster on a long text. It matches literals only; word
boundaries and other context are checked by the caller on the (few) matches.

Offsets are in characters of the Python string, as ``re`` gives them. Lone surrogates
(possible in text decoded with ``surrogateescape``) cannot be handed to the automaton, so
they are read as U+FFFD first, one character for one: the offsets still hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick_rs

_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe(text: str) -> str:
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


class LiteralSet:
    """A fixed set of non-empty strings, searched case-sensitively.

    ``find`` gives leftmost-longest, non-overlapping matches (what a regex alternation of
    the strings sorted longest first would find when scanning left to right);
    ``find_all`` gives every occurrence of every string, overlapping ones included.
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings: tuple[str, ...] = tuple(dict.fromkeys(strings))
        if not self.strings or any(not s for s in self.strings):
            raise ValueError("a LiteralSet needs at least one string and no empty ones")
        self._longest = ahocorasick_rs.AhoCorasick(
            list(self.strings), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self._standard: ahocorasick_rs.AhoCorasick | None = None

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(index into ``strings``, start, end) of each leftmost-longest match, in order."""
        return self._longest.find_matches_as_indexes(_safe(text))

    def find_all(self, text: str) -> list[tuple[int, int, int]]:
        """(index, start, end) of every occurrence, overlapping ones too, by end."""
        if self._standard is None:
            self._standard = ahocorasick_rs.AhoCorasick(list(self.strings))
        return self._standard.find_matches_as_indexes(_safe(text), overlapping=True)
