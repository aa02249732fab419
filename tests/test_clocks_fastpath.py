"""The tracker's fast path (``next_open_deadline``) must agree with the full report.

A full recompute of the tracker uses ``next_open_deadline``: the same rules as
``compute_clocks`` but nothing explained, and clocks that are already closed skipped. These
property tests draw varied event histories (every event kind, out-of-order and same-day
events, tolls, extensions, appeals, stops, odd details) and check the two never disagree on
the next deadline, so an optimisation cannot drift from the rules.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from test_clocks_support import DHS, DOJ, IRS, USPS, agency

from foia_desk.calendar import Closure, FederalCalendar
from foia_desk.clocks import (
    EVENT_KINDS,
    EventRecord,
    NextDeadline,
    compute_clocks,
    next_open_deadline,
)
from foia_desk.clocks.facts import IGNORED_KINDS

CALENDARS = (
    FederalCalendar(),
    FederalCalendar([Closure(dt.date(2024, 12, 24), "executive order"),
                     Closure(dt.date(2025, 1, 9), "national day of mourning")]),
    FederalCalendar(inauguration_day=True),
)
AGENCIES = (None, USPS, DOJ, DHS, IRS, agency("hq", dc_area=True, unit="working"))
OUTCOMES = ("full-grant", "partial", "denied", "no-records", "fee-denial", "expedite-denied",
            "expedite-granted", "fee-waiver-granted", "referred", "glomar", "something-else",
            "")
# Weighted towards the kinds that drive the clocks, so most histories are not trivial.
KINDS = (*EVENT_KINDS, "received", "response", "extension", "info-request", "fee-notice",
         "appeal-filed", "appeal-received")


@st.composite
def details_for(draw, kind: str, day: dt.date) -> dict:
    details: dict = {}
    offset = st.integers(-15, 45).map(lambda n: (day + dt.timedelta(days=n)).isoformat())
    if kind in ("submitted", "received") and draw(st.booleans()):
        details["expedited_requested"] = True
    if kind == "received" and draw(st.integers(0, 4)) == 0:
        details["received_by_designated_component"] = True
    if kind == "acknowledged":
        if draw(st.booleans()):
            details["received_date"] = draw(offset)
        if draw(st.integers(0, 3)) == 0:
            details["expedite"] = draw(st.sampled_from(("granted", "denied", "pending")))
    if kind == "response":
        outcome = draw(st.sampled_from(OUTCOMES))
        if outcome:
            details["outcome"] = outcome
    if kind == "extension":
        if draw(st.booleans()):
            details["promised_date"] = draw(offset)
        if draw(st.integers(0, 3)) == 0:
            details["agreed"] = True
        if draw(st.integers(0, 3)) == 0:
            details["stage"] = draw(st.sampled_from(("initial", "appeal")))
    return details


@st.composite
def histories(draw):
    """(events, agency, calendar, today): up to 14 events over a few months, any order."""
    day = draw(st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2031, 6, 30)))
    events = []
    for _ in range(draw(st.integers(0, 14))):
        day += dt.timedelta(days=draw(st.sampled_from((0, 0, 1, 2, 3, 6, 10, 15, 25, 45))))
        kind = draw(st.sampled_from(KINDS))
        events.append(EventRecord(kind, day, draw(details_for(kind, day))))
    events = draw(st.permutations(events)) if draw(st.booleans()) else events
    today = day + dt.timedelta(days=draw(st.integers(-40, 200)))
    return (events, draw(st.sampled_from(AGENCIES)), draw(st.sampled_from(CALENDARS)),
            today)


def expected(events, agency_, calendar, today) -> NextDeadline | None:
    report = compute_clocks(events, agency=agency_, calendar=calendar, today=today)
    chosen = report.next_deadline
    if chosen is None:
        assert not report.overdue  # an overdue deadline is always an open one
        return None
    return NextDeadline(chosen.due, chosen.key, chosen.label, report.overdue)


@settings(max_examples=1500, deadline=None)
@given(histories())
def test_fast_path_gives_the_reports_next_deadline(case):
    events, agency_, calendar, today = case
    want = expected(events, agency_, calendar, today)
    assert next_open_deadline(events, agency=agency_, calendar=calendar, today=today) == want
    # The store hands events over already in date order (same-day events keep their order).
    in_order = sorted(events, key=lambda e: e.date)
    assert next_open_deadline(in_order, agency=agency_, calendar=calendar, today=today,
                              in_date_order=True) == want


@settings(max_examples=400, deadline=None)
@given(histories(), st.lists(st.sampled_from(sorted(IGNORED_KINDS)), max_size=4))
def test_kinds_the_store_leaves_out_change_nothing(case, extra_kinds):
    """The bulk recompute does not read notes or interim releases from the database."""
    events, agency_, calendar, today = case
    day = events[0].date if events else today
    noisy = [*events, *(EventRecord(kind, day, {"note": "x"}) for kind in extra_kinds)]
    kept = [e for e in noisy if e.kind not in IGNORED_KINDS]
    full = compute_clocks(noisy, agency=agency_, calendar=calendar, today=today).to_dict()
    assert compute_clocks(kept, agency=agency_, calendar=calendar, today=today).to_dict() \
        == full


def test_fast_path_on_an_open_request_counts_the_same_dates():
    """A plain pending request: the fast path's date is the report's response_due."""
    received = dt.date(2025, 11, 26)
    events = [EventRecord("received", received, {}),
              EventRecord("info-request", dt.date(2025, 12, 3), {}),
              EventRecord("info-reply", dt.date(2025, 12, 10), {})]
    found = next_open_deadline(events, agency=USPS, calendar=CALENDARS[0],
                               today=dt.date(2025, 12, 15))
    assert found == NextDeadline(dt.date(2026, 1, 6), "response_due",
                                 "Agency's determination due", False)


def test_fast_path_skips_closed_clocks_but_reports_overdue():
    """Withdrawn: nothing is open. Unanswered past the deadline: overdue, like the report."""
    received = dt.date(2025, 3, 3)
    withdrawn = [EventRecord("received", received, {}),
                 EventRecord("withdrawn", dt.date(2025, 3, 10), {})]
    assert next_open_deadline(withdrawn, agency=USPS, calendar=CALENDARS[0],
                              today=dt.date(2025, 6, 1)) is None
    late = next_open_deadline(withdrawn[:1], agency=USPS, calendar=CALENDARS[0],
                              today=dt.date(2025, 6, 1))
    assert late is not None and late.overdue and late.key == "response_due"
