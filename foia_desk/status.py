"""The life of a request: its statuses, which moves between them are allowed, and which
events move it automatically.

Statuses describe where a request stands; the deadlines themselves are computed from the
event log (``foia_desk.clocks``), so a status never changes a due date by itself.
"fix-required" and "payment-required" are the two states in which the law lets the agency
stop the clock (one request for information, any number of fee questions).
"""

from __future__ import annotations

from typing import Any

from foia_desk.errors import UserError

STATUSES = (
    "draft", "submitted", "acknowledged", "processing", "fix-required", "payment-required",
    "partial-release", "complete", "no-records", "denied", "appeal", "appeal-decided",
    "mediation", "litigation", "withdrawn",
)
STATUS_LABELS = {
    "draft": "Draft", "submitted": "Submitted", "acknowledged": "Acknowledged",
    "processing": "Processing", "fix-required": "Needs your reply",
    "payment-required": "Fee question", "partial-release": "Partly released",
    "complete": "Complete", "no-records": "No records", "denied": "Denied",
    "appeal": "On appeal", "appeal-decided": "Appeal decided", "mediation": "Mediation",
    "litigation": "In court", "withdrawn": "Withdrawn",
}
# Statuses in which the agency has paused the clock waiting for the requester.
TOLLING_STATUSES = frozenset({"fix-required", "payment-required"})
# Statuses after which the agency owes nothing more unless the requester acts.
CLOSED_STATUSES = frozenset({"complete", "no-records", "denied", "appeal-decided", "withdrawn"})

_RESULTS = ("partial-release", "complete", "no-records", "denied")
# The agency's answer to the request itself: moving here from before any answer needs the
# response event (its date starts the appeal window).
RESPONSE_STATUSES = frozenset(_RESULTS)
AWAITING_RESPONSE_STATUSES = frozenset({"draft", "submitted", "acknowledged", "processing",
                                        "fix-required", "payment-required"})
_IN_PROGRESS = ("processing", "fix-required", "payment-required", *_RESULTS)
_ESCALATION = ("mediation", "litigation")

# Allowed moves, "withdrawn" aside (it is allowed from every status but itself).
_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("submitted",),
    "submitted": ("acknowledged", *_IN_PROGRESS, *_ESCALATION),
    "acknowledged": (*_IN_PROGRESS, *_ESCALATION),
    "processing": (*_IN_PROGRESS[1:], *_ESCALATION),
    "fix-required": ("processing", "payment-required", *_RESULTS, *_ESCALATION),
    "payment-required": ("processing", "fix-required", *_RESULTS, *_ESCALATION),
    # A partial release may be interim (more to come) or final (appealable).
    "partial-release": ("processing", "complete", "no-records", "denied", "appeal",
                        *_ESCALATION),
    "complete": ("appeal", *_ESCALATION),
    "no-records": ("appeal", *_ESCALATION),
    "denied": ("appeal", *_ESCALATION),
    # Suing is open once the appeal deadline passes (constructive exhaustion).
    "appeal": ("appeal-decided", *_ESCALATION),
    # A remand sends the request back to the agency.
    "appeal-decided": ("processing", *_ESCALATION),
    "mediation": ("complete", "partial-release", "litigation"),
    "litigation": ("complete", "partial-release"),
    "withdrawn": (),
}

# Which status a response outcome means.
OUTCOME_STATUS = {"full-grant": "complete", "partial": "partial-release",
                  "denied": "denied", "no-records": "no-records", "glomar": "denied",
                  "not-reasonably-described": "denied", "improper": "denied"}


def check_status(status: str) -> str:
    """Return ``status`` if it is a known status, else raise a UserError listing them."""
    if status not in STATUSES:
        raise UserError(f"Unknown status {status!r}.",
                        "Known statuses: " + ", ".join(STATUSES) + ".")
    return status


def allowed_next(status: str) -> tuple[str, ...]:
    """Statuses a request in ``status`` may move to."""
    check_status(status)
    if status == "withdrawn":
        return ()
    return (*_TRANSITIONS[status], "withdrawn")


def can_move(current: str, new: str) -> bool:
    return new in allowed_next(current)


def check_transition(current: str, new: str) -> None:
    """Raise a UserError naming the allowed moves if ``current -> new`` is not allowed."""
    check_status(new)
    if current == new or can_move(current, new):
        return
    allowed = allowed_next(current)
    if not allowed:
        raise UserError(f"This request is {current}; its status can no longer change.")
    raise UserError(
        f"A request cannot go from {current} to {new}.",
        f"From {current} it can go to: " + ", ".join(allowed) + ".",
    )


def status_after_event(current: str, kind: str, details: dict[str, Any] | None = None) -> str:
    """The status a request should have after an event of ``kind``.

    Only obvious moves happen, and only when allowed from ``current``; otherwise the status
    stays as it is (e.g. an old "submitted" event entered late never moves a request back).
    """
    details = details or {}
    target: str | None = None
    if kind in ("submitted", "received"):
        target = "submitted"
    elif kind == "acknowledged":
        target = "acknowledged"
    elif kind in ("extension", "interim-release", "info-reply", "fee-reply"):
        target = "processing"
    elif kind == "info-request":
        target = "fix-required"
    elif kind == "fee-notice":
        target = "payment-required"
    elif kind == "response":
        target = OUTCOME_STATUS.get(str(details.get("outcome", "")))
    elif kind in ("appeal-filed", "appeal-received"):
        target = "appeal"
    elif kind == "appeal-decision":
        target = "appeal-decided"
    elif kind == "mediation":
        target = "mediation"
    elif kind == "lawsuit":
        target = "litigation"
    elif kind == "withdrawn":
        target = "withdrawn"
    if target is None or target == current:
        return current
    # Replies to information or fee requests resume processing only from the paused state.
    if kind in ("info-reply", "fee-reply") and current not in TOLLING_STATUSES:
        return current
    if kind in ("extension", "interim-release") and current not in (
            "submitted", "acknowledged"):
        return current
    if can_move(current, target):
        return target
    # An event recorded on a draft implies the request was sent.
    if current == "draft" and target != "withdrawn" and can_move("submitted", target):
        return target
    return current
