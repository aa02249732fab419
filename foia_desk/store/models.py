"""Plain data objects the tracker store hands to the CLI and the GUI.

They are frozen dataclasses with ``to_dict()`` giving the stable JSON shape of ``--json``
output. Dates are :class:`datetime.date`; timestamps are ISO 8601 UTC strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

REQUEST_KINDS = ("foia", "privacy-act", "foia-privacy-act")
METHODS = ("email", "portal", "mail", "fax")

# Event kinds, in the order a request usually lives through them.
EVENT_KINDS = (
    "submitted", "received", "acknowledged", "extension", "info-request", "info-reply",
    "fee-notice", "fee-reply", "interim-release", "response", "appeal-filed",
    "appeal-received", "appeal-decision", "mediation", "lawsuit", "withdrawn", "note",
)
# Events that set the appeal tracking number (the others set the initial one).
APPEAL_EVENT_KINDS = ("appeal-filed", "appeal-received", "appeal-decision")
# Response outcomes, as foia_desk.clocks understands them. "full-grant" releases everything;
# the next four are adverse determinations the requester may appeal (as are the fee and
# expedition denials); "referred" sends the request to another agency; the fee/expedite ones
# decide a side issue and leave the records clock running.
RESPONSE_OUTCOMES = (
    "full-grant", "partial", "denied", "no-records", "glomar", "not-reasonably-described",
    "improper", "referred", "fee-denial", "fee-waiver-denied", "fee-waiver-granted",
    "expedite-denied", "expedite-granted",
)
OUTCOME_ALIASES = {
    "complete": "full-grant", "full": "full-grant", "granted": "full-grant",
    "released": "full-grant", "full-release": "full-grant",
    "partial-release": "partial", "partial-grant": "partial", "partially-granted": "partial",
    "denial": "denied", "full-denial": "denied", "withheld": "denied",
    "no-record": "no-records", "no records": "no-records", "none": "no-records",
    "neither-confirm-nor-deny": "glomar",
}
APPEAL_OUTCOMES = ("granted", "partly-granted", "denied", "remanded")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class RequestFilter:
    """What the tracker table shows. Empty fields do not filter."""

    search: str = ""
    status: str | None = None
    agency_id: str | None = None
    tag: str | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class Event:
    """One thing that happened to a request; the event log is the truth clocks derive from."""

    id: int
    request_id: int
    kind: str
    date: date
    tracking_number: str | None = None
    note: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "request_id": self.request_id, "kind": self.kind,
                "date": self.date.isoformat(), "tracking_number": self.tracking_number,
                "note": self.note, "details": dict(self.details),
                "created_at": self.created_at}


@dataclass(frozen=True)
class Attachment:
    """A file copied into the data folder; ``relpath`` is relative to the attachments folder."""

    id: int
    request_id: int
    name: str
    relpath: str
    sha256: str
    size: int
    added_at: str
    event_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "request_id": self.request_id, "event_id": self.event_id,
                "name": self.name, "relpath": self.relpath, "sha256": self.sha256,
                "size": self.size, "added_at": self.added_at}


@dataclass(frozen=True)
class Reminder:
    """A reminder the user set on a request."""

    id: int
    request_id: int
    due: date
    text: str
    done: bool
    created_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "request_id": self.request_id, "due": self.due.isoformat(),
                "text": self.text, "done": self.done, "created_at": self.created_at}


@dataclass(frozen=True)
class DueReminder:
    """A line of the reminders list: a user reminder, or one derived from a deadline.

    ``source`` is "user" (``reminder_id`` set) or "auto" (``deadline_key`` and
    ``deadline_due`` set); ``remind_on`` is the day it becomes relevant.
    """

    source: str
    request_id: int
    remind_on: date
    text: str
    agency_name: str
    subject: str
    reminder_id: int | None = None
    deadline_key: str | None = None
    deadline_label: str | None = None
    deadline_due: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "request_id": self.request_id,
                "remind_on": self.remind_on.isoformat(), "text": self.text,
                "agency_name": self.agency_name, "subject": self.subject,
                "reminder_id": self.reminder_id, "deadline_key": self.deadline_key,
                "deadline_label": self.deadline_label,
                "deadline_due": _iso(self.deadline_due)}


@dataclass(frozen=True)
class Closure:
    """A day federal offices were closed beyond the regular holidays (e.g. by executive order)."""

    day: date
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "note": self.note}


@dataclass(frozen=True)
class RequestSummary:
    """One row of the tracker table."""

    id: int
    agency_id: str
    agency_name: str
    subject: str
    status: str
    submitted: date | None
    next_deadline: date | None
    next_deadline_label: str | None
    days_left: int | None
    overdue: bool
    tracking_number: str | None
    tags: tuple[str, ...] = ()
    next_deadline_key: str | None = None
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "agency_id": self.agency_id, "agency_name": self.agency_name,
                "subject": self.subject, "status": self.status,
                "submitted": _iso(self.submitted), "next_deadline": _iso(self.next_deadline),
                "next_deadline_key": self.next_deadline_key,
                "next_deadline_label": self.next_deadline_label,
                "days_left": self.days_left, "overdue": self.overdue,
                "tracking_number": self.tracking_number, "tags": list(self.tags),
                "updated_at": self.updated_at}


@dataclass(frozen=True)
class RequestDetail:
    """Everything about one request: the row, its event log, files, reminders and clocks.

    ``clocks`` is the ``foia_desk.clocks.ClockReport`` computed today from the event log
    (``None`` only if the agency is no longer in the directory).
    """

    id: int
    agency_id: str
    agency_name: str
    subject: str
    kind: str
    status: str
    tracking_number: str | None
    appeal_tracking_number: str | None
    method: str | None
    expedited: bool
    profile: str | None
    letter_markdown: str | None
    letter_files: tuple[str, ...]
    tags: tuple[str, ...]
    created_at: str
    updated_at: str
    events: tuple[Event, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    clocks: Any = None
    next_deadline: date | None = None
    next_deadline_key: str | None = None
    next_deadline_label: str | None = None

    @property
    def submitted(self) -> date | None:
        dates = [e.date for e in self.events if e.kind == "submitted"]
        return min(dates) if dates else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "agency_id": self.agency_id, "agency_name": self.agency_name,
            "subject": self.subject, "kind": self.kind, "status": self.status,
            "tracking_number": self.tracking_number,
            "appeal_tracking_number": self.appeal_tracking_number, "method": self.method,
            "expedited": self.expedited, "profile": self.profile,
            "letter_markdown": self.letter_markdown, "letter_files": list(self.letter_files),
            "tags": list(self.tags), "created_at": self.created_at,
            "updated_at": self.updated_at, "submitted": _iso(self.submitted),
            "next_deadline": _iso(self.next_deadline),
            "next_deadline_key": self.next_deadline_key,
            "next_deadline_label": self.next_deadline_label,
            "events": [e.to_dict() for e in self.events],
            "attachments": [a.to_dict() for a in self.attachments],
            "reminders": [r.to_dict() for r in self.reminders],
            "clocks": clocks_to_dict(self.clocks),
        }


def deadline_to_dict(deadline: Any) -> dict[str, Any]:
    """JSON shape of a ``foia_desk.clocks.Deadline`` (duck-typed so fakes work too)."""
    if hasattr(deadline, "to_dict"):
        return deadline.to_dict()
    due = getattr(deadline, "due", None)
    return {"key": deadline.key, "label": deadline.label, "due": _iso(due),
            "explanation": deadline.explanation, "state": deadline.state,
            "approximate": bool(getattr(deadline, "approximate", False))}


def clocks_to_dict(report: Any) -> dict[str, Any] | None:
    """JSON shape of a ``ClockReport``; ``None`` stays ``None``."""
    if report is None:
        return None
    if hasattr(report, "to_dict"):
        return report.to_dict()
    nxt = getattr(report, "next_deadline", None)
    return {
        "deadlines": [deadline_to_dict(d) for d in report.deadlines],
        "next_deadline": deadline_to_dict(nxt) if nxt is not None else None,
        "overdue": bool(getattr(report, "overdue", False)),
        "constructive_exhaustion": bool(getattr(report, "constructive_exhaustion", False)),
        "notes": list(getattr(report, "notes", ())),
    }


@dataclass(frozen=True)
class RequestRecord:
    """A whole request with its history, as read from an export file, for
    ``Store.import_records``. ``events`` items: kind, date, tracking_number, note, details,
    created_at; ``reminders`` items: due, text, done, created_at."""

    agency_id: str
    subject: str
    status: str = "draft"
    kind: str = "foia"
    method: str | None = None
    expedited: bool = False
    profile: str | None = None
    letter_markdown: str | None = None
    letter_files: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    tracking_number: str | None = None
    appeal_tracking_number: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    events: tuple[dict[str, Any], ...] = ()
    reminders: tuple[dict[str, Any], ...] = ()
