"""What the caller asks for: the records, the optional sections and the facts of a case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from foia_desk.errors import UserError

KINDS = ("foia", "privacy-act", "follow-up", "appeal", "mediation")
KIND_LABELS = {
    "foia": "FOIA records request",
    "privacy-act": "Privacy Act request for your own records",
    "follow-up": "follow-up / status inquiry",
    "appeal": "administrative appeal",
    "mediation": "request for OGIS mediation",
}
EXPEDITE_BASES = ("urgency-to-inform", "imminent-threat")
FORMATS = ("electronic", "paper")


class MissingFieldsError(UserError):
    """Fields a letter needs are empty; ``missing`` lists them in words a user understands."""

    def __init__(self, missing: list[str], *, agency_name: str = "") -> None:
        self.missing = list(missing)
        where = f" to {agency_name}" if agency_name else ""
        super().__init__(
            f"The letter{where} cannot be drafted yet; missing: " + "; ".join(self.missing) + ".",
            "Fill these in (profile, options or command-line flags) and draft again.",
        )


@dataclass(frozen=True)
class RecordItem:
    """One numbered item in the records list, with its own optional date range."""

    text: str
    date_start: date | None = None
    date_end: date | None = None


@dataclass
class DraftOptions:
    """Everything about one letter that is not the agency or the requester profile.

    ``None`` for ``fee_limit``, ``fee_waiver`` and ``expedite`` means "use the profile's
    setting". Free-text fields are data: they are escaped, never interpreted as Markdown or
    template code.
    """

    kind: str = "foia"
    records: list[RecordItem] = field(default_factory=list)
    date_start: date | None = None
    date_end: date | None = None
    subject_hint: str = ""
    background: str = ""  # optional paragraph: why the requester is asking
    article_title: str = ""
    article_outlet: str = ""
    article_date: date | None = None
    # fees
    fee_limit: Decimal | None = None
    fee_waiver: bool | None = None
    waiver_subject: str = ""  # how the records concern government operations
    waiver_informative: str = ""  # what new information they would add
    waiver_audience: str = ""  # who will learn of it and how it will be disseminated
    waiver_significance: str = ""  # why the contribution to understanding is significant
    waiver_commercial: str = ""  # statement about commercial interest
    # expedited processing
    expedite: bool | None = None
    expedite_basis: str = "urgency-to-inform"
    expedite_justification: str = ""
    # delivery
    format_preference: str = "electronic"
    format_notes: str = ""
    rolling_release: bool = True
    # template
    template: str | None = None
    # follow-up, appeal, mediation facts
    tracking_number: str = ""
    request_date: date | None = None
    determination_date: date | None = None
    exemptions: list[str] = field(default_factory=list)
    appeal_grounds: str = ""
    due_date: date | None = None
    due_explanation: str = ""
    dispute: str = ""  # mediation: what the disagreement is about
    # Privacy Act identity facts (kept out of saved profiles on purpose)
    date_of_birth: date | str | None = None
    place_of_birth: str = ""
    other_names: str = ""
    declaration_outside_us: bool = False
    # letter
    letter_date: date | None = None

    def validate(self) -> None:
        """Reject option values that no letter could use (not missing ones: see check)."""
        if self.kind not in KINDS:
            raise UserError(f"Unknown letter kind {self.kind!r}.",
                            "Use one of: " + ", ".join(KINDS) + ".")
        if self.expedite_basis not in EXPEDITE_BASES:
            raise UserError(f"Unknown expedited-processing basis {self.expedite_basis!r}.",
                            "Use one of: " + ", ".join(EXPEDITE_BASES) + ".")
        if self.format_preference not in FORMATS:
            raise UserError(f"Unknown format preference {self.format_preference!r}.",
                            "Use one of: " + ", ".join(FORMATS) + ".")
        if self.date_start and self.date_end and self.date_start > self.date_end:
            raise UserError(f"The date range starts ({self.date_start}) after it ends "
                            f"({self.date_end}).")
        for number, item in enumerate(self.records, 1):
            if item.date_start and item.date_end and item.date_start > item.date_end:
                raise UserError(f"Record item {number} starts ({item.date_start}) after it "
                                f"ends ({item.date_end}).")
        if self.fee_limit is not None and self.fee_limit < 0:
            raise UserError("The fee limit cannot be negative.")
