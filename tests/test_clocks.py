"""Statutory clocks of the initial request: start, 20 working days, tolls, extension, status.

Expected dates were counted by hand on a paper calendar (working days listed in comments).
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_clocks_support import USPS, D, agency, ev

from foia_desk.calendar import Closure, FederalCalendar
from foia_desk.clocks import ClockReport, Deadline, EventRecord, compute_clocks
from foia_desk.errors import UserError

CAL = FederalCalendar()


START = D(2025, 12, 1)


def clocks(events, today=START, calendar=CAL, agency=None) -> ClockReport:
    return compute_clocks(events, agency=agency, calendar=calendar, today=today)


def due(report: ClockReport, key: str) -> dt.date | None:
    deadline = report.get(key)
    assert deadline is not None, f"no {key} in {report.deadlines}"
    return deadline.due


def test_twenty_working_days_after_receipt_skipping_thanksgiving_and_christmas():
    report = clocks([ev("received", D(2025, 11, 26))])
    response = report.get("response_due")
    # Nov 28 (1); Dec 1-5 (6); 8-12 (11); 15-19 (16); 22, 23, 24 (19); 26 (20).
    assert response.due == D(2025, 12, 26)
    assert response.state == "pending" and not response.approximate
    assert "20 working days after" in response.explanation
    assert "26 Nov 2025" in response.explanation
    assert "Thanksgiving Day (27 Nov)" in response.explanation
    assert "Christmas Day (25 Dec)" in response.explanation
    assert response.basis == [(D(2025, 11, 27), "Thanksgiving Day"),
                              (D(2025, 12, 25), "Christmas Day")]
    assert report.next_deadline is response
    assert not report.overdue and not report.constructive_exhaustion


def test_receipt_on_a_saturday_or_holiday_counts_from_the_recorded_day():
    saturday = clocks([ev("received", D(2025, 11, 29))]).get("response_due")
    # Dec 1-5 (5); 8-12 (10); 15-19 (15); 22, 23, 24 (18); 26 (19); 29 (20).
    assert saturday.due == D(2025, 12, 29)
    assert "non-working day (Saturday)" in saturday.explanation
    assert "day 1 is Mon 1 Dec 2025" in saturday.explanation
    thanksgiving = clocks([ev("received", D(2025, 11, 27))]).get("response_due")
    assert thanksgiving.due == D(2025, 12, 26)  # Fri 28 Nov is day 1
    assert "Thanksgiving Day" in thanksgiving.explanation


def test_year_end_with_new_years_day_observed_on_31_december():
    # 2027: Christmas observed Fri 24 Dec, New Year's Day 2028 observed Fri 31 Dec.
    # Dec 3 (1); 6-10 (6); 13-17 (11); 20-23 (15); 27-30 (19); Mon 3 Jan 2028 (20).
    response = clocks([ev("received", D(2027, 12, 2))], today=D(2027, 12, 2)).get(
        "response_due")
    assert response.due == D(2028, 1, 3)
    assert (D(2027, 12, 31), "New Year's Day (observed)") in response.basis
    assert (D(2027, 12, 24), "Christmas Day (observed)") in response.basis


def test_juneteenth_counts_from_2021_only():
    # 2020: Jun 8-12 (5); 15-19 (10, Juneteenth is a working day); 22-26 (15);
    # Jun 29-Jul 2 (19); Fri 3 Jul is Independence Day observed; Mon 6 Jul (20).
    assert due(clocks([ev("received", D(2020, 6, 5))]), "response_due") == D(2020, 7, 6)
    # 2021: Jun 7-11 (5); 14-17 (9), Fri 18 Jun Juneteenth observed; 21-25 (14);
    # Jun 28-Jul 2 (19); Mon 5 Jul Independence Day observed; Tue 6 Jul (20).
    assert due(clocks([ev("received", D(2021, 6, 4))]), "response_due") == D(2021, 7, 6)


def test_information_toll_carries_over_used_days_and_second_request_is_ignored():
    events = [ev("received", D(2025, 11, 26)),
              ev("info-request", D(2025, 12, 3)),   # days 1-3 used: Nov 28, Dec 1, 2
              ev("info-reply", D(2025, 12, 10)),    # paused Dec 3, 4, 5, 8, 9, 10
              ev("info-request", D(2025, 12, 12)),  # a second one: does not toll
              ev("info-reply", D(2025, 12, 19))]
    report = clocks(events, today=D(2025, 12, 15))
    # Resume Dec 11 (4); 12 (5); 15-19 (10); 22-24 (13); 26 (14); 29-31 (17); Jan 2 (18);
    # Jan 5 (19); Tue 6 Jan 2026 (20).
    response = report.get("response_due")
    assert response.due == D(2026, 1, 6)
    assert "plus 6 working days while the clock was paused" in response.explanation
    assert "through the day the agency receives your reply counts" in response.explanation
    assert any("does not stop the clock" in n and "12 Dec 2025" in n for n in report.notes)


def test_open_toll_pauses_the_clock_and_projects_the_deadline():
    events = [ev("received", D(2025, 11, 26)), ev("info-request", D(2025, 12, 3))]
    report = clocks(events, today=D(2026, 2, 2))
    response = report.get("response_due")
    assert response.due is None and response.state == "pending"
    assert "3 working days had run and 17 working days remain" in response.explanation
    # Reply received Mon 2 Feb 2026: Feb 3-6 (4), 9-13 (9), 17-20 (13; 16 Feb is
    # Washington's Birthday), 23-26 (17).
    assert "the deadline becomes Thu 26 Feb 2026" in response.explanation
    assert not report.overdue and not report.constructive_exhaustion
    assert report.next_deadline is None


def test_extension_stacked_on_tolls_and_a_fee_toll_after_it():
    events = [ev("received", D(2025, 11, 26)),
              ev("info-request", D(2025, 12, 3)), ev("info-reply", D(2025, 12, 10)),
              ev("extension", D(2025, 12, 15), promised_date="2026-01-16"),
              ev("fee-notice", D(2026, 1, 5)), ev("fee-reply", D(2026, 1, 9))]
    report = clocks(events, today=D(2026, 1, 12))
    # Used Nov 28, Dec 1, 2 (3); paused Dec 3-10; Dec 11 (4) ... Jan 2 (18); paused
    # Jan 5-9 for fees; Jan 12 (19), Tue 13 Jan 2026 (20) unextended.
    # +10: Jan 14-16 (3), Jan 19 is MLK Day, 20-23 (7), 26, 27, 28 (10).
    assert due(report, "response_due") == D(2026, 1, 13)
    assert report.get("response_due").state == "not-applicable"
    assert "Replaced by the extended deadline" in report.get("response_due").explanation
    extended = report.get("extended_due")
    assert extended.due == D(2026, 1, 28)
    assert extended.state == "pending"
    assert "expects a determination by Fri 16 Jan 2026" in extended.explanation
    assert report.next_deadline is extended
    assert not any("claims more" in n for n in report.notes)


def test_fee_tolls_are_unlimited_and_overlaps_are_not_double_counted():
    events = [ev("received", D(2025, 11, 26)),
              ev("fee-notice", D(2025, 12, 1)), ev("fee-reply", D(2025, 12, 5)),  # Dec 1-5
              ev("info-request", D(2025, 12, 3)), ev("info-reply", D(2025, 12, 9)),  # to 9
              ev("fee-notice", D(2025, 12, 15)), ev("fee-reply", D(2025, 12, 16))]  # 15-16
    # Used Nov 28 (1); paused Dec 1-9; Dec 10-12 (4); paused 15-16; 17-19 (7); 22-24 (10);
    # 26 (11); 29-31 (14); Jan 2 (15); 5-9 (20): Fri 9 Jan 2026.
    assert due(clocks(events), "response_due") == D(2026, 1, 9)


def test_extension_claiming_more_than_ten_working_days_is_flagged():
    events = [ev("received", D(2025, 11, 26)),
              ev("extension", D(2025, 12, 10), promised_date="2026-03-31")]
    report = clocks(events)
    extended = report.get("extended_due")
    assert extended.due == D(2026, 1, 12)  # 30 working days after Nov 26
    assert "claims more than the statute allows" in extended.explanation
    assert any("claims more than the statute allows: the statute permits at most 10 extra "
               "working days unless you agree to a longer schedule" in n for n in report.notes)


def test_agreed_longer_schedule_and_second_extension():
    events = [ev("received", D(2025, 11, 26)),
              ev("extension", D(2025, 12, 10), promised_date="2026-03-31", agreed=True),
              ev("extension", D(2025, 12, 20))]
    report = clocks(events, today=D(2026, 2, 1))
    assert due(report, "extended_due") == D(2026, 3, 31)
    assert report.get("extended_due").state == "pending"
    assert any("adds no time" in n for n in report.notes)
    assert not report.overdue


def test_late_extension_does_not_revive_an_expired_deadline():
    events = [ev("received", D(2025, 11, 26)), ev("extension", D(2026, 1, 2))]
    report = clocks(events, today=D(2026, 1, 5))
    assert report.get("extended_due").state == "not-applicable"
    assert report.get("response_due").state == "overdue"
    assert report.overdue and report.constructive_exhaustion
    assert any("came after the deadline then in force" in n for n in report.notes)


def test_overdue_gives_constructive_exhaustion_with_the_rossotti_caveat_and_fees():
    report = clocks([ev("received", D(2025, 11, 26))], today=D(2025, 12, 29))
    assert report.get("response_due").state == "overdue"
    assert report.overdue and report.constructive_exhaustion
    assert any("Rossotti" in n and "appeal first" in n for n in report.notes)
    assert any("search fees" in n for n in report.notes)
    on_the_day = clocks([ev("received", D(2025, 11, 26))], today=D(2025, 12, 26))
    assert not on_the_day.overdue and on_the_day.get("response_due").state == "pending"


def test_response_ends_the_clock_met_or_missed():
    met = clocks([ev("received", D(2025, 11, 26)),
                  ev("response", D(2025, 12, 26), outcome="full-grant")], today=D(2026, 3, 1))
    assert met.get("response_due").state == "met"
    assert not met.overdue and not met.constructive_exhaustion
    assert met.get("appeal_by") is None  # nothing to appeal after a full grant
    late = clocks([ev("received", D(2025, 11, 26)),
                   ev("response", D(2025, 12, 30), outcome="denied")], today=D(2026, 1, 2))
    assert late.get("response_due").state == "missed"
    assert not late.constructive_exhaustion
    assert any("after its deadline" in n and "appeal" in n for n in late.notes)


def test_interim_release_and_side_decisions_do_not_end_the_clock():
    events = [ev("received", D(2025, 11, 26)), ev("interim-release", D(2025, 12, 10)),
              ev("response", D(2025, 12, 11), outcome="fee-denial")]
    report = clocks(events, today=D(2025, 12, 29), agency=USPS)
    assert report.get("response_due").state == "overdue"
    assert due(report, "appeal_by") == D(2025, 12, 11) + dt.timedelta(days=90)


def test_withdrawn_stops_every_clock():
    events = [ev("submitted", D(2025, 11, 25), expedited_requested=True),
              ev("received", D(2025, 11, 26)), ev("withdrawn", D(2025, 12, 2))]
    report = clocks(events, today=D(2026, 2, 1))
    assert {d.state for d in report.deadlines} == {"not-applicable"}
    assert not report.overdue and not report.constructive_exhaustion
    assert report.next_deadline is None
    assert any("Withdrawn" in n for n in report.notes)


def test_designated_component_gives_a_latest_start():
    events = [ev("received", D(2025, 12, 1), received_by_designated_component=True),
              ev("received", D(2025, 12, 15))]
    report = clocks(events)
    latest = report.get("latest_start")
    assert latest.due == D(2025, 12, 11) and latest.state == "missed"
    assert "calendar days" in latest.explanation and "working days" in latest.explanation
    # From Thu 11 Dec: Dec 12 (1); 15-19 (6); 22-24 (9); 26 (10); 29-31 (13); Jan 2 (14);
    # Jan 5-9 (19); Mon 12 Jan 2026 (20).
    assert due(report, "response_due") == D(2026, 1, 12)
    assert not report.get("response_due").approximate
    only_designated = clocks(events[:1])
    assert due(only_designated, "response_due") == D(2026, 1, 12)
    assert only_designated.get("response_due").approximate
    prompt = clocks([events[0], ev("received", D(2025, 12, 3))])
    assert due(prompt, "response_due") == D(2026, 1, 2)
    assert prompt.get("latest_start").state == "met"


def test_submission_only_is_approximate_and_does_not_claim_exhaustion_too_early():
    events = [ev("submitted", D(2025, 11, 26))]
    report = clocks(events, today=D(2025, 12, 29))
    response = report.get("response_due")
    assert response.due == D(2025, 12, 26) and response.approximate
    assert "not recorded" in response.explanation
    latest = report.get("latest_start")
    assert latest.due == D(2025, 12, 6)
    # Read as 10 working days: Nov 28 (1), Dec 1-5 (6), 8-11 (10), Thanksgiving skipped.
    assert "which would give Thu 11 Dec 2025" in latest.explanation
    assert report.overdue and not report.constructive_exhaustion
    assert any("receipt date is not recorded" in n for n in report.notes)
    much_later = clocks(events, today=D(2026, 2, 2))
    assert much_later.constructive_exhaustion


def test_agency_stated_receipt_date_on_the_acknowledgement():
    events = [ev("submitted", D(2025, 11, 20)),
              ev("acknowledged", D(2025, 12, 1), received_date="2025-11-26")]
    response = clocks(events).get("response_due")
    assert response.due == D(2025, 12, 26) and not response.approximate
    assert "the receipt date the agency stated" in response.explanation


def test_expedited_decision_ten_calendar_days_not_moved_off_a_saturday():
    events = [ev("submitted", D(2025, 11, 25), expedited_requested=True),
              ev("received", D(2025, 11, 26))]
    report = clocks(events, today=D(2025, 12, 8))
    expedited = report.get("expedited_decision_due")
    assert expedited.due == D(2025, 12, 6) and expedited.state == "overdue"
    assert "Saturday" in expedited.explanation and "calendar days" in expedited.explanation
    decided = clocks([*events, ev("acknowledged", D(2025, 12, 3), expedite="denied")],
                     today=D(2025, 12, 8))
    assert decided.get("expedited_decision_due").state == "met"
    assert "expedited_decision_due" not in {d.key for d in clocks(events[1:]).deadlines}


def test_closure_days_count_and_mark_the_date_approximate():
    closed = FederalCalendar([Closure(D(2025, 12, 24), "Executive order closing agencies")])
    response = clocks([ev("received", D(2025, 11, 26))], calendar=closed).get("response_due")
    assert response.due == D(2025, 12, 29)
    assert response.approximate
    assert "Executive order closing agencies" in response.explanation
    assert "not settled" in response.explanation
    outside = FederalCalendar([Closure(D(2026, 2, 2), "later")])
    assert not clocks([ev("received", D(2025, 11, 26))], calendar=outside).get(
        "response_due").approximate


def test_events_in_any_order_give_the_same_report():
    events = [ev("received", D(2025, 11, 26)), ev("info-request", D(2025, 12, 3)),
              ev("info-reply", D(2025, 12, 10)), ev("extension", D(2025, 12, 15))]
    forward = clocks(events).to_dict()
    assert clocks(list(reversed(events))).to_dict() == forward


def test_lawsuit_and_mediation_notes():
    events = [ev("received", D(2025, 11, 26)), ev("mediation", D(2025, 12, 10)),
              ev("lawsuit", D(2026, 1, 5))]
    report = clocks(events, today=D(2026, 1, 6))
    assert report.get("response_due").state == "not-applicable"
    assert any("court's schedule" in n for n in report.notes)
    assert any("mediation does not pause" in n for n in report.notes)
    # Suit came after the deadline passed unanswered: exhaustion explains why it was allowed.
    assert report.constructive_exhaustion and not report.overdue
    early = clocks([ev("received", D(2025, 11, 26)), ev("lawsuit", D(2025, 12, 10))],
                   today=D(2026, 1, 6))
    assert not early.constructive_exhaustion


def test_inauguration_day_note_for_dc_area_offices():
    dc = agency("dcagency", dc_area=True)
    report = clocks([ev("received", D(2029, 1, 2))], agency=dc)
    assert not any("Inauguration" in n for n in report.notes)  # 2029: Saturday, no holiday
    report = clocks([ev("received", D(2025, 1, 2))], agency=dc)
    assert not any("Inauguration" in n for n in report.notes)  # 2025: also MLK Day
    report = clocks([ev("received", D(2021, 1, 4))], agency=dc)
    assert any("Inauguration Day (Wed 20 Jan 2021)" in n for n in report.notes)
    assert not any("Inauguration" in n for n in clocks([ev("received", D(2021, 1, 4))],
                                                        agency=USPS).notes)
    counted = clocks([ev("received", D(2021, 1, 4))],
                     calendar=FederalCalendar(inauguration_day=True), agency=dc)
    plain = clocks([ev("received", D(2021, 1, 4))], agency=dc)
    assert due(counted, "response_due") == CAL.add_working_days(due(plain, "response_due"), 1)


def test_no_start_means_no_initial_clock_and_bad_events_are_refused():
    assert clocks([]).deadlines == []
    assert clocks([ev("note", D(2025, 1, 1))]).next_deadline is None
    with pytest.raises(UserError, match="Unknown event kind"):
        EventRecord("recieved", D(2025, 1, 1), {})
    with pytest.raises(UserError, match="calendar date"):
        EventRecord("received", "2025-01-01", {})  # type: ignore[arg-type]


def test_deadline_to_dict_is_json_ready():
    report = clocks([ev("received", D(2025, 11, 26))])
    data = report.to_dict()
    assert data["next_deadline"] == "response_due"
    first = data["deadlines"][0]
    assert first["date"] == "2025-12-26" and first["basis"][0] == ["2025-11-27",
                                                                   "Thanksgiving Day"]
    built = Deadline("response_due", "x", D(2025, 1, 1), "why", "pending", False)
    assert built.explanation == "why" and built.basis == []
