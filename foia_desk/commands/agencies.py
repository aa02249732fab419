"""`foia-desk agencies`: look up the agency directory and the bodies FOIA does not reach.

    foia-desk agencies [QUERY]            table of matching agencies (id, acronym, name, parent)
    foia-desk agencies --json [QUERY]     the same as a JSON array of full entries
    foia-desk agencies --show ID          one entry in full, each contact fact with its status
    foia-desk agencies --non-foia [QUERY] bodies FOIA does not reach, with the better route
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence

from foia_desk.directory import Agency, ContactFact, Directory, NonFoiaBody, Office

_LABEL_WIDTH = 15


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agencies",
        help="look up federal agencies in the directory",
        description="List or search the agency directory. QUERY matches the start of a word in "
                    "an agency's id, name, acronyms and other names ('postal', 'ICE', 'border').",
    )
    parser.add_argument("query", nargs="?", default="", metavar="QUERY",
                        help="word or name to look for; omit to list everything")
    parser.add_argument("--json", action="store_true",
                        help="print JSON (full entries) instead of a table")
    parser.add_argument("--show", metavar="ID",
                        help="show one agency in full (id, acronym or name), with where each "
                             "contact detail comes from")
    parser.add_argument("--non-foia", action="store_true",
                        help="list bodies federal FOIA does not reach (Congress, courts, states, "
                             "news outlets, companies...) and where to go instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from foia_desk.directory import load_directory

    directory = load_directory()
    if args.show:
        return _show(directory, args.show, as_json=args.json)
    if args.non_foia:
        return _list_bodies(directory, args.query, as_json=args.json)
    agencies = directory.search(args.query)
    if not agencies:
        print(f"foia-desk: no agency in the directory matches {args.query!r}. Try a shorter "
              "word, or run 'foia-desk agencies' to see them all.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([a.to_dict() for a in agencies], indent=2, ensure_ascii=False))
    else:
        print(agency_table(agencies))
    return 0


def agency_table(agencies: Sequence[Agency]) -> str:
    """An aligned plain-text table: id, first acronym, name, parent id."""
    rows = [("ID", "ACRONYM", "NAME", "PARENT")]
    rows += [(a.id, a.acronyms[0] if a.acronyms else "", a.name, a.parent or "")
             for a in agencies]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _status_note(fact: ContactFact | None) -> str:
    """'[verified: S4 ...; checked 2019-07-08]' or a plain-capitals warning for weaker facts."""
    if fact is None:
        return ""
    label = "verified" if fact.status == "verified" else fact.status.upper()
    checked = f"; checked {fact.checked}" if fact.checked else "; no date in the source"
    return f"[{label}: {fact.source}{checked}]"


def _wrap(label: str, text: str, indent: str = "  ") -> list[str]:
    head = f"{indent}{label}:".ljust(len(indent) + _LABEL_WIDTH)
    body = textwrap.wrap(text, width=96 - len(head)) or [""]
    pad = " " * len(head)
    return [head + body[0]] + [pad + line for line in body[1:]]


def office_lines(office: Office, indent: str = "  ") -> list[str]:
    """The office's fields, each followed by its status, source and checked date."""
    lines: list[str] = []
    fields = (("name", "Name"), ("address", "Address"), ("email", "Email"),
              ("portal", "Portal"), ("phone", "Phone"), ("fax", "Fax"))
    for key, label in fields:
        fact = office.fact(key)
        if fact is None or not fact.value:
            if key in ("address", "email", "portal"):
                lines += _wrap(label, "none known", indent)
            continue
        value = fact.value
        parts = list(value) if isinstance(value, tuple) else [value]
        head = f"{indent}{label}:".ljust(len(indent) + _LABEL_WIDTH)
        lines.append(head + parts[0])
        lines += [" " * len(head) + part for part in parts[1:]]
        note_width = 96 - len(head)
        lines += [" " * len(head) + line for line in textwrap.wrap(_status_note(fact), note_width)]
    if office.notes:
        lines += _wrap("Notes", office.notes, indent)
    return lines


def agency_details(agency: Agency, directory: Directory) -> str:
    """Everything the directory knows about one agency, in reading order."""
    lines = [f"{agency.id}: {agency.name}"]
    if agency.acronyms:
        lines += _wrap("Acronyms", ", ".join(agency.acronyms))
    if agency.aliases:
        lines += _wrap("Also called", "; ".join(agency.aliases))
    if agency.informal:
        lines += _wrap("Suggested by", "; ".join(agency.informal))
    if agency.ambiguous:
        lines += _wrap("Ambiguous", ", ".join(agency.ambiguous) + " (need context)")
    parent = directory.parent_of(agency.id)
    if parent:
        lines += _wrap("Part of", f"{parent.id} ({parent.name})")
    lines += _wrap("Kind", f"{agency.kind}; letter family: {agency.family}")
    regulation = agency.regulation
    if agency.regulation_source:
        regulation += f" [source: {agency.regulation_source}]"
    lines += _wrap("Regulation", regulation)
    if agency.privacy_regulation:
        lines += _wrap("Privacy Act", agency.privacy_regulation)
    lines += _wrap("D.C. area", "yes (Inauguration Day counts as a holiday)" if agency.dc_area
                   else "no")
    if agency.notes:
        lines += _wrap("Notes", agency.notes)
    lines += ["", "FOIA office", *office_lines(agency.foia_office)]
    lines += ["", "Appeal", *appeal_lines(agency)]
    unverified = [f"foia_office.{n}" for n in agency.foia_office.unverified_fields()]
    if agency.appeal.office:
        unverified += [f"appeal.office.{n}" for n in agency.appeal.office.unverified_fields()]
    lines.append("")
    if unverified:
        lines += _wrap("Check first", "these details are not verified in an official source: "
                       + ", ".join(unverified), indent="")
    else:
        lines.append("Every contact detail above comes from an official source; check the date.")
    return "\n".join(lines)


def appeal_lines(agency: Agency) -> list[str]:
    appeal = agency.appeal
    window = f"{appeal.effective_days} {appeal.window_unit} days"
    if appeal.raised_to_floor:
        window += (f" (the agency rule says {appeal.window_days} days; FOIA's 90-day minimum "
                   "applies instead)")
    lines = _wrap("Window", window)
    lines += _wrap("Rule", appeal.rule)
    status = "verified" if appeal.status == "verified" else appeal.status.upper()
    checked = f"; checked {appeal.checked}" if appeal.checked else ""
    lines += _wrap("Status", f"{status}: {appeal.source}{checked}")
    if appeal.notes:
        lines += _wrap("Notes", appeal.notes)
    if appeal.office:
        lines += ["  Appeal office", *office_lines(appeal.office, indent="    ")]
    else:
        lines += _wrap("Office", "not in the directory: follow the response letter")
    return lines


def _show(directory: Directory, wanted: str, *, as_json: bool) -> int:
    agency = directory.resolve(wanted)
    if as_json:
        print(json.dumps(agency.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(agency_details(agency, directory))
    return 0


def _list_bodies(directory: Directory, query: str, *, as_json: bool) -> int:
    needle = " ".join(query.casefold().split())
    bodies: list[NonFoiaBody] = [
        b for b in directory.bodies
        if not needle or any(needle in n.casefold() for n in (b.id, b.name, b.kind, *b.names))
    ]
    if not bodies:
        print(f"foia-desk: no non-FOIA body matches {query!r}.", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps([b.to_dict() for b in bodies], indent=2, ensure_ascii=False))
        return 0
    for body in bodies:
        kind = directory.kind(body.kind)
        print(f"{body.name}  ({kind.label if kind else body.kind})")
        if body.names:
            print("\n".join(_wrap("Written as", "; ".join(body.names))))
        print("\n".join(_wrap("Why not FOIA", body.reason)))
        print("\n".join(_wrap("Instead", body.route)))
        print()
    return 0
