"""`foia-desk backup` and `foia-desk restore`: copies of the tracker database.

``restore`` works even when the current database is too damaged to open: it moves the
current file aside (never deletes it) and puts the backup in its place.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser("backup", help="save a copy of the tracker database")
    backup.add_argument("file", nargs="?", help="where to write it (default: a new file in "
                                                 "the backups folder)")
    backup.add_argument("--list", action="store_true", help="list existing backups")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the tracker database with a backup",
        description="The current database is kept beside it as *.corrupt-TIMESTAMP (if "
                    "damaged) or *.replaced-TIMESTAMP. Close FOIA Desk windows first.")
    restore.add_argument("file", nargs="?", help="the backup file")
    restore.add_argument("--list", action="store_true", help="list backups, newest first")
    restore.set_defaults(func=run_restore)


def _print_backups() -> int:
    from foia_desk.store import list_backups, locations_for

    found = list_backups(locations_for(None).backups)
    if not found:
        print("No backups yet.")
    for path in found:
        print(path)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    if args.list:
        return _print_backups()
    from foia_desk.commands.requests import open_tracker

    with open_tracker() as store:
        path = store.backup(Path(args.file) if args.file else None)
    print(f"Backup written to {path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    if args.list:
        return _print_backups()
    if not args.file:
        print("Give the backup to restore. Available backups, newest first:")
        _print_backups()
        return 2
    from foia_desk.store import open_store, restore_backup

    moved = restore_backup(Path(args.file))
    with open_store() as store:
        count = store.count_requests()
    print(f"Restored {args.file} ({count} request(s))."
          + (f" The previous database was kept as {moved}." if moved else ""))
    return 0
