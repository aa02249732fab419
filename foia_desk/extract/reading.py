"""A normalised reading of an article with a map back to the original offsets.

Extraction runs on the reading (spinner words swapped back, hyphenated line breaks joined)
but every span it reports must point into the text the user gave. Substitutions are whole
words or phrases, so a span inside a replaced phrase maps to the whole original phrase.
``Reading.span`` maps one span; ``Reading.spans`` maps a finder's thousands in one pass.
"""

from __future__ import annotations

import operator
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# How many stretches on ``Reading.spans`` looks first for the next span: a search of a
# few neighbouring entries reads memory already in the CPU's caches, a search of all of
# them jumps about (a cache miss a step on a long text).
WINDOW = 16


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
        # For ``spans``: per stretch of the reading (stretch 0 lies before the first
        # substitution, stretch k + 1 starts at substitution k), where it starts (``lows``),
        # where its replacement ends, the original start of that replacement, the delta
        # after it and where the stretch ends (``highs``, the next one's start).
        never = -sys.maxsize  # no offset is this low: stretch 0 has no replacement
        # ``lows`` ends with WINDOW offsets beyond any other, so that a search of the
        # WINDOW after any stretch stays inside the list and finds nothing there.
        self._stretches = ([never, *norm_starts, *[sys.maxsize] * WINDOW],
                           [never, *norm_ends], [0, *orig_starts], [0, *deltas],
                           [*norm_starts, sys.maxsize])

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

    def spans(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[list[int], list[int]]:
        """``span`` of each ``(starts[k], ends[k])``: the original starts and ends, in order.

        Extraction maps thousands of spans (every name, date and evidence sentence); one call
        for all of them spares a method call per span and keeps the current stretch of the
        reading in local variables. A stretch runs from one substitution's start to the
        next one's and maps by one rule: inside the replacement to the original phrase,
        after it by adding the substitution's ``delta`` (stretch 0, before the first
        substitution, adds 0 and has no replacement). Spans sorted by start (as the callers
        pass them) mostly start in the stretch of the span before or a few on, and end in
        the stretch they start in or a few on (a sentence may cross a substitution or two),
        so the search for a stretch looks at the next WINDOW first. ``highs[k]`` is
        ``lows[k + 1]``: a position at or past it lies in a later stretch.
        """
        if not self.substitutions:  # the reading is the original text
            return list(starts), [end if end >= start else start
                                  for start, end in zip(starts, ends, strict=True)]
        lows, cuts, firsts, deltas, highs = self._stretches
        o_starts: list[int] = []
        o_ends: list[int] = []
        add_start, add_end = o_starts.append, o_ends.append
        # Stretch ``index`` is [low, high) of the reading; its replacement ends at ``cut``
        # and covers [first, last) of the original. From ``past`` on (just after the
        # replacement; past ``low`` even when the replacement is empty) an offset moves by
        # ``delta``: a span from there to before ``high``, the common case, maps at once.
        index, low, high, cut, first, last, delta = 0, lows[0], highs[0], cuts[0], 0, 0, 0
        past = low + 1
        for start, end in zip(starts, ends, strict=True):
            if past <= start <= end < high:
                add_start(start + delta)
                add_end(end + delta)
                continue
            if not low <= start < high:
                if start >= high:  # a later stretch: search the next few, then the rest
                    found = bisect_right(lows, start, index + 1, index + WINDOW)
                    if found == index + WINDOW:
                        found = bisect_right(lows, start, found)
                    index = found - 1
                else:
                    index = bisect_right(lows, start) - 1
                low, high, cut = lows[index], highs[index], cuts[index]
                first, delta = firsts[index], deltas[index]
                last = cut + delta
                past = cut if cut > low else low + 1
                if past <= start <= end < high:
                    add_start(start + delta)
                    add_end(end + delta)
                    continue
            o_start = first if start < cut or start == low else start + delta
            if low <= end < high:
                o_end = first if end == low else last if end < cut else end + delta
            else:  # ends in a later stretch (or before the start)
                if end >= high:
                    at = bisect_right(lows, end, index + 1, index + WINDOW)
                    if at == index + WINDOW:
                        at = bisect_right(lows, end, at)
                    at -= 1
                else:
                    at = bisect_right(lows, end) - 1
                if end == lows[at]:
                    o_end = firsts[at]
                elif end < cuts[at]:
                    o_end = cuts[at] + deltas[at]  # the original phrase's end
                else:
                    o_end = end + deltas[at]
            add_start(o_start)
            add_end(o_end if o_end >= o_start else o_start)
        return o_starts, o_ends
