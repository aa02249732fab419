"""`foia-desk reminders`: what needs doing soon (your reminders and the ones derived from
each request's deadlines), and adding or ticking off reminders."""

from __future__ import annotations

import argparse

from foia_desk.commands.requests import cli_date, open_tracker, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reminders", help="reminders due soon: yours and those ahead of each deadline",
        description="Without an action, lists reminders due in the next --days days "
                    "(default 7), including overdue ones not yet done.")
    parser.add_argument("--days", type=int, default=7,
                        help="look this many days ahead (default 7)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_list)
    sub = parser.add_subparsers(dest="reminders_command", metavar="ACTION")
    add = sub.add_parser("add", help="add a reminder to a request")
    add.add_argument("id", type=int, help="request id")
    add.add_argument("date", type=cli_date, help="when to be reminded (YYYY-MM-DD or 'today')")
    add.add_argument("text", help="what to do then")
    add.set_defaults(func=run_add)
    done = sub.add_parser("done", help="mark a reminder done")
    done.add_argument("reminder_id", type=int,
                      help="the reminder's number (the #N in foia-desk reminders)")
    done.add_argument("--undo", action="store_true", help="mark it not done again")
    done.set_defaults(func=run_done)


def run_list(args: argparse.Namespace) -> int:
    if args.days < 0 or args.days > 3660:
        from foia_desk.errors import UserError

        raise UserError("--days must be between 0 and 3660.")
    with open_tracker() as store:
        lines = store.list_due(days=args.days)
    if args.json:
        print_json([line.to_dict() for line in lines])
        return 0
    if not lines:
        print(f"Nothing due in the next {args.days} days.")
        return 0
    for line in lines:
        source = f"#{line.reminder_id}" if line.source == "user" else "auto"
        print(f"{line.remind_on.isoformat()}  [{source:>5}]  request {line.request_id} "
              f"({line.agency_name}: {line.subject}): {line.text}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        reminder = store.add_reminder(args.id, args.date, args.text)
    print(f"Added reminder {reminder.id} on {reminder.due.isoformat()} for request {args.id}.")
    return 0


def run_done(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        reminder = store.mark_done(args.reminder_id, not args.undo)
    print(f"Reminder {reminder.id} is {'done' if reminder.done else 'not done'}.")
    return 0
