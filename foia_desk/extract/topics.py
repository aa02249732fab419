"""Candidate record descriptions ("topics") from an article.

Each sentence of the normalised reading is checked for cues (cue words in
``resources/extract_cues.toml``): a named program, a task force or an operation with its
place and date, a communication (email, letter, memo), data an agency holds or wants, a
policy or agreement, a statistic. Each cue becomes a short description a journalist can
edit, with the agencies involved, the evidence sentences and a date range. Descriptions are
written from the normalised reading (spinner words read back); the evidence spans are
mapped to the original text by the caller.

Speed (a long text has thousands of sentences): the text is lower-cased once, and its ASCII
copy (``topic_guard.ascii_copy``) searched by Aho-Corasick for the cue words and the
decision verbs; the cue words are placed in sentences by bisection, and each sentence gets
its finder kinds as bits (``cue_bits``); the actors of every sentence come from one walk
through actors and sentences; a sentence is searched for numbers only if it names an
agency, as only then can a figure become a topic; a sentence naming no known place (and no
"Operation") is not searched for events (``_place_test``); dates are looked up by
bisection on offsets taken once. A topic found again only adds its sentence, dates and
agencies to the first one, so the finders give a ``Repeat`` (key and agencies) instead of
writing a description when its key is already known (``found``, never text).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from foia_desk.extract.model import DateFinding
from foia_desk.extract.topic_base import (
    EVENT,
    OPERATION_NAME,
    PLACE,
    PROGRAM,
    STARTS,
    STATISTIC,
    STOP,
    TASK_FORCE,
    VERB_NOUN,
    Actor,
    Candidate,
    Repeat,
    actor_before,
    actors_by_sentence,
    actors_in,
    agencies_only,
    clip,
    dates_in,
    ids_of,
    in_order,
)
from foia_desk.extract.topic_decisions import find_decisions
from foia_desk.extract.topic_events import gather_event_agencies
from foia_desk.extract.topic_guard import (
    KIND_BIT,
    Following,
    ascii_copy,
    cue_bits,
    noun_may_stand,
)
from foia_desk.extract.topic_records import (
    communications,
    data_requests,
    legal_process,
    letters_written,
    policies,
    scan_form,
)

# The finder kinds a sentence asks for, as ``cue_bits`` gives them.
_PROGRAM, _TASK_FORCE, _OPERATION = KIND_BIT["program"], KIND_BIT["task_force"], \
    KIND_BIT["operation"]
_COMMUNICATION, _LETTER = KIND_BIT["communication"], KIND_BIT["letter"]
_DATA, _PROCESS, _POLICY = KIND_BIT["data"], KIND_BIT["process"], KIND_BIT["policy"]
_STATISTIC = KIND_BIT["statistic"]


def find_topics(text: str, sentences: list[tuple[int, int]], actors: list[Actor],
                dates: list[DateFinding], places: list[str]) -> list[Candidate]:
    """Candidate topics from ``text`` (the normalised reading, plain characters)."""
    try:
        return _find_topics(text, sentences, actors, dates, places)
    finally:
        STARTS.clear()


def _find_topics(text: str, sentences: list[tuple[int, int]], actors: list[Actor],
                 dates: list[DateFinding], places: list[str]) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    merged: dict[str, tuple[set, set, set]] = {}
    # actors_in() of each sentence, and which sentences name an agency.
    ordered = in_order(sentences)
    grouped, with_agency = actors_by_sentence(actors, sentences, ordered)
    actors_of = grouped.__getitem__
    date_starts = [found_date.start for found_date in dates]  # dates are sorted by start

    def dates_here(start: int, end: int) -> list[DateFinding]:
        """``dates_in(dates, start, end)``, its offsets looked up once for all sentences."""
        low = bisect_left(date_starts, start)
        return [d for d in dates[low:bisect_left(date_starts, end, low)] if d.end <= end]

    # Line breaks inside a hard-wrapped sentence read as spaces (same length, so the
    # offsets still hold). Lower-cased once for the cue words and the decision verbs.
    flat = text.replace("\r", " ").replace("\n", " ")
    lowered = flat.lower()
    in_place = lowered if len(lowered) == len(text) else None  # else offsets would shift
    # (Its ASCII copy, for the Aho-Corasick scans of cue words and decision verbs.)
    plain = ascii_copy(lowered)
    named_place = _place_test(places) if in_place is not None else None
    # Only a sentence naming an agency can make a statistic topic (_statistics), so only
    # those are searched for numbers.
    for index, wanted in cue_bits(text, sentences, lowered, with_agency, plain, ordered):
        here = grouped[index]
        if not here and (index == 0 or not grouped[index - 1]):
            continue  # nobody named here or just before: no record anyone could be asked for
        span = sentences[index]
        s_start, s_end = span
        sentence = flat[s_start:s_end]
        # What only some finders read is looked up only for them. The finders run in
        # GUARD_ORDER (the order their topics are listed in).
        found_here: list[Candidate | Repeat] = []
        if wanted & _PROGRAM:
            found_here += _programs(sentence, s_start, here)
        if wanted & _TASK_FORCE:
            found_here += _task_forces(sentence, s_start, here)
        if wanted & _OPERATION:
            here_dates = dates_here(s_start, s_end)
            if named_place is None or "Operation" in sentence or \
                    named_place(lowered, s_start, s_end):
                found_here += _operations(sentence, s_start, here, here_dates, places)
        # (Without NOUN_AT no communication noun stands where COMMUNICATION needs one.)
        if wanted & _LETTER or (wanted & _COMMUNICATION and noun_may_stand(sentence, wanted)):
            # The actors of the two sentences before.
            context = grouped[index - 2] + grouped[index - 1] if index > 1 else \
                list(grouped[0]) if index else []
            # (Only these two finders read ``context`` and ``following``.)
            following = Following(text, sentences, index, in_place)
            if wanted & _COMMUNICATION and noun_may_stand(sentence, wanted):
                found_here += communications(sentence, s_start, here, context, following, found)
            if wanted & _LETTER:
                found_here += letters_written(sentence, s_start, here, context, following)
        if wanted & _DATA:
            found_here += data_requests(sentence, s_start, here, found)
        if wanted & _PROCESS:
            found_here += legal_process(sentence, s_start, here)
        if wanted & _POLICY:
            found_here += policies(sentence, s_start, here, actors, found)
        if wanted & _STATISTIC:
            found_here += _statistics(sentence, s_start, here)
        if not found_here:
            continue
        if not wanted & _OPERATION:
            here_dates = dates_here(s_start, s_end)
        for cand in found_here:
            if cand.__class__ is Repeat:
                # A topic an earlier sentence gave (its key is in ``found``): only this
                # sentence, its dates and the agencies join it, as below.
                key, agencies = cand
                if not agencies and not here and index > 0:
                    agencies = ids_of(actors_of(index - 1))[-2:]
                _join(found[key], merged[key], span, here_dates, agencies)
                continue
            cand.sentences.append(span)
            cand.dates.extend(here_dates)
            if not cand.agencies and not here and index > 0:
                # "a cable sent to embassies" right after "the State Department began..."
                cand.agencies = ids_of(actors_of(index - 1))[-2:]
            key = cand.key
            if key.endswith(":*"):
                earlier = [k for k in found if k.startswith(key[:-1])]
                if not earlier and not cand.agencies:
                    continue
                key = cand.key = earlier[-1] if earlier else key
            existing = found.get(key)
            if existing is None:
                found[key] = cand
                merged[key] = ({span}, {(d.start, d.end) for d in here_dates},
                               set(cand.agencies))
                continue
            # A topic found again: its evidence, dates and agencies join the first one's
            # (its description is not used; the finders return a ``Repeat`` instead when
            # its key is known before it is written).
            _join(existing, merged[key], span, here_dates, cand.agencies)
    _link_event_dates(list(found.values()), text, sentences, dates)
    gather_event_agencies(list(found.values()), text, sentences, actors)
    decisions = find_decisions(flat, sentences, actors_of, dates, found.values(), lowered,
                               plain)
    lede = _lede(text, sentences, actors, dates, _headline(text, sentences))
    # The catch-all request goes last: the specific records come first in a letter.
    return list(found.values()) + decisions + ([lede] if lede else [])


def _join(existing: Candidate, seen: tuple[set, set, set], span: tuple[int, int],
          dates: list[DateFinding], agencies: list[str]) -> None:
    """Add a sentence, its dates and agencies to a topic found earlier (each once; ``seen``
    holds what the topic already has, for quick membership tests)."""
    sents, dated, ids = seen
    if span not in sents:
        sents.add(span)
        existing.sentences.append(span)
    for found_date in dates:
        if (found_date.start, found_date.end) not in dated:
            dated.add((found_date.start, found_date.end))
            existing.dates.append(found_date)
    for agency_id in agencies:
        if agency_id not in ids:
            ids.add(agency_id)
            existing.agencies.append(agency_id)


BOILERPLATE = re.compile(r"cookie|subscribe|all rights reserved|sign up|newsletter|"
                         r"advertisement|read more|privacy policy|\u00a9|copyright",
                         re.IGNORECASE)
# ", memo says" or ", court records show" closing a headline: who said it, not what happened.
ATTRIBUTION = re.compile(r",[ \t]+(?:[\w'’-]+[ \t]+){0,3}(?:says?|said|shows?|showed|finds?|"
                         r"found|reports?|reported|claims?)$")
DATELINE = re.compile(r"^(?:[A-Z][A-Z .'-]{1,30}|"
                      r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)*,[ \t][A-Z][a-z.]+)"
                      r"(?:[ \t]*\([^)]*\))?(?:[ \t]*[\u2014\u2013][ \t]*|[ \t]+--?[ \t]+)")


def _headline(text: str, sentences: list[tuple[int, int]]) -> str:
    """The article's title: a first line of 4 to 25 words without a full stop."""
    for start, end in sentences[:3]:
        line = " ".join(text[start:end].split())
        words = line.split()
        if BOILERPLATE.search(line) or "|" in line:
            continue
        if 4 <= len(words) <= 25 and line[-1:] not in ".!?":
            return line
        break
    return ""


def _lede(text: str, sentences: list[tuple[int, int]], actors: list[Actor],
          dates: list[DateFinding], headline: str = "") -> Candidate | None:
    """The catch-all request: other records about what the article reports.

    Named by the headline when there is one ("Other records about the matters reported in
    "X""), else by the opening news sentence cut to a short phrase; that sentence is the
    evidence either way.
    """
    for start, end in sentences[:25]:
        sentence = text[start:end]
        if len(sentence.split()) < 14 or BOILERPLATE.search(sentence) or sentence.isupper() \
                or sentence.rstrip("\"'”’)")[-1:] not in ".!?":
            continue  # headlines, decks and bylines have no full stop
        if headline:
            about = f"“{ATTRIBUTION.sub('', headline).rstrip(' :;,')}”"
        else:
            body = DATELINE.sub("", sentence, count=1)
            words = body.split()
            about = " ".join(words).rstrip(".!?\"'”’") if len(words) <= 25 else \
                clip(words, 25, stop_at_verbs=False, stop_at_punctuation=False) + " ..."
            about = f"“{about}”"
        here = actors_in(actors, start, end)
        return Candidate("lede", "event", f"Other records about the matters reported in {about}",
                         ids_of(here), [(start, end)], dates_in(dates, start, end),
                         confidence=0.5)
    return None


def _label_of(actor: Actor | None) -> str:
    return actor.label if actor else ""


_PROGRAM_WORD = re.compile(r"[\w'’-]+")


def _programs(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    out = []
    # (Only the start of each match is read: the ``CaseFree`` pattern runs as it would
    # itself, without its wrapper objects; see ``topic_records.scan_form``.)
    scanned, folded = scan_form(sentence)
    for match in (PROGRAM.folded if folded else PROGRAM.ignorecase).finditer(scanned):
        words = _PROGRAM_WORD.findall(sentence, 0, match.start())[-6:]
        phrase: list[str] = []
        for position in range(len(words) - 1, -1, -1):
            word = words[position]
            bridge = word.lower() in ("for", "of", "and", "on") and phrase and \
                phrase[0][:1].isupper() and position > 0 and words[position - 1][:1].isupper()
            if not bridge and (word.lower() in STOP or word.endswith(("'s", "’s", "'", "’"))
                               or word.isupper()):
                break
            phrase.insert(0, word)
        if not phrase or (len(phrase) == 1 and not phrase[0][:1].isupper()):
            continue
        owner = actor_before(agencies_only(here), offset + match.start(), 60)
        name = " ".join(phrase)
        label = f"{owner.label} " if owner else ""
        out.append(Candidate(
            f"program:{name.lower()}", "program",
            f"Records about the {label}{name} program: its policies and rules, the requests "
            f"made under it and how they were handled",
            ids_of([owner] if owner else []) + ids_of(here), []))
    return out


def _task_forces(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    out = []
    here = agencies_only(here)
    for match in TASK_FORCE.finditer(sentence):
        owner = actor_before(here, offset + match.start(), 8)
        members = [a for a in here if a is not owner and a.end <= offset + match.start()]
        purpose = clip(sentence[match.end():].split(), 10)
        who = members[-1].label if members else "the agencies named"
        owner_label = f"{owner.label} " if owner else ""
        text = f"Records of {who}'s participation in the {owner_label}task force"
        if purpose.lower().startswith(("to ", "that ", "on ", "for ")):
            text += f" {purpose}"
        text += ", including agreements, assignments and communications about it"
        key = f"task_force:{owner.agency_id if owner else ''}"
        out.append(Candidate(key, "operation", text, ids_of(([owner] if owner else []) + members)
                             or ids_of(here), []))
    return out


def _operations(sentence: str, offset: int, here: list[Actor], here_dates: list[DateFinding],
                places: list[str]) -> list[Candidate]:
    out = []
    named = OPERATION_NAME.search(sentence) if "Operation" in sentence else None
    if named:
        name = named.group("name")
        out.append(Candidate(f"operation:{name.lower()}", "operation",
                             f"Records about Operation {name}: planning, participating "
                             f"agencies, arrests and after-action reports", ids_of(here), []))
        return out
    for match in EVENT.finditer(sentence):
        place_match = PLACE.search(sentence, match.end(), match.end() + 60) or \
            PLACE.search(sentence, max(0, match.start() - 60), match.start())
        place = place_match.group("place") if place_match else ""
        if place and not _known_place(place.lower(), places):
            place = ""
        if not place:
            continue
        noun = match.group("noun").lower()
        noun = VERB_NOUN.get(noun) or (re.sub(r"(?:es|s)$", "", noun) if not
                                        noun.endswith(("ss", "tz")) else noun)
        out.append(Candidate(
            f"event:{place.split()[0].lower()}", "operation",
            f"Records about the {noun} in {place}: planning documents, the agencies and "
            f"personnel taking part, arrest records and after-action reports",
            ids_of(here), [], place=place))
    return out


def _place_test(places: list[str]) -> Callable[[str, int, int], re.Match[str] | None] | None:
    """A search for any of ``places`` in the lowered text (None: some place is not ASCII).

    An event topic needs a known place (``_known_place``): a place written in the
    sentence whose lower case is one of ``places`` or starts with one and a space. With
    ASCII ``places`` the lowered sentence then holds that place (lower-casing the text
    once gave each character its own lower case, the same length), so a sentence holding
    none, and no "Operation", gives ``_operations`` nothing to find and is not passed to it.
    """
    if not all(place.isascii() for place in places):
        return None
    return re.compile("|".join(re.escape(place) for place in places)).search


def _known_place(place: str, places: list[str]) -> bool:
    """Whether ``place`` (lower case) is one of ``places`` or starts with one and a space.

    (It starts with ``p + " "`` exactly when ``p`` is what comes before one of its spaces,
    so the part before each space is looked up: no "p " strings are built per call.)
    """
    if place in places:
        return True
    space = place.find(" ")
    while space >= 0:
        if place[:space] in places:
            return True
        space = place.find(" ", space + 1)
    return False


def _statistics(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    out: list[Candidate] = []
    for actor in here:
        if actor.agency_id:
            break
    else:
        return out  # a figure nobody in government is said to hold
    clauses: list[str] | None = None  # the same for every figure: split once, when needed
    for match in STATISTIC.finditer(sentence):
        if clauses is None:
            clauses = CLAUSE_BREAK.split(sentence)
        number = match.group("num")
        clause = next((c for c in clauses if number in c), sentence)
        clause = " ".join(clause.split()).strip(" .\"“”")
        words = clause.split()
        if len(words) > 20:
            at = next((i for i, w in enumerate(words) if number in w), 0)
            clause = " ".join(words[max(0, at - 6):at + 8])
            words = clause.split()
        if len(words) < 3:
            continue
        out.append(Candidate(f"statistic:{number}", "statistic",
                             f"Records underlying the figure cited: {clause}",
                             ids_of(here), [], confidence=0.5))
    return out


# Where a figure's clause ends: r"[,;:]|\b(?:but|that|which|while|although)\b" written so
# that every alternative starts with a literal (the "\b" before a word checked after its
# first letter, as in ``topic_skip``): ``re`` then jumps to the characters a break can
# start with instead of trying every position. The matches are the same.
CLAUSE_BREAK = re.compile(r",|;|:|b(?<!\w.)ut\b|t(?<!\w.)hat\b|w(?<!\w.)hi(?:ch|le)\b|"
                          r"a(?<!\w.)lthough\b")


def _link_event_dates(cands: list[Candidate], text: str, sentences: list[tuple[int, int]],
                      dates: list[DateFinding]) -> None:
    """An event without a dated sentence borrows dates from nearby sentences naming its place.

    Only the 15 sentences either side are searched, which keeps long texts linear.
    """
    import bisect

    starts = [s for s, _ in sentences]
    for cand in cands:
        if not cand.key.startswith("event:") or any(d.date for d in cand.dates):
            continue
        place = cand.key.split(":", 1)[1]
        if not place or not cand.sentences:
            continue
        home = bisect.bisect_left(starts, cand.sentences[0][0])
        for index in range(max(0, home - 15), min(len(sentences), home + 16)):
            start, end = sentences[index]
            if place not in text[start:end].lower():
                continue
            spans = [(start, end)]
            if index + 1 < len(sentences):
                n_start, n_end = sentences[index + 1]
                if len(text[n_start:n_end].split()) <= 12:
                    spans.append((n_start, n_end))  # a dateline or an embed's signature
            for span in spans:
                absolute = [d for d in dates_in(dates, *span)
                            if d.date and not d.relative and d.period_end is None]
                if absolute:
                    if span not in cand.sentences:
                        cand.sentences.append(span)
                    cand.dates.extend(d for d in absolute if d not in cand.dates[-50:])


def date_range(cand: Candidate) -> tuple[date | None, date | None]:
    known = [d for d in cand.dates if d.date]
    if not known:
        return None, None
    first = min(d.date for d in known if d.date)
    last = max((d.period_end or d.date) for d in known if d.date)
    return first, last
