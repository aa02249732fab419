"""Statutory FOIA clocks computed from a request's events (never stored as the truth).

``from foia_desk.clocks import compute_clocks, EventRecord, Deadline, ClockReport``;
``next_open_deadline`` gives only the most urgent open deadline (same rules, no explanations)
for bulk recomputes.
"""

from foia_desk.clocks.model import (
    DEADLINE_KEYS,
    EVENT_KINDS,
    LABELS,
    STATES,
    ClockReport,
    Deadline,
    EventRecord,
)
from foia_desk.clocks.rules import NextDeadline, compute_clocks, next_open_deadline

__all__ = ["DEADLINE_KEYS", "EVENT_KINDS", "LABELS", "STATES", "ClockReport", "Deadline",
           "EventRecord", "NextDeadline", "compute_clocks", "next_open_deadline"]
