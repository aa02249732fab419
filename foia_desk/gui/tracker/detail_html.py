"""HTML for the detail pane: deadlines with their explanations, and notes (no Qt here)."""

from __future__ import annotations

from html import escape
from typing import Any

from foia_desk.gui.tracker import format as fmt
from foia_desk.store import RequestDetail


def kind_label(kind: str) -> str:
    return {"foia": "FOIA request", "privacy-act": "Privacy Act request",
            "foia-privacy-act": "FOIA and Privacy Act request"}.get(kind, kind)


def deadlines_html(detail: RequestDetail) -> str:
    """Every deadline with its date, state and explanation; the report's notes after."""
    report = detail.clocks
    if report is None:
        return ("<p>Deadlines cannot be computed: this request's agency is no longer in the "
                "directory.</p>")
    if not report.deadlines:
        return ("<h3>Deadlines</h3><p>No deadlines yet. They start when the request is sent: "
                "log the <i>Request sent</i> event, or the day the agency received it.</p>")
    nxt = report.next_deadline
    parts = ["<h3>Deadlines</h3>"]
    for deadline in sorted(report.deadlines, key=lambda d: _deadline_rank(d, nxt)):
        state = fmt.STATE_LABELS.get(deadline.state, deadline.state)
        when = fmt.day(deadline.due) if deadline.due else "no date"
        if deadline.approximate:
            when += " (approximate)"
        is_next = nxt is not None and deadline.key == nxt.key
        title = f"{escape(deadline.label)}: {escape(when)}"
        if is_next:
            title = f"▶ {title} — next deadline"
        parts.append(f"<p><b>{title}</b> &nbsp;[{escape(state)}]<br>"
                     f"<small>{escape(deadline.explanation)}</small></p>")
    for note in report.notes:
        parts.append(f"<p><small>{escape(note)}</small></p>")
    return "".join(parts)


_STATE_ORDER = {"overdue": 1, "pending": 2, "missed": 3, "met": 4, "not-applicable": 5}


def _deadline_rank(deadline: Any, nxt: Any) -> int:
    """The next deadline first, then open ones, then past and superseded ones."""
    if nxt is not None and deadline.key == nxt.key:
        return 0
    return _STATE_ORDER.get(deadline.state, 3)


def notes_html(detail: RequestDetail) -> str:
    notes = [(e.date, fmt.EVENT_LABELS.get(e.kind, e.kind), e.note)
             for e in sorted(detail.events, key=lambda e: (e.date, e.id)) if e.note]
    if not notes:
        return "<p>No notes yet. Log a <i>Note</i> event to keep one.</p>"
    return "".join(f"<p><b>{escape(fmt.day(day))} — {escape(label)}</b><br>"
                   f"{escape(text).replace(chr(10), '<br>')}</p>" for day, label, text in notes)


def next_step(detail: RequestDetail, today: Any) -> str:
    """One plain sentence on what the requester can do now (shown under the heading)."""
    from foia_desk.status import TOLLING_STATUSES

    report = detail.clocks
    nxt = getattr(report, "next_deadline", None)
    if detail.status == "draft":
        return ("Not sent yet. Once you send it, log “Request sent” (Log event) so the "
                "deadlines start.")
    if detail.status == "withdrawn":
        return "Withdrawn: nothing more is due."
    if detail.status in TOLLING_STATUSES:
        return ("The agency is waiting for your answer and its clock is paused. When you "
                "reply, log it as an event.")
    if report is not None and report.overdue:
        return ("⚠ The agency is late. A follow-up letter asks when it will answer; the notes "
                "under Deadlines explain your other options.")
    if nxt is not None and nxt.due is not None:
        when = fmt.day(nxt.due)
        if nxt.key == "appeal_by":
            passed = nxt.due < today
            return (f"⚠ The time to appeal ended on {when}." if passed else
                    f"You can appeal this decision until {when} (Appeal letter).")
        return f"Next: {nxt.label.lower()} {when}."
    return "No deadline is running."
