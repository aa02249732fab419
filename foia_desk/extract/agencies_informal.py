"""Agencies referred to informally: "postal inspectors", "the Navy", "the feds", "the bureau".

Informal phrases match the folded reading (lower-case phrases) or the text as written
(capitalised ones, "the Navy": in lower case they are ordinary words), outside web
addresses, the names found and any phrase after a state ("state inspectors"). On a long
text each pattern is tried only where the combined start scan found its phrases' literal
starts (``scan.StartList``), with exactly the matches of a full scan.

"the bureau" counts when its antecedent is clear (:func:`bureau_hits`). The word is
searched for as a literal (with its "\\b" before it checked behind it), which Python's
``re`` finds fast, and the named hits before it are found by bisection, not by reading
every hit before each: that made a long text quadratic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter, itemgetter

from foia_desk.extract.agencies_hits import (
    Hit,
    candidates,
    folded_matches,
    new_hit,
    unclaimed,
)
from foia_desk.extract.agencies_index import AgencyIndex
from foia_desk.extract.agencies_states import StateWords
from foia_desk.extract.matcher import finditer_at

_START, _END = attrgetter("start"), attrgetter("end")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)

# Lower-case "bureau" (a name would be capitalised); "the" before it is checked afterwards.
# Written to start with the literal word (its "\b" before checked behind it), which a
# search finds fast, where a start on "b" was tried at every "b".
_THE_BUREAU = re.compile(r"bureau(?<!\wbureau)\b(?!'?s?[ \t]+of\b)")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*[ \t\n]+[\"'“‘(]?[A-Z]")
BUREAU_CONFIDENCE = 0.6


def bureau_hits(text: str, hits: list[Hit], index: AgencyIndex) -> list[Hit]:
    """"the bureau" when its antecedent is clear, else nothing.

    Clear means: every agency named from the start of the previous sentence up to "the
    bureau" is one and the same, and its name contains "Bureau".
    """
    if "bureau" not in text:
        return []
    named = [h for h in hits if h.how != "informal"]
    named.sort(key=_START)
    ends = list(map(_END, named))
    starts = list(map(_START, named))
    out = []
    for match in _THE_BUREAU.finditer(text):
        if text[max(0, match.start() - 4):match.start()].lower() != "the ":
            continue
        last = bisect_right(ends, match.start())
        nearest = index.directory.agencies.get(named[last - 1].agency_id) if last else None
        if nearest is None or "Bureau" not in nearest.name:
            continue  # cheap test first: the nearest agency named must be a bureau
        window_start = match.start()
        for _ in range(2):  # back to the start of the previous sentence
            ends_before = list(_SENTENCE_END.finditer(text, max(0, window_start - 600),
                                                      window_start))
            window_start = ends_before[-1].start() + 1 if ends_before else \
                max(0, window_start - 600)
        # (``named`` is sorted by start: the hits from ``window_start`` on, found by bisection,
        # not by reading every hit before; that made a long text quadratic)
        first = bisect_left(starts, window_start)
        ids = {h.agency_id for h in named[first:last]}
        if len(ids) != 1:
            continue
        agency = index.directory.agencies.get(next(iter(ids)))
        if agency is not None and "Bureau" in agency.name:
            out.append(Hit(match.start(), match.end(), agency.id, "name", BUREAU_CONFIDENCE))
    return out


def informal_hits(text: str, folded: str, index: AgencyIndex, url_starts: list[int],
                  url_ends: list[int], taken: list[tuple[int, int]], states: StateWords,
                  starts: list[int] | None = None) -> list[Hit]:
    """Informal references outside web addresses and names found, not after a state."""
    hits: list[Hit] = []
    taken_starts, taken_ends = list(map(_FIRST, taken)), list(map(_SECOND, taken))
    # The case-sensitive phrases ("the Navy") start where the combined scan's automaton
    # found their lower-case form, if it tells (see scan.PhraseStarts.starts).
    exact_starts = getattr(starts, "exact_informal", None)
    exact = index.exact_informal_finder.finditer(text) if exact_starts is None else \
        finditer_at(index.exact_informal_re, text, exact_starts)
    folded_found = folded_matches(index.informal_re, folded, candidates(starts, "informal"))
    for found, table in ((folded_found, index.informal_keys), (exact, index.exact_informal)):
        for start, end, match in unclaimed(found, url_starts, url_ends, taken_starts,
                                           taken_ends):
            ids = table.get(" ".join(match.group("m").split()), ())
            if ids and states.before(text, start) is None:
                for agency_id in ids:
                    hits.append(new_hit(start, end, agency_id, "informal", 0.55))
    return hits
