"""``extract()``: run every finder over the normalised reading and assemble the findings.

On a long text the assembly handles thousands of hits, bodies, dates and sentences, so it
works in bulk: the spans of a finder are mapped to the original text in one call
(``Reading.spans``), mentions are made without the frozen dataclass's ``__init__``
(``core_mentions``), overlaps are settled with prefix maxima and one walk instead of a
search per hit, and sorts and duplicate checks use integer keys compared in C. The
non-FOIA findings are in ``core_bodies``.
"""

from __future__ import annotations

import gc
import sys
from bisect import bisect_left
from datetime import date
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, gt, ne, sub
from typing import TYPE_CHECKING

from foia_desk.extract.core_bodies import body_findings as _body_findings
from foia_desk.extract.core_mentions import sorted_mentions
from foia_desk.extract.despin import normalise_spun
from foia_desk.extract.matcher import fold_plain, plain_chars
from foia_desk.extract.model import (
    AgencyFinding,
    DateFinding,
    Findings,
    SpunInfo,
    Topic,
    new_mention,
)
from foia_desk.extract.reading import Reading

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Directory
    from foia_desk.extract.agencies import Hit
    from foia_desk.extract.nonfoia import BodyHit
    from foia_desk.extract.topic_base import Candidate
    from foia_desk.extract.topics import Actor

# The finders (agencies, nonfoia, places, dates, topics, ...) are imported inside the
# functions that run them: ``import foia_desk.extract`` then stays cheap for code that only
# reads findings, such as the window unpickling a result from its loader process.

MAX_TEXT_CHARS = 20_000_000
PARENT_CONFIDENCE = 0.4
COMBINED_SCAN_CHARS = 100_000

# Sort keys read in C (a lambda costs a Python call per item).
_start = attrgetter("start")
_end = attrgetter("end")


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
    from foia_desk.extract.scan import built_phrase_starts, phrase_starts
    from foia_desk.extract.sentences import sentence_spans
    from foia_desk.extract.topics import find_topics

    directory = directory or load_directory()
    cues = load_cues()
    spun = normalise_spun(text)
    reading = spun.reading
    plain = plain_chars(reading.text)
    folded = fold_plain(plain)
    agencies_ix, bodies_ix = agency_index(directory, cues), body_index(directory, cues)
    # One combined scan (built once per process, ~28 ms) replaces five full scans and is
    # about twice as fast. A short article in a process that has not built it yet (a
    # one-off CLI run) is scanned in full instead, sparing it the build; the matches are
    # the same either way (tests/test_extract_agscan_equivalence.py).
    scan = built_phrase_starts(directory, agencies_ix, bodies_ix)
    if scan is None and len(folded) >= COMBINED_SCAN_CHARS:
        scan = phrase_starts(directory, agencies_ix, bodies_ix)
    starts = scan.starts(folded) if scan is not None else None
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
    date_findings = _date_findings(dates, reading)
    place_names = sorted({name.lower() for _, _, name in places})
    candidates = find_topics(plain, sentences, actors, dates, place_names)
    topics = _topics(candidates, directory, reading)
    info = SpunInfo(spun.detected, spun.score, sum(1 for s in spun.substitutions
                                                   if s.source == "spinner"))
    return Findings(text, agencies, non_foia, topics, date_findings, info, article_date)


def _topics(candidates: list[Candidate], directory: Directory, reading: Reading
            ) -> list[Topic]:
    """The candidate topics, numbered, with their evidence sentences in the original."""
    from foia_desk.extract.topics import date_range

    topics = []
    mention_lists = sorted_mentions(reading, [cand.sentences for cand in candidates])
    for number, (cand, mentions) in enumerate(zip(candidates, mention_lists, strict=True), 1):
        agency_ids = [a for a in dict.fromkeys(cand.agencies) if a in directory.agencies]
        topics.append(Topic(f"t{number}", cand.kind, cand.text, agency_ids, date_range(cand),
                            mentions, cand.confidence))
    return topics


def _date_findings(dates: list[DateFinding], reading: Reading) -> list[DateFinding]:
    """The dates found in the reading, with text and offsets of the original."""
    original = reading.original
    o_starts, o_ends = reading.spans(list(map(_start, dates)), list(map(_end, dates)))
    return [DateFinding(original[start:end], start, end, found.date, found.relative,
                        found.period_end)
            for found, start, end in zip(dates, o_starts, o_ends, strict=True)]


def _resolve_overlaps(hits: list[Hit], bodies: list[BodyHit]
                      ) -> tuple[list[Hit], list[BodyHit]]:
    """Decide between overlapping agency and non-FOIA names; both come back sorted by start.

    A named body or a state/legislative pattern that contains an agency name wins ("Senate
    Homeland Security Committee", "Michigan Department of Health and Human Services"). A
    company, NGO or outlet pattern containing an agency name loses: "Hunter Holmes McGuire
    VA Medical Center" is a VA facility, not a non-profit.

    The hits keep their order at one start (a stable sort), which is all the later steps
    depend on: they sort by start themselves, and then find the sorted list already sorted.
    """
    hits = sorted(hits, key=_start)
    named = [h for h in hits if h.how != "informal"]
    named_starts = list(map(_start, named))
    named_ends = list(map(_end, named))
    longest = max(map(sub, named_ends, named_starts), default=0)
    # reach[k]: the furthest end of named[:k]. A body touches a name iff some name starting
    # before the body's end reaches past its start; most bodies touch none, and that takes
    # one binary search and one comparison to rule out.
    reach = list(accumulate(named_ends, max, initial=-sys.maxsize))

    def weak(body: BodyHit) -> bool:
        return body.generic and body.kind in ("ngo", "company", "news_media", "court")

    strong_bodies = []
    for body, hi in zip(bodies, map(bisect_left, repeat(named_starts), map(_end, bodies)),
                        strict=True):
        if reach[hi] <= body.start:
            strong_bodies.append(body)
            continue
        lo = bisect_left(named_starts, body.start - longest)
        touching = [h for h in named[lo:hi] if h.start < body.end and body.start < h.end]
        if not touching:
            strong_bodies.append(body)
            continue
        contains_all = all(body.start <= h.start and h.end <= body.end and
                           (body.end - body.start) > (h.end - h.start) for h in touching)
        if contains_all and not weak(body):
            strong_bodies.append(body)
    # By start, the longer first at one start (two stable sorts on keys read in C).
    strong_bodies.sort(key=_end, reverse=True)
    strong_bodies.sort(key=_start)
    body_ends = list(map(_end, strong_bodies))
    # furthest[k]: the furthest end of the bodies before the k-th (-1 before the first).
    furthest = list(accumulate(body_ends, max, initial=-1))
    keep_hits = _unswallowed(hits, list(map(_start, strong_bodies)), body_ends, furthest)
    # A body is kept unless it lies inside a longer one kept before it (one that starts
    # earlier or at the same place: then it is the longer), that is unless it ends at or
    # before the furthest end so far.
    keep_bodies = list(compress(strong_bodies, map(gt, body_ends, furthest)))
    return keep_hits, keep_bodies


def _unswallowed(hits: list[Hit], body_starts: list[int], body_ends: list[int],
                 furthest: list[int]) -> list[Hit]:
    """The hits (sorted by start) not lying inside a longer body.

    The bodies are sorted by start, the longer first at one start; ``furthest[k]`` is the
    furthest end of the first ``k``. One walk over both lists: ``index`` counts the bodies
    starting before the hit. One of them contains the hit when it reaches the hit's end
    (it is then longer); of those starting with the hit, the first (the longest) must reach
    further.
    """
    kept: list[Hit] = []
    keep = kept.append
    starts = [*body_starts, sys.maxsize]  # the last stops the walk
    ends = [*body_ends, -1]
    index = 0
    for hit in hits:
        start = hit.start
        while starts[index] < start:
            index += 1
        end = hit.end
        if furthest[index] < end and (starts[index] != start or ends[index] <= end):
            keep(hit)
    return kept


def short_label(agency: Agency) -> str:
    """How a description names an agency: its first acronym, else its name."""
    if agency.acronyms:
        return agency.acronyms[0]
    return agency.name.removeprefix("U.S. ")


def _agency_findings(hits: list[Hit], directory: Directory, reading: Reading
                     ) -> list[AgencyFinding]:
    """The agencies named (with mentions) or only suggested (with evidence), and parents."""
    agencies = directory.agencies
    known = [hit for hit in hits if hit.agency_id in agencies]
    starts = list(map(_start, known))
    if any(map(gt, starts, starts[1:])):  # _resolve_overlaps gives them sorted already
        known.sort(key=_start)
        starts = list(map(_start, known))
    o_starts, o_ends = reading.spans(starts, list(map(_end, known)))
    original = reading.original
    by_id: dict[str, AgencyFinding] = {}  # in the order of the first hit
    by_hit_id: dict[str, AgencyFinding] = {}  # the same, by the id a hit gives
    # A mention is listed once per agency and kind (named or informal). Mapped starts never
    # decrease, so equal mentions are neighbours in a run of equal starts: only within
    # such a run (rare) are the earlier ones compared. ``run`` is the index of its first.
    run, run_start = 0, -1
    for index, (hit, o_start, o_end) in enumerate(zip(known, o_starts, o_ends, strict=True)):
        finding = by_hit_id.get(hit.agency_id)
        if finding is None:
            agency = agencies[hit.agency_id]
            finding = by_id.get(agency.id)
            if finding is None:
                finding = by_id[agency.id] = AgencyFinding(agency.id, agency.name,
                                                           agency.parent, "inferred", 0.0)
            by_hit_id[hit.agency_id] = finding
        informal = hit.how == "informal"
        if o_start != run_start:
            run, run_start = index, o_start
            new = True
        else:
            new = not any(o_ends[other] == o_end and
                          (known[other].how == "informal") == informal and
                          by_hit_id[known[other].agency_id] is finding
                          for other in range(run, index))
        if new:
            mention = new_mention(o_start, o_end, original[o_start:o_end])
        if informal:
            if new:
                finding.evidence.append(mention)
            if finding.role != "mentioned" and hit.confidence > finding.confidence:
                finding.confidence = hit.confidence
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
    mentioned = [f for f in by_id.values() if f.role == "mentioned"]
    inferred = [f for f in by_id.values() if f.role == "inferred"]
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


def _actors(hits: list[Hit], bodies: list[BodyHit], directory: Directory, plain: str
            ) -> list[Actor]:
    """The agencies and bodies named, by start (the longer first), one per span."""
    from foia_desk.extract.topics import Actor

    agencies = directory.agencies
    # Per id a hit gives: the agency's label, id and name, or None if not in the directory.
    known: dict[str, tuple[str, str, str] | None] = {}
    written: dict[str, str] = {}  # a name as written -> its words single-spaced
    actors = []
    add = actors.append
    # Each actor's sort key, start * width - end: by start, the longer first at one start
    # (0 <= end < width: hits and bodies are spans of ``plain``), the same key for the same
    # span. One sort of plain integers replaces two sorts on attributes, and equal spans
    # are found by comparing keys.
    width = len(plain) + 1
    keys = []
    add_key = keys.append
    for hit in hits:
        try:
            agency_info = known[hit.agency_id]
        except KeyError:
            agency = agencies.get(hit.agency_id)
            agency_info = known[hit.agency_id] = None if agency is None else \
                (short_label(agency), agency.id, agency.name)
        if agency_info is None:
            continue
        label, agency_id, agency_name = agency_info
        start, end = hit.start, hit.end
        if hit.how != "informal":
            add(Actor(start, end, label, agency_id, agency_name, "agency"))
        else:
            name = plain[start:end]
            label = written.get(name)
            if label is None:
                label = written[name] = " ".join(name.split())
            add(Actor(start, end, label.removeprefix("the ").removeprefix("The "), agency_id,
                      agency_name, "informal"))
        add_key(start * width - end)
    for body in bodies:
        if body.kind != "court":
            start, end = body.start, body.end
            name = plain[start:end]
            label = written.get(name)
            if label is None:
                label = written[name] = " ".join(name.split())
            add(Actor(start, end, label, None, body.name, body.kind))
            add_key(start * width - end)
    order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: equal spans keep order
    ordered_keys = list(map(keys.__getitem__, order))
    # One actor per span: the first of each run of equal keys.
    firsts = compress(order[1:], map(ne, ordered_keys[1:], ordered_keys))
    return list(map(actors.__getitem__, chain(order[:1], firsts)))
