"""`foia-desk closures`: days federal offices were closed beyond the regular holidays.

Every deadline is recomputed when the list changes.
"""

from __future__ import annotations

import argparse

from foia_desk.commands.requests import cli_date, open_tracker, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "closures", help="add, list or remove office closure days (they move deadlines)")
    sub = parser.add_subparsers(dest="closures_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a closure day")
    add.add_argument("date", type=cli_date, help="the day offices were closed (YYYY-MM-DD)")
    add.add_argument("--note", default="", help="why offices were closed (e.g. the order)")
    add.set_defaults(func=run_add)
    lst = sub.add_parser("list", help="list closure days")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)
    remove = sub.add_parser("remove", help="remove a closure day")
    remove.add_argument("date", type=cli_date, help="the closure day to remove (YYYY-MM-DD)")
    remove.set_defaults(func=run_remove)


def run_add(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        closure = store.add_closure(args.date, args.note)
    print(f"Added closure day {closure.day.isoformat()}; every deadline counted across it "
          "was recomputed.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        closures = store.list_closures()
    if args.json:
        print_json([c.to_dict() for c in closures])
    elif not closures:
        print("No closure days recorded.")
    for closure in closures if not args.json else ():
        print(f"{closure.day.isoformat()}  {closure.note}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        closure = store.remove_closure(args.date)
    print(f"Removed closure day {closure.day.isoformat()}; deadlines recomputed.")
    return 0
