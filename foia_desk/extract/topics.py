"""Candidate record descriptions ("topics") from an article.

Each sentence of the normalised reading is checked for cues (cue words in
``resources/extract_cues.toml``): a named program, a task force or an operation with its
place and date, a communication (email, letter, memo), data an agency holds or wants, a
policy or agreement, a statistic. Each cue becomes a short description a journalist can
edit, with the agencies involved, the evidence sentences and a date range. Descriptions are
written from the normalised reading (spinner words read back); the evidence spans are
mapped to the original text by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from foia_desk.extract.model import DateFinding

_STOP = frozenset([
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "its", "their", "his", "her", "our", "this", "that", "these", "those", "which", "who", "as",
    "is", "are", "was", "were", "be", "been", "it", "they", "he", "she", "we", "also", "any",
    "all", "such", "about", "more", "other", "different", "some", "many", "much", "own", "via",
    "like", "than", "into", "onto", "upon", "over", "under",
])
_VERBS = frozenset([
    "stated", "said", "says", "say", "shows", "showed", "show", "revealed", "reveals", "obtained",
    "reviewed", "requesting", "requested", "asking", "asked", "which", "that", "who", "was",
    "were", "is", "are", "has", "have", "had", "found", "finds", "concluded", "told", "tells",
    "noted", "includes", "include", "including", "included", "sent", "wrote", "issued", "signed",
    "notes", "claimed", "claims", "called", "calls", "describing", "described", "warned", "warns",
    "urged", "urges", "demanding", "demanded", "seeking", "sought,", "will", "would", "could",
    "according",
])
_PROGRAM = re.compile(r"\b(?P<noun>program|programme|initiative|pilot)s?\b", re.IGNORECASE)
_TASK_FORCE = re.compile(r"\btask[ \t-]+force\b", re.IGNORECASE)
_OPERATION_NAME = re.compile(r"\bOperation[ \t]+(?P<name>[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})")
_EVENT = re.compile(r"\b(?P<noun>raids?|sweeps?|busts?|operations?|surges?|blitz|seizures?|"
                    r"shootings?|explosions?|crash(?:es)?|outages?|spills?|fires?|"
                    r"[Ss]eized?|[Rr]aided|[Rr]aid)\b")
_VERB_NOUN = {"seize": "seizure", "seized": "seizure", "raided": "raid"}
_PLACE = re.compile(r"\b(?:in|at|near|outside|across)[ \t]+(?:the[ \t]+)?"
                    r"(?P<place>[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3})")
_COMMUNICATION = re.compile(
    r"\b(?P<det>an?|the|their|its|his|her|a[ \t]+series[ \t]+of)[ \t]+"
    r"(?P<mods>(?:[\w'-]+[ \t]+){0,2}?)"
    r"(?P<noun>e-?mails?|letters?|memos?|memorandum|memoranda|text[ \t]+messages|directives?|"
    r"briefings?|slide[ \t]+decks?|presentations?|cables?|correspondence|bulletins?|"
    r"internal[ \t]+reports?|audit[ \t]+reports?|complaints?|reports?|audits?|"
    r"reviews?|assessments?|notices?|filings?)\b"
    r"(?![ \t-]+(?:carriers?|box(?:es)?|grade|of[ \t]+credit|size|opener|writers?))",
    re.IGNORECASE)
_FINDING = re.compile(r"^[^.;]{0,80}?\b(?:found|concluded|showed|shows|finds|says|revealed)"
                      r"[ \t]+(?:(?:last|this)[ \t]+\w+[ \t]+)?(?:that[ \t]+)?(?P<what>[^.;]+)")
_NEEDS_AUTHOR = frozenset([
    "report", "reports", "audit", "audits", "review", "reviews", "assessment", "assessments",
    "notice", "notices", "filing", "filings", "complaint", "complaints",
])
_SEND = re.compile(r"\b(?P<who>[\w'’-]+(?:[ \t]+[\w'’-]+)?)[ \t]+(?:sent|wrote|issued|signed|"
                   r"circulated|drafted)\b")
_DATA = re.compile(r"\b(?:data|information|records|addresses|logs|footage|metadata|database|"
                   r"numbers|histories|recordings|images|photos)\b", re.IGNORECASE)
_DATA_TYPES = re.compile(r"\b(?:IP|e-?mail|home|mailing|MAC)[ \t]+addresses\b|"
                         r"\b(?:tracking|location|subscriber|account|payment|financial|biometric|"
                         r"license[ \t]+plate|cell[ \t]+site|geolocation|travel|passenger|"
                         r"credit[ \t]+card|payment[ \t]+card|phone|call|browsing|search|"
                         r"medical|tax|immigration|criminal|arrest|social[ \t]+media|"
                         r"facial[ \t]+recognition|fingerprint|DNA|purchase|banking|"
                         r"surveillance|camera|body[ \t]+camera|drone)[ \t]+"
                         r"(?:data|information|records|histories|logs|footage|numbers|images|"
                         r"recordings|scans)\b", re.IGNORECASE)
_ACCESS = re.compile(r"\b(?:access|request(?:s|ed|ing)?|shar(?:e|ed|ing)|obtain(?:s|ed)?|"
                     r"collect(?:s|ed|ing)?|hand(?:ed)?[ \t]+over|turn(?:ed)?[ \t]+over|"
                     r"provid(?:e|ed|ing)|purchas(?:e|ed|ing)|bought|buy(?:s|ing)?|"
                     r"subpoena(?:s|ed)?|want(?:s|ed)?|seek(?:s|ing)?|sought|gather(?:s|ed)?|"
                     r"receiv(?:e|es|ed|ing)|track(?:s|ed|ing)?|monitor(?:s|ed|ing)?)\b",
                     re.IGNORECASE)
_POLICY = re.compile(r"\b(?P<noun>polic(?:y|ies)|regulations?|guidelines?|procedures?|"
                     r"agreements?|memorand(?:um|a)[ \t]+of[ \t]+(?:understanding|agreement)|"
                     r"MOUs?|contracts?|protocols?|rules)\b")
_STATISTIC = re.compile(r"\b(?P<num>\d[\d,.]*)[ \t]*(?:%|percent|per[ \t]+cent|"
                        r"(?:[\w-]+[ \t]+){0,2}(?:people|persons|immigrants|arrests|requests|"
                        r"cases|complaints|incidents|searches|detainees|deaths|times|"
                        r"applications|warrants|flights|individuals|migrants|aliens|"
                        r"employees|agents|officers|records|dollars|million|billion))\b")
_PRONOUN = frozenset(["they", "he", "she", "it", "we"])


@dataclass
class Actor:
    """An agency or group named in the text, for writing descriptions."""

    start: int
    end: int
    label: str
    agency_id: str | None = None


@dataclass
class Candidate:
    key: str
    kind: str
    text: str
    agencies: list[str]
    sentences: list[tuple[int, int]]
    dates: list[DateFinding] = field(default_factory=list)
    confidence: float = 0.6


def _clip(words: list[str], limit: int, *, stop_at_verbs: bool = True) -> str:
    out: list[str] = []
    for word in words[:limit]:
        bare = word.strip(",.;:\"'“”()").lower()
        if out and stop_at_verbs and bare in _VERBS:
            break
        out.append(word)
        if word[-1:] in ",.;:\"”)":
            break
    text = " ".join(out).strip(" ,.;:\"“”()")
    while text.split() and text.split()[-1].lower() in _STOP:
        text = " ".join(text.split()[:-1])
    return text


def _actors_in(actors: list[Actor], start: int, end: int) -> list[Actor]:
    return [a for a in actors if start <= a.start and a.end <= end]


def _ids(actors: list[Actor]) -> list[str]:
    seen: list[str] = []
    for actor in actors:
        if actor.agency_id and actor.agency_id not in seen:
            seen.append(actor.agency_id)
    return seen


def _actor_before(actors: list[Actor], pos: int, within: int = 45) -> Actor | None:
    best = None
    for actor in actors:
        if actor.end <= pos and pos - actor.end <= within:
            best = actor
    return best


def _actor_after(actors: list[Actor], pos: int, within: int = 30) -> Actor | None:
    return next((a for a in actors if a.start >= pos and a.start - pos <= within), None)


def _dates_in(dates: list[DateFinding], start: int, end: int) -> list[DateFinding]:
    return [d for d in dates if start <= d.start and d.end <= end]


def find_topics(text: str, sentences: list[tuple[int, int]], actors: list[Actor],
                dates: list[DateFinding], places: list[str]) -> list[Candidate]:
    """Candidate topics from ``text`` (the normalised reading, plain characters)."""
    found: dict[str, Candidate] = {}
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        here = _actors_in(actors, s_start, s_end)
        here_dates = _dates_in(dates, s_start, s_end)
        previous = sentences[max(0, index - 2):index]
        context = [a for p in previous for a in _actors_in(actors, *p)]
        following = " ".join(text[s:e] for s, e in sentences[index + 1:index + 7]).lower()
        for cand in (_programs(sentence, s_start, here) + _task_forces(sentence, s_start, here)
                     + _operations(sentence, s_start, here, here_dates, places)
                     + _communications(sentence, s_start, here, context, following)
                     + _data(sentence, s_start, here)
                     + _policies(sentence, s_start, here, context)
                     + _statistics(sentence, s_start, here)):
            cand.sentences.append((s_start, s_end))
            cand.dates.extend(here_dates)
            existing = found.get(cand.key)
            if existing is None:
                found[cand.key] = cand
            else:
                existing.sentences.extend(s for s in cand.sentences if s not in existing.sentences)
                existing.dates.extend(d for d in cand.dates if d not in existing.dates)
                existing.agencies.extend(a for a in cand.agencies if a not in existing.agencies)
    _link_event_dates(list(found.values()), text, sentences, dates)
    return list(found.values())


def _label_of(actor: Actor | None) -> str:
    return actor.label if actor else ""


def _programs(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    out = []
    for match in _PROGRAM.finditer(sentence):
        words = re.findall(r"[\w'’-]+", sentence[:match.start()])[-4:]
        phrase: list[str] = []
        for word in reversed(words):
            if word.lower() in _STOP or word.endswith(("'s", "’s", "'", "’")) or word.isupper():
                break
            phrase.insert(0, word)
        if not phrase or (len(phrase) == 1 and phrase[0].lower() in ("new", "federal", "pilot")):
            continue
        owner = _actor_before(here, offset + match.start(), 60)
        name = " ".join(phrase)
        label = f"{owner.label} " if owner else ""
        out.append(Candidate(
            f"program:{name.lower()}", "program",
            f"Records about the {label}{name} program: its policies and rules, the requests "
            f"made under it and how they were handled",
            _ids([owner] if owner else []) + _ids(here), []))
    return out


def _task_forces(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    out = []
    for match in _TASK_FORCE.finditer(sentence):
        owner = _actor_before(here, offset + match.start(), 8)
        members = [a for a in here if a is not owner and a.end <= offset + match.start()]
        purpose = _clip(sentence[match.end():].split(), 10)
        who = members[-1].label if members else "the agencies named"
        owner_label = f"{owner.label} " if owner else ""
        text = f"Records of {who}'s participation in the {owner_label}task force"
        if purpose.lower().startswith(("to ", "that ", "on ", "for ")):
            text += f" {purpose}"
        text += ", including agreements, assignments and communications about it"
        key = f"task_force:{owner.agency_id if owner else ''}"
        out.append(Candidate(key, "operation", text, _ids(([owner] if owner else []) + members)
                             or _ids(here), []))
    return out


def _operations(sentence: str, offset: int, here: list[Actor], here_dates: list[DateFinding],
                places: list[str]) -> list[Candidate]:
    out = []
    named = _OPERATION_NAME.search(sentence)
    if named:
        name = named.group("name")
        out.append(Candidate(f"operation:{name.lower()}", "operation",
                             f"Records about Operation {name}: planning, participating "
                             f"agencies, arrests and after-action reports", _ids(here), []))
        return out
    for match in _EVENT.finditer(sentence):
        place_match = _PLACE.search(sentence, match.end(), match.end() + 60) or \
            _PLACE.search(sentence, max(0, match.start() - 60), match.start())
        place = place_match.group("place") if place_match else ""
        if place and not any(place.lower() == p or place.lower().startswith(p + " ")
                             for p in places):
            place = ""
        if not place:
            continue
        noun = match.group("noun").lower()
        noun = _VERB_NOUN.get(noun) or (re.sub(r"(?:es|s)$", "", noun) if not
                                        noun.endswith(("ss", "tz")) else noun)
        out.append(Candidate(
            f"event:{place.split()[0].lower()}", "operation",
            f"Records about the {noun} in {place}: planning documents, the agencies and "
            f"personnel taking part, arrest records and after-action reports",
            _ids(here), []))
    return out


def _communications(sentence: str, offset: int, here: list[Actor], context: list[Actor],
                    following: str) -> list[Candidate]:
    out = []
    for match in _COMMUNICATION.finditer(sentence):
        noun = " ".join(match.group("noun").split())
        mods = [m for m in match.group("mods").split() if m.lower() not in _STOP
                and m.lower() not in _VERBS]
        tail = _clip(sentence[match.end():].split(), 14)
        if tail and not tail.lower().startswith(("from", "to", "about", "on", "regarding",
                                                 "between", "with", "sent", "by", "asking",
                                                 "describing", "that")):
            tail = ""
        sender = ""
        send = _SEND.search(sentence, 0, match.start())
        if send and "from" not in tail.split()[:1]:
            who = send.group("who").split()[-1]
            if who.lower() in _PRONOUN:
                ref = next((a for a in reversed(context) if a.agency_id is None), None) \
                    or (context[-1] if context else None)
                who = ref.label if ref else ""
            if who and who.lower() not in _STOP:
                sender = f" from {who}"
        if noun.lower() in _NEEDS_AUTHOR:
            # A bare "report" or "review" is a record only when someone's: "the SEC's
            # complaint", "a report by the inspector general".
            author = _actor_before(here, offset + match.start("noun"), 3) or \
                (_actor_after(here, offset + match.end(), 12) if tail.lower().startswith(
                    ("by", "from")) else None)
            if author is None or not author.agency_id:
                continue
        phrase = " ".join([*mods, noun])
        text = f"Copies of the {phrase}{sender}"
        if tail:
            text += f" {tail}"
        finding = _FINDING.match(sentence[match.end():])
        if finding and noun.lower().rstrip("s") in ("report", "audit", "review", "assessment"):
            text += ", which found that " + _clip(finding.group("what").split(), 18,
                                                  stop_at_verbs=False)
        if any(cue in following for cue in ("in response", "responded", "replied", "wrote back",
                                            "response")):
            text += ", and any reply"
        ids = _ids(here)
        key = f"communication:{noun.lower().rstrip('s')}:{' '.join(mods).lower()}:{sender}"
        out.append(Candidate(key, "communication", text, ids, [], confidence=0.65))
    return out


def _data(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    if not _ACCESS.search(sentence):
        return []
    kinds = []
    for match in _DATA_TYPES.finditer(sentence):
        phrase = " ".join(match.group(0).split())
        if phrase.lower() not in (k.lower() for k in kinds):
            kinds.append(phrase)
    holder: Actor | None = None
    for match in _DATA.finditer(sentence):
        owner = _actor_before(here, offset + match.start(), 2)
        if owner and owner.agency_id:
            holder = owner
            break
    if not kinds and holder is None:
        return []
    requester = next((a for a in here if a is not holder and a.label != (holder.label if holder
                                                                         else None)), None)
    text = "Records of requests"
    if requester:
        text += f" by {requester.label}"
    text += " for access to"
    text += f" {holder.label} data" if holder else " data"
    if kinds:
        text += " (" + ", ".join(kinds) + ")"
    text += ", and of what was shared"
    key = f"data:{holder.agency_id if holder else ''}:{requester.label if requester else ''}"
    return [Candidate(key, "data", text, _ids(here), [], confidence=0.6)]


_GENERIC_OWNER = re.compile(
    r"\b(?:its|their|the[ \t]+(?:agency|bureau|department|service|office|administration|"
    r"commission)(?:'s|')?)[ \t]+(?:[\w-]+[ \t]+){0,3}$", re.IGNORECASE)


def _policies(sentence: str, offset: int, here: list[Actor], context: list[Actor]
              ) -> list[Candidate]:
    out = []
    for match in _POLICY.finditer(sentence):
        position = offset + match.start()
        owner = _actor_before(here, position, 25)
        if owner is None:
            after = re.match(r"[ \t]+(?:with|between|by|of)[ \t]+(?:the[ \t]+)?",
                             sentence[match.end():])
            if after:
                owner = _actor_after(here, offset + match.end(), after.end() + 2)
        if owner is None and _GENERIC_OWNER.search(sentence, max(0, match.start() - 60),
                                                   match.start()):
            earlier = [a for a in context + here if a.agency_id and a.start < position]
            owner = earlier[-1] if earlier else None
        if owner is None or owner.agency_id is None:
            continue
        noun = " ".join(match.group("noun").split())
        mods = [w for w in re.findall(r"[\w-]+", sentence[max(0, match.start() - 40):
                                                           match.start()])[-3:]
                if w.lower() not in _STOP and w.lower() not in _VERBS and not w.isdigit()
                and w != owner.label and not w.endswith("'s")]
        mods = mods[-2:] if all(m[:1].islower() for m in mods[-2:]) else []
        tail = _clip(sentence[match.end():].split(), 12)
        text = f"{owner.label} {' '.join([*mods, noun])}"
        if tail.lower().startswith(("on ", "for ", "to ", "governing ", "about ", "that ",
                                    "regarding ", "with ")):
            text += f" {tail}"
        out.append(Candidate(f"policy:{owner.agency_id}:{noun.lower().rstrip('s')}", "policy",
                             f"Records of the {text}, with the current version and any drafts",
                             [owner.agency_id, *_ids(here)], [], confidence=0.55))
    return out


def _statistics(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    out = []
    for match in _STATISTIC.finditer(sentence):
        clauses = re.split(r"[,;:]|\b(?:but|that|which|while|although)\b", sentence)
        clause = next((c for c in clauses if match.group("num") in c), sentence)
        clause = " ".join(clause.split()).strip(" .\"“”")
        words = clause.split()
        if len(words) > 20:
            at = next((i for i, w in enumerate(words) if match.group("num") in w), 0)
            clause = " ".join(words[max(0, at - 6):at + 8])
        if len(clause.split()) < 3:
            continue
        out.append(Candidate(f"statistic:{match.group('num')}", "statistic",
                             f"Records underlying the figure cited: {clause}",
                             _ids(here), [], confidence=0.5))
    return out


def _link_event_dates(cands: list[Candidate], text: str, sentences: list[tuple[int, int]],
                      dates: list[DateFinding]) -> None:
    """An event without a dated sentence borrows dates from other sentences naming its place."""
    for cand in cands:
        if not cand.key.startswith("event:") or any(d.date for d in cand.dates):
            continue
        place = cand.key.split(":", 1)[1]
        if not place:
            continue
        for index, (start, end) in enumerate(sentences):
            if place not in text[start:end].lower():
                continue
            spans = [(start, end)]
            if index + 1 < len(sentences):
                n_start, n_end = sentences[index + 1]
                if len(text[n_start:n_end].split()) <= 12:
                    spans.append((n_start, n_end))  # a dateline or an embed's signature
            for span in spans:
                absolute = [d for d in dates if span[0] <= d.start and d.end <= span[1]
                            and d.date and not d.relative and d.period_end is None]
                if absolute:
                    if span not in cand.sentences:
                        cand.sentences.append(span)
                    cand.dates.extend(d for d in absolute if d not in cand.dates)


def date_range(cand: Candidate) -> tuple[date | None, date | None]:
    known = [d for d in cand.dates if d.date]
    if not known:
        return None, None
    first = min(d.date for d in known if d.date)
    last = max((d.period_end or d.date) for d in known if d.date)
    return first, last
