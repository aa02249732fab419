"""Bodies federal FOIA does not reach: Congress, courts, state and local bodies, the press,
NGOs and companies, found by name (``non_foia.toml``) and by pattern (``extract_cues.toml``).

This module runs the body finders in order and keeps the names other modules import
(``body_index``, ``find_bodies``, ``BodyHit``, ``BodyIndex``). The parts:

- :mod:`~foia_desk.extract.bodies_index`: the directory and cues compiled into regexes;
- :mod:`~foia_desk.extract.bodies_hit`: the hit record and its fast constructor;
- :mod:`~foia_desk.extract.bodies_scan`: where each case-sensitive pattern can start;
- :mod:`~foia_desk.extract.bodies_named`: bodies by name, and outlets referred to again;
- :mod:`~foia_desk.extract.bodies_suffix`: a capitalised run and a suffix word, universities;
- :mod:`~foia_desk.extract.bodies_government`: Congress, state and local government;
- :mod:`~foia_desk.extract.bodies_courts`: judges and courts;
- helpers: ``bodies_anchors`` (the one-pass literal scan), ``bodies_runs`` (the run
  before a word, read backwards), ``bodies_states`` (a state word before a member).

Speed. The lower-case names and judges' titles are tried only where the ``scan`` module
says a phrase starts; the case-sensitive patterns only where one Aho-Corasick pass for
their literal words puts a start. Each gives exactly the results of the plain scans and
searches it replaces.
"""

from __future__ import annotations

from foia_desk.extract.agencies_hits import candidates, folded_matches
from foia_desk.extract.bodies_courts import court_hits, merge_generic_courts
from foia_desk.extract.bodies_government import government_hits, state_demotions
from foia_desk.extract.bodies_hit import BodyHit
from foia_desk.extract.bodies_index import BodyIndex, body_index
from foia_desk.extract.bodies_named import (
    named_hits,
    outlet_anaphors,
    short_outlet_names,
    told_hits,
)
from foia_desk.extract.bodies_runs import RunsBefore
from foia_desk.extract.bodies_scan import body_scan
from foia_desk.extract.bodies_suffix import suffix_hits, university_hits
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import finditer_at

__all__ = ["BodyHit", "BodyIndex", "body_index", "find_bodies"]


def find_bodies(text: str, folded: str, index: BodyIndex, cues: Cues,
                starts: list[int] | None = None) -> list[BodyHit]:
    """Named and pattern-found non-FOIA bodies (``folded`` is ``text`` in lower case).

    ``starts`` lists every position where a folded name or judge's title can match (see
    :mod:`foia_desk.extract.scan`; a ``scan.StartList`` carries a list for each of the
    two); without it the folded text is scanned in full. The
    case-sensitive patterns are tried only where one pass for their literal words puts a
    start (see :class:`~foia_desk.extract.bodies_scan.BodyScan`).
    """
    scan = body_scan(index, cues)
    at = scan.anchors.candidates(text)
    hits: list[BodyHit] = []
    found = folded_matches(index.folded_re, folded, candidates(starts, "bodies"))
    named_hits(hits, text, found, index, index.folded, True)
    named_hits(hits, text, finditer_at(index.exact_re, text, at["exact"]), index,
               index.exact, False)
    named = len(hits)
    runs = RunsBefore(text)  # the capitalised run before a suffix word, read backwards
    hits.extend(suffix_hits(text, index, cues, at["suffix"], runs))
    hits.extend(government_hits(text, index, cues, at, runs))
    hits.extend(court_hits(text, folded, index, at["judge"], candidates(starts, "judges")))
    hits.extend(told_hits(text, index, at["told"]))
    hits.extend(university_hits(text, cues, at["university"], runs))
    # Only names from the directory (the hits so far, all before "runs") have short forms.
    hits.extend(short_outlet_names(text, hits[:named], index, at))
    hits.extend(outlet_anaphors(text, hits, at))
    return merge_generic_courts(state_demotions(text, hits, cues))
