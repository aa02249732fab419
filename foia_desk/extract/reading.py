"""A normalised reading of an article with a map back to the original offsets.

Extraction runs on the reading (spinner words swapped back, hyphenated line breaks joined)
but every span it reports must point into the text the user gave. Substitutions are whole
words or phrases, so a span inside a replaced phrase maps to the whole original phrase.
"""

from __future__ import annotations

import operator
import sys
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True, init=False)
class Substitution:
    """``original`` at ``[start, end)`` of the original text reads as ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    source: str = "spinner"  # "spinner" | "hyphenation"

    def __init__(self, start: int, end: int, original: str, replacement: str,
                 source: str = "spinner") -> None:
        # What the generated __init__ of a frozen dataclass does, without its five calls to
        # object.__setattr__ (the instance is still frozen afterwards): a spun article of a
        # megabyte makes ten thousand of these, at under half the cost.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["original"] = original
        fields["replacement"] = replacement
        fields["source"] = source

    def __iter__(self):
        """Unpacks as ``(start, end, original, replacement)``."""
        return iter((self.start, self.end, self.original, self.replacement))

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "original": self.original,
                "replacement": self.replacement, "source": self.source}


# The dataclass order (field by field), as a key read in C: much faster than its __lt__.
_sort_key = operator.attrgetter("start", "end", "original", "replacement", "source")
_start_of = operator.attrgetter("start")


def _in_order(substitutions: Iterable[Substitution]) -> list[Substitution]:
    """``sorted(substitutions)``, in the dataclass order.

    Substitutions almost never share a start, and then ordering by ``start`` alone gives the
    same order; that key is one integer instead of a five-field tuple per substitution.
    """
    ordered = sorted(substitutions, key=_start_of)
    starts = [sub.start for sub in ordered]
    if any(map(operator.eq, starts, starts[1:])):
        ordered.sort(key=_sort_key)
    return ordered


class Reading:
    """``text`` is ``original`` with ``substitutions`` applied (non-overlapping, sorted)."""

    def __init__(self, original: str, substitutions: Iterable[Substitution] = ()) -> None:
        self.original = original
        ordered = _in_order(substitutions)
        skipped: list[Substitution] = []  # overlapping one kept before it (rare)
        parts: list[str] = []
        # For each substitution kept: where it starts and ends in the reading and in the
        # original, and ``delta``, what to add to a reading offset after it (before the
        # next one) to get the original offset.
        norm_starts: list[int] = []
        norm_ends: list[int] = []
        orig_starts: list[int] = []
        deltas: list[int] = []
        cursor = 0  # end in the original of the last substitution kept
        shift = 0  # reading offset minus original offset, after ``cursor``
        last_end = -1
        for sub in ordered:
            start = sub.start
            if start < last_end:  # overlaps the one kept before
                skipped.append(sub)
                continue
            end, replacement = sub.end, sub.replacement
            parts.append(original[cursor:start])
            parts.append(replacement)
            norm_starts.append(start + shift)
            shift += len(replacement) - (end - start)
            norm_ends.append(end + shift)
            orig_starts.append(start)
            deltas.append(-shift)
            cursor = last_end = end
        parts.append(original[cursor:])
        if skipped:
            dropped = set(map(id, skipped))
            ordered = [sub for sub in ordered if id(sub) not in dropped]
        self.substitutions = ordered
        self.text = "".join(parts)
        self._norm_starts, self._norm_ends = norm_starts, norm_ends
        self._orig_starts, self._deltas = orig_starts, deltas
        # Where the next substitution starts in the reading (the last: beyond any offset),
        # and the substitution the last span started after. The finders ask for spans in
        # text order, so the next span usually starts between the same two substitutions:
        # two comparisons instead of a binary search over thousands of them.
        self._next_starts = [*norm_starts[1:], sys.maxsize]
        self._hint = 0

    @property
    def changed(self) -> bool:
        return bool(self.substitutions)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering the reading's ``[start, end)``.

        An offset past a substitution moves by that substitution's ``delta``; one inside a
        replacement maps to the whole original phrase (its start for ``start``, its end for
        ``end``), and one at the start of a replacement to the start of the phrase.
        """
        if not self.substitutions:  # called for every mention: the common case inline
            return (start, end) if end >= start else (start, start)
        norm_starts, next_starts = self._norm_starts, self._next_starts
        index = self._hint  # the last substitution starting at or before ``start``?
        if start < norm_starts[index] or start >= next_starts[index]:
            index = bisect_right(norm_starts, start) - 1
            if index >= 0:
                self._hint = index
        if index < 0:
            o_start = start
        elif start == norm_starts[index] or start < self._norm_ends[index]:
            o_start = self._orig_starts[index]
        else:
            o_start = start + self._deltas[index]
        # Most spans (a name, a sentence) end before the next substitution starts.
        if end < start or index < 0 or end >= next_starts[index]:
            index = bisect_right(norm_starts, end) - 1
        if index < 0:
            o_end = end
        elif end == norm_starts[index]:
            o_end = self._orig_starts[index]
        elif end < self._norm_ends[index]:
            o_end = self._norm_ends[index] + self._deltas[index]  # the phrase's original end
        else:
            o_end = end + self._deltas[index]
        return (o_start, o_end) if o_end >= o_start else (o_start, o_start)
