"""Courts and judges: judges' titles, a judge named in person, and "the courts" in general.

The lower-case titles ("federal judge", "the courts") match the folded reading where the
combined start scan says a phrase starts; they name no court, so each is reported as
``GENERIC_COURTS`` and later joined to the court the article names nearest before it
(:func:`merge_generic_courts`), so each court is reported once. A judge named in person
("U.S. District Judge Jane Roe") is found from the word "Judge", which one Aho-Corasick
pass locates (see :class:`~foia_desk.extract.bodies_scan.BodyScan`): the titles before it
are read backwards from there by a search in a short window, not by trying the full
pattern at every capital.
"""

from __future__ import annotations

import bisect
import re

from foia_desk.extract.bodies_hit import BodyHit, body_hit
from foia_desk.extract.bodies_index import BodyIndex
from foia_desk.extract.matcher import AFTER_FIRST_LETTER, finditer_at

GENERIC_COURTS = "Federal and state courts"
_JUDGE = re.compile(r"\b(?:(?:U\.S\.|Chief|Federal|Senior)[ \t]+)?(?:District[ \t]+|Circuit[ \t]+|"
                    r"Magistrate[ \t]+|Bankruptcy[ \t]+)?Judge\s+(?:[A-Z][\w.'-]*\s+){0,2}"
                    r"[A-Z][\w'-]+")
# "Judge" with its "\b" before checked after its first letter (AFTER_FIRST_LETTER), so a
# search skips to its "J"; tried only where the word occurs (see BodyScan).
JUDGE_WORD = re.compile(r"J" + AFTER_FIRST_LETTER + r"udge\b")
_JUDGE_BEFORE = re.compile(r"(?:(?:U\.S\.|Chief|Federal|Senior)[ \t]+)?(?:(?:District|Circuit|"
                           r"Magistrate|Bankruptcy)[ \t]+)?$")


def court_hits(text: str, folded: str, index: BodyIndex, at_judge: list[int],
               starts: list[int] | None) -> list[BodyHit]:
    """Judges' titles in ``folded`` (tried at ``starts`` if given), then judges named in
    person (``at_judge``: where "Judge" can start)."""
    hits: list[BodyHit] = []
    judges = index.judges_re.finditer(folded) if starts is None else \
        finditer_at(index.judges_re, folded, starts)
    for match in judges:
        hits.append(body_hit(match.start(), match.end(), GENERIC_COURTS, "court", generic=True))
    for anchor in finditer_at(JUDGE_WORD, text, at_judge):
        back = _JUDGE_BEFORE.search(text, max(0, anchor.start() - 30), anchor.start())
        start = back.start() if back else anchor.start()
        match = _JUDGE.match(text, start)
        if match:
            hits.append(body_hit(match.start(), match.end(), match.group(0), "court",
                                 generic=True))
    return hits


def merge_generic_courts(hits: list[BodyHit]) -> list[BodyHit]:
    """"the courts" or "a judge" in an article that names a court is about that court.

    Generic court words join the nearest court named before them (else the first named
    after), so each court is reported once; judges named in person stay as they are.
    """
    candidates = sorted((h for h in hits if h.kind == "court" and h.name != GENERIC_COURTS
                         and "Judge" not in h.name),
                        key=lambda h: (h.start, h.start - h.end, h.body_id is None))
    named: list[BodyHit] = []
    for hit in candidates:  # of names found twice over one span, the directory's wins
        if not named or hit.start >= named[-1].end:
            named.append(hit)
    if not named:
        return hits
    starts = [h.start for h in named]
    out = []
    for hit in hits:
        if hit.kind == "court" and hit.name == GENERIC_COURTS:
            before = bisect.bisect_right(starts, hit.start)
            target = named[before - 1] if before else named[0]
            hit = body_hit(hit.start, hit.end, target.name, target.kind, target.body_id,
                           target.state, target.generic)
        out.append(hit)
    return out
