"""The reversed run reader gives exactly what the forward search RUN_BEFORE gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.extract.bodies_runs import RUN_BEFORE, RunsBefore

# Words, small words, ordinals, blanks and the characters at the edges of the classes.
PIECES = st.sampled_from([
    "Denver", "Police", "of", "and", "for", "the", "on", "&", "de", "21st", "3rd", "2nd",
    "4th", "x21st", "21stX", "McDonald", "iPhone", "A", "Z", "a", "z", "0", "9", "_", "'",
    ".", "-", ",", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "É", "é", "\u0663", "st", "th",
    "U.S.", "Acme's", "Courier-", "Ledger", "DOT", "\udc80", "\U0001F600",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def _forward(text: str, start: int, window: int) -> tuple[int, str] | None:
    found = RUN_BEFORE.search(text, max(0, start - window), start)
    return (found.start(), found.group(1)) if found else None


def _check_everywhere(text: str) -> None:
    runs = RunsBefore(text)
    for window in (5, 30, 60, 90):
        for start in range(len(text) + 1):
            assert runs.run_before(start, window) == _forward(text, start, window), (
                text, start, window)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_reversed_run_matches_the_forward_search(text: str) -> None:
    _check_everywhere(text)


def test_reversed_run_on_an_article() -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds"
    for path in sorted(seed.glob("*.txt"))[:2]:
        _check_everywhere(path.read_text("utf-8")[:4000])


def test_reversed_run_edges() -> None:
    for text in ["", " ", "A ", "Acme Corp ", "The 21st Century Fox ", "of the Post",
                 "Denver Police \nDepartment", "x" * 100 + "Big Small Tiny Wee Teeny Odd Post",
                 "One Two Three Four Five Six Seven ", "New York and the Bronx ",
                 "A of of B ", "A\tof\tB\t"]:
        _check_everywhere(text)
