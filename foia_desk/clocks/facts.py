"""One pass over a request's events, sorting out what each clock needs."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from operator import attrgetter

from foia_desk.clocks.explain import parse_detail_date
from foia_desk.clocks.model import NOT_APPEALABLE, SIDE_OUTCOMES, EventRecord

_BY_DATE = attrgetter("date")
_EMPTY: dict = {}
_NONE: tuple = ()
# Kinds no clock reads (Facts below never looks at them): a caller streaming many requests
# may leave them out; the report is the same with or without them.
IGNORED_KINDS = frozenset({"interim-release", "note"})


class _Receipt:
    """When and how the request arrived, and the agency's word on expedition: what the
    initial-request clocks need (worked out on first use; see :class:`Facts`)."""

    __slots__ = ("acknowledged_receipt", "designated", "expedite_decision", "expedited",
                 "proper", "submitted")

    def __init__(self, groups: dict[str, list[EventRecord]],
                 responses: Sequence[EventRecord]) -> None:
        get = groups.get
        submitted = get("submitted", _NONE)
        self.submitted = submitted[0] if submitted else None
        self.expedited = False
        for event in submitted:
            if event.details and event.details.get("expedited_requested"):
                self.expedited = True
        self.proper = self.designated = None
        for event in get("received", _NONE):
            details = event.details
            if not details:
                if self.proper is None:
                    self.proper = event
                continue
            if details.get("received_by_designated_component"):
                if self.designated is None:
                    self.designated = event
            elif self.proper is None:
                self.proper = event
            if details.get("expedited_requested"):
                self.expedited = True
        self.acknowledged_receipt: _dt.date | None = None
        self.expedite_decision: EventRecord | None = None
        acknowledged = get("acknowledged")
        if acknowledged:
            first_details = acknowledged[0].details
            stated = first_details.get("received_date") if first_details else None
            if stated is not None:
                self.acknowledged_receipt = parse_detail_date(stated)
            self._expedite_decision(acknowledged)
        if responses:
            self._expedite_decision(responses)

    def _expedite_decision(self, events: Sequence[EventRecord]) -> None:
        """The earliest event that records the agency's decision on expedition."""
        for event in events:
            details = event.details
            if not details:
                continue
            if details.get("expedite") in ("granted", "denied") or str(
                    details.get("outcome") or "").startswith("expedite-"):
                if self.expedite_decision is None or event.date < self.expedite_decision.date:
                    self.expedite_decision = event
                return


class Facts:
    """The events that matter, picked out once (first/last by date, stable for ties).

    The receipt facts (``submitted``, ``expedited``, ``proper``, ``designated``,
    ``acknowledged_receipt``, ``expedite_decision``) are worked out on first read: the
    tracker's bulk recompute never reads them for a request that has its final answer.
    """

    __slots__ = (
        "_groups", "_receipt", "appeal_decisions", "appeal_filed", "appeal_received",
        "extensions", "fee_notices", "fee_replies", "final_response", "info_replies",
        "info_requests", "lawsuit", "mediation", "responses", "withdrawn",
    )

    def __init__(self, events: Iterable[EventRecord], *, in_date_order: bool = False) -> None:
        """``events``: EventRecords, or any objects with valid ``kind``, ``date`` and
        ``details`` attributes (the store passes rows it validated when they were written).
        ``in_date_order``: the caller promises they are already sorted by date (the store
        reads them ORDER BY date), so the sort is skipped."""
        groups: dict[str, list[EventRecord]] = {}
        # stable sort: same-day events keep their order
        for event in events if in_date_order else sorted(events, key=_BY_DATE):
            group = groups.get(event.kind)
            if group is None:
                groups[event.kind] = [event]
            else:
                group.append(event)
        self._groups = groups
        self._receipt: _Receipt | None = None
        # Absent kinds share one empty tuple (this runs 100,000 times in a full recompute).
        get = groups.get
        self.responses = responses = get("response", _NONE)
        self.final_response = None
        for event in responses:
            if str((event.details or _EMPTY).get("outcome") or "") not in SIDE_OUTCOMES:
                self.final_response = event
                break
        self.extensions = get("extension", _NONE)
        self.info_requests = get("info-request", _NONE)
        self.info_replies = get("info-reply", _NONE)
        self.fee_notices = get("fee-notice", _NONE)
        self.fee_replies = get("fee-reply", _NONE)
        self.appeal_filed = get("appeal-filed", _NONE)
        self.appeal_received = get("appeal-received", _NONE)
        self.appeal_decisions = get("appeal-decision", _NONE)
        mediation, lawsuit, withdrawn = get("mediation"), get("lawsuit"), get("withdrawn")
        self.mediation = mediation[0] if mediation else None
        self.lawsuit = lawsuit[0] if lawsuit else None
        self.withdrawn = withdrawn[0] if withdrawn else None

    def _receipt_facts(self) -> _Receipt:
        receipt = self._receipt
        if receipt is None:
            receipt = self._receipt = _Receipt(self._groups, self.responses)
        return receipt

    @property
    def submitted(self) -> EventRecord | None:
        """The first 'submitted' event."""
        return self._receipt_facts().submitted

    @property
    def expedited(self) -> bool:
        """Expedited processing was requested (on a submitted or received event)."""
        return self._receipt_facts().expedited

    @property
    def proper(self) -> EventRecord | None:
        """The first receipt by the office that handles the request."""
        return self._receipt_facts().proper

    @property
    def designated(self) -> EventRecord | None:
        """The first receipt by a designated office that passed it on."""
        return self._receipt_facts().designated

    @property
    def acknowledged_receipt(self) -> _dt.date | None:
        """The receipt date stated in the first acknowledgement letter."""
        return self._receipt_facts().acknowledged_receipt

    @property
    def expedite_decision(self) -> EventRecord | None:
        """The earliest event recording the agency's decision on expedition."""
        return self._receipt_facts().expedite_decision

    def appeal_anchor(self) -> EventRecord | None:
        """The appeal the appeal clock follows: the last one filed (or received)."""
        if self.appeal_filed:
            return self.appeal_filed[-1]
        return self.appeal_received[-1] if self.appeal_received else None

    def latest_adverse(self) -> EventRecord | None:
        """The latest response that can be appealed (not a full grant)."""
        for event in reversed(self.responses):
            if str((event.details or _EMPTY).get("outcome") or "") not in NOT_APPEALABLE:
                return event
        return None
