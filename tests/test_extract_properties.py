"""Property tests: any text gives valid findings, and every offset points at its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foia_desk.extract import extract, normalise_spun

# Pieces that exercise the matchers' edges: names, acronyms, spinner words, dates, quotes,
# hyphenated line breaks, URLs and odd Unicode.
PIECES = st.sampled_from([
    "ICE", "ice", "DHS's", "U.S. ", "US ", "United States ", "Postal Inspection Service",
    "Department of Homeland\nSecurity", "En-\nforcement", "successful ", "arsenic ",
    "instrumentality enforcement", "message screen", "migration officials", "national ",
    "April 27, 2025", "on Tuesday", "last year", "in 2023", "4/31/2025", "2025-02-30",
    "Sen. ", "Rep. ", "Denver Police Department", "told the Post", "https://dhs.gov/x",
    "\u2019s", "\u00a0", "\u00ad", "İ", "ß", "\U0001F942", "\r\n", "\n\n", ". ", ", ",
    "Colorado Department of Labor", "task force", "program", "email", "97 percent",
])
TEXTS = st.one_of(st.text(max_size=400),
                  st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join))


def _spans(data: dict) -> list[dict]:
    spans = [m for a in data["agencies"] for m in a["mentions"] + a["evidence"]]
    spans += [m for b in data["non_foia"] for m in b["mentions"]]
    spans += [m for t in data["topics"] for m in t["mentions"]]
    return spans + data["dates"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_valid_findings(text: str):
    data = extract(text).to_dict()
    for span in _spans(data):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"]
    assert 0.0 <= data["spun"]["score"] <= 1.0
    for agency in data["agencies"]:
        assert 0.0 < agency["confidence"] <= 1.0
        assert agency["inferred"] == (agency["role"] != "mentioned")


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_normalised_reading_substitutions_point_at_the_original(text: str):
    reading = normalise_spun(text)
    previous_end = 0
    for sub in reading.substitutions:
        assert text[sub.start:sub.end] == sub.original
        assert sub.start >= previous_end
        previous_end = sub.end
