"""What-if dates from single known days (the ``foia-desk due`` calculator, GUI helpers).

Uses the same rules as :func:`compute_clocks`; only the "if the agency extends" date is
built here, because no extension notice exists yet to explain it.
"""

from __future__ import annotations

import datetime as _dt

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks import explain as ex
from foia_desk.clocks.initial import RESPONSE_DAYS, weekend_receipt_note
from foia_desk.clocks.model import LABELS, Deadline, EventRecord
from foia_desk.clocks.rules import compute_clocks
from foia_desk.clocks.status import closure_check, counted_text
from foia_desk.directory import Agency


def quick_deadlines(calendar: FederalCalendar, *, agency: Agency | None = None,
                    received: _dt.date | None = None, expedited: bool = False,
                    determination: _dt.date | None = None,
                    appeal_received: _dt.date | None = None,
                    ) -> tuple[dict[str, Deadline], list[str]]:
    """Deadlines keyed by name (response_due, extended_due, expedited_decision_due,
    appeal_by, appeal_decision_due) for whichever dates are given, plus notes."""
    found: dict[str, Deadline] = {}
    notes: list[str] = []

    def run(events: list[EventRecord], keys: tuple[str, ...], today: _dt.date) -> None:
        report = compute_clocks(events, agency=agency, calendar=calendar, today=today)
        for key in keys:
            deadline = report.get(key)
            if deadline is not None:
                found[key] = deadline
        notes.extend(n for n in report.notes if n not in notes)

    if received is not None:
        run([EventRecord("received", received, {"expedited_requested": expedited})],
            ("response_due", "expedited_decision_due"), received)
        found["extended_due"] = _if_extended(calendar, received)
        order = ["response_due", "extended_due", "expedited_decision_due"]
        found = {k: found[k] for k in order if k in found}
    if determination is not None:
        run([EventRecord("response", determination, {"outcome": "denied"})], ("appeal_by",),
            determination)
    if appeal_received is not None:
        run([EventRecord("appeal-received", appeal_received, {})], ("appeal_decision_due",),
            appeal_received)
    return found, notes


def _if_extended(calendar: FederalCalendar, received: _dt.date) -> Deadline:
    days = RESPONSE_DAYS + 10
    due = calendar.add_working_days(received, days)
    how = f"receipt on {ex.day(received)}"

    def explain() -> str:
        return counted_text(calendar, days, received, how, due,
                            " This date applies only if the agency sends a written notice of "
                            "unusual circumstances before the 20-working-day deadline; the "
                            "notice adds at most 10 working days."
                            + weekend_receipt_note(calendar, received),
                            cite="5 U.S.C. 552(a)(6)(B)(i)")

    return Deadline("extended_due", LABELS["extended_due"], due, explain, "pending",
                    closure_check(calendar, received, due),
                    lambda: calendar.skipped_between(received, due))
