"""The agency directory: who answers FOIA requests, where to send them, and who does not.

Loaded from two human-editable TOML files in ``resources/``:

* ``agencies.toml`` — ``[[agency]]`` entries (see the comment block at the top of that file
  for the schema). Every contact fact carries a verification status, its source and the
  date it was last checked; the app shows unverified facts as such.
* ``non_foia.toml`` — ``[[body]]`` entries for bodies FOIA does not reach (Congress, courts,
  state and local agencies, newspapers, NGOs, companies) with the reason and better route,
  and ``[kinds.KIND]`` tables giving the default reason/route for each kind.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from foia_desk.errors import UserError
from foia_desk.paths import resource_path

STATUSES = ("verified", "secondary", "partial", "unverified")
OFFICE_FIELDS = ("name", "address", "email", "portal", "phone", "fax")
STATUTORY_APPEAL_FLOOR_DAYS = 90
FAMILIES = ("usps", "dhs", "doj", "irs", "generic")


@dataclass(frozen=True)
class ContactFact:
    """One contact detail with where it came from and how far it can be trusted."""

    value: str | tuple[str, ...]
    status: str
    source: str
    checked: str | None

    @property
    def trusted(self) -> bool:
        return self.status == "verified"

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"value": value, "status": self.status, "source": self.source,
                "checked": self.checked}


@dataclass(frozen=True)
class Office:
    """A FOIA office or appeal authority: name, address lines and electronic channels."""

    name: str
    address: tuple[str, ...] = ()
    email: str = ""
    portal: str = ""
    phone: str = ""
    fax: str = ""
    facts: Mapping[str, ContactFact] = field(default_factory=dict)
    notes: str = ""

    def fact(self, name: str) -> ContactFact | None:
        return self.facts.get(name)

    def unverified_fields(self) -> list[str]:
        """Fields whose value is present but not verified in an official source."""
        return [n for n, f in self.facts.items() if f.value and f.status != "verified"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "address": list(self.address),
            "email": self.email,
            "portal": self.portal,
            "phone": self.phone,
            "fax": self.fax,
            "notes": self.notes,
            "facts": {n: f.to_dict() for n, f in self.facts.items()},
        }


@dataclass(frozen=True)
class AppealRule:
    """Where appeals go and how long the requester has, as the agency's rule states it."""

    office: Office | None
    window_days: int
    window_unit: str  # "calendar" or "working"
    rule: str  # citation of the agency rule the window comes from
    notes: str = ""
    status: str = "unverified"  # how far the window itself is confirmed (STATUSES)
    source: str = ""
    checked: str | None = None

    @property
    def effective_days(self) -> int:
        """The window actually allowed: never below the statutory 90-day floor."""
        return max(self.window_days, STATUTORY_APPEAL_FLOOR_DAYS)

    @property
    def raised_to_floor(self) -> bool:
        return self.window_days < STATUTORY_APPEAL_FLOOR_DAYS

    def to_dict(self) -> dict[str, Any]:
        return {
            "office": self.office.to_dict() if self.office else None,
            "window": {"days": self.effective_days, "unit": self.window_unit,
                       "rule_days": self.window_days, "raised_to_statutory_floor":
                       self.raised_to_floor},
            "rule": self.rule,
            "notes": self.notes,
            "status": self.status,
            "source": self.source,
            "checked": self.checked,
        }


@dataclass(frozen=True)
class Agency:
    """A federal agency or component that answers FOIA requests."""

    id: str
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    informal: tuple[str, ...]
    parent: str | None
    kind: str
    family: str
    regulation: str
    privacy_regulation: str
    foia_office: Office
    appeal: AppealRule
    ambiguous: tuple[str, ...] = ()
    dc_area: bool = True
    notes: str = ""
    regulation_source: str = ""  # where the citation comes from when not the reference

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "acronyms": list(self.acronyms),
            "aliases": list(self.aliases),
            "informal": list(self.informal),
            "parent": self.parent,
            "kind": self.kind,
            "family": self.family,
            "regulation": self.regulation,
            "regulation_source": self.regulation_source,
            "privacy_regulation": self.privacy_regulation,
            "foia_office": self.foia_office.to_dict(),
            "appeal": self.appeal.to_dict(),
            "ambiguous": list(self.ambiguous),
            "dc_area": self.dc_area,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class NonFoiaBody:
    """A body an article may name that federal FOIA does not reach."""

    id: str
    name: str
    kind: str
    names: tuple[str, ...]
    reason: str
    route: str
    state: str = ""  # the U.S. state whose public records law applies, when known

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "names": list(self.names),
                "reason": self.reason, "route": self.route, "state": self.state}


@dataclass(frozen=True)
class NonFoiaKind:
    """Default reason and better route for a kind of non-FOIA body (e.g. state_local)."""

    kind: str
    label: str
    reason: str
    route: str


class DirectoryError(UserError):
    """The directory files are missing or malformed."""


def _fact(raw: Any, defaults: Mapping[str, Any], where: str) -> ContactFact:
    if isinstance(raw, Mapping):
        value = raw.get("value", raw.get("lines", ""))
        status = raw.get("status", defaults.get("status", "unverified"))
        source = raw.get("source", defaults.get("source", ""))
        checked = raw.get("checked", defaults.get("checked"))
    else:
        value, status = raw, defaults.get("status", "unverified")
        source, checked = defaults.get("source", ""), defaults.get("checked")
    if isinstance(value, list):
        value = tuple(str(v) for v in value)
    if status not in STATUSES:
        raise DirectoryError(f"{where}: unknown verification status {status!r}")
    return ContactFact(value=value, status=status, source=str(source),
                       checked=str(checked) if checked else None)


def _office(raw: Mapping[str, Any] | None, where: str) -> Office | None:
    if not raw:
        return None
    defaults = {k: raw[k] for k in ("status", "source", "checked") if k in raw}
    facts: dict[str, ContactFact] = {}
    for name in OFFICE_FIELDS:
        if name in raw:
            facts[name] = _fact(raw[name], defaults, f"{where}.{name}")
    def text(name: str) -> str:
        fact = facts.get(name)
        return fact.value if fact and isinstance(fact.value, str) else ""
    address_fact = facts.get("address")
    address: tuple[str, ...] = ()
    if address_fact:
        value = address_fact.value
        address = value if isinstance(value, tuple) else tuple(value.splitlines())
    return Office(name=text("name"), address=address, email=text("email"),
                  portal=text("portal"), phone=text("phone"), fax=text("fax"),
                  facts=facts, notes=str(raw.get("notes", "")))


def _agency(raw: Mapping[str, Any]) -> Agency:
    where = f"agency {raw.get('id', '?')}"
    for key in ("id", "name", "regulation", "foia_office", "appeal"):
        if key not in raw:
            raise DirectoryError(f"{where}: missing required field '{key}'")
    office = _office(raw["foia_office"], f"{where}.foia_office")
    if office is None:
        raise DirectoryError(f"{where}: foia_office is empty")
    appeal_raw = raw["appeal"]
    unit = appeal_raw.get("window_unit", "calendar")
    if unit not in ("calendar", "working"):
        raise DirectoryError(f"{where}: appeal.window_unit must be 'calendar' or 'working'")
    appeal_status = appeal_raw.get("status", "unverified")
    if appeal_status not in STATUSES:
        raise DirectoryError(f"{where}.appeal: unknown verification status {appeal_status!r}")
    try:
        window_days = int(appeal_raw.get("window_days", STATUTORY_APPEAL_FLOOR_DAYS))
    except (TypeError, ValueError):
        raise DirectoryError(f"{where}: appeal.window_days must be a whole number") from None
    appeal = AppealRule(
        office=_office(appeal_raw.get("office"), f"{where}.appeal.office"),
        window_days=window_days,
        window_unit=unit,
        rule=str(appeal_raw.get("rule", "")),
        notes=str(appeal_raw.get("notes", "")),
        status=appeal_status,
        source=str(appeal_raw.get("source", "")),
        checked=str(appeal_raw["checked"]) if appeal_raw.get("checked") else None,
    )
    family = raw.get("family", "generic")
    if family not in FAMILIES:
        raise DirectoryError(f"{where}: family must be one of {', '.join(FAMILIES)}")
    return Agency(
        id=str(raw["id"]),
        name=str(raw["name"]),
        acronyms=tuple(raw.get("acronyms", ())),
        aliases=tuple(raw.get("aliases", ())),
        informal=tuple(raw.get("informal", ())),
        parent=raw.get("parent") or None,
        kind=str(raw.get("kind", "agency")),
        family=family,
        regulation=str(raw["regulation"]),
        privacy_regulation=str(raw.get("privacy_regulation", "")),
        foia_office=office,
        appeal=appeal,
        ambiguous=tuple(raw.get("ambiguous", ())),
        dc_area=bool(raw.get("dc_area", True)),
        notes=str(raw.get("notes", "")),
        regulation_source=str(raw.get("regulation_source", "")),
    )


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


class Directory:
    """All agencies and non-FOIA bodies, with look-up by id, name, acronym or alias."""

    def __init__(self, agencies: Iterable[Agency], bodies: Iterable[NonFoiaBody] = (),
                 kinds: Iterable[NonFoiaKind] = (),
                 state_laws: Mapping[str, str] | None = None) -> None:
        self.agencies: dict[str, Agency] = {}
        for agency in agencies:
            if agency.id in self.agencies:
                raise DirectoryError(f"agency id {agency.id!r} appears twice")
            self.agencies[agency.id] = agency
        self.bodies: list[NonFoiaBody] = list(bodies)
        self.kinds: dict[str, NonFoiaKind] = {k.kind: k for k in kinds}
        # State (and D.C.) -> usual name of its public records law; general knowledge.
        self.state_laws: dict[str, str] = dict(state_laws or {})
        self._by_name: dict[str, list[str]] = {}
        for agency in self.agencies.values():
            for name in (agency.id, agency.name, *agency.acronyms, *agency.aliases):
                ids = self._by_name.setdefault(_normalise(name), [])
                if agency.id not in ids:
                    ids.append(agency.id)

    def __len__(self) -> int:
        return len(self.agencies)

    def __iter__(self):
        return iter(self.agencies.values())

    def get(self, agency_id: str) -> Agency:
        try:
            return self.agencies[agency_id]
        except KeyError:
            raise UserError(f"No agency with id {agency_id!r} in the directory.",
                            "Run 'foia-desk agencies QUERY' to find the right id.") from None

    def find(self, name_or_id: str) -> list[Agency]:
        """Agencies whose id, name, acronym or alias equals ``name_or_id`` (case-insensitive)."""
        return [self.agencies[i] for i in self._by_name.get(_normalise(name_or_id), [])]

    def resolve(self, name_or_id: str) -> Agency:
        """The one agency meant by ``name_or_id``; a clear error when none or several match."""
        if name_or_id in self.agencies:
            return self.agencies[name_or_id]
        matches = self.find(name_or_id)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            return self.get(name_or_id)
        ids = ", ".join(a.id for a in matches)
        raise UserError(f"{name_or_id!r} could mean several agencies: {ids}.")

    def search(self, query: str) -> list[Agency]:
        """Agencies whose id, name, acronyms, aliases or informal names contain ``query`` at
        the start of a word (all agencies if empty); exact name matches come first.

        Word starts keep short queries useful: "ice" finds ICE, not every "Service"."""
        needle = _normalise(query)
        if not needle:
            return list(self.agencies.values())
        pattern = re.compile(r"(?<![\w])" + re.escape(needle))
        exact = self.find(query)
        hits = list(exact)
        for agency in self.agencies.values():
            if agency in hits:
                continue
            names = (agency.id, agency.name, *agency.acronyms, *agency.aliases, *agency.informal)
            if any(pattern.search(_normalise(name)) for name in names):
                hits.append(agency)
        return hits

    def parent_of(self, agency_id: str) -> Agency | None:
        parent = self.get(agency_id).parent
        return self.agencies.get(parent) if parent else None

    def children_of(self, agency_id: str) -> list[Agency]:
        return [a for a in self.agencies.values() if a.parent == agency_id]

    def ancestors(self, agency_id: str) -> list[Agency]:
        """Parent, grandparent... of an agency, nearest first."""
        chain: list[Agency] = []
        current = self.parent_of(agency_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parent_of(current.id)
        return chain

    def kind(self, kind: str) -> NonFoiaKind | None:
        return self.kinds.get(kind)

    def public_records_law(self, state: str) -> str | None:
        """Usual name of a state's public records law; ``state`` is the full name, any case."""
        wanted = _normalise(state)
        return next((law for name, law in self.state_laws.items()
                     if _normalise(name) == wanted), None)


def load_directory_from(agencies_file: Path, bodies_file: Path | None = None) -> Directory:
    """Load a directory from explicit files (tests and user overrides use this)."""
    try:
        raw = tomllib.loads(agencies_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DirectoryError(f"Cannot read the agency directory {agencies_file}: {exc}") from exc
    agencies = [_agency(entry) for entry in raw.get("agency", [])]
    bodies: list[NonFoiaBody] = []
    kinds: list[NonFoiaKind] = []
    state_laws: dict[str, str] = {}
    if bodies_file is not None and bodies_file.exists():
        try:
            braw = tomllib.loads(bodies_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DirectoryError(f"Cannot read {bodies_file}: {exc}") from exc
        for kind, kraw in braw.get("kinds", {}).items():
            kinds.append(NonFoiaKind(kind=kind, label=str(kraw.get("label", kind)),
                                     reason=str(kraw.get("reason", "")),
                                     route=str(kraw.get("route", ""))))
        kind_map = {k.kind: k for k in kinds}
        state_laws = {str(k): str(v) for k, v in braw.get("states", {}).items()}
        for entry in braw.get("body", []):
            if not entry.get("id") or not entry.get("name"):
                raise DirectoryError(f"{bodies_file.name}: a [[body]] entry lacks an id or name")
            kind = str(entry.get("kind", "private"))
            default = kind_map.get(kind)
            bodies.append(NonFoiaBody(
                id=str(entry["id"]),
                name=str(entry["name"]),
                kind=kind,
                names=tuple(entry.get("names", ())),
                reason=str(entry.get("reason") or (default.reason if default else "")),
                route=str(entry.get("route") or (default.route if default else "")),
                state=str(entry.get("state", "")),
            ))
    return Directory(agencies, bodies, kinds, state_laws)


@cache
def load_directory() -> Directory:
    """The bundled directory, loaded once per process."""
    return load_directory_from(resource_path("agencies.toml"), resource_path("non_foia.toml"))
