"""Shared pieces of topic finding: actors, candidates, cue patterns and small helpers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from foia_desk.extract.matcher import CaseFree
from foia_desk.extract.model import DateFinding

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
PROGRAM = re.compile(r"\b(?P<noun>program|programme|initiative|pilot)s?\b", re.IGNORECASE)
TASK_FORCE = re.compile(r"\btask[ \t-]+force\b", re.IGNORECASE)
OPERATION_NAME = re.compile(r"\bOperation[ \t]+(?P<name>[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})")
EVENT = re.compile(r"\b(?P<noun>raids?|sweeps?|busts?|operations?|surges?|blitz|seizures?|"
                    r"shootings?|explosions?|crash(?:es)?|outages?|spills?|fires?|"
                    r"[Ss]eized?|[Rr]aided|[Rr]aid)\b")
VERB_NOUN = {"seize": "seizure", "seized": "seizure", "raided": "raid"}
PLACE = re.compile(r"\b(?:in|at|near|outside|across)[ \t]+(?:the[ \t]+)?"
                   r"(?P<place>[A-Z][\w'.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'.-]*){0,3})")
# CaseFree: the IGNORECASE patterns run as lower-case ones over lower-cased ASCII sentences.
COMMUNICATION = CaseFree(
    r"\b(?P<det>an?|the|their|its|his|her|a[ \t]+series[ \t]+of)[ \t]+"
    r"(?P<mods>(?:[\w'-]+[ \t]+){0,2}?)"
    r"(?P<noun>e-?mails?|letters?|memos?|memorandum(?![ \t]+of[ \t]+(?:understanding|"
    r"agreement))|memoranda|text[ \t]+messages|directives?|"
    r"briefings?|slide[ \t]+decks?|presentations?|cables?|correspondence|bulletins?|"
    r"internal[ \t]+reports?|audit[ \t]+reports?|complaints?|reports?|audits?|"
    r"reviews?|assessments?|notices?|filings?|detainers?|declarations?)\b"
    r"(?![ \t-]+(?:carriers?|box(?:es)?|grade|of[ \t]+credit|size|opener|writers?))")
FINDING = re.compile(r"^[^;]{0,160}?\b(?:found|concluded|showed|shows|finds|says|revealed)"
                      r"[ \t]+(?:(?:last|this)[ \t]+\w+[ \t]+)?(?:that[ \t]+)?(?P<what>[^.;]+)")
NEEDS_AUTHOR = frozenset(["detainer", "detainers", "declaration", "declarations",
    "report", "reports", "audit", "audits", "review", "reviews", "assessment", "assessments",
    "notice", "notices", "filing", "filings", "complaint", "complaints",
])
SEND_VERBS = ("sent", "wrote", "issued", "signed", "circulated", "drafted")  # SEND needs one
SEND = re.compile(r"\b(?P<who>[\w'’-]+(?:[ \t]+[\w'’-]+)?)[ \t]+(?:sent|wrote|issued|signed|"
                   r"circulated|drafted)\b")
DATA = CaseFree(r"\b(?:data|information|records|addresses|logs|footage|metadata|database|"
                   r"numbers|histories|recordings|images|photos)\b")
DATA_TYPES = CaseFree(r"\b(?:ip|e-?mail|home|mailing|mac)[ \t]+addresses\b|"
                        r"\b(?:social[ \t]+security|passport|phone|license)[ \t]+numbers\b|"
                        r"\bdates[ \t]+of[ \t]+birth\b|\bnames[ \t]+and[ \t]+addresses\b|"
                        r"\b(?:tax[ \t]+returns|location[ \t]+history|mug[ \t]+shots|"
                        r"license[ \t]+plate[ \t]+reads)\b|"
                        r"\b(?:taxpayer|tenant|customer|passenger|student|patient|voter)[ \t]+"
                        r"(?:data|information|records|addresses)\b|"
                         r"\b(?:tracking|location|subscriber|account|payment|financial|biometric|"
                         r"license[ \t]+plate|cell[ \t]+site|geolocation|travel|passenger|"
                         r"credit[ \t]+card|payment[ \t]+card|phone|call|browsing|search|"
                         r"medical|tax|immigration|criminal|arrest|social[ \t]+media|"
                         r"facial[ \t]+recognition|fingerprint|dna|purchase|banking|"
                         r"surveillance|camera|body[ \t]+camera|drone)[ \t]+"
                         r"(?:data|information|records|histories|logs|footage|numbers|images|"
                         r"recordings|scans)\b")
ACCESS = CaseFree(r"\b(?:access|request(?:s|ed|ing)?|shar(?:e|ed|ing)|obtain(?:s|ed)?|"
                     r"collect(?:s|ed|ing)?|hand(?:ed)?[ \t]+over|turn(?:ed)?[ \t]+over|"
                     r"provid(?:e|ed|ing)|purchas(?:e|ed|ing)|bought|buy(?:s|ing)?|"
                     r"subpoena(?:s|ed)?|want(?:s|ed)?|seek(?:s|ing)?|sought|gather(?:s|ed)?|"
                     r"receiv(?:e|es|ed|ing)|track(?:s|ed|ing)?|monitor(?:s|ed|ing)?)\b")
POLICY = re.compile(r"\b(?P<noun>polic(?:y|ies)|regulations?|guidelines?|procedures?|"
                     r"agreements?|memorand(?:um|a)[ \t]+of[ \t]+(?:understanding|agreement)|"
                     r"MOUs?|contracts?|protocols?|rules|(?:final|interim|proposed|new|draft)"
                     r"[ \t]+rules?)\b")
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


def clip(words: list[str], limit: int, *, stop_at_verbs: bool = True,
         stop_at_punctuation: bool = True) -> str:
    out: list[str] = []
    for word in words[:limit]:
        bare = word.strip(",.;:\"'“”()").lower()
        if out and stop_at_verbs and bare in VERBS:
            break
        out.append(word)
        if stop_at_punctuation and word[-1:] in ",.;:\"”)" and not \
                re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            break
    text = " ".join(out).strip(" ,.;:\"“”()")
    while text.split() and text.split()[-1].lower() in STOP:
        text = " ".join(text.split()[:-1])
    return text


def actors_in(actors: list[Actor], start: int, end: int) -> list[Actor]:
    """Actors inside ``[start, end)``; ``actors`` is sorted by start."""
    starts = _starts(actors)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [a for a in actors[lo:hi] if a.end <= end]


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

