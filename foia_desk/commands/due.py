"""`foia-desk due`: compute statutory FOIA dates from known days, each with its explanation."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import textwrap

from foia_desk.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "due", help="compute FOIA deadlines from a receipt, determination or appeal date",
        description="Compute the statutory FOIA dates (5 U.S.C. 552) from the days you know, "
                    "on the federal working-day calendar, each with how it was counted.")
    parser.add_argument("--received", metavar="YYYY-MM-DD",
                        help="day the agency received the request: prints response_due, "
                             "extended_due (and expedited_decision_due with --expedited)")
    parser.add_argument("--expedited", action="store_true",
                        help="expedited processing was requested")
    parser.add_argument("--determination", metavar="YYYY-MM-DD",
                        help="date of the agency's adverse determination: prints appeal_by "
                             "(use --agency for the agency's own appeal rule)")
    parser.add_argument("--appeal-received", metavar="YYYY-MM-DD",
                        help="day the agency received your appeal: prints appeal_decision_due")
    parser.add_argument("--agency", metavar="ID", help="agency id or acronym (directory)")
    parser.add_argument("--closure", metavar="YYYY-MM-DD[:NOTE]", action="append", default=[],
                        help="a day the agency was closed (repeatable); counted as "
                             "non-working and marks dependent dates approximate")
    parser.add_argument("--inauguration-day", action="store_true",
                        help="also skip Inauguration Day (offices in the Washington, D.C. "
                             "area only)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def parse_date(text: str, option: str) -> _dt.date:
    """A date for ``option`` under the shared command-line rules (see foia_desk.dates)."""
    from foia_desk.dates import parse_cli_date

    return parse_cli_date(text, option)


def parse_closure(text: str):
    from foia_desk.calendar import Closure

    day_text, _sep, note = text.partition(":")
    return Closure(parse_date(day_text, "--closure"), note.strip())


def run(args: argparse.Namespace) -> int:
    from foia_desk.calendar import FederalCalendar
    from foia_desk.clocks.quick import quick_deadlines

    received = parse_date(args.received, "--received") if args.received else None
    determination = (parse_date(args.determination, "--determination")
                     if args.determination else None)
    appeal_received = (parse_date(args.appeal_received, "--appeal-received")
                       if args.appeal_received else None)
    if args.expedited and received is None:
        raise UserError("--expedited needs --received (the 10 days count from receipt).")
    if received is None and determination is None and appeal_received is None:
        raise UserError("Nothing to compute: give --received, --determination or "
                        "--appeal-received.", "Example: foia-desk due --received 2025-11-26")
    closures = [parse_closure(text) for text in args.closure]
    agency = None
    if args.agency:
        from foia_desk.directory import load_directory

        agency = load_directory().resolve(args.agency)
    calendar = FederalCalendar(closures, inauguration_day=args.inauguration_day)
    deadlines, notes = quick_deadlines(calendar, agency=agency, received=received,
                                       expedited=args.expedited, determination=determination,
                                       appeal_received=appeal_received)
    if args.json:
        print(json.dumps({key: {"date": d.due.isoformat() if d.due else None,
                                "explanation": d.explanation, "approximate": d.approximate}
                          for key, d in deadlines.items()}, indent=2, ensure_ascii=False))
        return 0
    from foia_desk.clocks.explain import day

    for key, deadline in deadlines.items():
        flag = "  (approximate)" if deadline.approximate else ""
        print(f"{key}: {day(deadline.due) if deadline.due else 'unknown'}{flag}")
        print(textwrap.fill(deadline.explanation, width=88, initial_indent="    ",
                            subsequent_indent="    "))
    for note in notes:
        print(textwrap.fill("Note: " + note, width=88, subsequent_indent="    "))
    return 0
