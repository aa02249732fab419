"""Consistency checks for the agency directory (used by the tests and by anyone editing the TOML).

The loader in :mod:`foia_desk.directory` rejects files it cannot read at all; the checks here
find entries that load but would mislead a user: a missing parent, an alias two agencies
claim without saying so, a contact fact with no source, an appeal window that contradicts
the agency family's rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from foia_desk.directory import (
    FAMILIES,
    STATUSES,
    STATUTORY_APPEAL_FLOOR_DAYS,
    Agency,
    ContactFact,
    Directory,
    Office,
    load_directory,
)

KINDS = ("department", "component", "independent", "office")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

# What each template family's appeal rule must look like (see shared/reference §1.4).
FAMILY_APPEAL = {
    "usps": ("calendar", 90, "General Counsel"),
    "dhs": ("working", 90, ""),
    "doj": ("calendar", 90, "Office of Information Policy"),
}


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _check_fact(where: str, fact: ContactFact) -> list[str]:
    problems = []
    if fact.status not in STATUSES:
        problems.append(f"{where}: status {fact.status!r} is not one of {', '.join(STATUSES)}")
    if not fact.source.strip():
        problems.append(f"{where}: no source given")
    if fact.checked:
        try:
            date.fromisoformat(fact.checked)
        except ValueError:
            problems.append(f"{where}: checked date {fact.checked!r} is not YYYY-MM-DD")
    return problems


def _check_office(where: str, office: Office) -> list[str]:
    problems = []
    if not office.name.strip():
        problems.append(f"{where}: the office has no name")
    for field_name, fact in office.facts.items():
        problems += _check_fact(f"{where}.{field_name}", fact)
    return problems


def _check_agency(agency: Agency, directory: Directory) -> list[str]:
    where = f"agency {agency.id}"
    problems = []
    if not _ID_PATTERN.match(agency.id):
        problems.append(f"{where}: id must be lower-case letters, digits and underscores")
    for label, value in (("name", agency.name), ("regulation", agency.regulation)):
        if not value.strip():
            problems.append(f"{where}: {label} is empty")
    if agency.kind not in KINDS:
        problems.append(f"{where}: kind {agency.kind!r} is not one of {', '.join(KINDS)}")
    if agency.family not in FAMILIES:
        problems.append(f"{where}: family {agency.family!r} is not one of {', '.join(FAMILIES)}")
    if agency.parent and agency.parent not in directory.agencies:
        problems.append(f"{where}: parent {agency.parent!r} is not in the directory")
    if agency.id in {a.id for a in directory.ancestors(agency.id)}:
        problems.append(f"{where}: its parent chain loops back to itself")
    for acronym in agency.acronyms:
        if acronym != acronym.strip() or sum(c.isupper() for c in acronym) < 2:
            problems.append(f"{where}: {acronym!r} does not look like an acronym")
    problems += _check_office(f"{where}.foia_office", agency.foia_office)
    problems += _check_appeal(agency)
    return problems


def _check_appeal(agency: Agency) -> list[str]:
    where = f"agency {agency.id}.appeal"
    appeal = agency.appeal
    problems = []
    if appeal.window_days <= 0:
        problems.append(f"{where}: window_days must be positive")
    if not appeal.rule.strip():
        problems.append(f"{where}: no rule citation")
    if appeal.status not in STATUSES:
        problems.append(f"{where}: status {appeal.status!r} is not one of {', '.join(STATUSES)}")
    if not appeal.source.strip():
        problems.append(f"{where}: no source for the appeal window")
    if appeal.effective_days < STATUTORY_APPEAL_FLOOR_DAYS:
        problems.append(f"{where}: effective window is below the statutory 90-day floor")
    if appeal.office is not None:
        problems += _check_office(f"{where}.office", appeal.office)
    expected = FAMILY_APPEAL.get(agency.family)
    if expected:
        unit, days, office_word = expected
        if (appeal.window_unit, appeal.window_days) != (unit, days):
            problems.append(f"{where}: the {agency.family} family appeals within {days} {unit} "
                            f"days, not {appeal.window_days} {appeal.window_unit}")
        if office_word and (appeal.office is None or office_word not in appeal.office.name):
            problems.append(f"{where}: the {agency.family} family appeals to the "
                            f"{office_word}")
    return problems


def _check_shared_names(directory: Directory) -> list[str]:
    """An alias or acronym claimed by two agencies must be listed as ambiguous by both."""
    owners: dict[str, set[str]] = defaultdict(set)
    for agency in directory:
        for name in (agency.name, *agency.acronyms, *agency.aliases):
            owners[_norm(name)].add(agency.id)
    problems = []
    for name, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        for agency_id in sorted(ids):
            ambiguous = {_norm(a) for a in directory.get(agency_id).ambiguous}
            if name not in ambiguous:
                others = ", ".join(sorted(ids - {agency_id}))
                problems.append(f"agency {agency_id}: {name!r} is shared with {others} but "
                                "not listed as ambiguous")
    return problems


def _check_bodies(directory: Directory) -> list[str]:
    problems = []
    for kind in directory.kinds.values():
        for label in ("label", "reason", "route"):
            if not getattr(kind, label).strip():
                problems.append(f"non-FOIA kind {kind.kind}: {label} is empty")
    seen: set[str] = set()
    agency_names = {_norm(n) for a in directory for n in (a.name, *a.aliases, *a.acronyms)}
    for body in directory.bodies:
        where = f"non-FOIA body {body.id}"
        if body.id in seen:
            problems.append(f"{where}: id appears twice")
        seen.add(body.id)
        if body.kind not in directory.kinds:
            problems.append(f"{where}: kind {body.kind!r} has no [kinds.{body.kind}] table")
        if not body.reason.strip() or not body.route.strip():
            problems.append(f"{where}: reason and route must both be given")
        if not body.names:
            problems.append(f"{where}: no names listed")
        if body.state and directory.public_records_law(body.state) is None:
            problems.append(f"{where}: state {body.state!r} is not in [states]")
        for name in body.names:
            if _norm(name) in agency_names:
                problems.append(f"{where}: {name!r} is also an agency name")
    return problems


def validate_directory(directory: Directory | None = None) -> list[str]:
    """Every problem found in ``directory`` (the bundled one by default); empty when sound."""
    directory = directory if directory is not None else load_directory()
    problems: list[str] = []
    for agency in directory:
        problems += _check_agency(agency, directory)
    problems += _check_shared_names(directory)
    problems += _check_bodies(directory)
    return problems
