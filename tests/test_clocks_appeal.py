"""Appeal clocks: the requester's window (agency rule, 90-day floor) and the decision clock."""

from __future__ import annotations

import datetime as dt

from test_clocks_support import DHS, DOJ, IRS, USPS, D, agency, ev

from foia_desk.calendar import Closure, FederalCalendar
from foia_desk.clocks import compute_clocks

CAL = FederalCalendar()


TODAY = D(2026, 3, 1)


def clocks(events, agency=None, today=TODAY, calendar=CAL):
    return compute_clocks(events, agency=agency, calendar=calendar, today=today)


def denial(day, outcome="denied"):
    return [ev("received", day - dt.timedelta(days=20)), ev("response", day, outcome=outcome)]


def test_usps_and_doj_windows_are_90_calendar_days():
    for rule_agency in (USPS, DOJ):
        by = clocks(denial(D(2026, 2, 27)), agency=rule_agency).get("appeal_by")
        assert by.due == D(2026, 5, 28)  # Feb 27 + 90 calendar days
        assert by.state == "pending" and not by.approximate
        assert "90 calendar days" in by.explanation
        assert rule_agency.appeal.rule in by.explanation


def test_dhs_window_is_90_working_days():
    by = clocks(denial(D(2025, 12, 1)), agency=DHS).get("appeal_by")
    # Dec 2025: 21 working days after Dec 1; Jan 2026: 20 (New Year's, MLK Day off);
    # Feb: 19 (Washington's Birthday off); Mar: 22; Apr 1-3, 6-10: 8. Total 90: Fri 10 Apr.
    assert by.due == D(2026, 4, 10)
    assert "90 working days" in by.explanation and "6 CFR 5.8(a)(1)" in by.explanation
    assert (D(2026, 1, 19), "Martin Luther King Jr. Day") in by.basis
    usps = clocks(denial(D(2025, 12, 1)), agency=USPS).get("appeal_by")
    assert usps.due == D(2026, 3, 1) and usps.due < by.due


def test_irs_35_days_is_raised_to_the_statutory_90():
    by = clocks(denial(D(2026, 2, 27)), agency=IRS).get("appeal_by")
    assert by.due == D(2026, 5, 28)
    assert "35 days" in by.explanation and "raised to the 90 days" in by.explanation


def test_calendar_window_ending_on_a_weekend_is_not_rolled_forward():
    # A determination dated Sunday 7 Dec 2025: the 90th day is Saturday 7 Mar 2026.
    by = clocks(denial(D(2025, 12, 7)), agency=USPS).get("appeal_by")
    assert by.due == D(2026, 3, 7)
    assert "is not moved to the next working day" in by.explanation
    assert "send it by Fri 6 Mar 2026" in by.explanation
    # Ending on Memorial Day 2026 (Mon 25 May): file by Friday 22 May.
    holiday = clocks(denial(D(2026, 2, 24)), agency=DOJ).get("appeal_by")
    assert holiday.due == D(2026, 5, 25)
    assert "Memorial Day" in holiday.explanation and "Fri 22 May 2026" in holiday.explanation


def test_without_an_agency_the_statutory_floor_is_used_and_marked_approximate():
    by = clocks(denial(D(2026, 2, 27))).get("appeal_by")
    assert by.due == D(2026, 5, 28) and by.approximate
    assert "statutory minimum" in by.explanation


def test_adverse_outcomes_open_the_window_full_grant_does_not():
    for outcome in ("partial", "denied", "no-records", "fee-denial"):
        assert clocks(denial(D(2026, 2, 27), outcome), agency=USPS).get("appeal_by").due
    assert clocks(denial(D(2026, 2, 27), "full-grant"), agency=USPS).get("appeal_by") is None
    referred = clocks(denial(D(2026, 2, 27), "referred"), agency=USPS)
    assert referred.get("appeal_by") is None
    assert referred.get("response_due").state == "met"
    assert any("Referred to another agency" in n for n in referred.notes)
    unknown = clocks(denial(D(2026, 2, 27), "mystery"), agency=USPS).get("appeal_by")
    assert unknown.approximate and "do not recognise" in unknown.explanation


def test_appeal_window_states():
    filed = clocks([*denial(D(2026, 2, 27)), ev("appeal-filed", D(2026, 3, 20))],
                   agency=USPS, today=D(2026, 6, 1))
    assert filed.get("appeal_by").state == "met"
    missed = clocks(denial(D(2026, 2, 27)), agency=USPS, today=D(2026, 5, 29))
    assert missed.get("appeal_by").state == "overdue"
    assert not missed.overdue  # the agency owes nothing here: it is the requester's date
    late = clocks([*denial(D(2026, 2, 27)), ev("appeal-filed", D(2026, 6, 2))],
                  agency=USPS, today=D(2026, 6, 3))
    assert late.get("appeal_by").state == "missed"


def test_dhs_working_window_with_a_closure_shows_the_safer_date():
    closed = FederalCalendar([Closure(D(2026, 1, 2), "Executive order closing agencies")])
    by = clocks(denial(D(2025, 12, 1)), agency=DHS, calendar=closed).get("appeal_by")
    assert by.due == D(2026, 4, 13) and by.approximate
    assert "Without your closure days it would be Fri 10 Apr 2026" in by.explanation


def test_appeal_decision_20_working_days_after_receipt():
    events = [*denial(D(2026, 2, 27)), ev("appeal-filed", D(2026, 2, 27)),
              ev("appeal-received", D(2026, 3, 2))]
    report = clocks(events, agency=USPS, today=D(2026, 3, 3))
    decision = report.get("appeal_decision_due")
    # Mar 3-6 (4); 9-13 (9); 16-20 (14); 23-27 (19); Mon 30 Mar (20).
    assert decision.due == D(2026, 3, 30) and not decision.approximate
    assert "received your appeal on Mon 2 Mar 2026" in decision.explanation
    assert report.next_deadline is decision


def test_appeal_decision_from_filing_date_is_approximate():
    events = [*denial(D(2026, 2, 27)), ev("appeal-filed", D(2026, 3, 2))]
    decision = clocks(events, agency=USPS).get("appeal_decision_due")
    assert decision.due == D(2026, 3, 30) and decision.approximate
    assert "receipt not recorded" in decision.explanation
    late = clocks(events, agency=USPS, today=D(2026, 4, 1))
    assert late.overdue and not late.constructive_exhaustion
    assert any("record it to confirm" in n for n in late.notes)


def test_appeal_extension_and_constructive_exhaustion():
    events = [*denial(D(2026, 2, 27)), ev("appeal-received", D(2026, 3, 2)),
              ev("extension", D(2026, 3, 20), promised_date="2026-04-13")]
    report = clocks(events, agency=USPS, today=D(2026, 4, 14))
    decision = report.get("appeal_decision_due")
    # Mon 30 Mar + 10 working days: Mar 31, Apr 1-3 (4), 6-10 (9), Mon 13 Apr (10).
    assert decision.due == D(2026, 4, 13)
    assert "10 extra working days" in decision.explanation
    assert decision.state == "overdue"
    assert report.overdue and report.constructive_exhaustion
    assert any("Rossotti" in n for n in report.notes)
    # The initial clock was answered by the denial, so that extension is the appeal's.
    assert report.get("extended_due") is None
    decided = clocks([*events, ev("appeal-decision", D(2026, 4, 10), outcome="denied")],
                     agency=USPS, today=D(2026, 4, 14))
    assert decided.get("appeal_decision_due").state == "met"
    assert not decided.constructive_exhaustion


def test_rule_change_recomputes_the_window():
    ninety_working = agency("x", unit="working")
    events = denial(D(2025, 12, 1))
    assert clocks(events, agency=ninety_working).get("appeal_by").due == D(2026, 4, 10)
    assert clocks(events, agency=agency("x")).get("appeal_by").due == D(2026, 3, 1)
