"""The spin rules' context tests give what the straightforward versions gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.extract.despin_context import CLASSES, WordClass, word_after, word_before

_WORD_AFTER = re.compile(r"[ \t\"'(]*(?:\r?\n[ \t]*)?([\w'\[\]]+)")
_WORD_BEFORE = re.compile(r"([\w'\[\]]+)[\"')]*[ \t]*(?:\r?\n[ \t]*)?$")


def _in_class(word: str | None, allowed: frozenset[str]) -> bool:
    """The word-list test as first written."""
    if word is None:
        return False
    low = word.lower()
    if low in allowed or word in allowed:
        return True
    for cls in (w for w in allowed if w.startswith("@")):
        if cls == "@cap" and word[:1].isupper():
            return True
        if cls == "@lower" and word[:1].islower():
            return True
        if cls == "@ing" and low.endswith("ing") and len(low) > 4:
            return True
        if cls == "@num" and word[:1].isdigit():
            return True
        if cls in CLASSES and low in CLASSES[cls]:
            return True
    return False


WORDS = st.sampled_from(["the", "The", "THE", "a", "Drug", "drug", "DRUG", "its'", "[its]",
                         "running", "Ring", "sing", "2024", "Ünited", "über", "_x", "İstanbul",
                         "K", "k", "tin", "Tin", "who", "Monday", "monday", ""])
LISTS = st.lists(st.one_of(WORDS, st.sampled_from(["@det", "@subj", "@modal", "@day", "@cap",
                                                   "@lower", "@ing", "@num", "@foo"])),
                 max_size=6)


@settings(max_examples=1000, deadline=None)
@given(LISTS, st.one_of(st.none(), WORDS, st.text(max_size=8)))
def test_word_class_as_in_class(allowed: list[str], word: str | None):
    assert WordClass.of(allowed).holds(word) == _in_class(word, frozenset(allowed))


PIECES = st.sampled_from(["word", "Word2", "x", "é", "ß", " ", "  ", "\t", "\n", "\r\n",
                          '"', "'", "(", ")", "[", "]", "_", ",", ".", "-", "\u00a0", "\u2028",
                          "a" * 38, "a" * 39, "a" * 40, "a" * 45, "\U0001F942"])
TEXTS = st.lists(PIECES, max_size=25).map("".join)


@settings(max_examples=1500, deadline=None)
@given(TEXTS, st.data())
def test_neighbour_words_as_the_patterns(text: str, data):
    position = data.draw(st.integers(0, len(text)))
    before = _WORD_BEFORE.search(text, max(0, position - 40), position)
    assert word_before(text, position) == (before.group(1) if before else None)
    after = _WORD_AFTER.match(text, position)
    assert word_after(text, position) == (after.group(1) if after else None)


def test_neighbour_words_at_the_window_edges():
    for length in range(36, 44):
        for text in (" " + "a" * length + " ", "x " + "a" * length + " ", "a" * length + " "):
            position = len(text)
            before = _WORD_BEFORE.search(text, max(0, position - 40), position)
            assert word_before(text, position) == (before.group(1) if before else None)
            after = _WORD_AFTER.match(text + text, position)
            assert word_after(text + text, position) == (after.group(1) if after else None)
