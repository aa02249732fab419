"""Agencies named in full: names with their "U.S.", and the inspectors general named after one.

A name matches on the folded reading (``AgencyIndex.names_re``) and counts unless it lies
in a web address, is part of a larger body ("Committee on Homeland Security", "Homeland
Security Committee") or follows a state ("Colorado Department of Labor", then a
:class:`~foia_desk.extract.agencies_hits.StateBodyHit`). How sure a name is depends on how
it is written: capitalised (0.97), lower case but long (0.85), or short and lower case
(0.5, "informal").

The loop runs once per match (thousands in a long text), so its checks are inline and
cheapest first: the web-address test is a bisection on lists of ints, the larger-body
search before the name runs only when the two characters before it can end such a phrase,
what depends only on the name is looked up in ``index.name_table``, and the capitalisation
of a name as written is worked out once per spelling. Inspectors general ("the Justice
Department's Office of the Inspector General") are looked for only after hits ending where
an "nspector" (a fast literal search) can follow.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from foia_desk.directory import Agency
from foia_desk.extract.agencies_hits import Hit, StateBodyHit, folded_matches, new_hit
from foia_desk.extract.agencies_index import SMALL_WORDS, AgencyIndex
from foia_desk.extract.agencies_states import StateWords

_LARGER_BEFORE = re.compile(
    r"(?:Committee|Subcommittee|Caucus|Council|Commission|Division|Department|Office|Bureau|"
    r"Board|Center|Institute|Task Force|Service|Agency)[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?$")
_LARGER_AFTER = re.compile(r"[ \t]+(?:Committee|Subcommittee|Caucus|Council|Bank)\b")
_BLANK = frozenset(" \t")
# The last character of "of", "on", "for" or "the", or a blank (of a longer run of blanks).
_LARGER_TAIL = frozenset("fnre \t")
_WORD_SEPARATORS = re.compile(r"[\s-]+")


def _capitalised(matched: str) -> bool:
    """Whether every word of ``matched`` but the small ones starts with a capital."""
    words = [w for w in _WORD_SEPARATORS.split(matched) if w and w.lower() not in SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _continuation_end(text: str, end: int) -> int:
    """End of a longer proper name ("... of Labor and Employment") continuing at ``end``."""
    match = re.compile(r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2})"
                       ).match(text, end)
    return match.end() if match else end


def name_hits(text: str, folded: str, index: AgencyIndex, states: StateWords,
              url_starts: list[int], url_ends: list[int], starts: list[int] | None
              ) -> tuple[list[Hit], list[StateBodyHit], list[tuple[int, int]], set[str]]:
    """Names (with their "U.S."), state-prefixed look-alikes, the spans both take and the
    agencies named in full."""
    hits: list[Hit] = []
    state_hits: list[StateBodyHit] = []
    taken: list[tuple[int, int]] = []
    full_named: set[str] = set()
    table = index.name_table
    capitals: dict[str, bool] = {}  # a name as written -> capitalised or all capitals
    for match in folded_matches(index.names_re, folded, starts):
        start, end = match.span()
        name = match.group("m")
        entry = table.get(name) or table.get(" ".join(name.split()))
        if entry is None:
            continue
        m_start = match.start("m")
        pre = match.group("pre")
        if pre == "us" and text[start:start + 2] != "US":
            pre, start = None, m_start  # "us", the pronoun
        has_prefix = pre is not None
        ids = entry[0] if has_prefix else entry[1]
        if not ids:
            continue
        if url_starts:
            at = bisect_right(url_starts, start)
            if at and end <= url_ends[at - 1]:
                continue
        # _LARGER_BEFORE ends in "of"/"on"/"for"/"the" and blanks right at ``before``: the
        # two characters there are tested first, sparing most searches.
        before = start if has_prefix else m_start
        if text[before - 1:before] in _BLANK and text[before - 2:before - 1] in _LARGER_TAIL \
                and _LARGER_BEFORE.search(text, max(0, m_start - 40), before):
            continue
        if _LARGER_AFTER.match(text, end):
            continue
        matched = text[m_start:end]
        if not has_prefix and matched[:1].isupper():
            state = states.before(text, start)
            if state is not None:
                state_hits.append(StateBodyHit(state[0], _continuation_end(text, end), state[1]))
                taken.append((start, end))
                continue
        capital = capitals.get(matched)
        if capital is None:
            capital = capitals[matched] = _capitalised(matched) or matched.isupper()
        if capital:
            confidence, how = 0.97, "name"
        elif entry[2]:
            confidence, how = 0.85, "name"
        else:
            confidence, how = 0.5, "informal"
        for agency_id in ids:
            hits.append(new_hit(start, end, agency_id, how, confidence))
        if how == "name":
            full_named.update(ids)
        taken.append((start, end))
    return hits, state_hits, taken, full_named


_OIG_AFTER = re.compile(r"(?:'s?)?[ \t]+(?:[Oo]ffice[ \t]+of[ \t]+(?:the[ \t]+)?)?"
                        r"[Ii]nspector[ \t]+[Gg]eneral\b(?:'s[ \t]+[Oo]ffice\b)?")


def inspector_general_hits(text: str, hits: list[Hit], index: AgencyIndex) -> list[Hit]:
    """"the Justice Department's Office of the Inspector General" names DOJ's OIG."""
    ends = _oig_ends(text)
    if not ends:
        return []
    out = []
    oig_of: dict[str, Agency | None] = {}  # an agency's inspector general, looked up once
    for hit in [h for h in hits if h.end in ends]:
        match = _OIG_AFTER.match(text, hit.end)
        if not match or hit.how == "informal":
            continue
        if hit.agency_id not in oig_of:
            oig_of[hit.agency_id] = next(
                (child for child in index.directory.children_of(hit.agency_id)
                 if "inspector general" in child.name.lower()), None)
        oig = oig_of[hit.agency_id]
        if oig is not None:
            out.append(Hit(hit.start, match.end(), oig.id, "name", 0.95))
    return out


# What _OIG_AFTER reads before its "[Ii]nspector": "'s", blanks and "office of the".
_OIG_LEAD = frozenset("'s \tOoficeth")


def _oig_ends(text: str) -> set[int]:
    """Where a hit must end for _OIG_AFTER to match there: inside the run of _OIG_LEAD
    characters before an "nspector" (which holds none of them), at least one before it.

    A few hundred positions, found from the rare "nspector" (a fast search), spare trying
    the pattern after each of thousands of hits.
    """
    ends: set[int] = set()
    found = text.find("nspector")
    while found >= 0:
        first = found - 1  # the "I" of "Inspector"
        lead = first
        while lead > 0 and text[lead - 1] in _OIG_LEAD:
            lead -= 1
        ends.update(range(lead, first))
        found = text.find("nspector", found + 8)
    return ends

