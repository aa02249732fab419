"""The appeal clocks: the requester's window to appeal, and the agency's time to decide."""

from __future__ import annotations

import datetime as _dt

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks import explain as ex
from foia_desk.clocks.counting import run_clock
from foia_desk.clocks.facts import Facts
from foia_desk.clocks.initial import RESPONSE_DAYS, promise_sentence, promised_check
from foia_desk.clocks.model import ADVERSE_OUTCOMES, LABELS, Deadline
from foia_desk.clocks.status import closure_check, counted_text, state_for
from foia_desk.directory import STATUTORY_APPEAL_FLOOR_DAYS, Agency

NO_ROLL_FORWARD = (
    " That day is not a working day ({reason}). A calendar-day window is not moved to the "
    "next working day here: some agencies accept the next working day, but their rule does "
    "not promise it. "
    "An appeal sent electronically that day is on time under most rules; to be safe, send it "
    "by {previous}, the last working day before.")


def appeal_by(facts: Facts, agency: Agency | None, calendar: FederalCalendar,
              today: _dt.date, stopped: bool, explain: bool = True) -> Deadline | None:
    """The last day to appeal the latest adverse determination (agency rule, floor 90).

    ``explain=False``: None once an appeal is recorded (the window is then met or missed).
    """
    adverse = facts.latest_adverse()
    if adverse is None:
        return None
    decided = adverse.date
    filed = min((e.date for e in (*facts.appeal_filed, *facts.appeal_received)
                 if e.date >= decided), default=None) if (
        facts.appeal_filed or facts.appeal_received) else None
    if filed is not None and not explain:
        return None
    outcome = str((adverse.details or {}).get("outcome") or "")
    approximate = False
    if agency is not None:
        days, unit = agency.appeal.effective_days, agency.appeal.window_unit
    else:
        days, unit, approximate = STATUTORY_APPEAL_FLOOR_DAYS, "calendar", True
    if outcome not in ADVERSE_OUTCOMES:
        approximate = True
    if unit == "working":
        due = calendar.add_working_days(decided, days)
        approximate = approximate or closure_check(calendar, decided, due)
    else:
        due = decided + _dt.timedelta(days=days)
        approximate = approximate or (bool(calendar.closures) and (
            calendar.non_working_reason(due) or "").startswith("closure"))
    state = state_for(due, filed, stopped, today)

    def explanation() -> str:
        source = _rule_source(agency)
        what = f"the determination dated {ex.day(decided)}"
        if outcome and outcome not in ADVERSE_OUTCOMES:
            what += (f" (outcome recorded as {outcome!r}, which we do not recognise as adverse; "
                     "if it is, this is your window)")
        elif not outcome:
            what += " (outcome not recorded; if it was adverse, this is your window)"
        if unit == "working":
            text = (f"{days} working days after {what} per {source}: that day is not counted"
                    f"{ex.skipped_phrase(calendar, decided, due)}; due {ex.day(due)}."
                    f"{ex.closure_phrase(calendar, decided, due)}")
            if calendar.closures_between(decided, due):
                plain = calendar.without_closures().add_working_days(decided, days)
                text += f" Without your closure days it would be {ex.day(plain)}: file by then."
            return text + " Electronic appeals are usually on time until 11:59 p.m. Eastern."
        text = (f"{days} calendar days after {what} (that day is not counted) per {source}: "
                f"due {ex.day(due)}.")
        reason = calendar.non_working_reason(due)
        if reason:
            text += NO_ROLL_FORWARD.format(
                reason=reason, previous=ex.day(calendar.add_working_days(due, -1)))
        return text

    return Deadline("appeal_by", LABELS["appeal_by"], due, explanation, state, approximate,
                    lambda: calendar.skipped_between(decided, due) if unit == "working" else [])


def _rule_source(agency: Agency | None) -> str:
    if agency is None:
        return ("the statutory minimum of 90 days (5 U.S.C. 552(a)(6)(A)(i)(III)(aa)); no "
                "agency is set, so check the period stated in the agency's letter")
    rule = agency.appeal
    source = f"{agency.name}'s rule ({rule.rule})" if rule.rule else f"{agency.name}'s rule"
    if rule.raised_to_floor:
        source += (f", which says {rule.window_days} days, raised to the 90 days the statute "
                   "guarantees (5 U.S.C. 552(a)(6)(A)(i)(III)(aa))")
    return source


def appeal_decision(facts: Facts, calendar: FederalCalendar, today: _dt.date, stopped: bool,
                    notes: list, as_of: _dt.date, explain: bool = True,
                    ) -> tuple[Deadline | None, bool]:
    """(appeal_decision_due, constructive exhaustion on the appeal as of ``as_of``);
    ``explain=False``: the deadline only while it is open (exhaustion is reported False)."""
    anchor = facts.appeal_anchor()
    if anchor is None:
        return None, False
    received = anchor.date if anchor.kind == "appeal-received" else next(
        (e.date for e in facts.appeal_received if e.date >= anchor.date), None)
    start = received if received is not None else anchor.date
    extensions = [e for e in facts.extensions
                  if (e.details or {}).get("stage") != "initial"
                  and (e.date >= anchor.date or (e.details or {}).get("stage") == "appeal")]
    for later in extensions[1:]:
        notes.append(lambda later=later: (
            f"The appeal extension notice of {ex.day(later.date)} adds no time: the statute "
            "allows one 10-working-day extension unless you agree to more."))
    decision = next((e.date for e in facts.appeal_decisions if e.date >= anchor.date), None)
    if decision is not None and not explain:
        return None, False  # decided: met or missed, never the next deadline
    run = run_clock(calendar, start, RESPONSE_DAYS, [], extensions[0] if extensions else None,
                    decision)
    notes.extend(run.notes)
    due = run.due
    promised, too_much, agreed = None, False, None
    if run.extension_applied and run.extension is not None:
        promised, too_much, agreed = promised_check(run.extension, due)
        if too_much:
            notes.append(lambda: "Appeal extension:" + promise_sentence(
                promised, True, None, run.due))
        if agreed:
            due = agreed
    approximate = received is None or closure_check(calendar, start, due)
    state = state_for(due, decision, stopped, today)

    def explanation() -> str:
        how = (f"the agency received your appeal on {ex.day(start)}" if received is not None
               else f"you sent your appeal on {ex.day(start)} (receipt not recorded: if it "
               "arrived later, the deadline is later)")
        n = RESPONSE_DAYS + (10 if run.extension_applied else 0)
        extra = ""
        if run.extension_applied and run.extension is not None:
            extra = (f" Includes the 10 extra working days of the agency's extension notice of "
                     f"{ex.day(run.extension.date)}."
                     f"{promise_sentence(promised, too_much, agreed, run.due)}")
        return counted_text(calendar, n, start, how, run.due, extra,
                            cite="5 U.S.C. 552(a)(6)(A)(ii)")

    deadline = Deadline("appeal_decision_due", LABELS["appeal_decision_due"], due, explanation,
                        state, approximate, lambda: calendar.skipped_between(start, due))
    if not explain:
        return deadline, False
    unanswered = due is not None and as_of > due and (decision is None or decision > as_of)
    exhausted = unanswered and received is not None
    if unanswered and received is None:
        notes.append("The appeal decision looks overdue, but the date the agency received your "
                     "appeal is not recorded; record it to confirm before relying on it.")
    return deadline, exhausted
