"""A normalised reading of an article with a map back to the original offsets.

Extraction runs on the reading (spinner words swapped back, hyphenated line breaks joined)
but every span it reports must point into the text the user gave. Substitutions are whole
words or phrases, so a span inside a replaced phrase maps to the whole original phrase.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Substitution:
    """``original`` at ``[start, end)`` of the original text reads as ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    source: str = "spinner"  # "spinner" | "hyphenation"

    def __iter__(self):
        """Unpacks as ``(start, end, original, replacement)``."""
        return iter((self.start, self.end, self.original, self.replacement))

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "original": self.original,
                "replacement": self.replacement, "source": self.source}


# The dataclass order (field by field), as a key read in C: much faster than its __lt__.
_sort_key = operator.attrgetter("start", "end", "original", "replacement", "source")


class Reading:
    """``text`` is ``original`` with ``substitutions`` applied (non-overlapping, sorted)."""

    def __init__(self, original: str, substitutions: Iterable[Substitution] = ()) -> None:
        self.original = original
        subs: list[Substitution] = []
        last_end = -1
        for sub in sorted(substitutions, key=_sort_key):
            if sub.start >= last_end:
                subs.append(sub)
                last_end = sub.end
        self.substitutions = subs
        parts: list[str] = []
        self._norm_starts: list[int] = []
        self._norm_ends: list[int] = []
        cursor = 0
        length = 0
        for sub in subs:
            parts.append(original[cursor:sub.start])
            length += sub.start - cursor
            self._norm_starts.append(length)
            parts.append(sub.replacement)
            length += len(sub.replacement)
            self._norm_ends.append(length)
            cursor = sub.end
        parts.append(original[cursor:])
        self.text = "".join(parts)
        self._orig_starts = [sub.start for sub in subs]
        self._orig_ends = [sub.end for sub in subs]

    @property
    def changed(self) -> bool:
        return bool(self.substitutions)

    def _to_original(self, pos: int, *, is_end: bool) -> int:
        if not self.substitutions:
            return pos
        index = bisect.bisect_right(self._norm_starts, pos) - 1
        if index < 0:
            return pos
        norm_start = self._norm_starts[index]
        if pos == norm_start:
            return self._orig_starts[index]
        norm_end = self._norm_ends[index]
        if pos >= norm_end:
            return self._orig_ends[index] + (pos - norm_end)
        return self._orig_ends[index] if is_end else self._orig_starts[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering the reading's ``[start, end)``."""
        if not self.substitutions:  # called for every mention: the common case inline
            return (start, end) if end >= start else (start, start)
        # ``_to_original`` for both ends, with one search when they fall between the same
        # two substitutions (most spans: a name, a sentence).
        norm_starts = self._norm_starts
        index = bisect.bisect_right(norm_starts, start) - 1
        if index < 0:
            o_start = start
        elif start == norm_starts[index]:
            o_start = self._orig_starts[index]
        elif start >= self._norm_ends[index]:
            o_start = self._orig_ends[index] + (start - self._norm_ends[index])
        else:
            o_start = self._orig_starts[index]
        if end >= start and (index + 1 == len(norm_starts) or end < norm_starts[index + 1]):
            end_index = index  # what bisect_right would return for ``end``
        else:
            end_index = bisect.bisect_right(norm_starts, end) - 1
        if end_index < 0:
            o_end = end
        elif end == norm_starts[end_index]:
            o_end = self._orig_starts[end_index]
        elif end >= self._norm_ends[end_index]:
            o_end = self._orig_ends[end_index] + (end - self._norm_ends[end_index])
        else:
            o_end = self._orig_ends[end_index]
        if o_end < o_start:
            o_end = o_start
        return o_start, o_end
