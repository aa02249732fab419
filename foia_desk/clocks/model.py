"""Data types of the clock engine: events in, deadlines and a report out."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from foia_desk.errors import UserError

EVENT_KINDS = (
    "submitted", "received", "acknowledged", "extension", "info-request", "info-reply",
    "fee-notice", "fee-reply", "interim-release", "response", "appeal-filed",
    "appeal-received", "appeal-decision", "mediation", "lawsuit", "withdrawn", "note",
)
_KIND_SET = frozenset(EVENT_KINDS)

DEADLINE_KEYS = ("latest_start", "response_due", "extended_due", "expedited_decision_due",
                 "appeal_by", "appeal_decision_due")
LABELS = {
    "latest_start": "Latest day the response clock can start",
    "response_due": "Agency's determination due",
    "extended_due": "Determination due with the extension",
    "expedited_decision_due": "Decision on expedited processing due",
    "appeal_by": "Your appeal must be sent by",
    "appeal_decision_due": "Appeal decision due",
}
STATES = ("pending", "met", "missed", "overdue", "not-applicable")
# Deadlines the agency owes (ClockReport.overdue looks at these only).
AGENCY_KEYS = frozenset({"response_due", "extended_due", "expedited_decision_due",
                         "appeal_decision_due"})

# Response outcomes. "Side" outcomes decide a side issue (fees, expedition) and do not end the
# 20-working-day clock for the records themselves.
FULL_OUTCOMES = frozenset({"full-grant", "granted", "full"})
SIDE_OUTCOMES = frozenset({"fee-denial", "fee-waiver-denied", "fee-waiver-granted",
                           "expedite-denied", "expedite-granted"})
ADVERSE_OUTCOMES = frozenset({"partial", "partial-grant", "denied", "no-records", "fee-denial",
                              "fee-waiver-denied", "expedite-denied", "glomar",
                              "not-reasonably-described", "improper"})
# Final answers that are not appealable determinations here.
NOT_APPEALABLE = FULL_OUTCOMES | {"expedite-granted", "fee-waiver-granted", "referred"}


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One thing that happened to a request, on a date. ``details`` carries extras such as
    ``tracking_number``, ``promised_date`` (extension), ``outcome`` (response),
    ``expedited_requested`` (submitted) and ``received_by_designated_component`` (received).
    """

    kind: str
    date: _dt.date
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in _KIND_SET:
            raise UserError(f"Unknown event kind {self.kind!r}.",
                            "Use one of: " + ", ".join(EVENT_KINDS) + ".")
        if not isinstance(self.date, _dt.date) or isinstance(self.date, _dt.datetime):
            raise UserError(f"Event {self.kind!r} needs a calendar date, got {self.date!r}.")


class Deadline:
    """One computed date with its state and a plain-English explanation.

    ``explanation`` and ``basis`` (the holidays and closures skipped while counting) are
    built on first access: recomputing 100,000 requests must not format 300,000 sentences
    nobody reads. Pass either values or zero-argument callables.
    """

    __slots__ = ("_basis", "_explanation", "approximate", "due", "key", "label", "state")

    def __init__(self, key: str, label: str, due: _dt.date | None,
                 explanation: str | Callable[[], str], state: str, approximate: bool,
                 basis: list[tuple[_dt.date, str]] | Callable[[], list] | None = None) -> None:
        self.key = key
        self.label = label
        self.due = due
        self._explanation = explanation
        self.state = state
        self.approximate = approximate
        self._basis = [] if basis is None else basis

    @property
    def explanation(self) -> str:
        if callable(self._explanation):
            self._explanation = self._explanation()
        return self._explanation

    @property
    def basis(self) -> list[tuple[_dt.date, str]]:
        if callable(self._basis):
            self._basis = self._basis()
        return self._basis

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label,
                "date": self.due.isoformat() if self.due else None,
                "explanation": self.explanation, "state": self.state,
                "approximate": self.approximate,
                "basis": [[d.isoformat(), reason] for d, reason in self.basis]}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deadline) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Deadline({self.key!r}, due={self.due!r}, state={self.state!r}, "
                f"approximate={self.approximate})")


class ClockReport:
    """Every deadline of one request, the most urgent open one, and status flags.

    ``overdue``: a deadline the agency owes has passed without the agency acting.
    ``constructive_exhaustion``: the agency missed a statutory time limit with no answer yet,
    so the requester may go to court without (further) appeal; see ``notes`` for the caveats.
    ``notes`` may be given as strings or zero-argument callables; they are rendered to
    strings on first access (recomputing 100,000 requests formats no sentence).
    """

    __slots__ = ("_notes", "constructive_exhaustion", "deadlines", "next_deadline", "overdue")

    def __init__(self, deadlines: list[Deadline], next_deadline: Deadline | None,
                 overdue: bool, constructive_exhaustion: bool,
                 notes: list[str | Callable[[], str]]) -> None:
        self.deadlines = deadlines
        self.next_deadline = next_deadline
        self.overdue = overdue
        self.constructive_exhaustion = constructive_exhaustion
        self._notes = notes

    @property
    def notes(self) -> list[str]:
        notes = self._notes
        if any(callable(n) for n in notes):
            rendered: list[str] = []
            for note in notes:
                text = note() if callable(note) else note
                if text not in rendered:
                    rendered.append(text)
            self._notes = notes = rendered
        return notes

    def get(self, key: str) -> Deadline | None:
        for deadline in self.deadlines:
            if deadline.key == key:
                return deadline
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"deadlines": [d.to_dict() for d in self.deadlines],
                "next_deadline": self.next_deadline.key if self.next_deadline else None,
                "overdue": self.overdue,
                "constructive_exhaustion": self.constructive_exhaustion,
                "notes": list(self.notes)}

    def __repr__(self) -> str:
        return (f"ClockReport(deadlines={self.deadlines!r}, next_deadline="
                f"{self.next_deadline.key if self.next_deadline else None!r}, "
                f"overdue={self.overdue}, constructive_exhaustion="
                f"{self.constructive_exhaustion})")
