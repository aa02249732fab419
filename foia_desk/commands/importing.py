"""`foia-desk import csv FILE`: add the requests of a tracker CSV export.

Every row is checked first; a bad row is reported by line number and nothing is imported.
"""

from __future__ import annotations

import argparse

from foia_desk.commands.requests import open_tracker


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import", help="import requests from a tracker CSV file")
    sub = parser.add_subparsers(dest="import_command", metavar="FORMAT", required=True)
    csv = sub.add_parser("csv", help="a CSV made by 'foia-desk export csv' (or with at least "
                                     "title and agency columns)")
    csv.add_argument("file", help="the .csv file to read")
    csv.add_argument("--dry-run", action="store_true", help="check the file, import nothing")
    csv.set_defaults(func=run_csv)


def run_csv(args: argparse.Namespace) -> int:
    from foia_desk.export.tracker_csv import import_tracker_csv, read_tracker_csv

    if args.dry_run:
        records = read_tracker_csv(args.file)
        print(f"{args.file}: {len(records)} request(s) would be imported; no problems found.")
        return 0
    with open_tracker() as store:
        ids = import_tracker_csv(store, args.file)
    print(f"Imported {len(ids)} request(s)"
          + (f" (ids {ids[0]}-{ids[-1]})." if ids else "."))
    return 0
