"""`foia-desk export`: the tracker's deadlines as a calendar file, or the whole tracker as
CSV."""

from __future__ import annotations

import argparse

from foia_desk.commands.requests import open_tracker


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export deadlines (.ics) or the tracker (.csv)")
    sub = parser.add_subparsers(dest="export_command", metavar="FORMAT", required=True)
    ics = sub.add_parser("ics", help="upcoming deadlines and reminders as an iCalendar file "
                                     "(Google, Outlook, Apple Calendar)")
    ics.add_argument("file", help="the .ics file to write")
    ics.add_argument("--overwrite", "--force", action="store_true",
                     help="replace an existing file")
    ics.set_defaults(func=run_ics)
    csv = sub.add_parser("csv", help="every request with its event log, as CSV "
                                     "(import it back with 'foia-desk import csv')")
    csv.add_argument("file", help="the .csv file to write")
    csv.add_argument("--overwrite", "--force", action="store_true",
                     help="replace an existing file")
    csv.set_defaults(func=run_csv)


def run_ics(args: argparse.Namespace) -> int:
    from foia_desk.export.ics import export_ics

    with open_tracker() as store:
        count = export_ics(store, args.file, overwrite=args.overwrite)
    print(f"Wrote {count} deadline(s) and reminder(s) to {args.file}")
    return 0


def run_csv(args: argparse.Namespace) -> int:
    from foia_desk.export.tracker_csv import export_tracker_csv

    with open_tracker() as store:
        count = export_tracker_csv(store, args.file, overwrite=args.overwrite)
    print(f"Wrote {count} request(s) to {args.file}")
    return 0
