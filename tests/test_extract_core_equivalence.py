"""The assembly after the finders gives exactly what the code it replaced gave.

``old_*`` below are the routines as they were before the assembly was made faster (one
offset mapping per span, tuples in sets, sorts on attributes); random hits, bodies and
readings (substitutions, spans inside and across them, equal spans, empty spans) must give
equal results from both.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.directory import load_directory
from foia_desk.extract import core
from foia_desk.extract.agencies import Hit, new_hit
from foia_desk.extract.bodies_hit import BodyHit, body_hit
from foia_desk.extract.core_mentions import sorted_mentions
from foia_desk.extract.cues import load_cues
from foia_desk.extract.model import (
    AgencyFinding,
    DateFinding,
    Mention,
    NonFoiaFinding,
)
from foia_desk.extract.reading import Reading, Substitution
from foia_desk.extract.topics import Actor

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Directory
    from foia_desk.extract.cues import Cues

PARENT_CONFIDENCE = core.PARENT_CONFIDENCE
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- the routines as they were -----------------------------------------------------------
def old_mention(reading: Reading, start: int, end: int) -> Mention:
    o_start, o_end = reading.span(start, end)
    return Mention(o_start, o_end, reading.original[o_start:o_end])


def old_resolve_overlaps(hits: list[Hit], bodies: list[BodyHit]
                      ) -> tuple[list[Hit], list[BodyHit]]:
    """Decide between overlapping agency and non-FOIA names.

    A named body or a state/legislative pattern that contains an agency name wins ("Senate
    Homeland Security Committee", "Michigan Department of Health and Human Services"). A
    company, NGO or outlet pattern containing an agency name loses: "Hunter Holmes McGuire
    VA Medical Center" is a VA facility, not a non-profit.
    """
    import bisect

    named = sorted((h for h in hits if h.how != "informal"), key=attrgetter("start"))
    named_starts = [h.start for h in named]
    longest = max((h.end - h.start for h in named), default=0)

    def weak(body: BodyHit) -> bool:
        return body.generic and body.kind in ("ngo", "company", "news_media", "court")

    strong_bodies = []
    for body in bodies:
        lo = bisect.bisect_left(named_starts, body.start - longest)
        hi = bisect.bisect_left(named_starts, body.end)
        touching = [h for h in named[lo:hi] if h.start < body.end and body.start < h.end]
        if not touching:
            strong_bodies.append(body)
            continue
        contains_all = all(body.start <= h.start and h.end <= body.end and
                           (body.end - body.start) > (h.end - h.start) for h in touching)
        if contains_all and not weak(body):
            strong_bodies.append(body)
    # By start, the longer first at one start (two stable sorts on keys read in C).
    strong_bodies.sort(key=attrgetter("end"), reverse=True)
    strong_bodies.sort(key=attrgetter("start"))
    swallowed = old_swallowed(hits, strong_bodies)
    keep_hits = [h for h in hits if id(h) not in swallowed]
    keep_bodies: list[BodyHit] = []
    furthest = -1
    for body in strong_bodies:
        if body.end <= furthest:
            continue  # inside a longer body already kept
        keep_bodies.append(body)
        furthest = max(furthest, body.end)
    return keep_hits, keep_bodies


def old_swallowed(hits: list[Hit], bodies: list[BodyHit]) -> set[int]:
    """``id()`` of each hit lying inside a longer body (``bodies`` sorted by start, the longer
    first at one start).

    One sweep over the hits by start: a body that starts before a hit contains it when it
    reaches the hit's end (and is then longer); one starting at the same place must reach
    further. ``reach`` is the furthest end of the bodies started before the current hit.
    """
    swallowed: set[int] = set()
    reach, index, count = -1, 0, len(bodies)
    for hit in sorted(hits, key=attrgetter("start")):
        while index < count and bodies[index].start < hit.start:
            reach = max(reach, bodies[index].end)
            index += 1
        if reach >= hit.end or (index < count and bodies[index].start == hit.start
                                and bodies[index].end > hit.end):
            swallowed.add(id(hit))
    return swallowed


def oldshort_label(agency: Agency) -> str:
    """How a description names an agency: its first acronym, else its name."""
    if agency.acronyms:
        return agency.acronyms[0]
    return agency.name.removeprefix("U.S. ")


def old_agency_findings(hits: list[Hit], directory: Directory, reading: Reading
                     ) -> list[AgencyFinding]:
    by_id: dict[str, AgencyFinding] = {}
    order: list[str] = []
    seen: set[tuple[str, bool, int, int]] = set()
    for hit in sorted(hits, key=attrgetter("start")):
        agency = directory.agencies.get(hit.agency_id)
        if agency is None:
            continue
        finding = by_id.get(agency.id)
        if finding is None:
            finding = by_id[agency.id] = AgencyFinding(agency.id, agency.name, agency.parent,
                                                       "inferred", 0.0)
            order.append(agency.id)
        mention = old_mention(reading, hit.start, hit.end)
        informal = hit.how == "informal"
        marker = (agency.id, informal, mention.start, mention.end)
        new = marker not in seen
        seen.add(marker)
        if informal:
            if new:
                finding.evidence.append(mention)
            if finding.role != "mentioned":
                finding.confidence = max(finding.confidence, hit.confidence)
        else:
            if finding.role != "mentioned":
                finding.confidence = 0.0
            finding.role = "mentioned"
            if new:
                finding.mentions.append(mention)
            if hit.confidence > finding.confidence:
                finding.confidence = hit.confidence
    for finding in by_id.values():
        if finding.role == "inferred":
            phrases = sorted({m.text.lower() for m in finding.evidence})
            finding.reason = "informal reference: " + ", ".join(f'"{p}"' for p in phrases)
        elif finding.evidence:
            finding.reason = "named in the article (also referred to informally)"
        else:
            finding.reason = "named in the article"
    mentioned = [by_id[i] for i in order if by_id[i].role == "mentioned"]
    inferred = [by_id[i] for i in order if by_id[i].role == "inferred"]
    parents: dict[str, AgencyFinding] = {}
    for child in mentioned:
        parent = directory.parent_of(child.id)
        if parent is None or (parent.id in by_id and by_id[parent.id].role == "mentioned"):
            continue
        if parent.id in by_id:  # informally referred to and parent of a named component
            finding = by_id[parent.id]
            finding.reason += f"; parent of {child.name}"
            continue
        finding = parents.get(parent.id)
        if finding is None:
            finding = parents[parent.id] = AgencyFinding(
                parent.id, parent.name, parent.parent, "parent", PARENT_CONFIDENCE,
                reason=f"parent of {child.name}")
        elif child.name not in finding.reason:
            finding.reason += f", {child.name}"
    return mentioned + inferred + list(parents.values())


def old_body_findings(bodies: list[BodyHit], directory: Directory, cues: Cues, reading: Reading,
                   plain: str, places: list[tuple[int, str, str]],
                   sentences: list[tuple[int, int]]) -> list[NonFoiaFinding]:
    import bisect

    from foia_desk.extract.places import article_state

    main_state = article_state(places)
    found: dict[str, NonFoiaFinding] = {}
    news_names = {b.name.split()[-1]: b.name for b in bodies
                  if b.kind == "news_media" and not b.generic}
    starts = [s for s, _ in sentences]
    place_starts = [pos for pos, _, _ in places]
    records = {b.id: b for b in directory.bodies}
    # The first body (in ``bodies`` order) naming each outlet with an id: looked up once
    # here, where a search of all bodies per generic mention grew with the square.
    first_ids: dict[str, str] = {}
    for other in bodies:
        if other.body_id and other.name not in first_ids:
            first_ids[other.name] = other.body_id
    seen: set[tuple[str, int, int]] = set()
    for body in sorted(bodies, key=lambda b: b.start):
        name = " ".join(body.name.split())
        body_id = body.body_id
        if body.kind == "news_media" and body.generic and name in news_names:
            name = news_names[name]
            body_id = first_ids.get(name)
        record = records.get(body_id) if body_id else None
        kind = directory.kind(body.kind)
        reason = (record.reason if record else "") or (kind.reason if kind else "")
        route = (record.route if record else "") or (kind.route if kind else "")
        if body.kind == "state_local":
            state = body.state
            if state is None:
                index = bisect.bisect_right(starts, body.start) - 1
                s_start, s_end = sentences[index] if index >= 0 else (0, len(plain))
                first = bisect.bisect_left(place_starts, s_start)
                local = places[first][1] if first < len(places) and \
                    places[first][0] < s_end else None
                state = local or main_state
            law = cues.state_law(state)
            if law:
                route = f"Ask under the {law} ({state}). {route}"
        key = (body_id or name).lower()
        if body.body_id in ("local_police", "sheriff", "state_police", "state_government",
                            "local_government", "prosecutor_local", "state_university"):
            key = name.lower() if body.generic else plain[body.start:body.end].lower()
            name = " ".join(plain[body.start:body.end].split()) if not body.generic else name
        finding = found.get(key)
        if finding is None:
            finding = found[key] = NonFoiaFinding(name, body.kind, reason, route, id=body_id)
        mention = old_mention(reading, body.start, body.end)
        if (key, mention.start, mention.end) not in seen:
            seen.add((key, mention.start, mention.end))
            finding.mentions.append(mention)
    return list(found.values())


def old_actors(hits: list[Hit], bodies: list[BodyHit], directory: Directory, plain: str
            ) -> list[Actor]:
    from foia_desk.extract.topics import Actor

    actors = []
    for hit in hits:
        agency = directory.agencies.get(hit.agency_id)
        if agency is None:
            continue
        label = oldshort_label(agency) if hit.how != "informal" else \
            " ".join(plain[hit.start:hit.end].split()).removeprefix("the ").removeprefix("The ")
        actors.append(Actor(hit.start, hit.end, label, agency.id, agency.name,
                            "informal" if hit.how == "informal" else "agency"))
    for body in bodies:
        if body.kind != "court":
            label = " ".join(plain[body.start:body.end].split())
            actors.append(Actor(body.start, body.end, label, None, body.name, body.kind))
    # By start, the longer first at one start: two stable sorts on keys read in C (a tuple
    # per actor from a lambda made the collector's passes dominate on long texts).
    actors.sort(key=attrgetter("end"), reverse=True)
    actors.sort(key=attrgetter("start"))
    deduped: list[Actor] = []
    for actor in actors:
        if deduped and deduped[-1].start == actor.start and deduped[-1].end == actor.end:
            continue
        deduped.append(actor)
    return deduped


# --- random inputs -----------------------------------------------------------------------

DIRECTORY = load_directory()
CUES = load_cues()
AGENCY_IDS = ["usps", "uspis", "usps_oig", "ice", "dhs", "doj_crt", "treasury", "army",
              "no_such_agency"]
BODY_IDS = [None, None, "congress", "federal_courts", "gao", "local_police", "sheriff",
            "state_government", "state_university", "no_such_body"]
BODY_KINDS = ["legislature", "court", "state_local", "news_media", "ngo", "company",
              "white_house", "no_such_kind"]
BODY_NAMES = ["Congress", "the  Post", "Washington Post", "Post", "Ohio Police",
              "Fairfax County\nPolice", "ACLU"]
STATES = [None, None, "Ohio", "Texas", "", "Atlantis"]


@st.composite
def readings(draw) -> Reading:
    """A short original text and substitutions: empty, adjacent, overlapping, lengthening."""
    text = draw(st.text(alphabet="ab T\n", max_size=60))
    subs = []
    for _ in range(draw(st.integers(0, 10))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 6)))
        subs.append(Substitution(start, end, text[start:end],
                                 draw(st.text(alphabet="xyZ ", max_size=5))))
    return Reading(text, subs)


def _spans(draw, size: int, count: int) -> list[tuple[int, int]]:
    return draw(st.lists(st.tuples(st.integers(0, size), st.integers(0, size)), max_size=count)
                .map(lambda spans: [(s, max(s, e)) for s, e in spans]))


@st.composite
def cases(draw):
    reading = draw(readings())
    size = len(reading.text)
    hits = [new_hit(s, e, draw(st.sampled_from(AGENCY_IDS)),
                    draw(st.sampled_from(["name", "acronym", "informal"])),
                    draw(st.sampled_from([0.0, 0.3, 0.5, 0.9, 0.97])))
            for s, e in _spans(draw, size, 14)]
    bodies = [body_hit(s, e, draw(st.sampled_from(BODY_NAMES)), draw(st.sampled_from(BODY_KINDS)),
                       draw(st.sampled_from(BODY_IDS)), draw(st.sampled_from(STATES)),
                       draw(st.booleans()))
              for s, e in _spans(draw, size, 10)]
    places = sorted(draw(st.lists(st.tuples(st.integers(0, size),
                                            st.sampled_from(["Ohio", "Texas"]),
                                            st.sampled_from(["Ohio", "Dallas"])), max_size=4)))
    cuts = sorted(set(draw(st.lists(st.integers(0, size), max_size=5))) | {0, size})
    sentences = list(pairwise(cuts))
    return reading, hits, bodies, places, sentences


# --- the comparisons ---------------------------------------------------------------------

def _mentions_as_listed(findings) -> list:
    """Each finding as its JSON plus its mention lists in their own order (not re-sorted)."""
    return [(f.to_dict(), list(f.mentions), list(getattr(f, "evidence", [])))
            for f in findings]


@SETTINGS
@given(cases())
def test_assembly_as_before(case):
    reading, hits, bodies, places, sentences = case
    plain = reading.text
    old_hits, old_bodies = old_resolve_overlaps(hits, bodies)
    new_hits, new_bodies = core._resolve_overlaps(hits, bodies)
    assert new_bodies == old_bodies
    # The hits now come sorted by start (stably): the old order, sorted.
    assert new_hits == sorted(old_hits, key=attrgetter("start"))
    assert ([id(h) for h in new_hits] ==
            [id(h) for h in sorted(old_hits, key=attrgetter("start"))])
    assert (_mentions_as_listed(core._agency_findings(new_hits, DIRECTORY, reading)) ==
            _mentions_as_listed(old_agency_findings(old_hits, DIRECTORY, reading)))
    assert (_mentions_as_listed(core._agency_findings(hits, DIRECTORY, reading)) ==
            _mentions_as_listed(old_agency_findings(hits, DIRECTORY, reading)))
    assert (_mentions_as_listed(core._body_findings(new_bodies, DIRECTORY, CUES, reading,
                                                    plain, places, sentences)) ==
            _mentions_as_listed(old_body_findings(old_bodies, DIRECTORY, CUES, reading,
                                                  plain, places, sentences)))
    assert (_mentions_as_listed(core._body_findings(bodies, DIRECTORY, CUES, reading,
                                                    plain, places, sentences)) ==
            _mentions_as_listed(old_body_findings(bodies, DIRECTORY, CUES, reading,
                                                  plain, places, sentences)))
    assert (core._actors(new_hits, new_bodies, DIRECTORY, plain) ==
            old_actors(old_hits, old_bodies, DIRECTORY, plain))
    assert core._actors(hits, bodies, DIRECTORY, plain) == old_actors(hits, bodies, DIRECTORY,
                                                                      plain)


@SETTINGS
@given(readings(), st.data())
def test_spans_as_span(reading, data):
    size = len(reading.text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, size + 3), st.integers(0, size + 3)),
                               max_size=30))
    if data.draw(st.booleans()):
        pairs.sort()  # the order the callers use, where stretches are stepped through
    starts, ends = [s for s, _ in pairs], [e for _, e in pairs]
    expected = [reading.span(s, e) for s, e in pairs]
    o_starts, o_ends = reading.spans(starts, ends)
    assert list(zip(o_starts, o_ends, strict=True)) == expected


def test_spans_walk_and_search():
    """Substitutions every few characters: spans stepping one, several and many on."""
    text = "ab " * 400
    subs = [Substitution(i, i + 2, "ab", "xyz" if i % 2 else "") for i in range(0, 1200, 9)]
    reading = Reading(text, subs)
    size = len(reading.text)
    for step in (1, 2, 5, 17, 40, 333):
        pairs = [(s, min(size, s + length)) for s in range(0, size, step)
                 for length in (0, 1, 4, 30, 200)]
        o_starts, o_ends = reading.spans([s for s, _ in pairs], [e for _, e in pairs])
        assert list(zip(o_starts, o_ends, strict=True)) == [reading.span(*p) for p in pairs]


@SETTINGS
@given(readings(), st.data())
def test_topic_and_date_mentions_as_before(reading, data):
    size = len(reading.text)
    lists = data.draw(st.lists(st.lists(st.tuples(st.integers(0, size),
                                                  st.integers(0, size)), max_size=8),
                               max_size=4))
    expected = [sorted({old_mention(reading, s, e) for s, e in spans}) for spans in lists]
    assert sorted_mentions(reading, lists) == expected
    dates = [DateFinding("x", s, max(s, e), date(2020, 1, 2), True, None)
             for spans in lists for s, e in spans]
    old = []
    for found in dates:
        mention = old_mention(reading, found.start, found.end)
        old.append(DateFinding(mention.text, mention.start, mention.end, found.date,
                               found.relative, found.period_end))
    assert core._date_findings(dates, reading) == old


def test_new_mentions_are_mentions():
    made = sorted_mentions(Reading("abc def"), [[(4, 7), (0, 3), (4, 7)]])[0]
    assert made == [Mention(0, 3, "abc"), Mention(4, 7, "def")]
    assert hash(made[0]) == hash(Mention(0, 3, "abc")) and repr(made[1]) == \
        "Mention(start=4, end=7, text='def')"

