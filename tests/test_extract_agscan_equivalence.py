"""The fast agency finding gives exactly what the plain scans it replaced gave.

``scan.PhraseStarts.starts`` finds its candidates with an Aho-Corasick automaton (the body
finder's folded names and judges' titles are tried at its lists too), and
``agencies.find_agencies`` (with the ``agencies_*`` and ``agscan_*`` modules it runs)
takes shortcuts (prefilters, bisections on int lists, candidate lists carried by the
starts). Each is compared here with the routine it replaced, kept below
as it was (``_reference_*``), on texts built to hit the edges: odd gaps and line breaks in
names, "U.S." spellings, the pronoun "us", states before names, shouted lines, web
addresses, inspector-general phrases, "the bureau", risky acronyms among cue words, and
characters that fold or match case-insensitively in unusual ways.
"""

from __future__ import annotations

import bisect
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.directory import load_directory
from foia_desk.extract import agencies as ag
from foia_desk.extract import agencies_informal as informal
from foia_desk.extract import agencies_names as names
from foia_desk.extract import agscan_acronyms as acr
from foia_desk.extract import agscan_urls as urls
from foia_desk.extract.agencies_hits import overlapping
from foia_desk.extract.agencies_index import SMALL_WORDS
from foia_desk.extract.agencies_states import StateWords
from foia_desk.extract.agscan_literals import LiteralGroups, prefix_free, start_literals
from foia_desk.extract.cues import load_cues
from foia_desk.extract.matcher import (
    BEFORE_CLASS,
    compile_phrases,
    finditer_at,
    fold_plain,
    late_guarded_trie,
    plain_chars,
    trie_pattern,
)
from foia_desk.extract.nonfoia import body_index, find_bodies
from foia_desk.extract.scan import StartList, phrase_starts

DIRECTORY = load_directory()
CUES = load_cues()
AGENCIES = ag.agency_index(DIRECTORY, CUES)
BODIES = body_index(DIRECTORY, CUES)
SCAN = phrase_starts(DIRECTORY, AGENCIES, BODIES)

PIECES = st.sampled_from([
    "Department of Homeland Security", "Department  of\nHomeland\t Security",
    "department of\r\nhomeland security", "Postal Inspection Service", "U.S. Postal Service",
    "U. S. Postal Service", "US Postal Service", "us postal service", "United States\t Army",
    "Justice Department's Office of the Inspector General", "FBI's inspector general",
    "Homeland Security-\nrelated", "Securities and Exchange Commission", "Federal Bureau",
    "the bureau", "the bureau's", "the Bureau of", "Bureau of Prisons", "ICE", "ice", "SEC",
    "VA", "DOE", "DOT", "USPIS", "Arlington, VA", "football", "FOOTBALL", "china",
    "blac\u212a", "norfol\u212a", "team", "the Navy", "The Navy", "the  Navy", "the navy",
    "assistant U.S. attorney", "Foggy Bottom", "Secretary of State", "feds", "the feds",
    "Texas ", "Colorado Department of Labor", "Texas the Department of Labor",
    "Committee on the Department of Homeland Security", "Subcommittee on the",
    "DHS.gov", "ICE.GOV/x", "USPS.com", "Securities and Exchange Commission said",
    "the SEC football", "SEC officials", "x" * 50,
    "New York's ", "state ", "Committee on Homeland Security", "Homeland Security Committee",
    "https://www.dhs.gov/x", "WWW.ICE.GOV", "x.mil", "x.mİl", "x.mıl", "x.uſ", "X.US", "@DHSgov",
    "a@ice.gov", "monday", "year", "years ago", "judge", "THE POSTAL SERVICE SAID TODAY ",
    "SEC. 2.", "Sec. 4", "(x" + "y" * 70 + ".gov)", "<" + "z" * 130 + "@ice.gov>",
    "American Civil Liberties Union", "american  civil\nliberties union", "Apple Inc.",
    "the courts", "federal\tjudges", "a court", "Magistrate", "Associated Press",
    "@", "/", ".", "_", "İ", "ı", "ſ", "\u212a", "ß", "Σ", "\U0001F942",
    "\ud800", "\u00a0", "\u2019s", "\u2014", "\r\n", "\n", "\t", " ", "  ", ". ", ", ", "'",
])
SEPARATORS = st.one_of(st.sampled_from([" ", " ", " ", " ", "\n", ", ", ". ", "", "\t", "  "]),
                       st.text(max_size=4))
TEXTS = st.one_of(
    st.lists(st.tuples(PIECES, SEPARATORS).map("".join), max_size=40).map("".join),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))


def _fold(text: str) -> tuple[str, str]:
    plain = plain_chars(text)
    return plain, fold_plain(plain)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_starts_are_the_full_scans_positions(text: str) -> None:
    plain, folded = _fold(text)
    starts = SCAN.starts(folded)
    assert list(starts) == [m.start() for m in SCAN.pattern.finditer(" " + folded)]
    # The carried candidates include every position the patterns they stand for match at.
    assert {m.start() for m in AGENCIES.exact_informal_re.finditer(plain)} <= \
        set(starts.exact_informal or ())
    assert {m.start() for m in urls._URL_HINT.finditer(plain)} <= set(starts.url_hints or ())
    assert urls.url_spans(plain, starts.url_hints) == _reference_url_spans(plain)
    assert urls.url_spans(plain) == _reference_url_spans(plain)
    assert {m.start() for m in BODIES.folded_re.finditer(folded)} <= set(starts.bodies or ())
    assert {m.start() for m in BODIES.judges_re.finditer(folded)} <= set(starts.judges or ())
    bodies = find_bodies(plain, folded, BODIES, CUES, None)
    assert find_bodies(plain, folded, BODIES, CUES, starts) == bodies
    assert find_bodies(plain, folded, BODIES, CUES, list(starts)) == bodies


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_find_agencies_is_the_reference(text: str) -> None:
    plain, folded = _fold(text)
    starts = SCAN.starts(folded)
    expected = _reference_find_agencies(plain, folded, AGENCIES, CUES, list(starts))
    assert expected == _reference_find_agencies(plain, folded, AGENCIES, CUES, None)
    assert ag.find_agencies(plain, folded, AGENCIES, CUES, starts) == expected
    assert ag.find_agencies(plain, folded, AGENCIES, CUES, list(starts)) == expected
    assert ag.find_agencies(plain, folded, AGENCIES, CUES, None) == expected


_SEC_NAMED = "The Securities and Exchange Commission said. "
EDGE_TEXTS = [
    "the Justice Department's Office of the Inspector General",
    "the Justice Department\u2019s  Inspector General's office said",
    "FBI's inspector general", "FBI inspector general", "FBI\tInspector   General",
    "the Postal Service's Inspector General's Office", "U.S. Postal Service\ninspector general",
    "Texas the Postal Service", "Committee on the Postal Service", "Office of the FBI",
    *(_SEC_NAMED + "SEC " + "x" * width + " football" for width in range(70, 100, 3)),
    *(_SEC_NAMED + "football " + "x" * width + " SEC" for width in range(70, 100, 3)),
    _SEC_NAMED + "\u0130 SEC blac\u212a", _SEC_NAMED + "SEC blac\u212a",
    "the Navy's ships", "THE NAVY", "x.GOV.ICE", "ICE.gov", "ICE.g\u00f6v", "ICE.m\u0130l",
    "ICE.u\u017f", "\ud800 ICE said", "\U0001F942 the U.S. Postal Service \U0001F942",
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_edge_texts_give_the_reference(text: str) -> None:
    test_find_agencies_is_the_reference.hypothesis.inner_test(text)
    test_starts_are_the_full_scans_positions.hypothesis.inner_test(text)


EXACT_RE = compile_phrases(AGENCIES.exact_keys, ignore_case=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_exact_re_is_compile_phrases(text: str) -> None:
    plain = plain_chars(text)
    assert [(m.span(), m.group("m")) for m in AGENCIES.exact_re.finditer(plain)] == \
        [(m.span(), m.group("m")) for m in EXACT_RE.finditer(plain)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aAb -'.", min_size=1, max_size=4), min_size=1, max_size=6),
       st.text(alphabet="aAb -'.\n/x", max_size=30))
def test_late_guarded_trie_is_trie_pattern(phrases: list[str], text: str) -> None:
    late = re.compile("(?:" + late_guarded_trie(phrases, BEFORE_CLASS) + ")")
    early = re.compile("(?:" + trie_pattern(phrases, guard_class=BEFORE_CLASS) + ")")
    assert [m.span() for m in late.finditer(text)] == [m.span() for m in early.finditer(text)]
    for pos in range(len(text) + 1):
        found, expected = late.match(text, pos), early.match(text, pos)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAsSxX \t\n.'", max_size=50), st.integers(0, 60), st.integers(0, 8))
def test_caps_context_is_the_reference(text: str, start: int, width: int) -> None:
    start = min(start, len(text))
    end = min(start + width, len(text))
    assert acr.caps_context(text, start, end) == _reference_caps_context(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Texas", "TX", "state", "the", "New York", "'s", "'", " ",
                                 "\t", "\n", "x", "Ohio", "thethe", "İ"]), max_size=12))
def test_state_before_is_the_reference(pieces: list[str]) -> None:
    text = "".join(pieces) + "Department"
    states = StateWords(CUES)
    for start in range(len(text) + 1):
        assert states.before(text, start) == _reference_before(states, text, start)


@given(st.text(alphabet="sS'.aK\u212a\u0130 -", max_size=30), st.integers(0, 30))
def test_neighbour_words_are_the_reference(text: str, start: int) -> None:
    start = min(start, len(text))
    end = min(start + 2, len(text))
    for before, after in ((8, 8), (2, 3)):
        assert acr._neighbour_words(text, start, end, before, after) == \
            _reference_neighbour_words(text, start, end, before, after)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 9)), max_size=8),
       st.integers(0, 50), st.integers(1, 9))
def test_overlapping_is_the_reference(spans: list[tuple[int, int]], start: int, width: int
                                      ) -> None:
    spans = sorted((s, s + w) for s, w in spans)
    assert overlapping([s for s, _ in spans], [e for _, e in spans], start, start + width) \
        == _reference_overlaps(spans, start, start + width)


def test_new_hit_is_a_hit() -> None:
    assert [f.name for f in ag.Hit.__dataclass_fields__.values()] == \
        ["start", "end", "agency_id", "how", "confidence", "caps_only"]
    made = ag.new_hit(1, 4, "dhs", "acronym", 0.9, True)
    assert made == ag.Hit(1, 4, "dhs", "acronym", 0.9, caps_only=True)
    assert repr(made) == repr(ag.Hit(1, 4, "dhs", "acronym", 0.9, caps_only=True))
    assert hash(made) == hash(ag.Hit(1, 4, "dhs", "acronym", 0.9, caps_only=True))
    with pytest.raises(AttributeError):
        made.start = 2  # type: ignore[misc]


@given(st.sampled_from(["federal bureau of investigation", "g-men", "u.s. attorney's office",
                        "secretary of the treasury"]),
       st.lists(st.sampled_from([" ", "  ", "\t", "\n", " \n ", "\r\n", " \t"]), min_size=4,
                max_size=4),
       st.lists(st.sampled_from(["-", "-\n", "-\r\n  "]), min_size=2, max_size=2))
def test_every_match_of_a_phrase_begins_with_a_start_literal(phrase: str, gaps: list[str],
                                                             hyphens: list[str]) -> None:
    words = phrase.split(" ")
    written = words[0]
    for gap, word in zip(gaps, words[1:], strict=False):
        written += gap + word
    pieces = written.split("-")
    written = pieces[0] + "".join(h + p for h, p in zip(hyphens, pieces[1:], strict=False))
    assert re.fullmatch(trie_pattern([phrase]), written)
    assert any(written.startswith(literal) for literal in start_literals(phrase))


@given(st.text(alphabet="us. \tnited", max_size=20))
def test_name_prefix_literals_begin_every_prefix(text: str) -> None:
    if re.match(ag.NAME_PREFIX, text):
        assert text.startswith(ag.NAME_PREFIX_LITERALS)


def test_url_hint_literals_cover_every_case_insensitive_spelling() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for ending in ("gov", "com", "org", "net", "edu", "mil", "us", "io", "co", "www"):
        for char in set(ending):
            spellings = set(re.findall("(?i:" + char + ")", every))
            folded = {fold_plain(c) for c in spellings} | {fold_plain(c + "\u0130")[0]
                                                           for c in spellings}
            listed = {lit[1 + i] for lit in urls.URL_HINT_LITERALS if lit.startswith(".")
                      and len(lit) == len(ending) + 1 for i, c in enumerate(ending) if c == char}
            if ending != "www":
                assert folded <= listed, (ending, char)
            else:
                assert folded == {"w"}


def test_cue_word_literals_cover_the_kelvin_sign() -> None:
    assert acr.cue_word_literals(["ok"]) == {"ok", "o\u212a"}
    assert acr.cue_word_literals(["café"]) is None


def test_literal_groups_report_each_group_once_per_position() -> None:
    for rare in ((), (1,), (0, 2)):
        groups = LiteralGroups([["ab", "abc", "b"], ["abc", "c"], ["b"]], rare=rare)
        assert groups.find("xabcb") == [[1, 2, 4], [1, 3], [2, 4]]
        assert groups.find("xyz") == [[], [], []]
    assert prefix_free(["abc", "ab", "b", "", "abd"]) == ["ab", "b"]


GROUPS = [["us", "u.s", "blac\u212a", ".m\u0130l", "a?b", "sec", "se"], ["\u017f", "ab", "b"],
          ["football", "foot", ".gov", "\u0130"]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["u", "s", ".", "b", "l", "a", "c", "\u212a", "m", "\u0130",
                                  "\u017f", "?", "e", "foot", "ball", "gov", " ", "\ud800",
                                  "\U0001F942", "\u00e9"]), max_size=30).map("".join),
       st.sampled_from([(), (1,), (0, 2)]))
def test_literal_groups_find_every_occurrence(text: str, rare: tuple[int, ...]) -> None:
    """The byte automaton's path (text without the other strings' characters) and the
    full set's give each group's positions, whichever the text takes."""
    found = LiteralGroups(GROUPS, rare=rare).find(text)
    for group, positions in zip(GROUPS, found, strict=True):
        kept = prefix_free(group)
        assert positions == [p for p in range(len(text))
                             if any(text.startswith(lit, p) for lit in kept)], group


def test_a_plain_list_of_starts_still_works() -> None:
    text = "The Navy and the U.S. Postal Service (www.usps.com) said the FBI's team won."
    plain, folded = _fold(text)
    starts = SCAN.starts(folded)
    assert isinstance(starts, StartList)
    assert ag.find_agencies(plain, folded, AGENCIES, CUES, starts) == \
        ag.find_agencies(plain, folded, AGENCIES, CUES, list(starts))


# ----- the routines as they were before the fast versions --------------------------------


def _reference_find_agencies(text, folded, index, cues, starts=None):
    states = StateWords(cues)
    urls = _reference_url_spans(text)
    hits, state_hits, taken = [], [], []
    found = index.names_re.finditer(folded) if starts is None else \
        finditer_at(index.names_re, folded, starts)
    for match in found:
        start, end = match.span()
        m_start = match.start("m")
        key = " ".join(match.group("m").split())
        entries = index.name_keys.get(key, {})
        has_prefix = match.group("pre") is not None
        if has_prefix and match.group("pre") == "us" and text[start:start + 2] != "US":
            has_prefix, start = False, m_start
        ids = [i for i, needs in entries.items() if has_prefix or not needs]
        if not ids or _reference_inside(urls, start, end):
            continue
        matched = text[m_start:end]
        if names._LARGER_BEFORE.search(text, max(0, m_start - 40),
                                    m_start if not has_prefix else start):
            continue
        if names._LARGER_AFTER.match(text, end):
            continue
        if not has_prefix:
            state = _reference_before(states, text, start)
            if state is not None and matched[:1].isupper():
                state_hits.append(ag.StateBodyHit(state[0], names._continuation_end(text, end),
                                                  state[1]))
                taken.append((start, end))
                continue
        if names._capitalised(matched) or matched.isupper():
            confidence, how = 0.97, "name"
        elif len([w for w in key.split() if w not in SMALL_WORDS]) >= 3:
            confidence, how = 0.85, "name"
        else:
            confidence, how = 0.5, "informal"
        for agency_id in ids:
            hits.append(ag.Hit(start, end, agency_id, how, confidence))
        taken.append((start, end))
    full_named = {h.agency_id for h in hits if h.how == "name"}
    taken.sort()
    for match in index.exact_re.finditer(text):
        start, end = match.span()
        if _reference_inside(urls, start, end) or _reference_overlaps(taken, start, end):
            continue
        matched = match.group("m")
        for agency_id in index.exact_keys.get(" ".join(matched.split()), ()):
            confidence = _reference_acronym_confidence(text, start, end, matched, agency_id,
                                                       index, full_named)
            if confidence <= 0:
                continue
            hits.append(ag.Hit(start, end, agency_id, "acronym", confidence,
                               caps_only=_reference_caps_context(text, start, end)))
    hits.extend(_reference_inspector_general_hits(text, hits, index))
    hits.extend(acr.handle_hits(text, index))
    hits.extend(_reference_bureau_hits(text, hits, index))
    informal = _reference_informal_hits(text, folded, index, urls,
                                        sorted(taken + [(h.start, h.end) for h in hits]),
                                        starts)
    hits.extend(h for h in informal if _reference_before(states, text, h.start) is None)
    confirmed = {h.agency_id for h in hits if h.how != "informal" and not h.caps_only}
    return [h for h in hits if not h.caps_only or h.agency_id in confirmed], state_hits


def _reference_url_spans(text):
    spans = []
    for hint in urls._URL_HINT.finditer(text):
        if hint.group(0) == "@" and not (hint.start() > 0 and text[hint.start() - 1].isalnum()):
            continue
        start = hint.start()
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(<\"'":
            start -= 1
        end = hint.end()
        while end < len(text) and not text[end].isspace() and text[end] not in ")>\"'":
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _reference_inside(spans, start, end):
    index = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _reference_overlaps(spans, start, end):
    index = bisect.bisect_right(spans, (start, 1 << 62))
    return any(s < end and start < e for s, e in spans[max(0, index - 2):index + 1])


def _reference_caps_context(text, start, end):
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    line_end = text.find("\n", end, end + 60)
    line_end = len(text) if line_end < 0 else line_end
    line_start, line_end = max(line_start, start - 60), min(line_end, end + 60)
    around = text[line_start:start] + text[end:line_end]
    alpha = [c for c in around if c.isalpha()]
    if len(alpha) < 8:
        return False
    return sum(1 for c in alpha if c.isupper()) / len(alpha) >= 0.8


def _reference_neighbour_words(text, start, end, before, after):
    left = re.findall(r"[\w'.&-]+", text[max(0, start - 12 * before):start])[-before:] \
        if before else []
    right = re.findall(r"[\w'.&-]+", text[end:end + 12 * after])[:after] if after else []
    lowered = [w.lower() for w in left + right]
    return [(w[:-2] if w.endswith("'s") else w).strip(".'") for w in lowered]


def _reference_before(states, text, start):
    low = max(0, start - 40)
    if start <= low:
        return None
    last = text[start - 1]
    if last not in " \t\n":
        return None
    pos = start - 1 if last == "\n" else start
    while pos > low and text[pos - 1] in " \t":
        pos -= 1
    if text[max(low, pos - 3):pos] == "the":
        pos -= 3
        while pos > low and text[pos - 1] in " \t":
            pos -= 1
    match = states.pattern.search(text, max(low, pos - states.longest - 2), start)
    if not match:
        return None
    word = match.group("w")
    state = states.cues.state_abbreviations.get(word, word)
    return match.start("w"), state if state in states.cues.states else None


def _reference_acronym_confidence(text, start, end, matched, agency_id, index, full_named):
    if matched not in index.risky:
        return 0.92
    if acr._SECTION_NUMBER.match(text[end:end + 4]):
        return 0.0
    if not index.avoid_words.isdisjoint(_reference_neighbour_words(text, start, end, 8, 8)):
        return 0.0
    if len(matched) == 2 and acr._TOWN_COMMA.search(text[max(0, start - 30):start]):
        return 0.0
    if agency_id in full_named:
        return 0.9
    if not index.support_words.isdisjoint(_reference_neighbour_words(text, start, end, 2, 3)):
        return 0.85
    return 0.0


def _reference_inspector_general_hits(text, hits, index):
    out = []
    for hit in hits:
        match = names._OIG_AFTER.match(text, hit.end)
        if not match or hit.how == "informal":
            continue
        oig = next((child for child in index.directory.children_of(hit.agency_id)
                    if "inspector general" in child.name.lower()), None)
        if oig is not None:
            out.append(ag.Hit(hit.start, match.end(), oig.id, "name", 0.95))
    return out


_REFERENCE_THE_BUREAU = re.compile(r"b(?<!\w.)ureau\b(?!'?s?[ \t]+of\b)")


def _reference_bureau_hits(text, hits, index):
    if "bureau" not in text:
        return []
    named = sorted((h for h in hits if h.how != "informal"), key=lambda h: h.start)
    ends = [h.end for h in named]
    starts = [h.start for h in named]
    out = []
    for match in _REFERENCE_THE_BUREAU.finditer(text):
        if text[max(0, match.start() - 4):match.start()].lower() != "the ":
            continue
        last = bisect.bisect_right(ends, match.start())
        nearest = index.directory.agencies.get(named[last - 1].agency_id) if last else None
        if nearest is None or "Bureau" not in nearest.name:
            continue
        window_start = match.start()
        for _ in range(2):
            ends_before = list(informal._SENTENCE_END.finditer(text, max(0, window_start - 600),
                                                         window_start))
            window_start = ends_before[-1].start() + 1 if ends_before else \
                max(0, window_start - 600)
        first = bisect.bisect_left(starts, window_start)
        ids = {h.agency_id for h in named[first:last]}
        if len(ids) != 1:
            continue
        agency = index.directory.agencies.get(next(iter(ids)))
        if agency is not None and "Bureau" in agency.name:
            out.append(ag.Hit(match.start(), match.end(), agency.id, "name",
                              informal.BUREAU_CONFIDENCE))
    return out


def _reference_informal_hits(text, folded, index, urls, taken, starts=None):
    hits = []
    for regex, table, fold in ((index.informal_re, index.informal_keys, True),
                               (index.exact_informal_finder, index.exact_informal, False)):
        if fold:
            found = regex.finditer(folded) if starts is None else \
                finditer_at(regex, folded, starts)
        else:
            found = regex.finditer(text)
        for match in found:
            start, end = match.span()
            if _reference_inside(urls, start, end) or _reference_overlaps(taken, start, end):
                continue
            key = " ".join(match.group("m").split())
            for agency_id in table.get(key, ()):
                hits.append(ag.Hit(start, end, agency_id, "informal", 0.55))
    return hits
