"""Words and markers the tracker shows: dates, event kinds, deadline names and urgency.

Pure Python (no Qt) so the table, the detail pane and the tests share one wording. Urgency is
always spelled out in text ("⚠ Overdue", "Due soon") as well as tinted, so it never relies on
colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from foia_desk.english_dates import MONTH_ABBREVIATIONS as MONTHS
from foia_desk.english_dates import WEEKDAY_ABBREVIATIONS as WEEKDAYS

# A deadline this many working days away (or fewer) counts as "due soon".
DUE_SOON_WORKING_DAYS = 5

EVENT_LABELS = {
    "submitted": "Request sent",
    "received": "Agency received it",
    "acknowledged": "Acknowledgement (tracking number)",
    "extension": "Extension notice",
    "info-request": "Agency asked for information",
    "info-reply": "You answered the information request",
    "fee-notice": "Fee notice",
    "fee-reply": "You answered the fee notice",
    "interim-release": "Some records released (interim)",
    "response": "Agency's response (determination)",
    "appeal-filed": "Appeal sent",
    "appeal-received": "Appeal received by the agency",
    "appeal-decision": "Appeal decision",
    "mediation": "Mediation (OGIS)",
    "lawsuit": "Lawsuit filed",
    "withdrawn": "Request withdrawn",
    "note": "Note",
}

# What each deadline is about, in a few words for the table.
DEADLINE_SHORT = {
    "latest_start": "clock start",
    "response_due": "agency's answer",
    "extended_due": "extended answer",
    "expedited_decision_due": "decision on expediting",
    "appeal_by": "your appeal",
    "appeal_decision_due": "appeal decision",
}
# Deadlines the requester (not the agency) must meet.
REQUESTER_KEYS = frozenset({"appeal_by"})

STATE_LABELS = {
    "pending": "Open",
    "met": "Met",
    "missed": "Missed",
    "overdue": "⚠ Overdue",
    "not-applicable": "No longer applies",
}

OUTCOME_LABELS = {
    "complete": "Records released in full",
    "partial": "Partly released",
    "denied": "Denied",
    "no-records": "No records found",
    "granted": "Granted",
    "partly-granted": "Partly granted",
    "remanded": "Sent back to the agency",
}


def day(value: date | None) -> str:
    """'Thu 15 Oct 2026' (fixed English month names, no locale surprises); '' for None."""
    if value is None:
        return ""
    return f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


def short_day(value: date | None) -> str:
    """'15 Oct 2026'; '' for None."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class Urgency:
    """How pressing a request's next deadline is: ``level`` is "overdue", "soon" or "".

    ``marker`` is the text shown in the days-left column; it carries the meaning by itself.
    """

    level: str
    marker: str
    explanation: str


def urgency(due: date | None, key: str | None, today: date,
            working_days_left: int | None) -> Urgency:
    """Classify a next deadline. ``working_days_left`` counts working days after today up to
    and including ``due`` (None when not computed)."""
    if due is None:
        return Urgency("", "—", "No open deadline.")
    days = (due - today).days
    yours = key in REQUESTER_KEYS
    if days < 0:
        late = plural(-days, "day")
        if yours:
            return Urgency("overdue", f"⚠ Passed {late} ago",
                           f"Your deadline passed {late} ago.")
        return Urgency("overdue", f"⚠ Overdue {late}",
                       f"The agency's deadline passed {late} ago.")
    if days == 0:
        return Urgency("soon", "⚠ Due today", "Due today.")
    if working_days_left is not None and working_days_left <= DUE_SOON_WORKING_DAYS:
        return Urgency("soon", f"Due soon: {plural(days, 'day')}",
                       f"Due in {plural(working_days_left, 'working day')}.")
    return Urgency("", plural(days, "day"), f"Due in {plural(days, 'day')}.")


def event_details_text(kind: str, details: dict[str, Any], tracking_number: str | None) -> str:
    """One line summing up an event's details for the timeline."""
    parts: list[str] = []
    if tracking_number:
        parts.append(f"Tracking number {tracking_number}")
    if details.get("promised_date"):
        try:
            promised = day(date.fromisoformat(str(details["promised_date"])))
        except ValueError:
            promised = str(details["promised_date"])
        parts.append(f"promises an answer by {promised}")
    if details.get("agreed"):
        parts.append("you agreed to the longer schedule")
    if details.get("received_date"):
        parts.append(f"agency says it received the request on {details['received_date']}")
    if details.get("amount"):
        parts.append(f"amount ${details['amount']}")
    if details.get("outcome"):
        outcome = str(details["outcome"])
        parts.append(OUTCOME_LABELS.get(outcome, outcome))
    if details.get("exemptions"):
        parts.append("exemptions " + ", ".join(details["exemptions"]))
    if details.get("expedited_requested"):
        parts.append("expedited processing requested")
    if details.get("received_by_designated_component"):
        parts.append("received by the office that handles it")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else ""
