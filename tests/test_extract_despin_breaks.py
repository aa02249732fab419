"""Hyphenated line breaks are found as the full pattern would find them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.extract.despin import _HYPHEN_BREAK, _hyphen_breaks

PIECES = st.sampled_from(["Enforce", "ment", "x", "A", "-", "- ", "\n", "\r\n", " ", "\t",
                          "\u00ad", "é", "1", "law"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECES, max_size=20).map("".join))
def test_same_breaks_as_the_pattern(text: str):
    found = [match.span() for match in _hyphen_breaks(text)]
    assert found == [match.span() for match in _HYPHEN_BREAK.finditer(text)]
