"""Where many case-sensitive patterns can start, found in one Aho-Corasick pass.

The body and place patterns run over the text as written (not folded), and nearly all of
them start with a capital or a common letter. Python's ``re`` can only skip ahead to a
pattern's first character (or class), so each full ``finditer`` tries its pattern at
every capital (some 50,000 a megabyte), and a dozen such scans cost more than everything
else in the phase. Every match of these patterns, however, contains a literal word at a
known distance from its start (a name's first word, "Sen", "Committee"...). One
:class:`~foia_desk.extract.literal.LiteralSet` pass finds all those words for all the
patterns at once; each pattern is then tried only where one of its words puts a start
(:func:`~foia_desk.extract.matcher.finditer_at`), which gives exactly the matches of the
full scan as long as the candidates include every real start. Extra candidates (a word
inside a longer word, say) cost one failed ``match`` each and change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from foia_desk.extract.literal import DenseLiterals

# What may stand between two pieces of a phrase (``matcher.WORD_GAP`` and the line break
# of ``matcher.HYPHEN_GAP``), and between the words of a hand-written "in an interview".
_BLANKS = " \t\r\n"
# A phrase's pieces: split at spaces, and after hyphens (a hyphen is written literally and
# only blanks may follow it before the next piece; see matcher.HYPHEN_GAP).
_PIECE = re.compile(r"[^ -]*-|[^ -]+")


@dataclass(frozen=True)
class Anchor:
    """A literal word whose occurrences tell where ``scan``'s pattern may start.

    The pattern may start ``back`` characters before each occurrence; or, with ``before``
    (words in text order), where those words end just before it, only blanks between them
    (used when a phrase's first word is too common to search for, like "for" in "for
    Justice": the rarer word after it is searched for instead).
    """

    literal: str
    scan: str
    backs: tuple[int, ...] = (0,)
    before: tuple[str, ...] = ()


def _adder(appends: list[Callable[[int], None]]) -> Callable[[int], None] | None:
    """One call adding a position to each of ``appends``' lists (``None`` for none)."""
    if len(appends) <= 1:
        return appends[0] if appends else None

    def add_to_all(start: int) -> None:
        for append in appends:
            append(start)
    return add_to_all


def _weak(piece: str) -> bool:
    """A piece found nearly everywhere: a lone letter ("T-") or a short lower-case word."""
    return len(piece.rstrip("-")) <= 1 or (piece.islower() and len(piece) <= 3)


def first_piece(phrase: str) -> str:
    """What a ``trie_pattern`` of ``phrase`` matches literally first: up to a blank, or a
    hyphen included (a phrase starting with a blank or a hyphen gives "" or "-")."""
    found = _PIECE.match(phrase)
    return found.group(0) if found else ""


def phrase_anchors(phrases: Iterable[str], scan: str) -> list[Anchor]:
    """Anchors for a ``matcher.trie_pattern`` of ``phrases``, as they are given to it.

    Such a pattern matches a phrase's first piece literally at the match's start (spaces
    and hyphens become gaps, everything else is written as is), so that piece is the
    anchor; a weak first piece gives way to the second, with the first checked before it.
    """
    anchors = []
    for phrase in phrases:
        if not phrase or phrase[0] == " ":
            raise ValueError(f"a phrase must start with a word: {phrase!r}")
        pieces = _PIECE.findall(phrase)
        if _weak(pieces[0]) and len(pieces) > 1:
            anchors.append(Anchor(pieces[1], scan, before=(pieces[0],)))
        else:
            anchors.append(Anchor(pieces[0], scan))
    return anchors


def step_back(text: str, pos: int, words: tuple[str, ...]) -> int:
    """Where ``words`` start if they end just before ``pos``, blanks between; else -1.

    Blanks are stepped over greedily: the words end with a non-blank character, so the
    only place each can end is right before the run of blanks.
    """
    for word in reversed(words):
        while pos > 0 and text[pos - 1] in _BLANKS:
            pos -= 1
        pos -= len(word)
        if pos < 0 or not text.startswith(word, pos):
            return -1
    return pos


class AnchorScan:
    """Candidate starts for several patterns from one pass over the text."""

    def __init__(self, anchors: Iterable[Anchor]) -> None:
        anchors = list(anchors)
        self.scans = tuple(dict.fromkeys(a.scan for a in anchors))
        self.literals = DenseLiterals(a.literal for a in anchors)
        position = {literal: i for i, literal in enumerate(self.literals.strings)}
        # Per literal: the (scan, back) pairs it feeds, and the (scan, words) step-backs.
        uses: list[list[tuple[str, int]]] = [[] for _ in self.literals.strings]
        stepped: list[list[tuple[str, tuple[str, ...]]]] = [[] for _ in self.literals.strings]
        for anchor in anchors:
            i = position[anchor.literal]
            if anchor.before:
                stepped[i].append((anchor.scan, anchor.before))
            else:
                uses[i].extend((anchor.scan, back) for back in anchor.backs
                               if (anchor.scan, back) not in uses[i])
        # Most literals feed one scan, at their own position: those take a fast path (the
        # loop below runs once per occurrence, some 10,000 times a megabyte).
        self._direct: list[tuple[str, ...]] = [
            tuple(scan for scan, _ in u) if all(back == 0 for _, back in u) and not w else ()
            for u, w in zip(uses, stepped, strict=True)]
        self._other = {i: (u, w) for i, (u, w) in enumerate(zip(uses, stepped, strict=True))
                       if not self._direct[i]}

    def candidates(self, text: str) -> dict[str, list[int]]:
        """Ascending candidate starts per scan (every real start, perhaps a few more)."""
        found: dict[str, list[int]] = {scan: [] for scan in self.scans}
        # Bound ``append`` methods, looked up once per call instead of once per occurrence.
        direct = [_adder([found[scan].append for scan in scans]) for scans in self._direct]
        other = self._other
        for index, start, _end in self.literals.find_all(text):
            add = direct[index]
            if add is not None:
                add(start)
                continue
            uses, stepped = other[index]
            for scan, back in uses:
                if start >= back:
                    found[scan].append(start - back)
            for scan, words in stepped:
                begin = step_back(text, start, words)
                if begin >= 0:
                    found[scan].append(begin)
        for starts in found.values():
            starts.sort()  # occurrences come by end, and several literals feed one scan
        return found
