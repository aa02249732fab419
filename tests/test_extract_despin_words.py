"""The word count for the spin score is ``len(text.split())`` whatever the text."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.extract.despin_words import ASCII_SPACES, OTHER_SPACES, count_words
from foia_desk.extract.matcher import plain_chars


def test_the_space_lists_are_what_split_uses():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert "".join(spaces) == ASCII_SPACES + OTHER_SPACES
    assert all(len(("a" + space + "b").split()) == 2 for space in spaces)


PIECES = st.sampled_from(["word", "é", "ß", "\U0001F942", "\ud800", "\udcff", " ", "  ", "\t",
                          "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0",
                          "\u1680", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f",
                          "\u205f", "\u3000", "\ufeff", "\u2014", "\xc2", "x", "\u2019",
                          "\u2007", "\u2009", "\u2011"])


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=30), st.lists(PIECES, max_size=20).map("".join)))
def test_count_words_is_split(text: str):
    assert count_words(text) == len(text.split())


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=20).map("".join))
def test_plain_chars_keeps_the_words(text: str):
    """``normalise_spun`` counts the words of the plain text."""
    assert count_words(plain_chars(text)) == len(text.split())
