"""The second speed round of topic finding gives exactly what the code it replaced gave.

The old finders are kept here verbatim (renamed ``_old_*``) and compared with the new ones
on sentences built from their own cue words, agency names placed as actors, odd spacing and
characters; with every key already known, the new finders must return a ``Repeat`` with the
same key and agencies wherever the old ones returned a topic. The other rewrites (clause
breaks, the ASCII copy for the automata, digit flags, the decision-verb automaton, the
place test, the cue-word placement) are compared with the plain computations.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.extract import topic_decisions, topic_guard, topics
from foia_desk.extract.literal import LiteralSet
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
from foia_desk.extract.topic_records import (
    _ACCESS_AFTER,
    _ASKED,
    _DETERMINER,
    _STAGED_RULE,
    _TAIL_HEAD,
    _TAIL_START,
    _WITH,
    _WORD,
    ACCESS_ABOUT,
    DATE_TAIL,
    GENERIC_OWNER,
    GRANT_BEFORE,
    POLICY_CONTENT,
    RECEIVED,
    REPLY_CUES,
    SAID_IN,
    SHARE,
    SOURCE,
    TAIL_WORDS,
    _generic_owner,
    _group,
    _may_receive,
    _may_send,
    communications,
    data_requests,
    policies,
    scan_form,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FINDER_SETTINGS = settings(SETTINGS, max_examples=800)


# --- the finders as they were, verbatim ------------------------------------------------
def _old_communications(sentence: str, offset: int, here: list[Actor], context: list[Actor],
                    following: Following) -> list[Candidate]:
    out = []
    scanned, folded = scan_form(sentence)
    for match in (COMMUNICATION.folded if folded else COMMUNICATION.ignorecase).finditer(scanned):
        noun = " ".join(_group(sentence, match, "noun").split())
        rest = sentence[match.end():]
        # The clipped tail is kept only if it starts with one of TAIL_WORDS. It starts where
        # ``rest`` does once blanks and the characters ``clip`` strips are skipped, so when
        # (ASCII) text there starts with none of them, the tail is "" without clipping.
        head_at = _TAIL_START.match(rest).end()
        head = rest[head_at:head_at + _TAIL_HEAD]
        if head.isascii() and not head.lower().startswith(TAIL_WORDS):
            tail = ""
        else:
            tail = clip(rest.split(None, 14), 14)  # clip reads 14 words
            if DATE_TAIL.match(tail):
                tail = ""
            if tail and not tail.lower().startswith(TAIL_WORDS):
                tail = ""
        # Whether a bare noun has an author goes first: most that have none are dropped, and
        # the sender and the modifiers are looked for only in what is kept. (The author
        # test may set an empty tail to "by ...": the sender tests read its first word only
        # for "from", so they decide the same.)
        claim = ""
        if noun.lower() in NEEDS_AUTHOR:
            # A bare "report" or "review" is a record only when someone's: "the SEC's
            # complaint", "a report by the inspector general", "the OIG said in a report".
            author = actor_before(here, offset + match.start("noun"), 3) or \
                (actor_after(here, offset + match.end(), 12) if tail.lower().startswith(
                    ("by", "from")) else None)
            if author is None:
                speaker = actor_before(agencies_only(here), offset + match.start(), 40)
                gap = sentence[speaker.end - offset:match.start()] if speaker else ""
                said = SAID_IN.match(gap)
                if speaker and said and re.search(r"\b(?:in|on)\b", gap):
                    author = speaker
                    claim = clip(sentence[:speaker.start - offset].rstrip(" ,").split(), 30,
                                 stop_at_verbs=False)
                elif speaker and said:
                    author = speaker
                    tail = tail or f"by {author.label}"
                    claim = re.sub(r"[ ,]+(?:the|a|an)$", "", claim, flags=re.IGNORECASE)
                    if not tail:
                        tail = f"by {author.label}"
            if author is None and _may_receive(sentence) and RECEIVED.search(sentence):
                author = next(iter(agencies_only(here)), None)  # "received an ICE detainer"
            if author is None or not author.agency_id:
                continue
        mods = [m for m in _group(sentence, match, "mods").split() if m.lower() not in STOP
                and m.lower() not in VERBS]
        sender = ""
        # (SEND must end before the match: its verb is then in the text before it.)
        before = sentence[:match.start()]
        send = SEND.search(sentence, 0, match.start()) if _may_send(before) else None
        if send and "from" not in tail.split()[:1]:
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
        if not sender and "from" not in tail.split()[:1]:
            subject = next((a for a in here if a.start - offset < 12), None)
            if subject and subject.end - offset < match.start() and \
                    _ASKED.match(sentence[subject.end - offset:]):
                sender = f" from {subject.label}"
        det = _group(sentence, match, "det").lower()
        if not mods and not sender and not tail and det in ("the", "that", "this"):
            # "the memo" after "an internal memo": evidence for the earlier topic.
            out.append(Candidate(f"communication:{noun.lower().rstrip('s')}:*",
                                 "communication", f"Copies of the {noun}", ids_of(here), [],
                                 confidence=0.5))
            continue
        if not mods and not sender and not tail and noun.lower() not in NEEDS_AUTHOR:
            continue  # a bare "a letter": nothing a request could describe
        phrase = " ".join([*mods, noun])
        text = f"Copies of the {phrase}{sender}"
        if tail:
            text += f" {tail}"
        if claim:
            text += f", which found that {claim[:1].lower() + claim[1:]}"
        elif noun.lower().rstrip("s") in ("report", "audit", "review", "assessment") and \
                (finding := FINDING.match(sentence[match.end():])):
            text += ", which found that " + clip(finding.group("what").split(), 18,
                                                  stop_at_verbs=False)
        if following.mentions(REPLY_CUES):
            text += ", and any reply"
        ids = ids_of(here)
        key = f"communication:{noun.lower().rstrip('s')}:{' '.join(mods).lower()}:{sender}"
        out.append(Candidate(key, "communication", text, ids, [], confidence=0.65))
    return out

def _old_data_requests(sentence: str, offset: int, here: list[Actor]) -> list[Candidate]:
    scanned, folded = scan_form(sentence)
    if not (ACCESS.folded if folded else ACCESS.ignorecase).search(scanned):
        return []
    here = agencies_only(here)
    kinds = []
    for match in (DATA_TYPES.folded if folded else DATA_TYPES.ignorecase).finditer(scanned):
        phrase = " ".join(sentence[match.start():match.end()].split())
        if phrase.lower() not in (k.lower() for k in kinds):
            kinds.append(phrase)
    # Cheap exact tests first: a pattern needing a literal word cannot match without it.
    about = ACCESS_ABOUT.search(sentence) if "access" in sentence else None
    if about:
        subject = clip(about.group("about").split(), 10, stop_at_verbs=False)
        if subject:
            kinds.append(f"information on {subject}")
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
    if not kinds and holder is None:
        return []
    if requester is None:
        requester = next((a for a in here if a is not holder and a.label != (
            holder.label if holder else None)), None)
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
    who = (requester.agency_id or requester.label) if requester else ""
    key = f"data:{holder.agency_id if holder else ''}:{who}"
    return [Candidate(key, "data", text, ids_of(here), [], confidence=0.6)]

def _old_policies(sentence: str, offset: int, here: list[Actor], actors: list[Actor]
             ) -> list[Candidate]:
    """Policies and agreements an agency holds; ``actors`` are all the text's actors.

    An owner named only earlier in the text ("the bureau's new policy") is rare, so the
    agencies named before the sentence are gathered only when one is looked for.
    """
    out = []
    here = agencies_only(here)
    known: list[list[Actor]] = []

    def context() -> list[Actor]:
        if not known:
            known.append(agencies_only(earlier_actors(actors, offset)))
        return known[0]

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
        between = sentence[anchor:match.start()] if anchor is not None else ""
        between = _DETERMINER.split(between)[-1]
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
        out.append(Candidate(f"policy:{owner.agency_id}:{noun.lower().rstrip('s')}", "policy",
                             f"Records of the {text}, with the current version and any drafts",
                             [owner.agency_id, *ids_of(here)], [], confidence=0.55))
    return out


# --- sentences built from the finders' own words, with agencies as actors ----------------
_AGENCIES = [("FBI", "fbi", "Federal Bureau of Investigation", "agency"),
             ("the EPA", "epa", "Environmental Protection Agency", "agency"),
             ("Department of State", "state", "Department of State", "agency"),
             ("ICE", "ice", "Immigration and Customs Enforcement", "agency"),
             ("Reuters", None, "", "media"), ("police", None, "", "informal")]
_WORDS = [
    "the", "a", "an", "its", "their", "his", "her", "a series of", "that", "this", "internal",
    "new", "draft", "two-page", "memo", "memos", "memorandum", "memorandum of understanding",
    "report", "reports", "audit", "review", "email", "e-mail", "letter", "text messages",
    "complaint", "notice", "detainer", "declaration", "filing", "cable", "slide decks",
    "correspondence", "letter carriers", "sent", "wrote", "issued", "signed", "said in",
    "said", "found that", "received", "obtained", "released", "asked", "told", "completed",
    "from", "to", "about", "by", "on Monday", "regarding", "asking", "access", "requested",
    "shared", "shares", "provided", "location data", "phone records", "data", "records",
    "information", "access to data on", "bought", "from a broker", "gave", "given", "policy",
    "policies", "rules", "final rule", "agreement", "agreements with", "MOU", "contract",
    "guidelines", "the agency's", "the bureau's", "its new", "requires", "on", "for", "with",
    "They", "he", "it", "officials", "in", "of", "last week", "were", "shows", "IP addresses",
]
_PIECES = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from([w.upper() for w in _WORDS[:40]]),
    st.sampled_from([" ", " ", " ", "  ", "\t", ",", ", ", ".", ";", "'s", "\"", "“", "”",
                     "(", ")", "-", "x", "Ⅸ", "ſ", "\u212a", "é", "7", "'"]),
    st.integers(0, len(_AGENCIES) - 1))
_CONTEXT = [Actor(0, 8, "Senators", None, kind="legislature"), Actor(9, 12, "CIA", "cia")]


_SUBJECTS = ["They", "It", "officials", "The agency's", "The bureau's", "Its", ""]
_VERBS = ["sent", "wrote", "issued", "signed", "said in", "said", "asked", "obtained",
          "received", "requested access to", "shared", "gave", "provided", "bought",
          "has a new", "'s", "completed", "found in", "released", "told", ""]
_DETS = ["the", "a", "an", "its", "their", "this", "that", "a series of", "his", ""]
_MODS = ["internal", "draft", "two-page", "new", "final", "classified", "phone", "location",
         "tax", "IP", "access to data on"]
_NOUNS = ["memo", "memos", "memorandum", "report", "reports", "audit", "review", "email",
          "e-mail", "letter", "letters", "text messages", "complaint", "notice", "detainer",
          "declaration", "filings", "cable", "slide deck", "correspondence", "policy",
          "policies", "rules", "rule", "agreement", "MOU", "contract", "guidelines", "data",
          "records", "information", "addresses", "numbers", "returns"]
_TAILS = ["from", "to", "by", "about the program", "on Monday", "with", "regarding",
          "that requires agents to wait", "which found that arrests rose", "asking for",
          "governing searches", "last week", "sharing", "on", "for", ""]


@st.composite
def _clause(draw):
    """Words in the order the finders read them, each slot maybe empty or an agency."""
    slots = [_SUBJECTS, _VERBS, _DETS, _MODS, _MODS, _NOUNS, _TAILS]
    words: list[str | int] = []
    for number, choices in enumerate(slots):
        if draw(st.integers(0, 3)) == 0 and number in (0, 6):
            words.append(draw(st.integers(0, len(_AGENCIES) - 1)))
        elif number in (3, 4) and draw(st.booleans()):
            continue
        else:
            words.append(draw(st.sampled_from(choices)))
    if draw(st.booleans()):
        words.append(draw(st.integers(0, len(_AGENCIES) - 1)))
    return words


@st.composite
def _sentences(draw):
    """(sentence, offset, actors here, all actors) with agencies placed as actors."""
    offset = draw(st.integers(20, 60))
    pieces: list[str | int] = []
    if draw(st.booleans()):
        for clause in draw(st.lists(_clause(), min_size=1, max_size=3)):
            pieces += [*clause, draw(st.sampled_from([",", ".", ";", "", " and"]))]
    else:
        pieces = draw(st.lists(_PIECES, max_size=24))
    text, here = "", []
    for piece in pieces:
        if piece == "":
            continue
        if not isinstance(piece, int) and piece in ",.;'s":
            text += piece
            continue
        text += draw(st.sampled_from([" ", " ", " ", "  ", "\t", ""])) if text else ""
        if isinstance(piece, int):
            label, agency_id, name, kind = _AGENCIES[piece]
            here.append(Actor(offset + len(text), offset + len(text) + len(label), label,
                              agency_id, name, kind))
            piece = label
        elif draw(st.integers(0, 9)) == 0:
            piece = piece.upper()
        text += piece
    return text, offset, here, _CONTEXT[:draw(st.integers(0, 2))] + here


def _following(replied: bool) -> Following:
    text = "x. They replied." if replied else "x. They left it."
    return Following(text, [(0, 2), (3, len(text))], 0, text.lower())


def _as_repeats(old: list[Candidate]) -> tuple[set[str], list]:
    """The keys of ``old`` and what the new finder returns when all of them are known."""
    keys = {cand.key for cand in old}
    expected = [cand if cand.key.endswith(":*") else Repeat(cand.key, cand.agencies)
                for cand in old]
    return keys, expected


@FINDER_SETTINGS
@given(_sentences(), st.booleans())
def test_communications_as_before(built, replied):
    sentence, offset, here, everyone = built
    context = everyone[:len(everyone) - len(here)]
    old = _old_communications(sentence, offset, here, context, _following(replied))
    assert communications(sentence, offset, here, context, _following(replied)) == old
    keys, expected = _as_repeats(old)
    assert communications(sentence, offset, here, context, _following(replied), keys) == \
        expected


@FINDER_SETTINGS
@given(_sentences())
def test_data_requests_as_before(built):
    sentence, offset, here, _ = built
    old = _old_data_requests(sentence, offset, here)
    assert data_requests(sentence, offset, here) == old
    keys, expected = _as_repeats(old)
    assert data_requests(sentence, offset, here, keys) == expected


@FINDER_SETTINGS
@given(_sentences())
def test_policies_as_before(built):
    sentence, offset, here, everyone = built
    try:
        old = _old_policies(sentence, offset, here, everyone)
        assert policies(sentence, offset, here, everyone) == old
        keys, expected = _as_repeats(old)
        assert policies(sentence, offset, here, everyone, keys) == expected
    finally:
        topics.STARTS.clear()


# --- the other rewrites --------------------------------------------------------------------
_CLAUSE_PIECES = st.sampled_from(["but", "that", "which", "while", "although", "But", "THAT",
                                  "whichever", "abut", "thats", ",", ";", ":", " ", "x", "_",
                                  "1", "é", "'", "-", "\n"])


@SETTINGS
@given(st.lists(st.one_of(_CLAUSE_PIECES, st.text(max_size=3)), max_size=20).map("".join))
def test_clause_breaks_as_before(text):
    old = re.compile(r"[,;:]|\b(?:but|that|which|while|although)\b")
    assert topics.CLAUSE_BREAK.split(text) == old.split(text)


_ODD = st.sampled_from([*sorted(topic_guard.GUARD_KIND), "\ud800", "\udfff", "é", "ß", "’",
                        "\u00a0", "\U0001f600", "\u212a", "?", " ", "\n", "7"])
ODD_TEXTS = st.lists(st.one_of(_ODD, st.text(max_size=3)), max_size=30).map("".join)


@SETTINGS
@given(ODD_TEXTS)
def test_ascii_copy_keeps_the_cue_matches(text):
    plain = topic_guard.ascii_copy(text)
    assert len(plain) == len(text) and plain.isascii()
    assert topic_guard.CUE_WORDS.find(plain) == topic_guard.CUE_WORDS.find(text)


@SETTINGS
@given(ODD_TEXTS, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8))
def test_digit_flags_are_the_regex(text, spans):
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    indices = range(len(spans))
    expected = [i for i in indices if re.search("[0-9]", text[starts[i]:ends[i]])]
    plain = topic_guard.ascii_copy(text)
    assert topic_guard._with_digits(plain, starts, ends, indices) == expected
    assert topic_guard._with_digits(text, starts, ends, indices) == expected


def _trie_rule(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cue-word rule sentence by sentence, as kind bits."""
    out = []
    for index, (start, end) in enumerate(spans):
        words = topic_guard.GUARD_TRIE.findall(
            text[start:end].replace("\r", " ").replace("\n", " ").lower())
        bits = topic_guard._bits_of(words)
        if bits:
            out.append((index, bits))
    return out


@SETTINGS
@given(ODD_TEXTS, st.lists(st.integers(0, 120), max_size=10), st.booleans())
def test_cue_bits_with_empty_and_cut_sentences(text, cuts, empty):
    points = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    spans = list(pairwise(points))
    if empty:  # empty sentences between the others, and a touching pair
        spans = [span for a, b in spans for span in ((a, a), (a, b))]
    lowered = text.lower().replace("\r", " ").replace("\n", " ")
    kinds_only = ~topic_guard.NOUN_AT  # (NOUN_AT is tested below)
    expected = [(index, bits & kinds_only) for index, bits in _trie_rule(text, spans)]
    assert [(index, bits & kinds_only) for index, bits in topic_guard.cue_bits(text, spans)] \
        == expected
    if len(lowered) == len(text):
        plain = topic_guard.ascii_copy(lowered)
        assert [(index, bits & kinds_only) for index, bits in
                topic_guard.cue_bits(text, spans, lowered, None, plain)] == expected


_NOUN_PIECES = st.sampled_from([
    "the", "a", "an", "its", "their", "a series of", "internal", "audit", "memo", "memos",
    "memorandum", "memoranda", "report", "reports", "reported", "reporters", "review",
    "reviewed", "e-mail", "email", "emails", "mailing", "letter", "a letter to",
    "security letter", "text messages", "text message", "slide deck", "slides", "cable",
    "notices", "noticed", "filing", "detainer", "declarations", "correspondence",
    "bulletin", "briefings", "presentation", "directive", "complaint", "assessment",
    "REPORT", "Memo", " ", " ", "  ", "\t", ".", ",", "-", "_", "s", "x", "7", "é", "’",
    "\u212a", "ſ", "ı", "İ", "\u00a0", "Rеport", "ſlide deck", "\u212aeys", "letteRſ"])


@FINDER_SETTINGS
@given(st.lists(_NOUN_PIECES, max_size=20).map(" ".join), st.lists(st.integers(0, 150),
                                                                     max_size=6))
def test_noun_bit_set_wherever_communication_matches(text, cuts):
    points = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    spans = list(pairwise(points))
    lowered = text.lower()
    bits = dict(topic_guard.cue_bits(text, spans, lowered))
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if COMMUNICATION.search(sentence):  # (as CaseFree runs it on any sentence)
            assert topic_guard.noun_may_stand(sentence, bits.get(index, 0)), sentence


def test_only_these_characters_fold_to_ascii_letters():
    letters = re.compile("[a-z]", re.IGNORECASE)
    folding = [char for char in map(chr, range(0x80, 0x110000))
               if not 0xD800 <= ord(char) <= 0xDFFF and letters.match(char)]
    assert "".join(folding) == topic_guard.ASCII_FOLDING


_VERB_PIECES = st.sampled_from(["halted", "ended", "cut", "cuts", "shut", "shut down",
                                "suspended", "approved", "haltedx", "halted’", "halted-",
                                "halted'", "é", "’", " ", "  ", "x", "\t", ".", "\ud800",
                                "HALTED", "réduced", "reduced"])


@SETTINGS
@given(st.lists(st.one_of(_VERB_PIECES, st.text(max_size=2)), max_size=25).map("".join))
def test_verb_automaton_is_the_scan(text):
    lowered = text.lower()
    scan = topic_decisions._vocabulary()[2]
    expected = [(m.start(), m.end(), m.group()[1:]) for m in scan.finditer(lowered)]
    plain = topic_guard.ascii_copy(lowered)
    assert list(topic_decisions._verb_hits(lowered, plain, scan)) == expected


_EVENT_PIECES = st.sampled_from(["raid", "raids", "Raided", "seized", "fire", "in", "at",
                                 "near", "the", "Denver", "Colorado Springs", "Colorado",
                                 "DENVER", "Portland", "Fort", "Worth", "Operation",
                                 "Operation Blue", " ", " ", ",", "x", "é", "\u212a"])


@SETTINGS
@given(st.lists(_EVENT_PIECES, max_size=14).map(" ".join), st.integers(0, 3))
def test_place_test_passes_every_event_sentence(sentence, pad):
    places = ["denver", "colorado springs", "colorado", "fort worth", "kelvin"]
    flat = "x" * pad + sentence
    lowered = flat.lower()
    if len(lowered) != len(flat):
        return
    if topics._operations(sentence, pad, [], [], places):
        test = topics._place_test(places)
        assert test is not None
        assert "Operation" in sentence or test(lowered, pad, len(flat))


def test_repeat_is_read_as_key_and_agencies():
    key, agencies = Repeat("policy:fbi:rule", ["fbi"])
    assert (key, agencies) == ("policy:fbi:rule", ["fbi"])
    assert LiteralSet(["a"]).find("a") == [(0, 0, 1)]


_PATTERN_PIECES = st.sampled_from([
    "wrote", "Wrote", "sent a letter", "sent\ta  letter", "to", "the FBI", "asking", "for",
    "obtained", "Sought", "SEEKING", "served", "issues", "used", "applied", "got", "gotten",
    "unused", "reissued", "xwrote", " ", " ", ",", ".", ";", "é", "ſ", "\u212a", "ı", "İ",
    "’", "-", "_", "7"])
_PATTERN_TEXTS = st.lists(st.one_of(_PATTERN_PIECES, st.text(max_size=3)), max_size=20).map(
    " ".join)


def _spans(match: re.Match[str] | None) -> tuple | None:
    return None if match is None else tuple(match.span(g) for g in range(match.re.groups + 1))


@SETTINGS
@given(_PATTERN_TEXTS)
def test_wrote_to_and_process_verb_as_before(text):
    from foia_desk.extract.topic_records import PROCESS_VERB, WROTE_TO

    wrote_to = re.compile(
        r"\b(?:wrote|sent[ \t]+a[ \t]+letter)[ \t]+to[ \t]+(?P<to>[^,.;]{3,80}?)"
        r"(?:[ \t]+(?:on|in|last|this)[ \t]+[^,.;]{1,20}?)?"
        r"(?:,?[ \t]+(?P<verb>asking|demanding|requesting|urging|seeking)"
        r"(?:[ \t]+(?:for|that))?[ \t]+(?P<what>[^.;]{3,200}))?(?=[.;]|$)")
    assert _spans(WROTE_TO.search(text)) == _spans(wrote_to.search(text))
    process_verb = re.compile(r"\b(?:obtain\w*|sought|seek\w*|serv(?:ed|es|ing)|issu\w*|"
                              r"us(?:ed|es|ing)|appl(?:y|ied|ies)|got)\b", re.IGNORECASE)
    old = process_verb.search(text)
    new = PROCESS_VERB.search(text)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert old.span() == new.span()


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(["task", "TASK", "Task", "force", "Force", "-", " ",
                                           "\t", "multitask", "forces", "ſ", "\u212a", "é",
                                           "task-force", "_", "x"]),
                          st.text(max_size=2)), max_size=14).map("".join))
def test_task_force_as_before(text):
    from foia_desk.extract.topic_base import TASK_FORCE

    old = re.compile(r"\btask[ \t-]+force\b", re.IGNORECASE)
    assert [m.span() for m in TASK_FORCE.finditer(text)] == \
        [m.span() for m in old.finditer(text)]
