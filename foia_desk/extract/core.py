"""``extract()``: run every finder over the normalised reading and assemble the findings."""

from __future__ import annotations

import gc
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

from foia_desk.extract.despin import normalise_spun
from foia_desk.extract.matcher import fold_plain, plain_chars
from foia_desk.extract.model import (
    AgencyFinding,
    DateFinding,
    Findings,
    Mention,
    NonFoiaFinding,
    SpunInfo,
    Topic,
)
from foia_desk.extract.reading import Reading

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Directory
    from foia_desk.extract.agencies import Hit
    from foia_desk.extract.cues import Cues
    from foia_desk.extract.nonfoia import BodyHit
    from foia_desk.extract.topics import Actor

# The finders (agencies, nonfoia, places, dates, topics, ...) are imported inside the
# functions that run them: ``import foia_desk.extract`` then stays cheap for code that only
# reads findings, such as the window unpickling a result from its loader process.

MAX_TEXT_CHARS = 20_000_000
PARENT_CONFIDENCE = 0.4
COMBINED_SCAN_CHARS = 100_000


def extract(text: str, article_date: date | None = None, *,
            directory: Directory | None = None) -> Findings:
    """Agencies, non-FOIA bodies, topics, dates and a spin score for one article.

    Offsets in every mention point into ``text`` exactly as given. Pure apart from loading
    the (cached) directory and cue files.
    """
    if not isinstance(text, str):
        raise TypeError("extract() needs the article text as a str")
    # A long text makes tens of thousands of small objects, all alive until the findings
    # are built and none in a reference cycle, so the cyclic collector's passes during the
    # run (a few per cent of the time, more on megabytes) would free nothing. It is paused
    # and, if it was running, resumed afterwards (another thread pausing it meanwhile at
    # worst sees it resumed early).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, article_date, directory)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str, article_date: date | None, directory: Directory | None) -> Findings:
    from foia_desk.directory import load_directory
    from foia_desk.extract.agencies import agency_index, find_agencies
    from foia_desk.extract.cues import load_cues
    from foia_desk.extract.dates import find_dates
    from foia_desk.extract.nonfoia import BodyHit, body_index, find_bodies
    from foia_desk.extract.places import place_states
    from foia_desk.extract.scan import phrase_starts
    from foia_desk.extract.sentences import sentence_spans
    from foia_desk.extract.topics import date_range, find_topics

    directory = directory or load_directory()
    cues = load_cues()
    spun = normalise_spun(text)
    reading = spun.reading
    plain = plain_chars(reading.text)
    folded = fold_plain(plain)
    agencies_ix, bodies_ix = agency_index(directory, cues), body_index(directory, cues)
    # On a long text one combined scan (compiled once, ~25 ms) replaces five full scans;
    # a short article is scanned in full (same matches), sparing a one-off run the compile.
    starts = phrase_starts(directory, agencies_ix, bodies_ix).starts(folded) \
        if len(folded) >= COMBINED_SCAN_CHARS else None
    hits, state_hits = find_agencies(plain, folded, agencies_ix, cues, starts)
    bodies = find_bodies(plain, folded, bodies_ix, cues, starts)
    bodies.extend(BodyHit(h.start, h.end, plain[h.start:h.end], "state_local", state=h.state,
                          generic=True) for h in state_hits)
    hits, bodies = _resolve_overlaps(hits, bodies)
    places = place_states(plain, cues)
    dates = find_dates(plain, article_date, folded=folded, word_starts=starts)
    sentences = sentence_spans(plain)
    agencies = _agency_findings(hits, directory, reading)
    non_foia = _body_findings(bodies, directory, cues, reading, plain, places, sentences)
    actors = _actors(hits, bodies, directory, plain)
    place_names = sorted({name.lower() for _, _, name in places})
    candidates = find_topics(plain, sentences, actors, dates, place_names)
    topics = []
    for number, cand in enumerate(candidates, 1):
        mentions = sorted({_mention(reading, s, e) for s, e in cand.sentences})
        agency_ids = [a for a in dict.fromkeys(cand.agencies) if a in directory.agencies]
        topics.append(Topic(f"t{number}", cand.kind, cand.text, agency_ids, date_range(cand),
                            mentions, cand.confidence))
    date_findings = []
    for found in dates:
        mention = _mention(reading, found.start, found.end)
        date_findings.append(DateFinding(mention.text, mention.start, mention.end, found.date,
                                         found.relative, found.period_end))
    info = SpunInfo(spun.detected, spun.score, sum(1 for s in spun.substitutions
                                                   if s.source == "spinner"))
    return Findings(text, agencies, non_foia, topics, date_findings, info, article_date)


def _mention(reading: Reading, start: int, end: int) -> Mention:
    o_start, o_end = reading.span(start, end)
    return Mention(o_start, o_end, reading.original[o_start:o_end])


def _resolve_overlaps(hits: list[Hit], bodies: list[BodyHit]
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
    swallowed = _swallowed(hits, strong_bodies)
    keep_hits = [h for h in hits if id(h) not in swallowed]
    keep_bodies: list[BodyHit] = []
    furthest = -1
    for body in strong_bodies:
        if body.end <= furthest:
            continue  # inside a longer body already kept
        keep_bodies.append(body)
        furthest = max(furthest, body.end)
    return keep_hits, keep_bodies


def _swallowed(hits: list[Hit], bodies: list[BodyHit]) -> set[int]:
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


def short_label(agency: Agency) -> str:
    """How a description names an agency: its first acronym, else its name."""
    if agency.acronyms:
        return agency.acronyms[0]
    return agency.name.removeprefix("U.S. ")


def _agency_findings(hits: list[Hit], directory: Directory, reading: Reading
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
        mention = _mention(reading, hit.start, hit.end)
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


def _body_findings(bodies: list[BodyHit], directory: Directory, cues: Cues, reading: Reading,
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
        mention = _mention(reading, body.start, body.end)
        if (key, mention.start, mention.end) not in seen:
            seen.add((key, mention.start, mention.end))
            finding.mentions.append(mention)
    return list(found.values())


def _actors(hits: list[Hit], bodies: list[BodyHit], directory: Directory, plain: str
            ) -> list[Actor]:
    from foia_desk.extract.topics import Actor

    actors = []
    for hit in hits:
        agency = directory.agencies.get(hit.agency_id)
        if agency is None:
            continue
        label = short_label(agency) if hit.how != "informal" else \
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
