"""Property tests: the clock rules hold for any dates, checked against a day-by-day simulation."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from test_clocks_support import DHS, ev

from foia_desk.calendar import Closure, FederalCalendar
from foia_desk.clocks import compute_clocks

CAL = FederalCalendar()
TODAY = dt.date(2030, 1, 1)
receipts = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2034, 12, 31))


def report_for(events, calendar=CAL, agency=None):
    return compute_clocks(events, agency=agency, calendar=calendar, today=TODAY)


@st.composite
def tolled_requests(draw):
    """A receipt plus up to three fee tolls and one information toll, replies included."""
    received = draw(receipts)
    events = [ev("received", received)]
    periods = []
    for kind, reply in [("info-request", "info-reply")] + [("fee-notice", "fee-reply")] * 3:
        if draw(st.booleans()):
            start = received + dt.timedelta(days=draw(st.integers(0, 25)))
            end = start + dt.timedelta(days=draw(st.integers(0, 20)))
            events += [ev(kind, start), ev(reply, end)]
            periods.append((start, end))
    return received, events, periods


def simulate(calendar, received, periods, budget=20):
    """Day-by-day: a working day after receipt counts unless it lies in a toll [R, P] that
    began while the clock was still running."""
    counted, day, paused_until = 0, received, None
    pending = sorted(periods)
    while counted < budget:
        day += dt.timedelta(days=1)
        while pending and pending[0][0] <= day:
            _start, end = pending.pop(0)
            paused_until = end if paused_until is None else max(paused_until, end)
        if paused_until is not None and day <= paused_until:
            continue
        if calendar.is_working_day(day):
            counted += 1
    return day


@settings(max_examples=300, deadline=None)
@given(tolled_requests())
def test_tolling_rule_matches_a_day_by_day_simulation(case):
    received, events, periods = case
    due = report_for(events).get("response_due").due
    # A toll dated after the running deadline is ignored by the rules; mirror that here.
    live = []
    for start, end in sorted(periods):
        if start <= simulate(CAL, received, live):
            live.append((start, end))
    assert due == simulate(CAL, received, live)
    assert CAL.is_working_day(due)


@settings(max_examples=200, deadline=None)
@given(tolled_requests(), st.integers(1, 30))
def test_later_receipt_never_gives_an_earlier_due_date(case, shift):
    received, events, _ = case
    moved = [ev("received", received + dt.timedelta(days=shift)), *events[1:]]
    assert report_for(moved).get("response_due").due >= report_for(events).get(
        "response_due").due


@settings(max_examples=200, deadline=None)
@given(tolled_requests(), st.lists(st.dates(min_value=dt.date(2015, 1, 1),
                                            max_value=dt.date(2036, 1, 1)), max_size=4))
def test_closures_never_make_a_due_date_earlier(case, closed):
    _, events, _ = case
    events = [*events, ev("extension", events[0].date + dt.timedelta(days=5))]
    closed_cal = FederalCalendar([Closure(d, "test") for d in closed])
    for key in ("response_due", "extended_due"):
        with_closures = report_for(events, closed_cal).get(key)
        without = report_for(events).get(key)
        if with_closures.due and without.due:
            assert with_closures.due >= without.due


@settings(max_examples=200, deadline=None)
@given(receipts, st.integers(0, 60), st.booleans())
def test_working_day_deadlines_fall_on_working_days(received, later, extended):
    events = [ev("received", received),
              ev("response", received + dt.timedelta(days=later), outcome="partial"),
              ev("appeal-filed", received + dt.timedelta(days=later + 3))]
    if extended:
        events.append(ev("extension", received + dt.timedelta(days=later + 5)))
    report = report_for(events, agency=DHS)
    for key in ("response_due", "appeal_by", "appeal_decision_due"):
        deadline = report.get(key)
        assert deadline is not None and CAL.is_working_day(deadline.due), key


@settings(max_examples=100, deadline=None)
@given(tolled_requests())
def test_tolls_never_make_a_deadline_earlier(case):
    _received, events, _ = case
    plain = report_for([events[0]]).get("response_due").due
    assert report_for(events).get("response_due").due >= plain
