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
    ``find_all`` gives every occurrence of every string, overlapping ones included. Each
    automaton is built on first use.
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings: tuple[str, ...] = tuple(dict.fromkeys(strings))
        if any(not s for s in self.strings):
            raise ValueError("a LiteralSet cannot hold an empty string")
        self._longest: ahocorasick_rs.AhoCorasick | None = None
        self._standard: ahocorasick_rs.AhoCorasick | None = None

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(index into ``strings``, start, end) of each leftmost-longest match, in order."""
        if not self.strings:
            return []
        if self._longest is None:
            self._longest = ahocorasick_rs.AhoCorasick(
                list(self.strings), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return self._longest.find_matches_as_indexes(_safe(text))

    def find_all(self, text: str) -> list[tuple[int, int, int]]:
        """(index, start, end) of every occurrence, overlapping ones too, by end."""
        if not self.strings:
            return []
        if self._standard is None:
            self._standard = ahocorasick_rs.AhoCorasick(list(self.strings))
        return self._standard.find_matches_as_indexes(_safe(text), overlapping=True)


class DenseLiterals(LiteralSet):
    """A :class:`LiteralSet` that reads the text as ASCII bytes: for ASCII literals.

    The text is read encoded as ASCII with "?" for every other character (lone surrogates
    too), one byte for one character, so offsets stay the same, and no literal (ASCII,
    without "?") can match across a replaced character. That spares the conversion to
    UTF-8 and back to character offsets, and ``LiteralSet``'s scan for surrogates. The
    automaton is a DFA (one table look-up per character): with many literals its prefilter
    finds nothing to skip by, and a DFA is about a third faster than the default there.
    ``find`` and ``find_all`` also take such bytes ready-made (the same length as the
    text), for a caller that maps characters on the way (see ``despin_phrases``). Sets
    holding other literals take ``LiteralSet``'s own path. Matches and offsets are the
    same either way.
    """

    def __init__(self, strings: Iterable[str]) -> None:
        super().__init__(strings)
        self.ascii = all(s.isascii() and "?" not in s for s in self.strings)
        self._bytes: ahocorasick_rs.BytesAhoCorasick | None = None
        self._bytes_longest: ahocorasick_rs.BytesAhoCorasick | None = None
        if self.ascii:
            self._bytes = self._automaton(None)

    def _automaton(self, matchkind: object) -> ahocorasick_rs.BytesAhoCorasick:
        options: dict[str, object] = {"implementation": ahocorasick_rs.Implementation.DFA}
        if matchkind is not None:
            options["matchkind"] = matchkind
        return ahocorasick_rs.BytesAhoCorasick([s.encode("ascii") for s in self.strings],
                                               **options)

    def find(self, text: str | bytes) -> list[tuple[int, int, int]]:
        if not self.ascii:
            return super().find(_as_text(text))
        if self._bytes_longest is None:
            self._bytes_longest = self._automaton(ahocorasick_rs.MatchKind.LeftmostLongest)
        return self._bytes_longest.find_matches_as_indexes(_ascii_bytes(text))

    def find_all(self, text: str | bytes) -> list[tuple[int, int, int]]:
        if self._bytes is None:
            return super().find_all(_as_text(text))
        return self._bytes.find_matches_as_indexes(_ascii_bytes(text), overlapping=True)


def _as_text(text: str | bytes) -> str:
    if isinstance(text, bytes):
        raise TypeError("only a set of ASCII literals reads a text given as bytes")
    return text


def _ascii_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("ascii", "replace")
