"""The quick tests and candidate scans of the non-FOIA body finder miss no match."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.directory import load_directory
from foia_desk.extract.bodies_scan import body_scan
from foia_desk.extract.bodies_states import state_word_before
from foia_desk.extract.cues import load_cues
from foia_desk.extract.literal import DenseLiterals, LiteralSet
from foia_desk.extract.matcher import finditer_at
from foia_desk.extract.nonfoia import body_index
from foia_desk.extract.places import _place_matches, place_patterns

CUES = load_cues()
INDEX = body_index(load_directory(), CUES)

PIECES = st.sampled_from([
    "state", "State", "Texas", "Texas'", "Texas's", "New York", "West Virginia", "Virginia",
    "Kansas", "Arkansas", "lawmakers", "Sen.", "Sen", "Rep.", "Senate", "House", "Committee",
    "subcommittee", "Caucus", "Post", "the Post", "for Justice", "for\nDemocracy", "T-Mobile",
    "T-\nMobile", "Gov.", "Judge", "University", "told", "according to", "per", "in an\tinterview",
    "NYPD", "LAPD", "DOT", "DPS", "PD", "Police Department", "Department of", "Corrections",
    "Acme", "Inc.", "Courier-", "Ledger", "Washington", "Washington State", "Board", "of", "the",
    "Chicago", "St. Louis", "Miami-Dade", ", Calif.", ", N.Y.", ",Calif.", "outlet", "newspaper",
    " ", "  ", "\t", "\n", "\r\n", "'", "-", ".", ",", "x", "X", "\u00a0", "\udc80", "\U0001F600",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)
SLOW = dict(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(**SLOW)
@given(TEXTS)
def test_state_word_filter_misses_no_match(text: str) -> None:
    _, state_before = place_patterns(CUES)
    quick = state_word_before(CUES)
    for start in range(len(text) + 1):
        found = state_before.search(text, max(0, start - 25), start)
        assert quick.may_match(text, start) or not found, (text, start)
        again = quick.search(text, start)
        assert (again.span(), again.group(1)) == (found.span(), found.group(1)) \
            if found else again is None


@settings(**SLOW)
@given(TEXTS)
def test_anchored_scans_find_what_full_scans_find(text: str) -> None:
    scan = body_scan(INDEX, CUES)
    at = scan.anchors.candidates(text)
    for name, patterns in scan.patterns.items():
        for pattern in patterns:
            full = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in finditer_at(pattern, text, at[name])] == full, name


@settings(**SLOW)
@given(TEXTS)
def test_anchored_place_scan_finds_what_a_full_scan_finds(text: str) -> None:
    places, _ = place_patterns(CUES)
    assert [m.span() for m in _place_matches(text, CUES)] == \
        [m.span() for m in places.finditer(text)]


WORDS = ["ab", "b", "aa", "a", "Sen", "Senate", "Sen.", "T-", "for"]
DENSE, PLAIN = DenseLiterals(WORDS), LiteralSet(WORDS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abSenat.-?Tfor \u00e9\udc80\U0001F600"), max_size=60)
       | st.text(max_size=60))
def test_dense_literals_find_what_a_literal_set_finds(text: str) -> None:
    assert DENSE._bytes is not None  # the byte path is the one under test
    assert sorted(DENSE.find_all(text)) == sorted(PLAIN.find_all(text))
