"""Literal strings that every match of a phrase trie starts with, for an Aho-Corasick scan.

A phrase regex from :func:`~foia_desk.extract.matcher.trie_pattern` does not match its
phrases literally: a space matches any run of blanks holding at most one line break
(``WORD_GAP``) and a hyphen may be followed by a line break (``HYPHEN_GAP``). Every match
still begins with a literal string, though: the phrase written with single spaces and bare
hyphens up to its first gap that is written otherwise, followed by that gap's first one or
two characters. :func:`start_literals` lists all of them, so an automaton
(:class:`~foia_desk.extract.literal.LiteralSet`) finding them reports every position where
the regex can match (and some more, which the regex itself then rejects).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress

from foia_desk.extract.literal import DenseLiterals, LiteralSet

# A WORD_GAP other than a single space starts with a tab or a line break, or with a space
# followed by another blank (every character of a gap is one of " \t\r\n").
_ODD_WORD_GAPS = ("\t", "\r", "\n", "  ", " \t", " \r", " \n")
# A HYPHEN_GAP other than a bare hyphen is a hyphen and a line break ("-\n", "-\r\n").
_ODD_HYPHEN_GAPS = ("-\r", "-\n")


def start_literals(phrase: str) -> set[str]:
    """Strings one of which begins every text ``trie_pattern([phrase])`` matches.

    ``phrase`` is in ``phrase_key`` form (or a prefix of one, which may end in a blank).
    """
    literals = {phrase}
    for index, char in enumerate(phrase):
        if char == " ":
            literals.update(phrase[:index] + gap for gap in _ODD_WORD_GAPS)
        elif char == "-":
            literals.update(phrase[:index] + gap for gap in _ODD_HYPHEN_GAPS)
    return literals


def prefix_free(literals: Iterable[str]) -> list[str]:
    """``literals`` without any that another one begins (in sorted order).

    Where a literal occurs, so does each of its prefixes, at the same position: the shorter
    ones alone report the same positions. With no literal a prefix of another, at most one
    of them starts at any position, so an overlapping search yields each position once.
    """
    kept: list[str] = []
    # In sorted order, the strings between a literal and a longer one it begins all begin
    # with it too, so only the last string kept needs comparing.
    for literal in sorted(set(literals)):
        if literal and not (kept and literal.startswith(kept[-1])):
            kept.append(literal)
    return kept


class LiteralGroups:
    """Several sets of literals found in one Aho-Corasick pass over a text.

    ``find`` gives, for each group, the ascending positions where one of its literals
    starts. Each group is made prefix-free (:func:`prefix_free`), so a position comes once
    per group; a string in several groups is one string of the automaton. Each match is
    sorted into its groups by a table of bytes per group (1 where the string is the
    group's), read in C through ``map`` and ``itertools.compress``: a Python loop over the
    thousands of matches of a long text would cost more than the automaton. The groups
    listed as ``rare`` (few matches in a text) are picked out of one short list of their
    matches, not each out of all of them.

    The automaton reads the text as ASCII bytes when it can (:class:`DenseLiterals`, a
    DFA: some 40% quicker on a megabyte than the default). Those bytes stand "?" for every
    other character, so only the strings in ASCII without "?" can be found that way; they
    come first in ``strings`` (the indexes then agree), and the path is taken only when
    the text holds no character that is in another string only that way (no "İ", "ſ"...):
    then none of the others can occur, and the matches are the same as the full set's.
    """

    def __init__(self, groups: Iterable[Iterable[str]], rare: Iterable[int] = ()) -> None:
        members = [set(prefix_free(group)) for group in groups]
        every = set().union(*members)
        dense = sorted(s for s in every if s.isascii() and "?" not in s)
        others = sorted(every.difference(dense))
        strings = dense + others
        self.literals = LiteralSet(strings)
        self.dense = DenseLiterals(dense) if dense else None
        # A character one of which each of the other strings holds.
        self.others_need = frozenset(c for s in others for c in s if not c.isascii() or c == "?")
        self.masks = [bytes(string in group for string in strings) for group in members]
        self.rare = frozenset(rare)
        self.rare_mask = bytes(any(string in members[g] for g in self.rare) for string in strings)

    def find(self, text: str) -> list[list[int]]:
        """Per group, the ascending start positions of its literals in ``text``."""
        if self.dense is not None and not any(c in text for c in self.others_need):
            found = self.dense.find_all(text)
        else:
            found = self.literals.find_all(text)
        if not found:
            return [[] for _ in self.masks]
        indexes, starts, _ = zip(*found, strict=True)
        few = list(compress(found, map(self.rare_mask.__getitem__, indexes)))
        return [sorted([start for index, start, _ in few if mask[index]]) if group in self.rare
                else sorted(compress(starts, map(mask.__getitem__, indexes)))
                for group, mask in enumerate(self.masks)]
