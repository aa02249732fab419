"""The agency finder's hit records, and the span and candidate helpers the finders share.

Hits are made by the thousand on a long text (some 6,000 a megabyte), so :func:`new_hit`
makes one without the frozen dataclass's slow ``__init__``: 2-3 ms a megabyte less (see
there; ``tests/test_extract_split_hits.py`` keeps its parameters in step with
:class:`Hit`'s fields). Overlap tests are bisections on sorted lists of ints
(:func:`overlapping`), not scans of every span found; :func:`unclaimed` applies them and
the web-address test to a finder's matches. A ``scan.StartList`` carries candidate
positions per pattern (for the body finder's folded patterns too): :func:`candidates`
picks a list, and :func:`folded_matches` tries a pattern there, or everywhere without one.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from foia_desk.extract.matcher import finditer_at


@dataclass(frozen=True)
class Hit:
    """One match in the reading's coordinates.

    Mostly made by :func:`new_hit`, which skips ``__init__``: add no ``__post_init__``.
    """

    start: int
    end: int
    agency_id: str
    how: str  # "name" | "acronym" | "informal"
    confidence: float
    caps_only: bool = False  # an acronym seen only inside an all-caps line


_new_object = object.__new__


def new_hit(start: int, end: int, agency_id: str, how: str, confidence: float,
            caps_only: bool = False) -> Hit:
    """``Hit(start, end, agency_id, how, confidence, caps_only)``, made in half the time.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; a
    long text makes thousands of hits, so the fields are written into the new instance's
    ``__dict__`` at once instead: the same object (equal, same repr and hash). A test
    checks that the fields still are these six.
    """
    hit = _new_object(Hit)
    hit.__dict__.update(start=start, end=end, agency_id=agency_id, how=how,
                        confidence=confidence, caps_only=caps_only)
    return hit


@dataclass(frozen=True)
class StateBodyHit:
    """A federal-looking name preceded by a state ("Colorado Department of Labor")."""

    start: int
    end: int
    state: str | None


def overlapping(span_starts: list[int], span_ends: list[int], start: int, end: int) -> bool:
    """Whether the non-empty ``[start, end)`` overlaps a span near it (spans sorted, given
    as their starts and ends): the last two beginning at or before ``start``, or the next.

    Only those three are looked at (with overlapping spans, one further back may reach
    ``start`` too). The two begin before ``end``, so they overlap when they end after
    ``start``; the next one overlaps when it begins before ``end``.
    """
    at = bisect_right(span_starts, start)
    return (at < len(span_starts) and span_starts[at] < end) or \
        (at > 0 and start < span_ends[at - 1]) or (at > 1 and start < span_ends[at - 2])


def unclaimed(matches: Iterable[re.Match[str]], url_starts: list[int], url_ends: list[int],
              taken_starts: list[int], taken_ends: list[int]
              ) -> Iterator[tuple[int, int, re.Match[str]]]:
    """``(start, end, match)`` of each match neither inside a web address nor overlapping a
    span taken already (both given as sorted lists of their starts and ends)."""
    for match in matches:
        start, end = match.span()
        if url_starts:
            at = bisect_right(url_starts, start)
            if at and end <= url_ends[at - 1]:
                continue
        if overlapping(taken_starts, taken_ends, start, end):
            continue
        yield start, end, match


def candidates(starts: list[int] | None, name: str) -> list[int] | None:
    """The candidate list ``name`` that a ``scan.StartList`` carries, else ``starts``."""
    part = getattr(starts, name, None)
    return starts if part is None else part


def folded_matches(pattern: re.Pattern[str], folded: str, starts: list[int] | None
                   ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(folded)``, tried only at ``starts`` if given (the same matches)."""
    return pattern.finditer(folded) if starts is None else finditer_at(pattern, folded, starts)

