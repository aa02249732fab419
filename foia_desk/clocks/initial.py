"""The initial-request clocks: latest start, 20 working days, extension, expedition."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from foia_desk.calendar import FederalCalendar
from foia_desk.clocks import explain as ex
from foia_desk.clocks.counting import ClockRun, Toll
from foia_desk.clocks.facts import Facts
from foia_desk.clocks.model import EventRecord

RESPONSE_DAYS = 20
ROUTING_DAYS = 10  # 552(a)(6)(A)(ii): "not later than ten days after" a designated office
EXPEDITE_DAYS = 10  # 552(a)(6)(E)(ii)(I): treated as calendar days
TOLL_RULE = ("Working days used before a pause are kept; counting resumes the working day "
             "after the agency receives your reply.")


@dataclass(slots=True)
class Start:
    day: _dt.date
    how: str  # "receipt on Wed 26 Nov 2025"
    approximate: bool = False
    assumed_from_submission: bool = False
    latest_start: _dt.date | None = None
    latest_from: _dt.date | None = None  # the designated office's receipt (or assumed)
    caveats: list[str] = field(default_factory=list)


def find_start(facts: Facts) -> Start | None:
    """When the 20 working days start, and how sure we are."""
    proper = facts.proper.date if facts.proper else facts.acknowledged_receipt
    designated = facts.designated.date if facts.designated else None
    if proper is not None:
        how = ("receipt by the office that handles it on " if facts.proper
               else "the receipt date the agency stated, ") + ex.day(proper)
        start = Start(proper, how)
        if designated is not None and designated <= proper:
            start.latest_from = designated
            start.latest_start = designated + _dt.timedelta(days=ROUTING_DAYS)
            if start.latest_start < proper:
                start.day = start.latest_start
                start.how = (f"{ex.day(start.latest_start)}, the latest start the statute allows "
                             f"(10 days after a designated office got it on "
                             f"{ex.day(designated)}; the handling office only had it on "
                             f"{ex.day(proper)})")
        return start
    if designated is not None:
        latest = designated + _dt.timedelta(days=ROUTING_DAYS)
        return Start(latest, f"{ex.day(latest)}, the latest start the statute allows (10 days "
                     f"after a designated office received it on {ex.day(designated)}); if the "
                     "handling office got it sooner, this deadline is earlier",
                     approximate=True, latest_start=latest, latest_from=designated)
    if facts.submitted is not None:
        sent = facts.submitted.date
        return Start(sent, f"the day you sent it, {ex.day(sent)} (the agency's receipt date is "
                     "not recorded, so we assume it arrived that day; by post it arrives later "
                     "and this deadline moves later: record the receipt date the agency gives)",
                     approximate=True, assumed_from_submission=True,
                     latest_start=sent + _dt.timedelta(days=ROUTING_DAYS), latest_from=sent)
    return None


def build_tolls(facts: Facts, notes: list[str]) -> list[Toll]:
    """One information toll (the first request) and every fee toll, paired with replies."""
    tolls: list[Toll] = []
    if facts.info_requests:
        first = facts.info_requests[0]
        reply = next((r.date for r in facts.info_replies if r.date >= first.date), None)
        tolls.append(Toll(first.date, reply, "request for information"))
        for later in facts.info_requests[1:]:
            notes.append(f"The agency's request for information of {ex.day(later.date)} does "
                         "not stop the clock: the statute allows one such pause per request, "
                         f"already used on {ex.day(first.date)}.")
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


def promised_check(calendar: FederalCalendar, extension: EventRecord,
                   statutory: _dt.date | None) -> tuple[str, bool, _dt.date | None]:
    """(sentence, claims_too_much, agreed_date) for an extension notice's promised date."""
    details = extension.details or {}
    promised = ex.parse_detail_date(details.get("promised_date"))
    if promised is None or statutory is None:
        return "", False, None
    if promised <= statutory:
        return (f" The notice expects a determination by {ex.day(promised)}.", False, None)
    if details.get("agreed"):
        return (f" You agreed to a longer schedule, to {ex.day(promised)}; that agreed date is "
                "used instead of the statutory one.", False, promised)
    return (f" The notice promises a determination by {ex.day(promised)}, which claims more "
            "than the statute allows: the statute permits at most 10 extra working days unless "
            f"you agree to a longer schedule, so the legal deadline stays {ex.day(statutory)}.",
            True, None)
