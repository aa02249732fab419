"""Record-describing topic cues: communications, data and policies.

These finders run on thousands of sentences of a long text, so work is ordered to be skipped
when it cannot matter, each shortcut giving what the full computation gives: ``CaseFree``
patterns scan one lower-cased copy per sentence (``scan_form``); a communication's tail is
clipped only when the text after it can start one of TAIL_WORDS; whether a bare "report" has
an author is settled before its sender is looked for (most have none and are dropped);
SEND and RECEIVED run only when one of their literal verbs is in the text they search; the
following sentences are tested for a reply in place (``Following.mentions``); the earlier
agencies a policy may belong to are gathered only when its owner is looked for there. Each
finder works out a topic's key first: when an earlier sentence gave that key (``known``),
``find_topics`` keeps the first description, so the finder returns a ``Repeat`` (key and
agencies) without writing one; a communication's tail is clipped only once its noun is
kept or the author test needs it.
"""

from __future__ import annotations

import re
from collections.abc import Container

from foia_desk.extract.matcher import CaseFree
from foia_desk.extract.topic_base import (
    ACCESS,
    COMMUNICATION,
    DATA,
    DATA_TYPES,
    FINDING,
    NEEDS_AUTHOR,
    POLICY,
    PRONOUN,
    SEND,
    STOP,
    VERBS,
    Actor,
    Candidate,
    Repeat,
    actor_after,
    actor_before,
    agencies_only,
    clip,
    earlier_actors,
    ids_of,
)
from foia_desk.extract.topic_guard import Following
from foia_desk.extract.topic_skip import word_start

# Words a kept communication tail starts with ("a memo from ...", "a letter to ...").
TAIL_WORDS = ("from", "to", "about", "on", "regarding", "between", "with", "sent", "by",
              "asking", "describing", "that")
_TAIL_HEAD = max(len(word) for word in TAIL_WORDS)
# What ``clip`` strips from the front of its text, and the blanks between words.
_TAIL_START = re.compile(r"[\s,.;:\"“”()]*")
# Cues of a reply in the sentences after ("in response" needs no test of its own: it
# contains "response").
REPLY_CUES = ("response", "responded", "replied", "wrote back")
REPLIED_CUES = ("response", "responded", "replied")


def _may_receive(sentence: str) -> bool:
    """Whether a word RECEIVED looks for is in ``sentence`` (else it cannot match)."""
    return "received" in sentence or "obtained" in sentence or "lodged" in sentence or \
        "issued" in sentence or "filed" in sentence or "released" in sentence or \
        "published" in sentence


def _may_send(sentence: str) -> bool:
    """Whether any of SEND_VERBS is in ``sentence`` (the ``in`` tests written out)."""
    return "sent" in sentence or "wrote" in sentence or "issued" in sentence or \
        "signed" in sentence or "circulated" in sentence or "drafted" in sentence


def _is_repeat(key: str, known: Container[str]) -> bool:
    """Whether a topic keyed ``key`` only adds evidence to one found in an earlier sentence.

    ``find_topics`` then merges its sentence, dates and agencies into that topic and drops
    the rest, so its description need not be written. (A key ending in ":*" is redirected
    to another topic first, so it is never treated as a repeat.)
    """
    return key in known and not key.endswith(":*")



def scan_form(sentence: str) -> tuple[str, bool]:
    """What a ``CaseFree`` pattern scans for ``sentence``: (text, whether it is folded).

    As ``CaseFree`` does it: an ASCII sentence lower-cased for the ``folded`` pattern, any
    other as it is for the ``ignorecase`` one. The finders then read the groups from the
    sentence by their spans (the same in both), which spares ``CaseFree``'s wrapper objects
    and a lower-casing per pattern.
    """
    if sentence.isascii():
        return sentence.lower(), True
    return sentence, False


def _group(sentence: str, match: re.Match[str], name: str) -> str:
    """Group ``name`` of ``match`` (found in ``scan_form(sentence)``) as ``sentence`` has it."""
    start, end = match.span(name)
    return sentence[start:end] if start >= 0 else ""


def communications(sentence: str, offset: int, here: list[Actor], context: list[Actor],
                    following: Following, known: Container[str] = ()
                    ) -> list[Candidate | Repeat]:
    """Emails, letters, memos, reports... an agency wrote or received ("Copies of the ...").

    A topic whose key is in ``known`` (found in an earlier sentence) keeps its first
    description, so a repeat gets none written (a ``Repeat``). What a match may not
    need is computed when first needed: the tail (most bare nouns without an author are
    dropped before it matters), the sentence's agencies and whether it says "received".
    """
    out: list[Candidate | Repeat] = []
    scanned, folded = scan_form(sentence)
    agencies: list[Actor] | None = None
    receives: bool | None = None
    for match in (COMMUNICATION.folded if folded else COMMUNICATION.ignorecase).finditer(scanned):
        noun = " ".join(_group(sentence, match, "noun").split())
        noun_key = noun.lower()
        start, end = match.span()
        tail: str | None = None
        claim = ""
        if noun_key in NEEDS_AUTHOR:
            # A bare "report" or "review" is a record only when someone's: "the SEC's
            # complaint", "a report by the inspector general", "the OIG said in a report".
            # (An author named after it counts only if the tail starts with "by"/"from".)
            author = actor_before(here, offset + match.start("noun"), 3)
            if author is None:
                named_after = actor_after(here, offset + end, 12)
                if named_after is not None:
                    tail = _tail(sentence, end)
                    if tail.lower().startswith(("by", "from")):
                        author = named_after
            if author is None:
                if agencies is None:
                    agencies = agencies_only(here)
                speaker = actor_before(agencies, offset + match.start(), 40)
                # (Without a speaker the gap is "", which SAID_IN never matches.)
                gap = sentence[speaker.end - offset:match.start()] if speaker else ""
                said = SAID_IN.match(gap) if speaker else None
                if speaker and said and re.search(r"\b(?:in|on)\b", gap):
                    author = speaker
                    claim = clip(sentence[:speaker.start - offset].rstrip(" ,").split(), 30,
                                 stop_at_verbs=False)
                elif speaker and said:
                    author = speaker
                    if tail is None:
                        tail = _tail(sentence, end)
                    tail = tail or f"by {author.label}"
            if author is None:
                if receives is None:
                    receives = _may_receive(sentence) and RECEIVED.search(sentence) is not None
                if receives:
                    if agencies is None:
                        agencies = agencies_only(here)
                    author = next(iter(agencies), None)  # "received an ICE detainer"
            if author is None or not author.agency_id:
                continue
        if tail is None:
            tail = _tail(sentence, end)
        mods_text = _group(sentence, match, "mods")
        mods = [m for m in mods_text.split() if m.lower() not in STOP
                and m.lower() not in VERBS] if mods_text else []
        sender = ""
        # (The first word of the tail is "from" exactly when it is "from" or starts
        # "from ": clip joins its words with single spaces.)
        from_tail = tail == "from" or tail.startswith("from ")
        # (SEND must end before the match: its verb is then in the text before it.)
        send = SEND.search(sentence, 0, start) if _may_send(sentence[:start]) else None
        if send and not from_tail:
            who = send.group("who").split()[-1]
            who_end = offset + send.end("who")
            named = next((a for a in here if a.start < who_end <= a.end), None)
            if named:  # "the State Department sent": the whole name, not "Department"
                who = named.label
                if named.agency_id and " " in who and not who.lower().startswith("the "):
                    who = f"the {who}"  # a full name: "from the Department of State"
            elif who.lower() in PRONOUN:
                ref = next((a for a in reversed(context) if a.agency_id is None), None) \
                    or (context[-1] if context else None)
                who = ref.label if ref else ""
            if who and who.lower() not in STOP:
                sender = f" from {who}"
        if not sender and not from_tail:
            subject = next((a for a in here if a.start - offset < 12), None)
            if subject and subject.end - offset < start and \
                    _ASKED.match(sentence, subject.end - offset):
                sender = f" from {subject.label}"
        if not mods and not sender and not tail:
            if _group(sentence, match, "det").lower() in ("the", "that", "this"):
                # "the memo" after "an internal memo": evidence for the earlier topic.
                out.append(Candidate(f"communication:{noun_key.rstrip('s')}:*",
                                     "communication", f"Copies of the {noun}", ids_of(here),
                                     [], confidence=0.5))
                continue
            if noun_key not in NEEDS_AUTHOR:
                continue  # a bare "a letter": nothing a request could describe
        key = f"communication:{noun_key.rstrip('s')}:{' '.join(mods).lower()}:{sender}"
        if _is_repeat(key, known):
            out.append(Repeat(key, ids_of(here)))
            continue
        phrase = " ".join([*mods, noun])
        text = f"Copies of the {phrase}{sender}"
        if tail:
            text += f" {tail}"
        if claim:
            text += f", which found that {claim[:1].lower() + claim[1:]}"
        elif noun_key.rstrip("s") in ("report", "audit", "review", "assessment") and \
                (finding := FINDING.match(sentence[end:])):
            text += ", which found that " + clip(finding.group("what").split(), 18,
                                                  stop_at_verbs=False)
        if following.mentions(REPLY_CUES):
            text += ", and any reply"
        out.append(Candidate(key, "communication", text, ids_of(here), [], confidence=0.65))
    return out


def _tail(sentence: str, end: int) -> str:
    """What follows a communication's noun, kept if it starts with one of TAIL_WORDS.

    The clipped tail is kept only if it starts with one of TAIL_WORDS. It starts where
    the rest of the sentence does once blanks and the characters ``clip`` strips are
    skipped, so when (ASCII) text there starts with none of them, the tail is "" without
    clipping.
    """
    head_at = _TAIL_START.match(sentence, end).end()
    head = sentence[head_at:head_at + _TAIL_HEAD]
    if head.isascii() and not head.lower().startswith(TAIL_WORDS):
        return ""
    tail = clip(sentence[end:].split(None, 14), 14)  # clip reads 14 words
    if DATE_TAIL.match(tail):
        return ""
    if tail and not tail.lower().startswith(TAIL_WORDS):
        return ""
    return tail


def data_requests(sentence: str, offset: int, here: list[Actor], known: Container[str] = ()
                  ) -> list[Candidate | Repeat]:
    """Data one agency asked another for, or shared: who asked whom for what.

    The key (holder and requester) is settled before the kinds of data are gathered: a
    topic found again (``known``, see ``_is_repeat``) needs them only to know whether there
    are any, which one search tells.
    """
    scanned, folded = scan_form(sentence)
    if not (ACCESS.folded if folded else ACCESS.ignorecase).search(scanned):
        return []
    here = agencies_only(here)
    # The holder: the agency named (at most 2 characters) before the first data word that
    # has one. DATA matches whole words, which never overlap, so its matches are simply
    # the places where it matches: only those just after an agency need trying.
    holder: Actor | None = None
    data_at = (DATA.folded if folded else DATA.ignorecase).match
    for at in sorted({actor.end - offset + gap for actor in here for gap in (0, 1, 2)}):
        if at >= 0 and data_at(scanned, at):  # (``match`` would read a negative start as 0)
            holder = actor_before(here, offset + at, 2)
            break
    requester: Actor | None = None
    for actor in here:
        # (the look-up after the name first: a match at one place, where the other search
        # tries every position of the text before it; ``endpos`` cuts like a slice)
        if _ACCESS_AFTER.match(sentence, actor.end - offset) and \
                GRANT_BEFORE.search(sentence, 0, actor.start - offset):
            requester = actor
            holder = holder or next((a for a in here if a.agency_id and a is not actor), None)
            break
    # One agency sharing with another needs two of them.
    share = SHARE.search(sentence) if requester is None and len(here) > 1 else None
    if requester is None and share:
        giver = actor_before(here, offset + share.start(), 60)
        taker = next((a for a in here if a.agency_id and a.start >= offset + share.end()
                      and a is not giver), None)
        if giver and giver.agency_id and taker:
            holder, requester = giver, taker
    if requester is None:
        requester = next((a for a in here if a is not holder and a.label != (
            holder.label if holder else None)), None)
    who = (requester.agency_id or requester.label) if requester else ""
    key = f"data:{holder.agency_id if holder else ''}:{who}"
    types = (DATA_TYPES.folded if folded else DATA_TYPES.ignorecase)
    if _is_repeat(key, known):
        if holder is None and types.search(scanned) is None and not _about(sentence):
            return []  # no kinds of data named and no holder: no topic
        return [Repeat(key, ids_of(here))]
    kinds = []
    for match in types.finditer(scanned):
        phrase = " ".join(sentence[match.start():match.end()].split())
        if phrase.lower() not in (k.lower() for k in kinds):
            kinds.append(phrase)
    subject = _about(sentence)
    if subject:
        kinds.append(f"information on {subject}")
    if not kinds and holder is None:
        return []
    text = "Records of requests"
    if requester:
        text += f" by {requester.label}"
    text += " for access to"
    text += f" {holder.label} data" if holder else " data"
    if kinds:
        text += " (" + ", ".join(kinds) + ")"
    source = SOURCE.search(sentence) if "from" in sentence else None
    if source:
        text += f" obtained from {source.group('src')}"
    text += ", and of what was shared"
    return [Candidate(key, "data", text, ids_of(here), [], confidence=0.6)]


def _about(sentence: str) -> str:
    """What "access to data on ..." names ("" if nothing)."""
    # Cheap exact tests first: a pattern needing a literal word cannot match without it.
    about = ACCESS_ABOUT.search(sentence) if "access" in sentence else None
    return clip(about.group("about").split(), 10, stop_at_verbs=False) if about else ""


SAID_IN = re.compile(r"^(?:'s?)?[ \t]+(?:(?:said|says|wrote|found|concluded|reported|announced|"
                     r"warned)[ \t]+(?:in|on)|(?:\w+[ \t]+){0,3}(?:completed|published|prepared|"
                     r"issued|released|conducted|sent|filed|produced|drafted|lodged|signed))"
                     r"[ \t]+(?:a|an|the|its)?[ \t]*$", re.IGNORECASE)
SOURCE = re.compile(r"\b(?:bought|purchased|buys|buying|obtained|acquired|licensed)\b[^.;]{0,80}?"
                    r"\bfrom[ \t]+(?P<src>(?:a|an|the)[ \t]+[\w -]{3,40}?)"
                    r"(?=[,.;]|[ \t]+(?:that|which|who|to|for|in|on|at|without|under)\b)")
# (The word-start check follows the literal "access", so re jumps straight to it.)
ACCESS_ABOUT = re.compile(r"access(?<=\baccess)[ \t]+to[ \t]+(?:[\w-]+[ \t]+){0,2}?"
                          r"(?:data|information|records)[ \t]+(?:on|about|of)[ \t]+"
                          r"(?P<about>[^,.;]{3,80})")
_ACCESS_AFTER = re.compile(r"[ \t]+access\b")
GRANT_BEFORE = re.compile(r"\b(?:give|gives|gave|given|giving|grant\w*|allow\w*|provid\w*)"
                          r"[ \t]+(?:the[ \t]+)?$")
POLICY_CONTENT = re.compile(r"\b(?:requir\w*|allow\w*|bar(?:s|red|ring)?|limit\w*|prohibit\w*|"
                            r"govern\w*|permit\w*|restrict\w*|delays?|exempts?|sets|lowers|"
                            r"raises|rescinds|repeals|revises|expands|ends|on|for|about|"
                            r"regarding)\b")
WROTE_TO = re.compile(word_start("wrote", r"sent[ \t]+a[ \t]+letter") +
                      r"[ \t]+to[ \t]+(?P<to>[^,.;]{3,80}?)"
                      r"(?:[ \t]+(?:on|in|last|this)[ \t]+[^,.;]{1,20}?)?"
                      r"(?:,?[ \t]+(?P<verb>asking|demanding|requesting|urging|seeking)"
                      r"(?:[ \t]+(?:for|that))?[ \t]+(?P<what>[^.;]{3,200}))?(?=[.;]|$)")
RECEIVED = re.compile(word_start("received", "obtained", "lodged", "issued", "filed", "released",
                                 "published") + r"\b")
DATE_TAIL = re.compile(r"^(?:on|in|last|this|since)[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|"
                       r"Friday|Saturday|Sunday|week|month|year|[A-Z][a-z]{2,8}\.?[ \t]+\d)",
                       re.IGNORECASE)


def letters_written(sentence: str, offset: int, here: list[Actor], context: list[Actor],
                    following: Following) -> list[Candidate]:
    """"Two senators wrote to the FBI director asking for ...": the letter and its reply."""
    match = WROTE_TO.search(sentence)
    if not match or COMMUNICATION.search(sentence, 0, match.end("to")):
        return []
    writer = next((a for a in here if a.start - offset < match.start()), None)
    who = writer.label if writer else ""
    if not who:
        subject = sentence[:match.start()].split()
        if subject and subject[-1].lower() in PRONOUN and context:
            who = context[-1].label
    text = "Copies of the letter"
    if who:
        text += f" from {who}"
    text += f" to {' '.join(match.group('to').split())}"
    if match.group("what"):
        what = clip(match.group("what").split(), 30, stop_at_verbs=False,
                    stop_at_punctuation=False)
        text += f", {match.group('verb')} {what}"
    if following.mentions(REPLIED_CUES):
        text += ", and any reply"
    else:
        text += ", and any response"
    key = f"communication:letter:wrote:{who.lower()}"
    return [Candidate(key, "communication", text, ids_of(here), [], confidence=0.6)]
LEGAL_PROCESS = re.compile(
    r"\b(?P<what>(?:geofence|search|tower[ \t]+dump|pen[ \t]+register|wiretap|keyword|"
    r"reverse[ \t]+keyword|administrative|grand[ \t]+jury)[ \t]+)?"
    r"(?P<noun>warrants?|subpoenas?|court[ \t]+orders?|national[ \t]+security[ \t]+letters?|"
    r"summons(?:es)?)\b", re.IGNORECASE)
# (CaseFree: an IGNORECASE pattern starting with letters is tried at every position; over
# the lower-cased ASCII sentence the lower-case form skips to its first letters.)
PROCESS_VERB = CaseFree(word_start(r"obtain\w*", "sought", r"seek\w*", "serv(?:ed|es|ing)",
                                   r"issu\w*", "us(?:ed|es|ing)", "appl(?:y|ied|ies)", "got")
                        + r"\b")
SHARE = re.compile(word_start("share[sd]?", "sharing", r"provid\w*", "give[sn]?", "gave",
                              r"hand(?:s|ed)?[ \t]+over", r"turn(?:s|ed)?[ \t]+over",
                              "sell(?:s|ing)?", "sold") + r"\b")


def legal_process(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    """Warrants, subpoenas and court orders an agency sought: the records and what came back."""
    here = agencies_only(here)
    agencies = here
    if not agencies or not PROCESS_VERB.search(sentence):
        return []
    out = []
    for match in LEGAL_PROCESS.finditer(sentence):
        if match.group("what") and match.group("what").lower().startswith("search") and \
                "hunt" in sentence.lower():
            continue
        owner = actor_before(here, offset + match.start(), 80) or agencies[0]
        what = " ".join((match.group("what") or "").split())
        noun = " ".join(match.group("noun").split())
        label = f"{what} {noun}".strip()
        out.append(Candidate(
            f"process:{label.lower().rstrip('s')}", "data",
            f"Records of the {label} sought or obtained by {owner.label}, including the "
            f"applications, the court orders and the data returned", ids_of(here), [],
            confidence=0.6))
    return out


# (Compiled once: these run for every policy or communication found.)
_ASKED = re.compile(r"[ \t]+(?:asked|urged|told|wrote|warned|called)")
_WITH = re.compile(r"[ \t]+(?:with|between|by|of)[ \t]+(?:the[ \t]+)?")
_STAGED_RULE = re.compile(r"\b(?:final|interim|proposed|draft)[ \t]+rule")
_DETERMINER = re.compile(r"\b(?:its|their|the)\b")
_WORD = re.compile(r"[\w-]+")
GENERIC_OWNER = re.compile(
    r"\b(?:its|their|the[ \t]+(?:agency|bureau|department|service|office|administration|"
    r"commission)(?:'s|')?)[ \t]+(?:[\w-]+[ \t]+){0,3}$", re.IGNORECASE)


def _generic_owner(generic: re.Match[str], earlier: list[Actor]) -> Actor | None:
    """"the bureau's" -> the last agency named before whose name has "Bureau"."""
    word = re.search(r"agency|bureau|department|service|office|administration|commission",
                     generic.group(0), re.IGNORECASE)
    if word:
        fitting = [a for a in earlier if word.group(0).lower() in a.name.lower()]
        if fitting:
            return fitting[-1]
    return earlier[-1] if earlier else None


_AUX_ING = re.compile(r"\b(?:is|are|was|were|been|be)[ \t]+(?:\w+ly[ \t]+)?\w+ing\b",
                     re.IGNORECASE)


def policies(sentence: str, offset: int, here: list[Actor], actors: list[Actor],
             known: Container[str] = ()) -> list[Candidate | Repeat]:
    """Policies and agreements an agency holds; ``actors`` are all the text's actors.

    An owner named only earlier in the text ("the bureau's new policy") is rare, so the
    agencies named before the sentence are gathered only when one is looked for. The key
    needs only the owner and the noun: a topic found again (``known``, see ``_is_repeat``)
    gets no description written.
    """
    out = []
    here = agencies_only(here)
    gathered: list[list[Actor]] = []

    def context() -> list[Actor]:
        if not gathered:
            gathered.append(agencies_only(earlier_actors(actors, offset)))
        return gathered[0]

    for match in POLICY.finditer(sentence):
        position = offset + match.start()
        owner = actor_before(here, position, 25)
        anchor = owner.end - offset if owner else None
        if owner is None:
            after = _WITH.match(sentence[match.end():])
            if after:
                owner = actor_after(here, offset + match.end(), after.end() + 2)
        owned_after = owner is not None and anchor is None
        # ("the agency's policy": looked for only when no owner is named next to it.)
        generic = None if owner is not None else \
            GENERIC_OWNER.search(sentence, max(0, match.start() - 60), match.start())
        if owner is None and generic:
            earlier = [a for a in context() + here if a.start < position]
            owner = _generic_owner(generic, earlier)
            anchor = generic.start() + len(re.match(r"\S+(?:[ \t]+\S+'s?)?", generic.group(0))
                                           .group(0)) if owner else None
        if owner is None and _STAGED_RULE.search(match.group("noun")):
            earlier = [a for a in context() if a.start < position]
            owner = earlier[-1] if earlier else None
        if owner is None or owner.agency_id is None:
            continue
        noun = " ".join(match.group("noun").split())
        key = f"policy:{owner.agency_id}:{noun.lower().rstrip('s')}"
        if _is_repeat(key, known):
            out.append(Repeat(key, [owner.agency_id, *ids_of(here)]))
            continue
        between = sentence[anchor:match.start()] if anchor is not None else ""
        between = _DETERMINER.split(between)[-1]
        # "it is reviewing contracts": a verb, not the name of the contracts.
        between = _AUX_ING.sub(" ", between)
        mods = [w for w in _WORD.findall(between)
                if w.lower() not in STOP and w.lower() not in VERBS and not w.isdigit()
                and w != owner.label and not w.endswith("'s")][-2:]
        if not all(m[:1].islower() for m in mods):
            mods = []
        rest = sentence[match.end():]
        tail = clip(rest.split(None, 12), 12)  # clip reads 12 words
        if DATE_TAIL.match(tail):
            tail = ""
        text = f"{owner.label} {' '.join([*mods, noun])}"
        if owned_after:  # "an agreement with the EPA": named from the other side
            other = next((a for a in here if a.agency_id != owner.agency_id
                          and a.start < position), None)
            text = f"{other.label + ' ' if other else ''}{' '.join([*mods, noun])}"
        content = next((c for c in POLICY_CONTENT.finditer(rest, 0, 120)
                        if not DATE_TAIL.match(rest[c.start():])), None)
        if tail.lower().startswith(("on ", "for ", "to ", "governing ", "about ", "that ",
                                    "regarding ", "with ")):
            text += f" {tail}"
        elif content:
            joiner = " " if content.group(0).lower() in ("on", "for", "about", "regarding") \
                else " that "
            what = clip(rest[content.start():].split(), 14, stop_at_verbs=False)
            if len(what.split()) >= 3:
                text += joiner + what
        out.append(Candidate(key, "policy",
                             f"Records of the {text}, with the current version and any drafts",
                             [owner.agency_id, *ids_of(here)], [], confidence=0.55))
    return out

