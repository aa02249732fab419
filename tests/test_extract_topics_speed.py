"""The faster topic scans give exactly what the rules they replace give.

Each rewritten cue pattern is compared with its original source, the whole-text cue-word
pass with the sentence-by-sentence trie scan, and the shortcuts in ``clip``, ``Following``,
the communication tail and the actor walk with the plain computations, on texts built from
the patterns' own words, odd characters and random sentence splits.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.extract import topic_base, topic_records
from foia_desk.extract.matcher import literal_trie
from foia_desk.extract.topic_base import STOP, VERBS, Actor, actors_by_sentence, actors_in, clip
from foia_desk.extract.topic_guard import GUARD_KIND, GUARD_ORDER, Following, sentence_cues

# --- the original patterns, verbatim -------------------------------------------------------
OLD = {
    "EVENT": (r"\b(?P<noun>raids?|sweeps?|busts?|operations?|surges?|blitz|seizures?|"
              r"shootings?|explosions?|crash(?:es)?|outages?|spills?|fires?|"
              r"[Ss]eized?|[Rr]aided|[Rr]aid)\b"),
    "PLACE": (r"\b(?:in|at|near|outside|across)[ \t]+(?:the[ \t]+)?"
              r"(?P<place>[A-Z][\w'.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'.-]*){0,3})"),
    "COMMUNICATION": (
        r"\b(?P<det>an?|the|their|its|his|her|a[ \t]+series[ \t]+of)[ \t]+"
        r"(?P<mods>(?:[\w'-]+[ \t]+){0,2}?)"
        r"(?P<noun>e-?mails?|letters?|memos?|memorandum(?![ \t]+of[ \t]+(?:understanding|"
        r"agreement))|memoranda|text[ \t]+messages|directives?|"
        r"briefings?|slide[ \t]+decks?|presentations?|cables?|correspondence|bulletins?|"
        r"internal[ \t]+reports?|audit[ \t]+reports?|complaints?|reports?|audits?|"
        r"reviews?|assessments?|notices?|filings?|detainers?|declarations?)\b"
        r"(?![ \t-]+(?:carriers?|box(?:es)?|grade|of[ \t]+credit|size|opener|writers?))"),
    "DATA": (r"\b(?:data|information|records|addresses|logs|footage|metadata|database|"
             r"numbers|histories|recordings|images|photos)\b"),
    "DATA_TYPES": (r"\b(?:ip|e-?mail|home|mailing|mac)[ \t]+addresses\b|"
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
                   r"recordings|scans)\b"),
    "ACCESS": (r"\b(?:access|request(?:s|ed|ing)?|shar(?:e|ed|ing)|obtain(?:s|ed)?|"
               r"collect(?:s|ed|ing)?|hand(?:ed)?[ \t]+over|turn(?:ed)?[ \t]+over|"
               r"provid(?:e|ed|ing)|purchas(?:e|ed|ing)|bought|buy(?:s|ing)?|"
               r"subpoena(?:s|ed)?|want(?:s|ed)?|seek(?:s|ing)?|sought|gather(?:s|ed)?|"
               r"receiv(?:e|es|ed|ing)|track(?:s|ed|ing)?|monitor(?:s|ed|ing)?)\b"),
    "POLICY": (r"\b(?P<noun>polic(?:y|ies)|regulations?|guidelines?|procedures?|"
               r"agreements?|memorand(?:um|a)[ \t]+of[ \t]+(?:understanding|agreement)|"
               r"MOUs?|contracts?|protocols?|rules|(?:final|interim|proposed|new|draft)"
               r"[ \t]+rules?)\b"),
    "SHARE": (r"\b(?:share[sd]?|sharing|provid\w*|give[sn]?|gave|hand(?:s|ed)?[ \t]+over|"
              r"turn(?:s|ed)?[ \t]+over|sell(?:s|ing)?|sold)\b"),
    "RECEIVED": r"\b(?:received|obtained|lodged|issued|filed|released|published)\b",
    "PROGRAM": r"\b(?P<noun>program|programme|initiative|pilot)s?\b",
    "ACCESS_ABOUT": (r"\baccess[ \t]+to[ \t]+(?:[\w-]+[ \t]+){0,2}?"
                     r"(?:data|information|records)[ \t]+(?:on|about|of)[ \t]+"
                     r"(?P<about>[^,.;]{3,80})"),
}
NEW = {
    "EVENT": topic_base.EVENT, "PLACE": topic_base.PLACE, "POLICY": topic_base.POLICY,
    "SHARE": topic_records.SHARE, "RECEIVED": topic_records.RECEIVED,
    "ACCESS_ABOUT": topic_records.ACCESS_ABOUT,
    "COMMUNICATION": topic_base.COMMUNICATION.folded, "DATA": topic_base.DATA.folded,
    "DATA_TYPES": topic_base.DATA_TYPES.folded, "ACCESS": topic_base.ACCESS.folded,
    "PROGRAM": topic_base.PROGRAM.folded,
}
CASE_FREE = {"COMMUNICATION": topic_base.COMMUNICATION, "DATA": topic_base.DATA,
             "DATA_TYPES": topic_base.DATA_TYPES, "ACCESS": topic_base.ACCESS,
             "PROGRAM": topic_base.PROGRAM}  # (PROGRAM was an IGNORECASE pattern)

# Texts from the patterns' own words (in both cases), their pieces and odd characters: word
# boundaries, tabs, line breaks, apostrophes, hyphens, digits, letters that fold to ASCII
# ("K" Kelvin, "ſ" long s, dotted and dotless i) and other scripts.
_WORDS = sorted({word for source in OLD.values() for word in re.findall(r"[A-Za-z]+", source)})
_PIECES = st.sampled_from(
    _WORDS + [w.upper() for w in _WORDS] + [w.title() for w in _WORDS]
    + [w[:3] for w in _WORDS] + [w[2:] for w in _WORDS]
    + [" ", " ", " ", "  ", "\t", "\n", "\r\n", ".", ",", "'", "’", "-", "_", "(", "\"", "7",
       "1999", "12,5", "%", "\u212a", "\u017f", "\u0130", "\u0131", "\u00e9", "\u03a3",
       "\U0001f942", "the ", "a ", "an ", "its ", "of ", "by ", "from ", "to ", "\ud800"])
TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=30).map("".join)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(pattern: re.Pattern[str], text: str, pos: int = 0, end: int | None = None) -> list:
    end = len(text) if end is None else end
    return [tuple(match.span(group) for group in range(pattern.groups + 1))
            for match in pattern.finditer(text, pos, end)]


@SETTINGS
@given(TEXTS, st.integers(0, 6), st.integers(0, 6))
def test_rewritten_patterns_match_the_originals(text: str, cut_front: int, cut_back: int):
    pos, end = min(cut_front, len(text)), max(0, len(text) - cut_back)
    for name, source in OLD.items():
        new = NEW[name]
        if name in CASE_FREE:  # as CaseFree runs them: folded over lower case, or IGNORECASE
            lowered = text.lower()
            assert _spans(re.compile(source), lowered, pos, end) == \
                _spans(new, lowered, pos, end), name
            assert _spans(re.compile(source, re.IGNORECASE), text, pos, end) == \
                _spans(CASE_FREE[name].ignorecase, text, pos, end), name
            if text.isascii():  # CaseFree's folded form is IGNORECASE on ASCII text
                assert _spans(re.compile(source, re.IGNORECASE), text, pos, end) == \
                    _spans(new, lowered, pos, end), name
        else:
            assert _spans(re.compile(source), text, pos, end) == _spans(new, text, pos, end), name


# --- cue words: the whole-text pass against the rule ---------------------------------------
_TRIE = re.compile(literal_trie(sorted(GUARD_KIND)))


def _rule(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, tuple[str, ...]]]:
    """The sentence-by-sentence trie scan that ``sentence_cues`` must reproduce."""
    out = []
    for index, (start, end) in enumerate(sentences):
        words = _TRIE.findall(text[start:end].replace("\r", " ").replace("\n", " ").lower())
        if words:
            cues: set[str] = set()
            for word in words:
                cues |= GUARD_KIND[word]
            out.append((index, tuple(kind for kind in GUARD_ORDER if kind in cues)))
    return out


_CUE_PIECES = st.sampled_from(
    sorted(GUARD_KIND) + [w.upper() for w in GUARD_KIND if not w.isdigit()]
    + ["datask", "memorandum", "a letter", "letter to", "wrote\nto", "court\norder",
       "security letter", "policies", " ", " ", "\n", "\r\n", ". ", "x", "İ", "ß", "\ud800"])
CUE_TEXTS = st.lists(st.one_of(_CUE_PIECES, st.text(max_size=3)), max_size=30).map("".join)


def _splits(text: str, cuts: list[int], overlap: bool) -> list[tuple[int, int]]:
    """Sentence spans cutting ``text`` anywhere (touching, with gaps, or overlapping)."""
    points = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    spans = [(a + (1 if b - a > 2 and not overlap else 0), b) for a, b in pairwise(points)]
    if overlap:
        spans += [(max(0, a - 2), min(len(text), b + 2)) for a, b in spans[::2]]
    return spans


@SETTINGS
@given(CUE_TEXTS, st.lists(st.integers(0, 120), max_size=8), st.booleans())
def test_sentence_cues_follow_the_rule(text: str, cuts: list[int], overlap: bool):
    sentences = _splits(text, cuts, overlap)
    assert list(sentence_cues(text, sentences)) == _rule(text, sentences)


@SETTINGS
@given(CUE_TEXTS, st.lists(st.integers(0, 120), max_size=8), st.lists(st.booleans()))
def test_sentence_cues_drop_statistics_only_where_not_counted(text, cuts, flags):
    sentences = _splits(text, cuts, False)
    counted = [flags[i] if i < len(flags) else False for i in range(len(sentences))]
    expected = []
    for index, kinds in _rule(text, sentences):
        if not counted[index]:
            kinds = tuple(kind for kind in kinds if kind != "statistic")
        if kinds:
            expected.append((index, kinds))
    assert list(sentence_cues(text, sentences, None, counted)) == expected


# --- small shortcuts ---------------------------------------------------------------------
def _old_clip(words: list[str], limit: int, *, stop_at_verbs: bool = True,
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


_CLIP_WORDS = st.sampled_from(sorted(STOP)[:20] + sorted(VERBS)[:20] + [
    "U.S.", "F.B.I.", "report,", "(the", "said.", "\"to", "“from", "the,", "memo", "to", ",",
    "a b", "x\ty", "The", "AND"])


@SETTINGS
@given(st.lists(_CLIP_WORDS, max_size=16), st.integers(0, 16), st.booleans(), st.booleans())
def test_clip_is_unchanged(words, limit, verbs, punctuation):
    assert clip(words, limit, stop_at_verbs=verbs, stop_at_punctuation=punctuation) == \
        _old_clip(words, limit, stop_at_verbs=verbs, stop_at_punctuation=punctuation)


_TAIL_PIECES = st.sampled_from(list(topic_records.TAIL_WORDS) + [
    w.upper() for w in topic_records.TAIL_WORDS] + [
    " ", "  ", "\t", "\n", "\u00a0", "\u2003", ",", ".", ";", ":", "\"", "“", "”", "(", ")",
    "'", "-", "x", "the", "last", "week", "on Monday", "ſ", "\u212a", "İ", "s", "ing"])


@SETTINGS
@given(st.lists(st.one_of(_TAIL_PIECES, st.text(max_size=3)), max_size=20).map("".join))
def test_communication_tail_shortcut(rest: str):
    """Where the shortcut says "no tail", clipping gives no tail that is kept."""
    head_at = topic_records._TAIL_START.match(rest).end()
    head = rest[head_at:head_at + topic_records._TAIL_HEAD]
    if head.isascii() and not head.lower().startswith(topic_records.TAIL_WORDS):
        tail = _old_clip(rest.split(None, 14), 14)
        assert topic_records.DATE_TAIL.match(tail) or \
            not tail.lower().startswith(topic_records.TAIL_WORDS)


def test_may_send_is_the_in_tests():
    for sentence in ("they sent it", "unsigned", "x", "Wrote", "drafted", "circulated"):
        assert topic_records._may_send(sentence) == \
            any(verb in sentence for verb in topic_base.SEND_VERBS)


_FOLLOW_PIECES = st.sampled_from([
    "response", "Responded", "replied", "wrote back", "wrote", "back", "wrote\nback",
    "respon", "se", "in response", " ", "\n", ". ", "x", "İ", "ß", "\u03a3"])


@SETTINGS
@given(st.lists(st.one_of(_FOLLOW_PIECES, st.text(max_size=3)), max_size=30).map("".join),
       st.lists(st.integers(0, 150), max_size=10), st.integers(0, 4))
def test_following_mentions_as_joined(text: str, cuts: list[int], index: int):
    sentences = _splits(text, cuts, False)
    lowered = text.replace("\r", " ").replace("\n", " ").lower()
    in_place = lowered if len(lowered) == len(text) else None
    for cues in (topic_records.REPLY_CUES, topic_records.REPLIED_CUES, ("back",), ("x y",)):
        plain = Following(text, sentences, index)
        fast = Following(text, sentences, index, in_place)
        assert fast.mentions(cues) == any(cue in plain for cue in cues)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.booleans()), max_size=12),
       st.lists(st.integers(0, 70), max_size=8), st.booleans())
def test_actor_walk_is_actors_in(raw, cuts, shuffle):
    actors = sorted((Actor(start, start + length, "x", "a" if agency else None)
                     for start, length, agency in raw), key=lambda a: a.start)
    sentences = _splits("x" * 70, cuts, False)
    if shuffle:
        sentences = sentences[::-1]
    grouped, with_agency = actors_by_sentence(actors, sentences)
    assert grouped == [actors_in(actors, start, end) for start, end in sentences]
    assert with_agency == [any(a.agency_id for a in group) for group in grouped]


def test_known_place_is_the_any_test():
    from foia_desk.extract.topics import _known_place

    places = ["denver", "colorado springs", "colorado"]
    for place in ("denver", "denver co", "denverx", "colorado springs x", "colo", "", "x"):
        for listed in (places, []):
            assert _known_place(place, listed) == any(
                place == p or place.startswith(p + " ") for p in listed)
