"""Requester profiles: who is asking, how to reach them, and what fee category they claim.

A profile is a small TOML file. Users keep several (a personal one, a newsroom one, a clinic
one) in :func:`foia_desk.paths.profiles_dir`. The CLI reads any TOML file with
:func:`load_profile`; :func:`save_profile` writes one atomically through foia_desk.fileio.

TOML is written by hand (the standard library only reads TOML) with a small, strict encoder
for the handful of value types a profile holds.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from foia_desk.errors import UserError

CATEGORIES = ("news_media", "educational", "scientific", "commercial", "other")
CATEGORY_LABELS = {
    "news_media": "representative of the news media",
    "educational": "educational institution",
    "scientific": "non-commercial scientific institution",
    "commercial": "commercial-use requester",
    "other": "all other requesters",
}
DEFAULT_FEE_LIMIT = Decimal("25")
# Far above any real FOIA fee; a larger figure is a typing slip (and 1E30 cannot be shown
# to the cent).
MAX_FEE_LIMIT = Decimal("1000000")


class ProfileError(UserError):
    """A profile file is unreadable, malformed or incomplete."""


@dataclass(frozen=True)
class Representative:
    """Someone acting for the requester (attorney, clinic student, newsroom counsel)."""

    name: str
    organization: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    role: str = ""  # e.g. "attorney"
    consent_to_release: bool = False  # requester consents to release of records to them


@dataclass(frozen=True)
class RequesterProfile:
    """The person (or organisation) making requests, as it appears in every letter."""

    name: str
    organization: str = ""
    address: str = ""  # multi-line, lines separated by "\n"
    email: str = ""
    phone: str = ""
    requester_category: str = "other"
    category_reason: str = ""
    outlet: str = ""
    assignment: str = ""  # contract or assignment supporting news-media status
    publications: tuple[str, ...] = ()
    fee_limit: Decimal = DEFAULT_FEE_LIMIT
    wants_fee_waiver: bool = False
    wants_expedited: bool = False
    representative: Representative | None = None

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.requester_category, self.requester_category)

    def slug(self) -> str:
        return profile_slug(self.name)


def profile_slug(name: str) -> str:
    """A file-name-safe stem for a profile name (Unicode letters kept)."""
    slug = re.sub(r"[^\w]+", "-", name.casefold(), flags=re.UNICODE).strip("-_")
    return slug[:60] or "profile"


# ---------------------------------------------------------------------------- reading

_PROFILE_KEYS = {f.name for f in fields(RequesterProfile)}
_REP_KEYS = {f.name for f in fields(Representative)}


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if isinstance(value, list):  # an address may be given as a list of lines
        if not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{where}: '{key}' must be text or a list of text lines.")
        return "\n".join(value)
    if not isinstance(value, str):
        raise ProfileError(f"{where}: '{key}' must be text, not {_toml_kind(value)}.",
                           f'Put the value in double quotes, e.g. {key} = "..."')
    return value.strip("\n")


def _toml_kind(value: Any) -> str:
    """What a TOML value is, in words a non-programmer knows (not a Python type name)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time"


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise ProfileError(f"{where}: '{key}' must be true or false.")
    return value


def parse_fee_limit(value: Any, where: str = "fee limit") -> Decimal:
    """A non-negative dollar amount from TOML, the CLI or the GUI."""
    if isinstance(value, bool):
        raise ProfileError(f"{where} must be a dollar amount such as 25 or 50.00.")
    try:
        amount = Decimal(str(value).strip().lstrip("$").replace(",", ""))
    except InvalidOperation:
        raise ProfileError(f"{where} must be a dollar amount such as 25 or 50.00, "
                           f"not {value!r}.") from None
    if not amount.is_finite() or amount < 0:
        raise ProfileError(f"{where} must be zero or a positive dollar amount.")
    if amount > MAX_FEE_LIMIT:  # also keeps the letter's "$1,234.50" formatting exact
        raise ProfileError(f"{where} must be at most ${MAX_FEE_LIMIT:,}, not {value}.")
    return amount


def profile_from_dict(raw: dict[str, Any], where: str = "profile") -> RequesterProfile:
    """Build a profile from parsed TOML, naming the first problem found."""
    unknown = sorted(set(raw) - _PROFILE_KEYS)
    if unknown:
        raise ProfileError(f"{where}: unknown key(s) {', '.join(unknown)}.",
                           "Allowed keys: " + ", ".join(sorted(_PROFILE_KEYS)) + ".")
    name = _text(raw, "name", where).strip()
    if not name:
        raise ProfileError(f"{where}: the requester's 'name' is missing.")
    category = _text(raw, "requester_category", where).strip() or "other"
    category = category.replace("-", "_").replace(" ", "_").lower()
    if category == "news":
        category = "news_media"
    if category not in CATEGORIES:
        raise ProfileError(f"{where}: unknown requester_category {category!r}.",
                           "Use one of: " + ", ".join(CATEGORIES) + ".")
    publications = raw.get("publications", [])
    if isinstance(publications, str):
        publications = [publications]
    if not isinstance(publications, list) or not all(isinstance(p, str) for p in publications):
        raise ProfileError(f"{where}: 'publications' must be a list of text entries.")
    representative = None
    rep_raw = raw.get("representative")
    if rep_raw is not None:
        rep_where = f"{where} [representative]"
        if not isinstance(rep_raw, dict):
            raise ProfileError(f"{rep_where} must be a table.")
        unknown = sorted(set(rep_raw) - _REP_KEYS)
        if unknown:
            raise ProfileError(f"{rep_where}: unknown key(s) {', '.join(unknown)}.")
        rep_name = _text(rep_raw, "name", rep_where).strip()
        if not rep_name:
            raise ProfileError(f"{rep_where}: the representative's 'name' is missing.")
        representative = Representative(
            name=rep_name,
            **{k: _text(rep_raw, k, rep_where)
               for k in ("organization", "address", "email", "phone", "role")},
            consent_to_release=_flag(rep_raw, "consent_to_release", rep_where),
        )
    return RequesterProfile(
        name=name,
        **{k: _text(raw, k, where) for k in ("organization", "address", "email", "phone",
                                             "category_reason", "outlet", "assignment")},
        requester_category=category,
        publications=tuple(p.strip() for p in publications if p.strip()),
        fee_limit=parse_fee_limit(raw.get("fee_limit", DEFAULT_FEE_LIMIT), f"{where}: fee_limit"),
        wants_fee_waiver=_flag(raw, "wants_fee_waiver", where),
        wants_expedited=_flag(raw, "wants_expedited", where),
        representative=representative,
    )


def parse_profile(text: str, where: str = "profile") -> RequesterProfile:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{where} is not valid TOML: {exc}.",
                           "Check quotes and '=' signs; multi-line addresses can use "
                           "triple quotes \"\"\"...\"\"\".") from None
    return profile_from_dict(raw, where)


def load_profile(path: str | Path) -> RequesterProfile:
    """Read a requester profile from a TOML file."""
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(f"Profile file {target} does not exist.") from None
    except UnicodeDecodeError:
        raise ProfileError(f"Profile file {target} is not UTF-8 text.") from None
    except OSError as exc:
        raise ProfileError(f"Cannot read profile file {target}: {exc.strerror or exc}.") from None
    return parse_profile(text, str(target))


# ---------------------------------------------------------------------------- writing

def _toml_string(value: str) -> str:
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _toml_string(format(value, "f"))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return _toml_string(str(value))


def profile_to_toml(profile: RequesterProfile) -> str:
    """The profile as TOML that :func:`parse_profile` reads back unchanged."""
    lines = ["# FOIA Desk requester profile"]
    for f in fields(RequesterProfile):
        if f.name == "representative":
            continue
        lines.append(f"{f.name} = {_toml_value(getattr(profile, f.name))}")
    rep = profile.representative
    if rep is not None:
        lines.append("")
        lines.append("[representative]")
        for f in fields(Representative):
            lines.append(f"{f.name} = {_toml_value(getattr(rep, f.name))}")
    return "\n".join(lines) + "\n"


def _profiles_dir() -> Path:
    from foia_desk.paths import profiles_dir

    return profiles_dir()


def list_profiles() -> list[tuple[Path, RequesterProfile | ProfileError]]:
    """Saved profiles, sorted by file name; a broken file is listed with its error."""
    result: list[tuple[Path, RequesterProfile | ProfileError]] = []
    for path in sorted(_profiles_dir().glob("*.toml")):
        try:
            result.append((path, load_profile(path)))
        except ProfileError as exc:
            result.append((path, exc))
    return result


def profile_path(name: str) -> Path:
    return _profiles_dir() / f"{profile_slug(name)}.toml"


def find_profile(name: str) -> tuple[Path, RequesterProfile]:
    """A saved profile by its file stem or its requester name (case-insensitive)."""
    candidates = [_profiles_dir() / f"{name}.toml", profile_path(name)]
    for path in candidates:
        if path.is_file():
            return path, load_profile(path)
    for path, loaded in list_profiles():
        if isinstance(loaded, RequesterProfile) and loaded.name.casefold() == name.casefold():
            return path, loaded
    raise ProfileError(f"No saved profile named {name!r}.",
                       "Run 'foia-desk profiles list' to see the saved profiles.")


def save_profile(profile: RequesterProfile, *, overwrite: bool = False) -> Path:
    """Save ``profile`` in the profiles folder, named after the requester."""
    from foia_desk.fileio import write_text

    path = profile_path(profile.name)
    if path.exists() and not overwrite:
        raise ProfileError(f"A profile named {path.stem!r} is already saved.",
                           "Remove it first or choose overwrite.")
    return write_text(path, profile_to_toml(profile), overwrite=overwrite)


def remove_profile(name: str) -> Path:
    path, _ = find_profile(name)
    try:
        path.unlink()
    except OSError as exc:
        raise ProfileError(f"Could not remove {path}: {exc.strerror or exc}.") from None
    return path


EXAMPLE_PROFILE = (
    'name = "Jane Q. Reporter"\n'
    'organization = "Example News"\n'
    'address = """1 Main Street\nSpringfield, IL 62701"""\n'
    'email = "jane@example.org"\n'
    'phone = "555-0100"\n'
    'requester_category = "news_media"\n'
    'outlet = "Example News"\n'
    'publications = ["https://example.org/jane"]\n'
    'fee_limit = 50\n'
)
__all__ = [
    "CATEGORIES", "DEFAULT_FEE_LIMIT", "EXAMPLE_PROFILE", "ProfileError", "Representative",
    "RequesterProfile", "find_profile", "list_profiles", "load_profile", "parse_profile",
    "profile_from_dict", "profile_to_toml", "remove_profile", "save_profile",
]
