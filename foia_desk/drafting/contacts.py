"""Who a letter is addressed to, and which of the contact facts used are not verified."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Office

# OGIS contact facts, reference §1.6: phone and email verified (DEA FOIA help page),
# the mailing address only partly (room from a truncated NOAA letter, street from NARA).
OGIS_NAME = "Office of Government Information Services (OGIS)"
OGIS_ADDRESS = ("National Archives and Records Administration", "8601 Adelphi Road, Room 2510",
                "College Park, MD 20740-6001")
OGIS_EMAIL = "ogis@nara.gov"
OGIS_PHONE = "1-877-684-6448"
OGIS_ADDRESS_NOTE = ("OGIS mailing address (8601 Adelphi Road, Room 2510, College Park, "
                     "MD 20740-6001) is only partly confirmed in our sources; email "
                     f"{OGIS_EMAIL} is confirmed")

FIELD_LABELS = {"name": "name", "address": "mailing address", "email": "email address",
                "portal": "web portal"}
USED_FIELDS = ("name", "address", "email", "portal")


@dataclass
class Addressee:
    """The office a letter goes to, flattened for the template."""

    name: str
    address: list[str]
    email: str = ""
    portal: str = ""
    unverified: list[str] = field(default_factory=list)  # human-readable descriptions
    notes: list[str] = field(default_factory=list)

    def to_context(self) -> dict[str, object]:
        return {"name": self.name, "address": list(self.address), "email": self.email,
                "portal": self.portal, "block": [self.name, *self.address]}


def _describe_unverified(office: Office, label: str) -> list[str]:
    out = []
    for name in USED_FIELDS:
        fact = office.fact(name)
        if fact is None or not fact.value or fact.status == "verified":
            continue
        value = "; ".join(fact.value) if isinstance(fact.value, tuple) else fact.value
        checked = f", last checked {fact.checked}" if fact.checked else ""
        source = f" ({fact.source}{checked})" if fact.source else checked
        out.append(f"{label[0].upper()}{label[1:]} {FIELD_LABELS[name]} '{value}' is "
                   f"{fact.status}{source}")
    return out


STALE_AFTER_DAYS = 3 * 365
_STALE_LABELS = {"name": "name", "address": "mailing address", "email": "email address",
                 "portal": "web portal"}


def _stale_notes(office: Office, label: str, today: date) -> list[str]:
    """Verified facts whose last check is old: offices move, so say when it was confirmed."""
    stale: dict[str, list[str]] = {}
    for name in USED_FIELDS:
        fact = office.fact(name)
        if fact is None or not fact.value or fact.status != "verified" or not fact.checked:
            continue
        try:
            checked = date.fromisoformat(fact.checked[:10])
        except ValueError:
            continue
        if (today - checked).days > STALE_AFTER_DAYS:
            stale.setdefault(fact.checked, []).append(_STALE_LABELS[name])
    notes = []
    for checked, names in stale.items():
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "was" if len(names) == 1 else "were"
        notes.append(f"The {label}'s {listed} {verb} last confirmed on {checked}; check the "
                     "agency's FOIA page for changes before sending.")
    return notes


def office_addressee(agency: Agency, office: Office, label: str,
                     today: date | None = None) -> Addressee:
    return Addressee(name=office.name or f"FOIA Office, {agency.name}",
                     address=list(office.address), email=office.email, portal=office.portal,
                     unverified=_describe_unverified(office, label),
                     notes=_stale_notes(office, label, today or date.today()))


def foia_addressee(agency: Agency, today: date | None = None) -> Addressee:
    return office_addressee(agency, agency.foia_office, "FOIA office", today)


def appeal_addressee(agency: Agency, today: date | None = None) -> Addressee:
    """The appeal authority; without one in the directory, the component's appeals officer."""
    office = agency.appeal.office
    if office is not None and (office.address or office.email or office.portal):
        return office_addressee(agency, office, "appeal office", today)
    fallback = foia_addressee(agency, today)
    fallback.name = f"FOIA Appeals Officer, {agency.name}"
    fallback.notes.append(
        f"The directory has no confirmed appeal address for {agency.name}; this appeal is "
        "addressed to its FOIA office. Use the appeal address given in the determination "
        "letter if it names one."
    )
    return fallback


def ogis_addressee() -> Addressee:
    return Addressee(name=OGIS_NAME, address=list(OGIS_ADDRESS), email=OGIS_EMAIL,
                     unverified=[OGIS_ADDRESS_NOTE])
