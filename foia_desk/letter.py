"""The one letter source: a rendered Markdown letter plus the facts every output needs.

Templates render to Markdown (foia_desk.drafting); preview, DOCX, PDF, email and plain text
are all produced from ``Letter.markdown`` by foia_desk.export, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Letter:
    """A rendered request letter, ready for preview and export."""

    markdown: str
    subject: str
    agency_id: str
    agency_name: str
    kind: str  # foia | privacy-act | follow-up | appeal | mediation
    template_name: str
    author: str = ""  # requester (or representative) name, for document metadata
    from_email: str = ""
    to_email: str = ""  # the agency's FOIA email, empty when it has none
    portal: str = ""  # the agency's web portal, when it has one
    portal_char_limit: int | None = None  # known character limit of that portal's text box
    unverified_contacts: tuple[str, ...] = ()  # contact facts in the letter not verified
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.subject

    def suggested_filename(self) -> str:
        """A safe file stem such as ``foia-uspis-2025-05-02``."""
        safe_kind = "".join(c if c.isalnum() else "-" for c in self.kind).strip("-")
        safe_agency = "".join(c if c.isalnum() else "-" for c in self.agency_id).strip("-")
        date = self.meta.get("date", "")
        return "-".join(p for p in (safe_kind, safe_agency, date) if p) or "letter"
