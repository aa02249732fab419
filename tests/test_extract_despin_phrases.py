"""The Aho-Corasick phrase finder gives exactly the matches of the phrase regex it replaces."""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.extract.despin import load_spin_table
from foia_desk.extract.despin_phrases import LOWERS_TO_ASCII, PhraseFinder
from foia_desk.extract.matcher import compile_phrases, fold_chars, plain_chars

# Phrases sharing beginnings, multi-word ones, a dotted one and a hyphenated one.
PHRASES = ["cause", "cause and quality trafficking", "quality trafficking", "tin", "o.k.",
           "message", "message screen", "message screens", "in summation to", "ain",
           "x-ray vision", "x-ray", "use to thing", "kin", "o"]
PIECES = st.sampled_from([
    "cause", "and", "quality", "trafficking", "tin", "o.k.", "message", "screen", "screens",
    "in", "summation", "to", "ain", "x-", "ray", "vision", "use", "thing", "s", "é", "İ",
    " ", "  ", "\t", "\n", "\r\n", "\r", " \n ", "\n\n", "-", "-\n", ".", "@", "/", "_", "'",
    "\u00a0", "\U0001F942", "\ud800", "1", "x", "con", "CAUSE", "Tin", "\u212a", "\u2019",
])
TEXTS = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=30).map("".join))


def _reference(phrases: list[str], text: str) -> list[tuple[int, int, str]]:
    pattern = compile_phrases(phrases, ignore_case=True)
    return [(m.start("m"), m.end("m"), m.group("m")) for m in pattern.finditer(fold_chars(text))]


def test_lower_casing_keeps_the_kind_of_each_character():
    """What finding phrases in ``_ascii_lowered`` and checking boundaries on the plain text
    rely on: outside ASCII only ``LOWERS_TO_ASCII`` lower-cases to ASCII, and lower-casing
    never makes a word character of another or the reverse."""
    to_ascii = []
    for char in map(chr, range(0x80, sys.maxunicode + 1)):
        low = char.lower()
        if len(low) == 1:
            assert low.isalnum() == char.isalnum()
            if low.isascii():
                to_ascii.append(char)
    assert "".join(to_ascii) == LOWERS_TO_ASCII


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_matches_as_the_regex(text: str):
    assert PhraseFinder(PHRASES).find(plain_chars(text)) == _reference(PHRASES, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*sorted(load_spin_table().rules), " ", "\n", "  ", "\r\n ",
                                  "x", "'", ".", "S", "é"]), max_size=25).map("".join))
def test_same_matches_with_the_spin_table(text: str):
    phrases = sorted(load_spin_table().rules)
    finder = PhraseFinder(phrases)
    assert finder.find(plain_chars(text)) == _reference(phrases, text)
    spread = text.replace(" ", " \n ")  # every gap across a line break
    assert finder.find(plain_chars(spread)) == _reference(phrases, spread)


def test_edges():
    finder = PhraseFinder(PHRASES)
    for text in ["tin", "tin.", "xtin tin", "cause and quality traffickings", "cause\nand "
                 "quality\r\ntrafficking", "message  \n screens", "message\n\nscreen",
                 "o.k.o.k. o.k.", "x-\nray vision", "x-\rray", "continue", "cause and tin",
                 "cause and quality tin", "@tin /tin .tin _tin tin@ tin_ tin/", "\u212ain",
                 "\u212aİn \u212ain", "İ tin", "x-ray visions", "cause and quality é", "o.k.x",
                 "o.k.o", "cause\nand quality trafficking", "cause and\tquality trafficking"]:
        assert finder.find(plain_chars(text)) == _reference(PHRASES, text), text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["café", "au", "lait", "tin", "x?", " ", "\t", "\r\n", "  ",
                                 "É", "\u212a", "?"]), max_size=20).map("".join))
def test_non_ascii_phrases(text: str):
    phrases = ["café", "café au lait", "tin", "x?", "au lait"]
    assert PhraseFinder(phrases).find(plain_chars(text)) == _reference(phrases, text)


def test_empty_phrase_lists():
    for phrases in ([], [""], ["", "tin"]):
        finder = PhraseFinder(phrases)
        for text in ("", "tin", "a tin can", "é tin"):
            assert finder.find(plain_chars(text)) == _reference(phrases, text)
