"""The initial-request clocks: latest start, 20 working days, extension, expedition."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks import explain as ex
from foia_desk.clocks.counting import ClockRun, Toll
from foia_desk.clocks.facts import Facts
from foia_desk.clocks.model import EventRecord

RESPONSE_DAYS = 20
ROUTING_DAYS = 10  # 552(a)(6)(A)(ii): "not later than ten days after" a designated office
EXPEDITE_DAYS = 10  # 552(a)(6)(E)(ii)(I): treated as calendar days
_ROUTING = _dt.timedelta(days=ROUTING_DAYS)
TOLL_RULE = ("Working days used before the agency's request are kept; no day from the request "
             "through the day the agency receives your reply counts; counting resumes the "
             "working day after.")


@dataclass(slots=True)
class Start:
    """When the 20 working days start. ``source``: received | stated | routed | designated |
    submitted (how we know); the sentence is built only when an explanation is read."""

    day: _dt.date
    source: str
    approximate: bool = False
    latest_start: _dt.date | None = None
    latest_from: _dt.date | None = None  # the designated office's receipt (or assumed)
    proper: _dt.date | None = None

    @property
    def assumed_from_submission(self) -> bool:
        return self.source == "submitted"

    @property
    def how(self) -> str:
        """'receipt by the office that handles it on Wed 26 Nov 2025' and the like."""
        if self.source == "received":
            return f"receipt by the office that handles it on {ex.day(self.day)}"
        if self.source == "stated":
            return f"the receipt date the agency stated, {ex.day(self.day)}"
        if self.source in ("routed", "designated"):
            return f"{ex.day(self.day)}, the latest start the statute allows"
        return f"the day you sent it, {ex.day(self.day)}"

    @property
    def caveat(self) -> str:
        """The sentence that says why the start day is what it is, when it is not plain."""
        if self.source == "routed":
            return (f" The clock starts no later than 10 days after a designated office got the "
                    f"request ({ex.day(self.latest_from)}), even though the handling office "
                    f"only had it on {ex.day(self.proper)} (5 U.S.C. 552(a)(6)(A)(ii)).")
        if self.source == "designated":
            return (f" A designated office received it on {ex.day(self.latest_from)}; the "
                    "clock starts no later than 10 days after that. If the handling office got "
                    "it sooner, this deadline is earlier.")
        if self.source == "submitted":
            return (" The agency's receipt date is not recorded, so we assume it arrived the "
                    "day you sent it; by post it arrives later and the deadline moves later. "
                    "Record the receipt date the agency gives.")
        return ""


def find_start(facts: Facts) -> Start | None:
    """When the 20 working days start, and how sure we are."""
    received, designated_event = facts.proper, facts.designated
    proper = received.date if received else facts.acknowledged_receipt
    designated = designated_event.date if designated_event else None
    if proper is not None:
        start = Start(proper, "received" if received else "stated", proper=proper)
        if designated is not None and designated <= proper:
            start.latest_from = designated
            start.latest_start = designated + _ROUTING
            if start.latest_start < proper:
                start.day, start.source = start.latest_start, "routed"
        return start
    if designated is not None:
        latest = designated + _ROUTING
        return Start(latest, "designated", approximate=True, latest_start=latest,
                     latest_from=designated)
    if facts.submitted is not None:
        sent = facts.submitted.date
        return Start(sent, "submitted", approximate=True, latest_start=sent + _ROUTING,
                     latest_from=sent)
    return None


def build_tolls(facts: Facts, notes: list[str]) -> list[Toll]:
    """One information toll (the first request) and every fee toll, paired with replies."""
    tolls: list[Toll] = []
    if facts.info_requests:
        first = facts.info_requests[0]
        reply = next((r.date for r in facts.info_replies if r.date >= first.date), None)
        tolls.append(Toll(first.date, reply, "request for information"))
        for later in facts.info_requests[1:]:
            notes.append(lambda later=later, first=first: (
                f"The agency's request for information of {ex.day(later.date)} does not stop "
                "the clock: the statute allows one such pause per request, already used on "
                f"{ex.day(first.date)}."))
    replies = [r.date for r in facts.fee_replies]
    for notice in facts.fee_notices:
        reply = next((d for d in replies if d >= notice.date), None)
        if reply is not None:
            replies.remove(reply)
        tolls.append(Toll(notice.date, reply, "fee notice"))
    return tolls


def toll_sentences(run: ClockRun) -> str:
    parts = [f" The clock was paused for the agency's {t.label} of {ex.day(t.start)} until it "
             f"received your reply on {ex.day(t.end)}: {ex.working_days(t.added)} added."
             for t in run.applied if t.end is not None]
    return "".join(parts) + (" " + TOLL_RULE if parts else "")


def weekend_receipt_note(calendar: FederalCalendar, start: _dt.date) -> str:
    """Say how a clock starting on a weekend or holiday is counted (start never counted)."""
    reason = calendar.non_working_reason(start)
    if reason is None:
        return ""
    return (f" The start day is a non-working day ({reason}); the count still starts from "
            f"that recorded date, which is not counted, so day 1 is "
            f"{ex.day(calendar.next_working_day(start))}.")


def promised_check(extension: EventRecord, statutory: _dt.date | None,
                   ) -> tuple[_dt.date | None, bool, _dt.date | None]:
    """(promised date, claims_too_much, agreed_date) for an extension notice."""
    details = extension.details
    raw = details.get("promised_date") if details else None
    promised = ex.parse_detail_date(raw) if raw else None
    if promised is None or statutory is None or promised <= statutory:
        return promised, False, None
    if details.get("agreed"):
        return promised, False, promised
    return promised, True, None


def promise_sentence(promised: _dt.date | None, too_much: bool, agreed: _dt.date | None,
                     statutory: _dt.date | None) -> str:
    if promised is None or statutory is None:
        return ""
    if agreed is not None:
        return (f" You agreed to a longer schedule, to {ex.day(agreed)}; that agreed date is "
                "used instead of the statutory one.")
    if too_much:
        return (f" The notice promises a determination by {ex.day(promised)}, which claims "
                "more than the statute allows: the statute permits at most 10 extra working "
                "days unless you agree to a longer schedule, so the legal deadline stays "
                f"{ex.day(statutory)}.")
    return f" The notice expects a determination by {ex.day(promised)}."
