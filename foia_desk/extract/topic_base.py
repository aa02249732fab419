"""Shared pieces of topic finding: actors, candidates, cue patterns and small helpers.

Cue patterns that start at a word are written with ``topic_skip.word_start`` (same matches,
but Python's ``re`` jumps to their first letters); ``actors_by_sentence`` groups the actors
of all sentences in one walk.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import le
from typing import NamedTuple

from foia_desk.extract.matcher import CaseFree
from foia_desk.extract.model import DateFinding
from foia_desk.extract.topic_skip import word_start

STOP = frozenset([
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "its", "their", "his", "her", "our", "this", "that", "these", "those", "which", "who", "as",
    "is", "are", "was", "were", "be", "been", "it", "they", "he", "she", "we", "also", "any",
    "all", "such", "about", "more", "other", "different", "some", "many", "much", "own", "via",
    "like", "than", "into", "onto", "upon", "over", "under",
])
VERBS = frozenset([
    "runs", "expires", "ends", "began", "begins", "starts", "covers", "remains", "took", "takes",
    "would", "should", "might", "must", "can",
    "stated", "said", "says", "say", "shows", "showed", "show", "revealed", "reveals", "obtained",
    "reviewed", "requesting", "requested", "asking", "asked", "which", "that", "who", "was",
    "were", "is", "are", "has", "have", "had", "found", "finds", "concluded", "told", "tells",
    "noted", "includes", "include", "including", "included", "sent", "wrote", "issued", "signed",
    "notes", "claimed", "claims", "called", "calls", "describing", "described", "warned", "warns",
    "urged", "urges", "demanding", "demanded", "seeking", "sought,", "will", "would", "could",
    "according",
])
# Patterns starting with "\b" are written with ``word_start`` (see ``topic_skip``): the
# same matches, but Python's re skips to their first letters instead of trying each position.
_GAP = r"[ \t]+"
PROGRAM = CaseFree("(?P<noun>" + word_start("program", "programme", "initiative", "pilot")
                   + r")s?\b")
TASK_FORCE = CaseFree(word_start(r"task[ \t-]+force") + r"\b")
OPERATION_NAME = re.compile(r"\bOperation[ \t]+(?P<name>[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})")
EVENT = re.compile("(?P<noun>" + word_start(
    "raids?", "sweeps?", "busts?", "operations?", "surges?", "blitz", "seizures?", "shootings?",
    "explosions?", "crash(?:es)?", "outages?", "spills?", "fires?", "seized?", "Seized?",
    "raided", "Raided", "raid", "Raid", cased=True) + r")\b")
VERB_NOUN = {"seize": "seizure", "seized": "seizure", "raided": "raid"}
PLACE = re.compile(word_start("in", "at", "near", "outside", "across") + r"[ \t]+(?:the[ \t]+)?"
                   r"(?P<place>[A-Z][\w'.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'.-]*){0,3})")
# CaseFree: the IGNORECASE patterns run as lower-case ones over lower-cased ASCII sentences.
COMMUNICATION = CaseFree(
    "(?P<det>" + word_start("an?", "the", "their", "its", "his", "her", r"a[ \t]+series[ \t]+of")
    + r")[ \t]+"
    r"(?P<mods>(?:[\w'-]+[ \t]+){0,2}?)"
    r"(?P<noun>e-?mails?|letters?|memos?|memorandum(?![ \t]+of[ \t]+(?:understanding|"
    r"agreement))|memoranda|text[ \t]+messages|directives?|"
    r"briefings?|slide[ \t]+decks?|presentations?|cables?|correspondence|bulletins?|"
    r"internal[ \t]+reports?|audit[ \t]+reports?|complaints?|reports?|audits?|"
    r"reviews?|assessments?|notices?|filings?|detainers?|declarations?)\b"
    r"(?![ \t-]+(?:carriers?|box(?:es)?|grade|of[ \t]+credit|size|opener|writers?))")
FINDING = re.compile(r"^[^;]{0,160}?\b(?:found|concluded|showed|shows|finds|says|revealed)"
                      r"[ \t]+(?:(?:last|this)[ \t]+\w+[ \t]+)?(?:that[ \t]+)?"
                      # up to the sentence's end, reading through initials ("U.S. citizens")
                      r"(?P<what>(?:(?:[A-Z]\.){2,}|[^.;])+)")
NEEDS_AUTHOR = frozenset(["detainer", "detainers", "declaration", "declarations",
    "report", "reports", "audit", "audits", "review", "reviews", "assessment", "assessments",
    "notice", "notices", "filing", "filings", "complaint", "complaints",
])
SEND_VERBS = ("sent", "wrote", "issued", "signed", "circulated", "drafted")  # SEND needs one
SEND = re.compile(r"\b(?P<who>[\w'’-]+(?:[ \t]+[\w'’-]+)?)[ \t]+(?:sent|wrote|issued|signed|"
                   r"circulated|drafted)\b")
DATA = CaseFree(word_start("data", "information", "records", "addresses", "logs", "footage",
                           "metadata", "database", "numbers", "histories", "recordings",
                           "images", "photos") + r"\b")
# (One alternative per kind of data, in the order of the pattern they were written as.)
_HELD = r"(?:data|information|records|histories|logs|footage|numbers|images|recordings|scans)\b"
DATA_TYPES = CaseFree(word_start(
    *(f"{kind}{_GAP}addresses\\b" for kind in ("ip", "e-?mail", "home", "mailing", "mac")),
    *(f"{kind}{_GAP}numbers\\b" for kind in (f"social{_GAP}security", "passport", "phone",
                                            "license")),
    f"dates{_GAP}of{_GAP}birth\\b", f"names{_GAP}and{_GAP}addresses\\b",
    f"tax{_GAP}returns\\b", f"location{_GAP}history\\b", f"mug{_GAP}shots\\b",
    f"license{_GAP}plate{_GAP}reads\\b",
    *(f"{whose}{_GAP}(?:data|information|records|addresses)\\b" for whose in (
        "taxpayer", "tenant", "customer", "passenger", "student", "patient", "voter")),
    *(f"{kind}{_GAP}{_HELD}" for kind in (
        "tracking", "location", "subscriber", "account", "payment", "financial", "biometric",
        f"license{_GAP}plate", f"cell{_GAP}site", "geolocation", "travel", "passenger",
        f"credit{_GAP}card", f"payment{_GAP}card", "phone", "call", "browsing", "search",
        "medical", "tax", "immigration", "criminal", "arrest", f"social{_GAP}media",
        f"facial{_GAP}recognition", "fingerprint", "dna", "purchase", "banking", "surveillance",
        "camera", f"body{_GAP}camera", "drone"))))
ACCESS = CaseFree(word_start(
    "access", "request(?:s|ed|ing)?", "shar(?:e|ed|ing)", "obtain(?:s|ed)?",
    "collect(?:s|ed|ing)?", r"hand(?:ed)?[ \t]+over", r"turn(?:ed)?[ \t]+over",
    "provid(?:e|ed|ing)", "purchas(?:e|ed|ing)", "bought", "buy(?:s|ing)?", "subpoena(?:s|ed)?",
    "want(?:s|ed)?", "seek(?:s|ing)?", "sought", "gather(?:s|ed)?", "receiv(?:e|es|ed|ing)",
    "track(?:s|ed|ing)?", "monitor(?:s|ed|ing)?") + r"\b")
POLICY = re.compile("(?P<noun>" + word_start(
    "polic(?:y|ies)", "regulations?", "guidelines?", "procedures?", "agreements?",
    r"memorand(?:um|a)[ \t]+of[ \t]+(?:understanding|agreement)", "MOUs?", "contracts?",
    "protocols?", "rules", *(f"{stage}{_GAP}rules?" for stage in (
        "final", "interim", "proposed", "new", "draft")), cased=True) + r")\b")
# A number not inside another, not a year: the checks follow its first digit (as
# look-behinds), so Python's re skips straight to the digits.
STATISTIC = re.compile(r"(?P<num>\d(?<![\d,.$]\d)(?<!\w\d)(?!(?<=1)9\d\d\b|(?<=2)0\d\d\b)"
                       r"[\d,.]*)[ \t]*"
                       r"(?:%|percent|per[ \t]+cent|"
                        r"(?:[\w-]+[ \t]+){0,2}(?:people|persons|immigrants|arrests|requests|"
                        r"cases|complaints|incidents|searches|detainees|deaths|times|"
                        r"applications|warrants|flights|individuals|migrants|aliens|"
                        r"employees|agents|officers|records|dollars|million|billion))\b")
PRONOUN = frozenset(["they", "he", "she", "it", "we"])


@dataclass
class Actor:
    """An agency or group named in the text, for writing descriptions."""

    start: int
    end: int
    label: str
    agency_id: str | None = None
    name: str = ""  # the agency's full name, to resolve "the bureau" or "the department"
    kind: str = "agency"  # "agency" | "informal" | a non-FOIA kind ("legislature", "ngo", ...)


def agencies_only(actors: list[Actor]) -> list[Actor]:
    return [a for a in actors if a.agency_id]


@dataclass
class Candidate:
    key: str
    kind: str
    text: str
    agencies: list[str]
    sentences: list[tuple[int, int]]
    dates: list[DateFinding] = field(default_factory=list)
    confidence: float = 0.6
    place: str = ""  # an event's place as written ("Colorado Springs")


class Repeat(NamedTuple):
    """A topic a finder found again: its key is one ``find_topics`` has already.

    ``find_topics`` keeps the first topic's description and only adds the new sentence,
    its dates and ``agencies``, so a finder returns just these for a repeat instead of
    writing a description (and building a ``Candidate``) that would be dropped.
    """

    key: str
    agencies: list[str]


# Initials such as "U.S." end in a full stop without ending the phrase.
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")


def clip(words: list[str], limit: int, *, stop_at_verbs: bool = True,
         stop_at_punctuation: bool = True) -> str:
    out: list[str] = []
    for word in words[:limit]:
        if out and stop_at_verbs and word.strip(",.;:\"'“”()").lower() in VERBS:
            break
        out.append(word)
        if stop_at_punctuation and word[-1:] in ",.;:\"”)" and not _INITIALS.fullmatch(word):
            break
    text = " ".join(out).strip(" ,.;:\"“”()")
    # Trailing stop words go one by one, each drop splitting and re-joining the text: the
    # same as popping them from one word list and joining once (the text is untouched if
    # none goes).
    kept = text.split()
    if kept and kept[-1].lower() in STOP:
        while kept and kept[-1].lower() in STOP:
            kept.pop()
        text = " ".join(kept)
    return text


def actors_in(actors: list[Actor], start: int, end: int) -> list[Actor]:
    """Actors inside ``[start, end)``; ``actors`` is sorted by start."""
    starts = _starts(actors)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [a for a in actors[lo:hi] if a.end <= end]


def in_order(sentences: list[tuple[int, int]]) -> bool:
    """Whether the spans are in order without overlaps (each ends before the next starts)."""
    bounds = list(chain.from_iterable(sentences))
    return all(map(le, bounds, islice(bounds, 1, None)))


def actors_by_sentence(actors: list[Actor], sentences: list[tuple[int, int]],
                       ordered: bool | None = None) -> tuple[list[list[Actor]], list[bool]]:
    """``actors_in`` of every sentence, and whether it names an agency (``agency_id``).

    Most sentences are looked at (for cue words, or as the sentence before one), so one walk
    through both lists beats a bisection per sentence. The walk needs ``actors`` sorted by
    start and the sentences in order without overlaps (as ``sentence_spans`` gives them);
    otherwise ``actors_in`` is asked sentence by sentence. ``ordered`` is
    ``in_order(sentences)`` if the caller has it already.
    """
    starts = [actor.start for actor in actors]
    if ordered is None:
        ordered = in_order(sentences)
    if not ordered or not all(map(le, starts, islice(starts, 1, None))):
        grouped = [actors_in(actors, start, end) for start, end in sentences]
        return grouped, [any(actor.agency_id for actor in group) for group in grouped]
    grouped = [[] for _ in sentences]
    with_agency = [False] * len(sentences)
    number, count = 0, len(sentences)
    for actor in actors:
        while number < count and sentences[number][1] <= actor.start:
            number += 1  # the first sentence ending after the actor's start
        if number == count:
            break
        start, end = sentences[number]
        if start <= actor.start and actor.end <= end:
            grouped[number].append(actor)
            if actor.agency_id:
                with_agency[number] = True
    return grouped, with_agency


STARTS: dict[int, tuple[list, list[int]]] = {}


def _starts(items: list) -> list[int]:
    """Start offsets of ``items`` (sorted by start), computed once per list per run.

    The cache keeps the list itself, so a recycled ``id`` can never return stale offsets;
    ``find_topics`` clears it when done.
    """
    cached = STARTS.get(id(items))
    if cached is None or cached[0] is not items or len(cached[1]) != len(items):
        cached = STARTS[id(items)] = (items, [item.start for item in items])
    return cached[1]


def ids_of(actors: list[Actor]) -> list[str]:
    seen: list[str] = []
    for actor in actors:
        if actor.agency_id and actor.agency_id not in seen:
            seen.append(actor.agency_id)
    return seen


def actor_before(actors: list[Actor], pos: int, within: int = 45) -> Actor | None:
    best = None
    for actor in actors:
        if actor.end <= pos and pos - actor.end <= within:
            best = actor
    return best


def earlier_actors(actors: list[Actor], position: int, limit: int = 60) -> list[Actor]:
    """Up to ``limit`` agencies named before ``position``, nearest last."""
    starts = _starts(actors)
    end = bisect.bisect_left(starts, position)
    return [a for a in actors[max(0, end - limit):end] if a.agency_id]


def actor_after(actors: list[Actor], pos: int, within: int = 30) -> Actor | None:
    return next((a for a in actors if a.start >= pos and a.start - pos <= within), None)


def dates_in(dates: list[DateFinding], start: int, end: int) -> list[DateFinding]:
    """Dates inside ``[start, end)``; ``dates`` is sorted by start."""
    starts = _starts(dates)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [d for d in dates[lo:hi] if d.end <= end]

