"""Where each case-sensitive pattern of the non-FOIA body finders can start: one pass.

The body patterns run over the text as written, and nearly all start with a capital, so
each full ``finditer`` would try its pattern at every capital of the text. Every match,
though, contains a literal word at a known distance from its start (a name's first word,
"Sen", "ommittee"...): :class:`BodyScan` lists those words for every pattern, and one
Aho-Corasick pass (:class:`~foia_desk.extract.bodies_anchors.AnchorScan`) gives each
pattern its candidate starts. ``BodyScan.patterns`` names the patterns each scan's
candidates are for; ``tests/test_extract_bodies_filters.py`` checks that trying them only
there gives exactly the matches of full scans.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable

from foia_desk.extract.bodies_anchors import Anchor, AnchorScan, phrase_anchors
from foia_desk.extract.bodies_courts import JUDGE_WORD
from foia_desk.extract.bodies_government import (
    COMMITTEE_WORD,
    GOVERNOR,
    HOUSE_COMMITTEE,
    LOCAL_ACRONYM,
    MEMBER,
    state_patterns,
)
from foia_desk.extract.bodies_index import BodyIndex
from foia_desk.extract.bodies_named import OUTLET_WORDS, TOLD, every
from foia_desk.extract.bodies_suffix import UNIVERSITY_WORD
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import plain_chars


class BodyScan:
    """Where each case-sensitive pattern of the body finders can start: one pass.

    Each pattern is listed with the literal words its matches contain and how far before
    them a match can start (see :mod:`foia_desk.extract.bodies_anchors`); a pattern is then
    tried only at those candidates, with exactly the matches of a full ``finditer``.
    """

    def __init__(self, index: BodyIndex, cues: Cues) -> None:
        self.cues = cues  # (not the index: the cache below holds it weakly)
        anchors = [
            *phrase_anchors(_keys(index.exact), "exact"),
            *phrase_anchors(_keys(index.suffix), "suffix"),
            *phrase_anchors(_keys(cues.words("congress", "groups")), "groups"),
            # The state patterns start with a trie of the state names as written.
            *phrase_anchors(sorted(cues.states), "state"),
            # A member's title: "Sen." or "Senator", not "Senate"...
            *(Anchor(title, "member") for title in ("Sen.", "Sens.", "Senator", "Rep.", "Reps.",
                                                    "Representative", "Congressman",
                                                    "Congresswoman", "Congressmember")),
            Anchor("Gov", "governor"),
            Anchor("Judge", "judge"),
            Anchor("University", "university"),
            # Each of these words is followed by a blank ("per" alone is in "paper"...).
            *(Anchor(word + blank, "told") for word in ("told", "according", "reported",
                                                        "confirmed", "per") for blank in " \t"),
            Anchor("interview", "told", before=("in", "an")),  # "in" is everywhere
            Anchor("ommittee", "committee", backs=(4, 1)),  # [Ss]ubc-, [Cc]-
            Anchor("Caucus", "committee"),
            *(Anchor(word, "chamber") for word in ("House", "Senate", "Joint")),
            *(Anchor(word, "acronym", backs=tuple(range(1, 6))) for word in ("DOT", "PD", "DPS")),
            Anchor("outlet", "outlet"),
            Anchor("newspaper", "newspaper"),
            # Every occurrence of a one-word outlet name, for "the Post" after a full name.
            *(Anchor(word, "news " + word) for word in sorted(index.news_words)
              if not any(c.isspace() for c in word)),
        ]
        self.anchors = AnchorScan(anchors)
        # The patterns each scan's candidates are for (what a full ``finditer`` would run).
        self.patterns: dict[str, list[re.Pattern[str]]] = {
            "exact": [index.exact_re], "suffix": [index.suffix_re],
            "groups": [index.groups_re.pattern],
            "state": list(state_patterns(cues)),
            "member": [MEMBER], "governor": [GOVERNOR], "judge": [JUDGE_WORD],
            "university": [UNIVERSITY_WORD], "told": [TOLD],
            "committee": [COMMITTEE_WORD], "chamber": [HOUSE_COMMITTEE],
            "acronym": [LOCAL_ACRONYM], "outlet": [OUTLET_WORDS["outlet"]],
            "newspaper": [OUTLET_WORDS["newspaper"]],
            **{scan: [every(scan.removeprefix("news "))]
               for scan in self.anchors.scans if scan.startswith("news ")},
        }


def _keys(phrases: Iterable[str]) -> list[str]:
    """Phrases as ``compile_phrases(..., ignore_case=False)`` builds its trie from them."""
    return sorted({" ".join(plain_chars(p).split()) for p in phrases})


_SCANS: weakref.WeakKeyDictionary[BodyIndex, BodyScan] = weakref.WeakKeyDictionary()


def body_scan(index: BodyIndex, cues: Cues) -> BodyScan:
    """The :class:`BodyScan` for ``index`` and ``cues`` (built once)."""
    scan = _SCANS.get(index)
    if scan is None or scan.cues is not cues:
        scan = _SCANS[index] = BodyScan(index, cues)
    return scan
