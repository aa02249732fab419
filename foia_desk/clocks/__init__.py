"""Statutory FOIA clocks computed from a request's events (never stored as the truth).

``from foia_desk.clocks import compute_clocks, EventRecord, Deadline, ClockReport``.
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
from foia_desk.clocks.rules import compute_clocks

__all__ = ["DEADLINE_KEYS", "EVENT_KINDS", "LABELS", "STATES", "ClockReport", "Deadline",
           "EventRecord", "compute_clocks"]
