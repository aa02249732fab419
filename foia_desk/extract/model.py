"""Data classes for extraction findings; ``Findings.to_dict()`` is the stable JSON of issue 3."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, order=True)
class Mention:
    """A span of the ingested (original) text: ``text == ingested[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


_new_object = object.__new__


def new_mention(start: int, end: int, text: str) -> Mention:
    """``Mention(start, end, text)`` at about a third of the cost.

    A megabyte of article makes tens of thousands of mentions; a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``, so the fields are written
    into the new instance's ``__dict__`` instead. Same object: equal, same hash, repr and
    pickle (tests/test_extract_split_hits.py fails if Mention's fields change).
    """
    mention = _new_object(Mention)
    fields = mention.__dict__
    fields["start"] = start
    fields["end"] = end
    fields["text"] = text
    return mention


@dataclass
class AgencyFinding:
    """A FOIA agency the article names (role "mentioned") or only suggests."""

    id: str
    name: str
    parent: str | None
    role: str  # "mentioned" | "inferred" | "parent"
    confidence: float
    reason: str = ""
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Mention] = field(default_factory=list)

    @property
    def inferred(self) -> bool:
        return self.role != "mentioned"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "parent": self.parent,
            "inferred": self.inferred,
            "role": self.role,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
            "mentions": [m.to_dict() for m in sorted(self.mentions)],
            "evidence": [m.to_dict() for m in sorted(self.evidence)],
        }


@dataclass
class NonFoiaFinding:
    """A body federal FOIA does not reach, with why and where to ask instead."""

    name: str
    kind: str
    reason: str
    route: str
    mentions: list[Mention] = field(default_factory=list)
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "reason": self.reason,
            "route": self.route,
            "mentions": [m.to_dict() for m in sorted(self.mentions)],
        }


@dataclass
class DateFinding:
    """A date expression; ``date`` is None when it cannot be resolved without guessing.

    ``end`` (the calendar end) is set for expressions naming a period ("in 2023", "last
    month"); ``relative`` marks values resolved against the article's date.
    """

    text: str
    start: int
    end: int
    date: date | None
    relative: bool = False
    period_end: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "start": self.start,
            "end": self.end,
            "relative": self.relative,
            "period_end": self.period_end.isoformat() if self.period_end else None,
        }


@dataclass
class Topic:
    """A candidate description of records a journalist could request."""

    id: str
    kind: str  # program | operation | communication | data | policy | statistic
    text: str
    agencies: list[str]
    date_range: tuple[date | None, date | None]
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 0.6

    def to_dict(self) -> dict[str, Any]:
        start, end = self.date_range
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "agencies": list(self.agencies),
            "date_range": [start.isoformat() if start else None,
                           end.isoformat() if end else None],
            "confidence": round(self.confidence, 2),
            "mentions": [m.to_dict() for m in sorted(self.mentions)],
        }


@dataclass
class SpunInfo:
    detected: bool
    score: float
    substitutions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"detected": self.detected, "score": round(self.score, 3),
                "substitutions": self.substitutions}


@dataclass
class Findings:
    """Everything extracted from one article."""

    text: str
    agencies: list[AgencyFinding]
    non_foia: list[NonFoiaFinding]
    topics: list[Topic]
    dates: list[DateFinding]
    spun: SpunInfo
    article_date: date | None = None

    def agency(self, agency_id: str) -> AgencyFinding | None:
        return next((a for a in self.agencies if a.id == agency_id), None)

    def mentioned_ids(self) -> list[str]:
        return [a.id for a in self.agencies if a.role == "mentioned"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_date": self.article_date.isoformat() if self.article_date else None,
            "agencies": [a.to_dict() for a in self.agencies],
            "non_foia": [b.to_dict() for b in self.non_foia],
            "topics": [t.to_dict() for t in self.topics],
            "dates": [d.to_dict() for d in self.dates],
            "spun": self.spun.to_dict(),
        }
