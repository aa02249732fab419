"""One pass over a request's events, sorting out what each clock needs."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from operator import attrgetter

from foia_desk.clocks.explain import parse_detail_date
from foia_desk.clocks.model import FULL_OUTCOMES, SIDE_OUTCOMES, EventRecord

_BY_DATE = attrgetter("date")
_EMPTY: dict = {}


class Facts:
    """The events that matter, picked out once (first/last by date, stable for ties)."""

    __slots__ = (
        "acknowledged_receipt", "appeal_decisions", "appeal_filed", "appeal_received",
        "designated", "expedite_decision", "expedited", "extensions", "fee_notices",
        "fee_replies", "final_response", "info_replies", "info_requests", "lawsuit",
        "mediation", "proper", "responses", "submitted", "withdrawn",
    )

    def __init__(self, events: Iterable[EventRecord]) -> None:
        self.submitted = self.proper = self.designated = None
        self.acknowledged_receipt: _dt.date | None = None
        self.final_response = self.lawsuit = self.withdrawn = self.mediation = None
        self.expedite_decision: EventRecord | None = None
        self.expedited = False
        self.extensions: list[EventRecord] = []
        self.info_requests: list[EventRecord] = []
        self.info_replies: list[EventRecord] = []
        self.fee_notices: list[EventRecord] = []
        self.fee_replies: list[EventRecord] = []
        self.responses: list[EventRecord] = []
        self.appeal_filed: list[EventRecord] = []
        self.appeal_received: list[EventRecord] = []
        self.appeal_decisions: list[EventRecord] = []
        for event in sorted(events, key=_BY_DATE):
            kind = event.kind
            details = event.details or _EMPTY
            if kind == "submitted":
                if self.submitted is None:
                    self.submitted = event
                if details.get("expedited_requested"):
                    self.expedited = True
            elif kind == "received":
                if details.get("received_by_designated_component"):
                    if self.designated is None:
                        self.designated = event
                elif self.proper is None:
                    self.proper = event
                if details.get("expedited_requested"):
                    self.expedited = True
            elif kind == "acknowledged":
                if self.acknowledged_receipt is None:
                    self.acknowledged_receipt = parse_detail_date(details.get("received_date"))
                self._expedite_decision(event, details)
            elif kind == "extension":
                self.extensions.append(event)
            elif kind == "info-request":
                self.info_requests.append(event)
            elif kind == "info-reply":
                self.info_replies.append(event)
            elif kind == "fee-notice":
                self.fee_notices.append(event)
            elif kind == "fee-reply":
                self.fee_replies.append(event)
            elif kind == "response":
                self.responses.append(event)
                outcome = str(details.get("outcome") or "")
                if self.final_response is None and outcome not in SIDE_OUTCOMES:
                    self.final_response = event
                self._expedite_decision(event, details)
            elif kind == "appeal-filed":
                self.appeal_filed.append(event)
            elif kind == "appeal-received":
                self.appeal_received.append(event)
            elif kind == "appeal-decision":
                self.appeal_decisions.append(event)
            elif kind == "mediation":
                self.mediation = self.mediation or event
            elif kind == "lawsuit":
                self.lawsuit = self.lawsuit or event
            elif kind == "withdrawn":
                self.withdrawn = self.withdrawn or event

    def _expedite_decision(self, event: EventRecord, details) -> None:
        if self.expedite_decision is not None:
            return
        outcome = str(details.get("outcome") or "")
        if details.get("expedite") in ("granted", "denied") or outcome.startswith("expedite-"):
            self.expedite_decision = event

    def appeal_anchor(self) -> EventRecord | None:
        """The appeal the appeal clock follows: the last one filed (or received)."""
        if self.appeal_filed:
            return self.appeal_filed[-1]
        return self.appeal_received[-1] if self.appeal_received else None

    def latest_adverse(self) -> EventRecord | None:
        """The latest response that can be appealed (not a full grant)."""
        for event in reversed(self.responses):
            outcome = str((event.details or _EMPTY).get("outcome") or "")
            if outcome not in FULL_OUTCOMES and outcome != "expedite-granted" \
                    and outcome != "fee-waiver-granted":
                return event
        return None
