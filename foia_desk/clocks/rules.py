"""compute_clocks: every statutory date of one request, derived from its events.

Pure: the same events, agency, calendar and ``today`` always give the same report, so a
corrected event date, a new closure day or a changed agency rule is reflected by simply
recomputing. See docs/deadlines.md for the rules in plain English.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from foia_desk.calendar import (
    FIRST_SUPPORTED_YEAR,
    LAST_SUPPORTED_YEAR,
    FederalCalendar,
    inauguration_days,
)
from foia_desk.clocks import explain as ex
from foia_desk.clocks.appeal import appeal_by, appeal_decision
from foia_desk.clocks.counting import due_if_resumed, run_clock
from foia_desk.clocks.facts import Facts
from foia_desk.clocks.initial import (
    EXPEDITE_DAYS,
    RESPONSE_DAYS,
    ROUTING_DAYS,
    Start,
    build_tolls,
    find_start,
    promise_sentence,
    promised_check,
    toll_sentences,
    weekend_receipt_note,
)
from foia_desk.clocks.model import (
    ADVERSE_OUTCOMES,
    AGENCY_KEYS,
    LABELS,
    ClockReport,
    Deadline,
    EventRecord,
)
from foia_desk.clocks.status import closure_check, counted_text, state_for
from foia_desk.directory import Agency


class NextDeadline(NamedTuple):
    """What the tracker table caches about a request: its most urgent open deadline."""

    due: _dt.date
    key: str
    label: str
    overdue: bool  # ClockReport.overdue for the same events


def compute_clocks(events: Iterable[EventRecord], *, agency: Agency | None,
                   calendar: FederalCalendar, today: _dt.date) -> ClockReport:
    """All deadlines of a request, the next one due, and whether the agency is overdue."""
    deadlines, notes, exhaustion = _evaluate(Facts(events), agency, calendar, today, True)
    next_deadline, overdue = _most_urgent(deadlines)
    return ClockReport(deadlines, next_deadline, overdue, exhaustion, notes)


def next_open_deadline(events: Iterable[EventRecord], *, agency: Agency | None,
                       calendar: FederalCalendar, today: _dt.date,
                       in_date_order: bool = False) -> NextDeadline | None:
    """``compute_clocks(...).next_deadline`` (with ``.overdue``), computed by the same rules
    but without the notes, the constructive-exhaustion analysis or any explanation: what a
    full recompute of the tracker's cached column needs. ``in_date_order``: the events are
    already sorted by date (see :class:`Facts`)."""
    facts = Facts(events, in_date_order=in_date_order)
    chosen, overdue = _most_urgent(_evaluate(facts, agency, calendar, today, False)[0])
    return None if chosen is None else NextDeadline(chosen.due, chosen.key, chosen.label,
                                                    overdue)


def _most_urgent(deadlines: list[Deadline]) -> tuple[Deadline | None, bool]:
    """(earliest pending/overdue dated deadline other than latest_start, agency overdue)."""
    next_deadline, overdue = None, False
    for deadline in deadlines:
        state = deadline.state
        if (state == "pending" or state == "overdue") and deadline.due is not None \
                and deadline.key != "latest_start":
            if next_deadline is None or deadline.due < next_deadline.due:
                next_deadline = deadline
            if state == "overdue" and deadline.key in AGENCY_KEYS:
                overdue = True
    return next_deadline, overdue


def _evaluate(facts: Facts, agency: Agency | None, calendar: FederalCalendar,
              today: _dt.date, explain: bool) -> tuple[list[Deadline], list, bool]:
    """(deadlines, notes, constructive exhaustion). The one implementation of the rules.

    ``explain=False`` (the tracker's bulk recompute) wants only the open deadlines, so it
    skips the notes, the exhaustion analysis, and every clock whose deadline is already
    closed whatever its date: :func:`state_for` makes a deadline "met"/"missed" once the act
    is recorded and "not-applicable" once the request is stopped, and such a deadline is
    never the next one. The dates it does compute come from the same code as the report.
    """
    notes: list = []
    deadlines: list[Deadline] = []
    stop_event = facts.withdrawn or facts.lawsuit
    stopped = stop_event is not None and stop_event.date <= today
    if stopped and not explain:
        return deadlines, notes, False  # every clock is met, missed or not applicable
    exhausted = _initial(facts, calendar, today, stopped, deadlines, notes, explain)
    by = appeal_by(facts, agency, calendar, today, stopped, explain)
    if by is not None:
        deadlines.append(by)
    decision, appeal_exhausted = appeal_decision(facts, calendar, today, stopped, notes,
                                                 _as_of(facts, today), explain)
    if decision is not None:
        deadlines.append(decision)
    if not explain:
        return deadlines, notes, False
    if facts.withdrawn is not None:
        notes.append(lambda: f"Withdrawn on {ex.day(facts.withdrawn.date)}: all open clocks "
                     "stopped.")
        exhausted = appeal_exhausted = False
    elif facts.lawsuit is not None:
        notes.append(lambda: f"Lawsuit filed on {ex.day(facts.lawsuit.date)}: the court's "
                     "schedule now governs; the administrative deadlines are shown for the "
                     "record.")
    final = facts.final_response
    if final is not None and (final.details or {}).get("outcome") == "referred":
        notes.append("Referred to another agency: that agency's own 20 working days run from "
                     "when it receives the referral; track it as a new request.")
    if facts.mediation is not None:
        notes.append("OGIS mediation does not pause or extend any of these legal deadlines.")
    if agency is not None and agency.dc_area and not calendar.inauguration_day:
        _inauguration_note(deadlines, notes)
    exhaustion = exhausted or appeal_exhausted
    if exhaustion:
        notes.append(ex.EXHAUSTION_NOTE)
    if exhausted and ex.FEES_NOTE not in notes:
        notes.append(ex.FEES_NOTE)
    return deadlines, notes, exhaustion


def _as_of(facts: Facts, today: _dt.date) -> _dt.date:
    """The day exhaustion is judged on: today, or the day a lawsuit was filed."""
    if facts.lawsuit is not None and facts.lawsuit.date < today:
        return facts.lawsuit.date
    return today


def _initial(facts: Facts, calendar: FederalCalendar, today: _dt.date, stopped: bool,
             deadlines: list[Deadline], notes: list[str], explain: bool = True) -> bool:
    """Add the initial-request deadlines; True when the agency's time ran out unanswered.

    ``explain=False``: nothing is added once the final response is recorded (each of these
    deadlines is then met or missed; ``latest_start`` is never a next deadline)."""
    if not explain and facts.final_response is not None:
        return False
    start = find_start(facts)
    if start is None:
        if facts.expedited:
            notes.append("Record when the agency received the request (or when you sent it) "
                         "to compute its deadlines.")
        return False
    if start.latest_start is not None and explain:  # background: never the next deadline
        deadlines.append(_latest_start(facts, start, calendar, today))
    final = facts.final_response
    done = final.date if final is not None else None
    if facts.expedited:
        deadlines.append(_expedited(facts, start, calendar, today, stopped))
    anchor = facts.appeal_anchor()
    initial_ext = [e for e in facts.extensions
                   if (e.details or {}).get("stage") != "appeal"
                   and (anchor is None or e.date < anchor.date
                        or (e.details or {}).get("stage") == "initial")]
    for later in initial_ext[1:]:
        notes.append(lambda later=later: (
            f"The extension notice of {ex.day(later.date)} adds no time: the statute allows "
            "one 10-working-day extension unless you agree to a longer schedule."))
    run = run_clock(calendar, start.day, RESPONSE_DAYS, build_tolls(facts, notes),
                    initial_ext[0] if initial_ext else None, done)
    notes.extend(run.notes)
    superseded = run.extension_applied
    base_state = "not-applicable" if superseded else state_for(run.base_due, done, stopped,
                                                              today)
    base_due = run.base_due

    def explain_base() -> str:
        if run.open_toll is not None:
            return _paused_text(calendar, start, run, today)
        text = counted_text(calendar, RESPONSE_DAYS, start.day, start.how, base_due,
                            start.caveat + toll_sentences(run)
                            + weekend_receipt_note(calendar, start.day),
                            run.tolled, cite="5 U.S.C. 552(a)(6)(A)(i)")
        if superseded:
            text += (f" Replaced by the extended deadline {ex.day(run.extended_due)} after the "
                     f"agency's extension notice of {ex.day(run.extension.date)}.")
        return text

    approx = start.approximate or closure_check(calendar, start.day, base_due)
    deadlines.append(Deadline("response_due", LABELS["response_due"], base_due, explain_base,
                              base_state, approx,
                              lambda: calendar.skipped_between(start.day, base_due)
                              if base_due else []))
    in_force = run.due
    if run.extension is not None:
        statutory = run.extended_due
        promised, too_much, agreed = promised_check(run.extension, statutory)
        if too_much:
            notes.append(lambda: "Extension notice:" + promise_sentence(
                promised, True, None, statutory))
        ext_due = agreed or statutory
        in_force = ext_due if run.extension_applied else in_force
        ext_state = (state_for(ext_due, done, stopped, today) if run.extension_applied
                     else "not-applicable")

        def explain_ext() -> str:
            if run.open_toll is not None:
                return _paused_text(calendar, start, run, today)
            late = "" if run.extension_applied else (
                " The notice came after the 20-working-day deadline had passed, so it does "
                "not extend it; this date is shown only for comparison.")
            return counted_text(
                calendar, RESPONSE_DAYS + 10, start.day, start.how, statutory,
                f" That is the usual 20 plus at most 10 extra working days for unusual "
                f"circumstances, claimed by the agency's written notice of "
                f"{ex.day(run.extension.date)} (5 U.S.C. 552(a)(6)(B)(i)).{start.caveat}"
                f"{toll_sentences(run)}{weekend_receipt_note(calendar, start.day)}"
                f"{promise_sentence(promised, too_much, agreed, statutory)}{late}", run.tolled)

        deadlines.append(Deadline(
            "extended_due", LABELS["extended_due"], ext_due, explain_ext, ext_state,
            start.approximate or closure_check(calendar, start.day, ext_due),
            lambda: calendar.skipped_between(start.day, ext_due) if ext_due else []))
    if not explain or in_force is None or (facts.withdrawn is not None
                                           and facts.withdrawn.date <= today):
        return False
    as_of = _as_of(facts, today)
    if done is not None and done <= as_of:
        if done > in_force:
            outcome = str((final.details or {}).get("outcome") or "")
            notes.append(lambda: f"The agency answered on {ex.day(done)}, after its deadline of "
                         f"{ex.day(in_force)}." + (
                             " Because it answered before any lawsuit, you will normally need "
                             "to file an administrative appeal before going to court."
                             if outcome in ADVERSE_OUTCOMES or not outcome else ""))
            notes.append(ex.FEES_NOTE)
        return False
    if as_of <= in_force:
        return False
    if start.assumed_from_submission:
        shift = calendar.working_days_between(start.day, start.latest_start)
        latest_due = calendar.add_working_days(in_force, shift)
        if as_of <= latest_due:
            notes.append(
                lambda: f"The agency looks overdue, but its receipt date is not recorded. If a "
                f"designated office got your request the day you sent it and passed it on "
                f"late, its deadline could be as late as {ex.day(latest_due)}. Record the "
                "receipt date the agency gives before relying on constructive exhaustion.")
            return False
    return True


def _paused_text(calendar: FederalCalendar, start: Start, run, today: _dt.date) -> str:
    toll = run.open_toll
    remaining = run.remaining_when_paused
    projected = due_if_resumed(calendar, run, max(today, toll.start))
    return (f"Paused since {ex.day(toll.start)}: the agency's {toll.label} stops the clock "
            f"until it receives your reply. The clock started after {start.how}; "
            f"{ex.working_days(run.ran_before_pause)} had run and {ex.working_days(remaining)}"
            f" remain, counted from the day after the agency receives your reply (that day "
            f"is not counted). If it receives your reply on {ex.day(max(today, toll.start))}, "
            f"the deadline becomes {ex.day(projected)}.")


def _latest_start(facts: Facts, start: Start, calendar: FederalCalendar,
                  today: _dt.date) -> Deadline:
    latest = start.latest_start
    proper = facts.proper.date if facts.proper else facts.acknowledged_receipt
    if proper is not None:
        state = "met" if proper <= latest else "missed"
    else:
        state = "met" if today >= latest else "pending"
    assumed = start.assumed_from_submission

    def explain() -> str:
        source = (f"the day you sent it ({ex.day(start.latest_from)}), assuming the agency's "
                  "FOIA office received it that day" if assumed else
                  f"a designated office received it on {ex.day(start.latest_from)}")
        alt = calendar.add_working_days(start.latest_from, ROUTING_DAYS)
        return (f"The 20-working-day clock starts when the office that handles the request "
                f"receives it, and no later than 10 days after {source}: "
                f"{ex.day(latest)} (5 U.S.C. 552(a)(6)(A)(ii)). The statute says 'ten days'; "
                "we read calendar days, the earlier date. Some agency rules (e.g. USDA, "
                "7 CFR 1.6(a)) read 10 working days, which would give "
                f"{ex.day(alt)}.")

    return Deadline("latest_start", LABELS["latest_start"], latest, explain, state,
                    start.approximate, [])


def _expedited(facts: Facts, start: Start, calendar: FederalCalendar, today: _dt.date,
               stopped: bool) -> Deadline:
    receipts = [d for d in (facts.proper.date if facts.proper else None,
                            facts.designated.date if facts.designated else None,
                            facts.acknowledged_receipt) if d is not None]
    base = min(receipts) if receipts else start.day
    approximate = not receipts
    due = base + _dt.timedelta(days=EXPEDITE_DAYS)
    decided = facts.expedite_decision.date if facts.expedite_decision else None
    if facts.final_response is not None and (decided is None
                                             or facts.final_response.date < decided):
        decided = facts.final_response.date
    state = state_for(due, decided, stopped, today)

    def explain() -> str:
        what = (f"the agency received the request on {ex.day(base)}" if receipts else
                f"you sent the request on {ex.day(base)} (receipt not recorded)")
        text = (f"10 calendar days after {what}: due {ex.day(due)}. The statute says "
                "'within 10 days after the date of the request' (5 U.S.C. "
                "552(a)(6)(E)(ii)(I)); agencies count calendar days from receipt.")
        reason = calendar.non_working_reason(due)
        if reason:
            text += (f" That day is not a working day ({reason}); calendar-day limits are not "
                     "moved to the next working day.")
        return text

    return Deadline("expedited_decision_due", LABELS["expedited_decision_due"], due, explain,
                    state, approximate, [])


@cache
def _plain_calendar() -> FederalCalendar:
    return FederalCalendar()


def _extra_inauguration_days(low: _dt.date, high: _dt.date) -> list[_dt.date]:
    """Inauguration Days in [low, high] that are not already legal public holidays (2025's
    was MLK Day). Only the years asked about are looked up: checking 1967-2100 at once
    would build a calendar index for all of them (about 30 ms) on the first report."""
    first, last = max(low.year, FIRST_SUPPORTED_YEAR), min(high.year, LAST_SUPPORTED_YEAR)
    plain = _plain_calendar()
    return sorted(d for d in inauguration_days(first, last)
                  if low <= d <= high and plain.non_working_reason(d) is None)


def _inauguration_note(deadlines: list[Deadline], notes: list[str]) -> None:
    dated = [d.due for d in deadlines if d.due is not None]
    if not dated:
        return
    low, high = min(dated) - _dt.timedelta(days=200), max(dated)
    hits = _extra_inauguration_days(low, high)
    if hits:
        notes.append(lambda: f"Inauguration Day ({ex.day(hits[0])}) is a holiday for offices "
                     "in the Washington, D.C. area, and this agency's office is there. It was not "
                     "skipped; if the office was closed, deadlines counted in working days "
                     "across it are one working day later.")
