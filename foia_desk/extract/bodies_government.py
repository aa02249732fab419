"""Congress, state and local government found by pattern: members, committees, governors,
state bodies ("Oklahoma Department of Emergency Management"), local acronyms ("NYPD").

A member of Congress or a group of lawmakers after "state" or a state's name belongs to
that state's legislature (:func:`state_demotions`); a committee counts as Congress's only
when named with House or Senate, or near a member or the word Congress; "Washington
Bureau" is a newsroom, not a state body.

Speed: every pattern here would start at every capital (or, for the state patterns, at
the first letter of every state name); instead each is tried only where one Aho-Corasick
pass found the literal words its matches contain (see
:class:`~foia_desk.extract.bodies_scan.BodyScan`, which lists the patterns below). The run
of capitalised words before "Committee" is read backwards
(:class:`~foia_desk.extract.bodies_runs.RunsBefore`), and a state word before a member is
ruled out by a quick test before its search
(:func:`~foia_desk.extract.bodies_states.state_word_before`). The patterns built from the
cues' states are compiled once per cues object.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from foia_desk.extract.agencies_cache import per_cues
from foia_desk.extract.bodies_hit import BodyHit, body_hit
from foia_desk.extract.bodies_index import BodyIndex
from foia_desk.extract.bodies_runs import RunsBefore
from foia_desk.extract.bodies_states import state_word_before
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import AFTER_FIRST_LETTER, finditer_at, trie_pattern
from foia_desk.extract.places import clean_run

MEMBER = re.compile(
    r"\b(?P<title>Sens?\.|Senators?|Reps?\.|Representatives?|Congress(?:wo)?man|Congressmember)"
    r"\s+(?P<name>(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'-]+)"
    r"(?:[ \t]*\([DRI]-[A-Z][\w.]*\))?")
# "Gov." or "Governor" with its "\b" before checked after its first letter.
GOVERNOR = re.compile(r"G" + AFTER_FIRST_LETTER
                      + r"ov(?:\.|ernor)\s+(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'-]+")
_COMMITTEE = re.compile(r"(?P<run>(?:[A-Z][\w'.&-]*[ \t]+(?:(?:of|and|on|for|the|&)[ \t]+)?){1,6})"
                        r"(?P<kind>[Cc]ommittee|[Ss]ubcommittee|Caucus)\b")
COMMITTEE_WORD = re.compile(r"\b(?:[Cc]ommittee|[Ss]ubcommittee|Caucus)\b")
_CONGRESS_NEAR = re.compile(r"\b(?:Sens?\.|Reps?\.)|\b(?:Senator|Representative|Congress\w*|"
                            r"House|Senate|lawmakers?)\b")

LOCAL_ACRONYM = re.compile(r"\b(?:[A-Z][a-z]{1,4}|[A-Z]{1,4})(?<!US)(?P<kind>DOT|PD|DPS)\b")
_STATE_OFFICIAL = re.compile(r"(?:attorney[ \t]+general|governor|secretary[ \t]+of[ \t]+state|"
                             r"legislature|state[ \t]+senate|general[ \t]+assembly|Gov\.)",
                             re.IGNORECASE)
HOUSE_COMMITTEE = re.compile(
    r"\b(?:House|Senate|Joint)[ \t]+(?:(?:Permanent[ \t]+)?Select[ \t]+|Special[ \t]+)?"
    r"(?:Committee|Subcommittee)[ \t]+on[ \t]+(?:the[ \t]+)?[A-Z][\w'-]*"
    r"(?:,?[ \t]+(?:(?:and|&|of|the)[ \t]+)*[A-Z][\w'-]*){0,5}")


def government_hits(text: str, index: BodyIndex, cues: Cues, at: dict[str, list[int]],
                    runs: RunsBefore) -> list[BodyHit]:
    """State bodies, local acronyms, committees, members, governors and groups of
    lawmakers, tried at the candidates ``at`` of :class:`BodyScan` (in that order)."""
    agency, named = state_patterns(cues)
    hits = _state_agency_hits(finditer_at(agency, text, at["state"]))
    hits.extend(_state_named_hits(cues, finditer_at(named, text, at["state"])))
    hits.extend(_whole(finditer_at(LOCAL_ACRONYM, text, at["acronym"]), "state_local"))
    hits.extend(_whole(finditer_at(HOUSE_COMMITTEE, text, at["chamber"]), "legislature"))
    hits.extend(_committee_hits(text, at["committee"], runs))
    hits.extend(_whole(finditer_at(MEMBER, text, at["member"]), "legislature"))
    hits.extend(_whole(finditer_at(GOVERNOR, text, at["governor"]), "state_local"))
    for match in finditer_at(index.groups_re.pattern, text, at["groups"]):
        hits.append(body_hit(match.start(), match.end(), "U.S. Congress", "legislature",
                             "congress", generic=True))
    return hits


def _whole(matches: Iterator[re.Match[str]], kind: str) -> list[BodyHit]:
    """A body of ``kind`` named by each match as written."""
    return [body_hit(m.start(), m.end(), m.group(0), kind, generic=True) for m in matches]


def _committee_hits(text: str, starts: list[int], runs: RunsBefore) -> list[BodyHit]:
    """Committees of Congress: named with House/Senate, or next to a member of Congress.

    ``starts``: where "Committee", "subcommittee" or "Caucus" can start.
    """
    hits = []
    for anchor in finditer_at(COMMITTEE_WORD, text, starts):
        before = runs.run_before(anchor.start(), 90)
        match = _COMMITTEE.match(text, before[0] if before else anchor.start())
        if not match:
            continue
        run = clean_run(match.group("run"))
        if not run:
            continue
        start = match.end("run") - len(match.group("run")) + match.group("run").find(run)
        window = text[max(0, match.start() - 200):match.end() + 100]
        chamber = run.split()[0] in ("House", "Senate", "Joint")
        if match.group("kind")[:1].islower() and not chamber:
            continue  # "a steering committee": only a House or Senate one is Congress
        if chamber or _CONGRESS_NEAR.search(window):
            hits.append(body_hit(start, match.end(), f"{run} {match.group('kind')}",
                                 "legislature", generic=True))
    return hits


def _state_agency_hits(matches: Iterator[re.Match[str]]) -> list[BodyHit]:
    """"Oklahoma Department of Emergency Management", "Texas Board of Pardons and Paroles"."""
    return [body_hit(m.start(), m.end(), m.group(0), "state_local", state=m.group("state"),
                     generic=True) for m in matches]


_STATE_PATTERNS: dict[int, tuple[Cues, tuple[re.Pattern[str], re.Pattern[str]]]] = {}


def state_patterns(cues: Cues) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two patterns starting with a state name, compiled once per cues object: a state,
    an office word and "of" ("Texas Board of Pardons and Paroles"); a state, up to four
    capitalised words and an office word, or a state official ("Ohio State Highway
    Patrol", "Texas attorney general")."""
    return per_cues(_STATE_PATTERNS, cues, _state_patterns)


def _state_patterns(cues: Cues) -> tuple[re.Pattern[str], re.Pattern[str]]:
    states = trie_pattern(sorted(cues.states), guard_class=r"\w")  # "\b" before a name
    agency = re.compile(
        r"(?P<state>" + states + r")(?:'s)?[ \t]+(?:State[ \t]+)?"
        r"(?:Department|Division|Office|Bureau|Agency|Commission|Board|Authority|"
        r"Administration|Council)[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?"
        r"[A-Z][\w'-]*(?:,?[ \t]+(?:(?:and|&|of|for)[ \t]+)?[A-Z][\w'-]*){0,5}")
    named = re.compile(
        r"(?P<state>" + states + r")(?:'s)?[ \t]+(?:"
        r"(?:[A-Z][\w'-]*[ \t]+){0,4}(?:Agency|Commission|Board|Authority|Department|Division|"
        r"Bureau|Patrol|Police|Council|Office)\b|"
        r"(?i:" + _STATE_OFFICIAL.pattern + r"))")
    return agency, named


def _state_named_hits(cues: Cues, matches: Iterator[re.Match[str]]) -> list[BodyHit]:
    """State bodies named by the state plus an office word, and state officials."""
    hits: list[BodyHit] = []
    for match in matches:
        state = match.group("state")
        if state == "Washington" and not match.group(0).startswith("Washington State"):
            continue  # "Washington Bureau" is usually a newsroom in the capital
        hits.append(body_hit(match.start(), match.end(), match.group(0), "state_local",
                             state=state if state in cues.states else None, generic=True))
    return hits


def state_demotions(text: str, hits: list[BodyHit], cues: Cues) -> list[BodyHit]:
    """Members and groups preceded by "state" or a state name belong to a state legislature."""
    state_before = state_word_before(cues)  # place_patterns(cues)[1], with a quick test
    out = []
    for hit in hits:
        if hit.kind == "legislature" and hit.generic:
            match = state_before.search(text, hit.start)
            if match:
                state = match.group(1) if match.group(1) in cues.states else None
                out.append(body_hit(hit.start, hit.end, f"{(state or 'State')} legislature "
                                    f"({text[hit.start:hit.end]})", "state_local",
                                    state=state, generic=True))
                continue
        out.append(hit)
    return out
