"""Mentions of the original text for many spans of the reading at once (topic evidence).

A megabyte of article gives thousands of names, dates and evidence sentences, each reported
as a ``Mention`` of the original text. ``Reading.spans`` maps all the spans in one call,
and the mentions are made with ``model.new_mention`` (a Mention without the frozen
dataclass's costly ``__init__``), as the agency and body findings make theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from foia_desk.extract.model import Mention, new_mention
from foia_desk.extract.reading import Reading


def new_mentions(original: str, starts: Sequence[int], ends: Sequence[int]) -> list[Mention]:
    """``Mention(start, end, original[start:end])`` for each pair of original offsets."""
    made: list[Mention] = []
    add = made.append
    for start, end in zip(starts, ends, strict=True):
        add(new_mention(start, end, original[start:end]))
    return made


def sorted_mentions(reading: Reading, span_lists: list[list[tuple[int, int]]]
                    ) -> list[list[Mention]]:
    """``sorted({mention of each span})`` for each list of reading spans.

    The spans of all the lists are mapped in one pass in text order (the spans of one list,
    such as a topic's evidence sentences, lie far apart; in text order each is a step from
    the one before). Two mentions are equal, and ordered, as their ``(start, end)`` (the
    text follows from the offsets), so the pairs are deduplicated and sorted as plain
    tuples, compared in C, instead of hashing and comparing mentions through the
    dataclass's Python methods.
    """
    # By start only: integers compare much faster than pairs, and spans maps any order.
    every = sorted({span for spans in span_lists for span in spans}, key=itemgetter(0))
    o_starts, o_ends = reading.spans([start for start, _ in every], [end for _, end in every])
    original_span = dict(zip(every, zip(o_starts, o_ends, strict=True), strict=True))
    made = []
    for spans in span_lists:
        distinct = sorted(set(map(original_span.__getitem__, spans)))
        made.append(new_mentions(reading.original, [start for start, _ in distinct],
                                 [end for _, end in distinct]))
    return made
