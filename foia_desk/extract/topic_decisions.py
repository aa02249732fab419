"""Decisions and actions an agency took: "the Forest Service cut seasonal crews".

A sentence yields a decision topic when a named agency is the grammatical subject of one of
the verbs of ``resources/extract_cues.toml`` and an object follows: a past form
(``[decisions.verbs]``: "cut", "halted"), an -ing form after "is"/"are"/"has been"
(``[decisions.progressive]``: "is reviewing") or a base form after "will"/"plans to"/
"decided to" (``[decisions.planned]``: "will close"). The subject is the agency named right
before the verb (allowing those auxiliaries, "has"/"had", adverbs such as "quietly", and an
acronym in brackets), or "it"/"the agency" right after an agency named earlier in the same
sentence ("The FBI said it halted ...", "... said it is reviewing ..."). Negated or
conditional actions ("did not cut", "never approved", "would close") do not match: the
words between subject and verb must all be allowed ones, and a journalist cannot usefully
ask for records of a decision the article says was not taken. The description is
"Records about the <agency> decision to <base verb> <object>",
with the object cut at the first natural boundary (punctuation, a date, "by", "after",
"because", a clause word). A sentence an earlier topic already covers for the same agency
adds nothing, and a decision restated with fewer words (a headline) joins the fuller one.

All verbs are found with one scan of the text lower-cased once (an Aho-Corasick pass over
its ASCII copy, see ``_verb_hits``); only sentences with a verb are looked at further.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from foia_desk.extract.literal import LiteralSet
from foia_desk.extract.matcher import literal_trie
from foia_desk.extract.model import DateFinding
from foia_desk.extract.topic_base import STOP, VERBS, Actor, Candidate, dates_in
from foia_desk.extract.topic_guard import ascii_copy

# What may stand between the subject and the verb, by the verb's form: a past form ("the
# FBI has quietly halted"), an -ing form after "is"/"are" ("the FAA is reviewing") or a base
# form after "will"/"plans to" ("CBP will add", "ICE plans to expand"). "not", "never" and
# "would" are not allowed: an action the article says was not, or might be, taken is no
# decision to ask records of.
_ADVERBS = r"(?:[ \t]+(?:has|had|also|then|later|again|already|now|soon|\w+ly))*"
_AUXILIARIES = {
    "past": _ADVERBS,
    "progressive": _ADVERBS + r"[ \t]+(?:is|are|was|were|has[ \t]+been|have[ \t]+been|"
                              r"had[ \t]+been)" + _ADVERBS,
    "planned": _ADVERBS + r"[ \t]+(?:will|plans?[ \t]+to|planned[ \t]+to|intends?[ \t]+to|"
                          r"(?:is|are)[ \t]+(?:planning|set|preparing|moving|poised)[ \t]+to|"
                          r"(?:has|have)[ \t]+decided[ \t]+to|decided[ \t]+to|"
                          r"agreed[ \t]+to)" + _ADVERBS,
}
_NAME_TAIL = r"\)?(?:[ \t]*\([A-Za-z.&]{2,12}\))?"  # "... Service (USPIS)"
_SAID = (r"[ \t]+(?:said|says|confirmed|announced|acknowledged|disclosed|"
         r"told[ \t]+\w+(?:[ \t]+\w+)?)"
         r"(?:[ \t]+(?:on[ \t]+\w+|last[ \t]+\w+|this[ \t]+\w+))?"
         r"(?:[ \t]+that)?[ \t]+(?P<ref>it|the[ \t]+(?:agency|department|"
         r"bureau|service|administration|office|commission))")
# Per form: the gap right after the agency's name, and "said it ..." after it.
_BETWEEN = {form: re.compile(_NAME_TAIL + aux + r"[ \t]+$")
            for form, aux in _AUXILIARIES.items()}
_AFTER_SAID = {form: re.compile("^" + _NAME_TAIL + _SAID + aux + r"[ \t]+$", re.IGNORECASE)
               for form, aux in _AUXILIARIES.items()}
_AND = re.compile(r"[ \t]+and[ \t]+(?:the[ \t]+)?")
# A word right before the agency that makes it an object, not the subject ("a suit against
# the EPA halted ...").
_OBJECT_BEFORE = frozenset(["against", "to", "with", "from", "for", "by", "sued", "asked",
                            "urged", "ordered", "told", "forced", "pushed", "allowed", "let",
                            "than", "like", "about", "on", "whether", "if", "blamed"])
# Where an object phrase ends.
_OBJECT_END = re.compile(
    r"[,;:()\[\]\"“”—–]|[ \t]+-{1,2}[ \t]|[.!?](?:[ \t]|$)|"
    r"[ \t](?:by|after|before|because|amid|as|while|when|which|that|who|whom|where|despite|"
    r"following|until|since|saying|citing|according|but|though|although|even|so|"
    r"and[ \t]+(?:they|he|she|it|we|the[ \t]+\w+[ \t]+(?:said|says))|"
    r"(?:last|this|next|earlier|later)[ \t]+(?:week|month|year|spring|summer|fall|autumn|"
    r"winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"in[ \t]+(?:\d{4}|january|february|march|april|may|june|july|august|september|"
    r"october|november|december)|on[ \t]+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))\b", re.IGNORECASE)
_PRONOUNS = frozenset(["it", "they", "them", "this", "that", "these", "those"])
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "that", "this"])
_MAX_OBJECT_WORDS = 10


@cache
def _vocabulary() -> tuple[dict[str, str], tuple[str, ...], re.Pattern[str],
                           dict[str, frozenset[str]]]:
    """(written form -> base form, objects that are no decision, the one verb scan, written
    form -> the verb forms it can be: "past", "progressive", "planned")."""
    from foia_desk.extract.cues import load_cues

    cues = load_cues()
    raw = cues.raw.get("decisions", {})
    verbs: dict[str, str] = {}
    forms: dict[str, set[str]] = {}
    for form, table in (("past", "verbs"), ("progressive", "progressive"),
                        ("planned", "planned")):
        for written, base in raw.get(table, {}).items():
            written = str(written).lower()
            verbs.setdefault(written, str(base))
            forms.setdefault(written, set()).add(form)
    not_objects = tuple(w.lower() for w in cues.words("decisions", "not_objects"))
    # A verb follows its subject after a space (line breaks already read as spaces); a
    # pattern starting with a literal lets ``re`` jump from space to space.
    scan = re.compile(" (?:" + literal_trie(sorted(verbs)) + ")(?![\\w'’-])")
    return verbs, not_objects, scan, {w: frozenset(f) for w, f in forms.items()}


@cache
def _verb_literals() -> LiteralSet | None:
    """" verb" for every verb, for the Aho-Corasick scan (None: a verb is not plain ASCII).

    The regex ``scan`` finds, left to right without overlaps, a space and a verb not
    followed by a word character. Leftmost-longest literal matches of " verb", each kept
    if no word character follows, are the same when every verb is ASCII letters only: at
    one place a shorter verb is then a prefix of a longer one and so followed by a letter
    (if the longest fails the test, all do), and a space, where a match starts, is never
    inside another match.
    """
    verbs = _vocabulary()[0]
    if not verbs or not all(verb.isascii() and verb.isalpha() for verb in verbs):
        return None
    return LiteralSet(" " + verb for verb in sorted(verbs))


_WORDISH = re.compile(r"[\w'’-]")  # what may not follow a verb (the scan's look-ahead)


def _verb_hits(lowered: str, plain: str | None, scan: re.Pattern[str]
               ) -> Iterator[tuple[int, int, str]]:
    """(start, end, verb) of each ``scan`` match in ``lowered``: " verb" and its offsets.

    ``plain`` is ``lowered`` with every non-ASCII character read as "?" (``topic_guard``'s
    ASCII copy), which ``LiteralSet`` searches fastest; the verbs are ASCII, so its matches
    are those in ``lowered``, whose next character is then tested as the scan would.
    """
    literals = _verb_literals()
    if literals is None or plain is None or len(plain) != len(lowered):
        for match in scan.finditer(lowered):
            yield match.start(), match.end(), match.group()[1:]
        return
    strings = literals.strings
    wordish = _WORDISH.match
    for number, start, end in literals.find(plain):
        if wordish(lowered, end) is None:
            yield start, end, strings[number][1:]


def find_decisions(text: str, sentences: list[tuple[int, int]],
                   actors_of: Callable[[int], list[Actor]], dates: list[DateFinding],
                   earlier: Iterable[Candidate], lowered: str | None = None,
                   plain: str | None = None) -> list[Candidate]:
    """Decision topics from ``text`` (the normalised reading with line breaks as spaces).

    ``actors_of(index)`` gives the actors of sentence ``index``; ``earlier`` are the topics
    already found, so a sentence they cover for the same agency is not described twice.
    ``lowered`` is ``text.lower()`` if the caller has it already, ``plain`` its ASCII copy
    (``topic_guard.ascii_copy``).
    """
    verbs, not_objects, scan, forms = _vocabulary()
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text):
        return []  # a character lower-cased to two would shift offsets; rare, so skip
    covered: set[tuple[tuple[int, int], str]] | None = None  # built when first needed
    policies: dict[tuple[tuple[int, int], str], list[str]] = {}
    starts = [s for s, _ in sentences]
    found: dict[str, Candidate] = {}
    if plain is None:
        plain = ascii_copy(lowered)
    for verb_start, verb_end, verb in _verb_hits(lowered, plain, scan):
        verb_at = verb_start + 1
        index = bisect.bisect_right(starts, verb_at) - 1
        if index < 0 or verb_end > sentences[index][1]:
            continue
        s_start, s_end = sentences[index]
        agencies = [a for a in actors_of(index) if a.end <= verb_at]
        if not agencies:
            continue
        subject = _subject(text, lowered, s_start, agencies, verb_at, forms[verb])
        if subject is None:
            continue
        subjects = [subject]
        if len(agencies) > 1 and agencies[-2].agency_id and agencies[-2].kind == "agency" \
                and _AND.fullmatch(text, agencies[-2].end, subject.start):
            subjects.insert(0, agencies[-2])  # "The EPA and the Department of Energy paused"
        base, thing = _phrase(verbs[verb], text, verb_end, s_end, dates, not_objects)
        if not thing:
            continue
        span = (s_start, s_end)
        if covered is None:
            covered, policies = _coverage(earlier)
        if (span, subject.agency_id) in covered:
            continue
        nouns = policies.get((span, subject.agency_id))
        if nouns and any(noun in thing.lower() for noun in nouns):
            continue  # "the IRS revoked the agreement": the agreement's topic says it
        ids = list(dict.fromkeys(str(a.agency_id) for a in subjects))
        labels = " and ".join(dict.fromkeys(a.label for a in subjects))
        key = f"decision:{','.join(ids)}:{base}:{thing.lower()}"
        cand = found.get(key)
        if cand is None:
            cand = found[key] = Candidate(
                key, "decision",
                f"Records about the {labels} decision to {base} {thing}, including "
                f"memos, plans, approvals and communications about it", ids, [],
                confidence=0.55)
        if span not in cand.sentences:
            cand.sentences.append(span)
            cand.dates.extend(dates_in(dates, s_start, s_end))
    return _merge_restatements(list(found.values()))


def _coverage(earlier: Iterable[Candidate]
              ) -> tuple[set[tuple[tuple[int, int], str]],
                         dict[tuple[tuple[int, int], str], list[str]]]:
    """(sentence, agency) pairs an earlier topic covers, and the policy nouns per pair.

    A topic about the action itself (a program, an operation, a communication...) covers
    its sentence. A policy covers it only when the action is done to that policy ("revoked
    the agreement"), and a figure cited never does: "CBP will add cameras, though its own
    rules ..." is a decision and a rule, two records.
    """
    covered: set[tuple[tuple[int, int], str]] = set()
    policies: dict[tuple[tuple[int, int], str], list[str]] = {}
    for cand in earlier:
        if cand.kind == "statistic":
            continue
        for seen in cand.sentences:
            for agency in cand.agencies:
                if cand.kind == "policy":
                    noun = cand.key.rsplit(":", 1)[-1]  # "policy:<agency>:<noun>"
                    policies.setdefault((seen, agency), []).append(noun)
                else:
                    covered.add((seen, agency))
    return covered, policies


def _merge_restatements(found: list[Candidate]) -> list[Candidate]:
    """Fold a decision into a fuller one by the same agencies with the same verb whose
    object has all its words: a headline's "VA plans to close rural clinics" and the body's
    "will close three rural clinics in northern New Mexico" are one request. The fuller one
    keeps both sentences and their dates."""
    if len(found) < 2:
        return found
    words = {id(c): set(c.key.split(":", 3)[3].split()) for c in found}
    kept: list[Candidate] = []
    for cand in found:
        agencies_verb = cand.key.rsplit(":", 1)[0]
        fuller = next((other for other in found if other is not cand
                       and other.key.rsplit(":", 1)[0] == agencies_verb
                       and words[id(cand)] < words[id(other)]), None)
        if fuller is None:
            kept.append(cand)
            continue
        for span in cand.sentences:
            if span not in fuller.sentences:
                fuller.sentences.append(span)
        fuller.dates.extend(d for d in cand.dates if d not in fuller.dates)
    for cand in kept:
        cand.sentences.sort()
    return kept


def _subject(text: str, lowered: str, s_start: int, agencies: list[Actor],
             verb_at: int, forms: frozenset[str] = frozenset({"past"})) -> Actor | None:
    """The agency that is the subject of the verb at ``verb_at`` (written in one of
    ``forms``), if any."""
    nearest = agencies[-1]
    if nearest.kind != "agency" or not nearest.agency_id:
        return None  # the nearest body is a court, a company, an informal reference...
    gap = text[nearest.end:verb_at]
    if not any(_BETWEEN[form].fullmatch(gap) or _AFTER_SAID[form].match(gap)
               for form in forms):
        return None
    before = lowered[max(s_start, nearest.start - 80):nearest.start].split()
    had_article = False
    while before and before[-1] in ("the", "u.s.", "federal", "national"):
        had_article = had_article or before[-1] == "the"
        before.pop()
    if before and before[-1].strip(",\"“”'") in _OBJECT_BEFORE:
        return None
    if had_article and len(before) >= 2 and before[-2] in _DETERMINERS and \
            before[-1].isalpha() and before[-1] not in STOP and before[-1] not in VERBS:
        return None  # "the rule the EPA rescinded allowed ...": a clause about the rule
    return nearest


def _phrase(base: str, text: str, start: int, end: int, dates: list[DateFinding],
            not_objects: tuple[str, ...]) -> tuple[str, str]:
    """(verb, object) for the description; the object is "" when there is none.

    "shut down the plant" keeps its particle; "began to detain people" is described by what
    was begun ("decision to detain people").
    """
    ahead = text[start:start + 6].lower()
    if base == "shut" and ahead.startswith(" down "):
        return "shut down", _object(text, start + 5, end, dates, not_objects)
    if base in ("begin", "resume") and ahead.startswith(" to "):
        thing = _object(text, start + 4, end, dates, not_objects)
        verb, _, rest = thing.partition(" ")
        return verb, rest  # no object after the new verb: nothing to describe
    return base, _object(text, start, end, dates, not_objects)


def _object(text: str, start: int, end: int, dates: list[DateFinding],
            not_objects: tuple[str, ...]) -> str:
    """The verb's object phrase, cut at a natural boundary, or "" when there is none."""
    rest = text[start:end]
    stop = _OBJECT_END.search(rest)
    cut = stop.start() if stop else len(rest)
    for found in dates_in(dates, start, end):
        cut = min(cut, found.start - start)
        break
    words = rest[:cut].split()[:_MAX_OBJECT_WORDS]
    while words and (words[-1].lower() in STOP or words[-1].lower() in ("and", "or", "but")):
        words.pop()
    phrase = " ".join(words).strip(" .'’")
    lowered = phrase.lower()
    if not phrase or lowered in _PRONOUNS or lowered.split()[0] in STOP - {"the", "a", "an",
                                                                       "its", "their", "all",
                                                                       "some", "more", "many",
                                                                       "other", "about"}:
        return ""
    if any(lowered == w or lowered.startswith(w + " ") for w in not_objects):
        return ""
    first, *after = lowered.split()
    if first in VERBS or (first.endswith("ed") and after and after[0] in _DETERMINERS):
        return ""  # "the agents the FBI fired sued the bureau": the verb's object came first
    return phrase
