"""Find the directory's agencies in an article: by name, acronym or alias, and informally.

This module runs the agency finders in order and keeps the names other modules import
(``agency_index``, ``find_agencies``, ``Hit``...). The order matters: names come first
(their spans rule out acronyms and informal phrases inside them), then acronyms and
handles, inspectors general, "the bureau", and informal references last. The parts:

- :mod:`~foia_desk.extract.agencies_index`: the directory compiled into regexes;
- :mod:`~foia_desk.extract.agencies_hits`: hit records, span and candidate helpers;
- :mod:`~foia_desk.extract.agencies_names`: names in full, inspectors general;
- :mod:`~foia_desk.extract.agscan_acronyms`: acronyms, handles and how sure each is;
- :mod:`~foia_desk.extract.agencies_informal`: informal references and "the bureau";
- :mod:`~foia_desk.extract.agencies_states`: a state written before a name;
- :mod:`~foia_desk.extract.agscan_urls`: web addresses, where names don't count.

On a long text the combined start scan (:class:`foia_desk.extract.scan.StartList`) also
tells where names, informal phrases, the case-sensitive informal phrases ("the Navy"),
web-address hints and the cue words that make an acronym mean something else can start,
so each pattern is tried only there; the results are exactly those of full scans.
"""

from __future__ import annotations

from operator import attrgetter

from foia_desk.extract.agencies_hits import Hit, StateBodyHit, candidates, new_hit
from foia_desk.extract.agencies_index import (
    NAME_PREFIX,
    NAME_PREFIX_LITERALS,
    AgencyIndex,
    ExactPhrases,
    agency_index,
)
from foia_desk.extract.agencies_informal import bureau_hits, informal_hits
from foia_desk.extract.agencies_names import inspector_general_hits, name_hits
from foia_desk.extract.agencies_states import state_words
from foia_desk.extract.agscan_acronyms import acronym_hits, handle_hits
from foia_desk.extract.agscan_urls import url_spans
from foia_desk.extract.cues import Cues

__all__ = ["NAME_PREFIX", "NAME_PREFIX_LITERALS", "AgencyIndex", "ExactPhrases", "Hit",
           "StateBodyHit", "agency_index", "find_agencies", "new_hit"]

_START, _END = attrgetter("start"), attrgetter("end")


def find_agencies(text: str, folded: str, index: AgencyIndex, cues: Cues,
                  starts: list[int] | None = None) -> tuple[list[Hit], list[StateBodyHit]]:
    """All agency hits and state-prefixed look-alikes.

    ``text`` is the reading in plain characters, ``folded`` the same in lower case.
    ``starts`` (from :mod:`foia_desk.extract.scan`) lists every position where a folded
    name or informal phrase can match; without it the folded text is scanned in full. A
    ``scan.StartList`` also tells where the rarer patterns can match (see there).

    Web addresses are found once, here, and handed to each finder as the sorted lists of
    their starts and ends, on which "inside a web address?" is a bisection.
    """
    states = state_words(cues)
    urls = url_spans(text, getattr(starts, "url_hints", None))
    url_starts, url_ends = [s for s, _ in urls], [e for _, e in urls]
    hits, state_hits, taken, full_named = name_hits(text, folded, index, states, url_starts,
                                                    url_ends, candidates(starts, "names"))
    # The agencies named by a hit other than an informal one or an acronym in a shouted
    # line, and those named by such an acronym: kept as the hits are made.
    confirmed, caps_ids = set(full_named), set()
    taken.sort()
    for hit in acronym_hits(text, index, cues, url_starts, url_ends, taken, full_named,
                            getattr(starts, "avoid_words", None)):
        hits.append(hit)
        (caps_ids if hit.caps_only else confirmed).add(hit.agency_id)
    for found in (inspector_general_hits(text, hits, index), handle_hits(text, index)):
        hits.extend(found)
        confirmed.update(h.agency_id for h in found)
    found = bureau_hits(text, hits, index)
    hits.extend(found)
    confirmed.update(h.agency_id for h in found)
    spans = taken + list(zip(map(_START, hits), map(_END, hits), strict=True))
    spans.sort()
    hits.extend(informal_hits(text, folded, index, url_starts, url_ends, spans, states,
                              starts))
    # An acronym seen only in shouted lines counts if the agency is named otherwise too.
    if caps_ids <= confirmed:
        return hits, state_hits
    return [h for h in hits if not h.caps_only or h.agency_id in confirmed], state_hits
