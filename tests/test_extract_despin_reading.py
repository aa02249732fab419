"""The reading's offset map gives exactly what the straightforward version gave."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.extract.reading import Reading, Substitution


class _ReferenceReading:
    """The offset map as first written: sort in dataclass order, one search per offset."""

    def __init__(self, original: str, substitutions: list[Substitution]) -> None:
        subs: list[Substitution] = []
        last_end = -1
        for sub in sorted(substitutions):
            if sub.start >= last_end:
                subs.append(sub)
                last_end = sub.end
        self.substitutions = subs
        parts: list[str] = []
        self.norm_starts: list[int] = []
        self.norm_ends: list[int] = []
        cursor = length = 0
        for sub in subs:
            parts.append(original[cursor:sub.start])
            length += sub.start - cursor
            self.norm_starts.append(length)
            parts.append(sub.replacement)
            length += len(sub.replacement)
            self.norm_ends.append(length)
            cursor = sub.end
        parts.append(original[cursor:])
        self.text = "".join(parts)

    def to_original(self, pos: int, *, is_end: bool) -> int:
        index = bisect.bisect_right(self.norm_starts, pos) - 1
        if index < 0:
            return pos
        sub = self.substitutions[index]
        if pos == self.norm_starts[index]:
            return sub.start
        if pos >= self.norm_ends[index]:
            return sub.end + (pos - self.norm_ends[index])
        return sub.end if is_end else sub.start

    def span(self, start: int, end: int) -> tuple[int, int]:
        o_start = self.to_original(start, is_end=False)
        o_end = self.to_original(end, is_end=True)
        return o_start, max(o_start, o_end)


TEXT = st.text(alphabet="ab \n", max_size=40)


@st.composite
def _cases(draw):
    text = draw(TEXT)
    size = len(text)
    subs = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 6)))
        subs.append(Substitution(start, end, text[start:end],
                                 draw(st.text(alphabet="xyz", max_size=5)),
                                 draw(st.sampled_from(["spinner", "hyphenation"]))))
    spans = draw(st.lists(st.tuples(st.integers(0, size + 10), st.integers(0, size + 10)),
                          max_size=12))
    return text, subs, spans


@settings(max_examples=1500, deadline=None)
@given(_cases())
def test_same_reading_and_spans(case):
    text, subs, spans = case
    reading, reference = Reading(text, subs), _ReferenceReading(text, subs)
    assert reading.text == reference.text
    assert reading.substitutions == reference.substitutions
    for start, end in spans:
        assert reading.span(start, end) == reference.span(start, end), (start, end)


def test_no_substitutions():
    reading = Reading("abc")
    assert reading.text == "abc" and not reading.changed
    assert reading.span(1, 2) == (1, 2) and reading.span(2, 1) == (2, 2)
