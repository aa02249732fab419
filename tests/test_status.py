"""The status lifecycle: allowed moves, refusals that name the way forward, event moves."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foia_desk.errors import UserError
from foia_desk.status import (
    STATUSES,
    allowed_next,
    check_transition,
    status_after_event,
)
from foia_desk.store.models import EVENT_KINDS, RESPONSE_OUTCOMES


def test_the_main_path_is_allowed_step_by_step():
    path = ["draft", "submitted", "acknowledged", "processing", "fix-required", "processing",
            "payment-required", "processing", "denied", "appeal", "appeal-decided",
            "mediation", "litigation", "complete"]
    for current, new in itertools.pairwise(path):
        check_transition(current, new)


@pytest.mark.parametrize("status", [s for s in STATUSES if s != "withdrawn"])
def test_withdrawn_is_reachable_from_everywhere_but_itself(status):
    check_transition(status, "withdrawn")
    assert allowed_next("withdrawn") == ()


@pytest.mark.parametrize(("current", "new"), [
    ("draft", "complete"), ("submitted", "draft"), ("complete", "processing"),
    ("appeal", "denied"), ("litigation", "appeal"),
])
def test_illegal_moves_are_refused_with_the_allowed_ones(current, new):
    with pytest.raises(UserError) as caught:
        check_transition(current, new)
    message = str(caught.value)
    assert f"from {current} to {new}" in message
    for allowed in allowed_next(current):
        assert allowed in message


def test_unknown_status_lists_known_ones():
    with pytest.raises(UserError, match="Unknown status 'lost'") as caught:
        check_transition("draft", "lost")
    assert "payment-required" in str(caught.value)


@pytest.mark.parametrize(("current", "kind", "details", "expected"), [
    ("draft", "submitted", {}, "submitted"),
    ("draft", "acknowledged", {}, "acknowledged"),
    ("submitted", "acknowledged", {}, "acknowledged"),
    ("acknowledged", "info-request", {}, "fix-required"),
    ("fix-required", "info-reply", {}, "processing"),
    ("acknowledged", "info-reply", {}, "acknowledged"),
    ("processing", "fee-notice", {}, "payment-required"),
    ("processing", "response", {"outcome": "partial"}, "partial-release"),
    ("processing", "response", {"outcome": "no-records"}, "no-records"),
    ("processing", "response", {}, "processing"),
    ("denied", "appeal-filed", {}, "appeal"),
    ("appeal", "appeal-decision", {"outcome": "denied"}, "appeal-decided"),
    ("appeal-decided", "lawsuit", {}, "litigation"),
    ("complete", "submitted", {}, "complete"),
    ("processing", "note", {}, "processing"),
    ("complete", "withdrawn", {}, "withdrawn"),
    ("withdrawn", "response", {"outcome": "complete"}, "withdrawn"),
])
def test_events_move_status_only_where_obvious(current, kind, details, expected):
    assert status_after_event(current, kind, details) == expected


@given(st.sampled_from(STATUSES), st.lists(st.tuples(
    st.sampled_from(EVENT_KINDS), st.sampled_from((None, *RESPONSE_OUTCOMES))), max_size=12))
def test_events_never_make_an_illegal_status_move(start, events):
    status = start
    for kind, outcome in events:
        new = status_after_event(status, kind, {"outcome": outcome} if outcome else {})
        if new != status:
            # The one allowed shortcut: an event recorded on a draft implies it was sent.
            if status == "draft" and new != "submitted":
                check_transition("submitted", new)
            else:
                check_transition(status, new)
        status = new
    assert status in STATUSES
