"""The ``foia-desk`` command. Each subcommand lives in its own module under foia_desk.commands.

Every command module exposes ``register(subparsers)`` which adds its parser and sets
``func`` to a callable taking the parsed arguments and returning an exit code. Command
modules import heavy libraries inside their functions so ``foia-desk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from foia_desk import __version__
from foia_desk.errors import UserError

# Order here is the order in --help.
COMMAND_MODULES = (
    "gui",
    "ingest",
    "extract",
    "agencies",
    "draft",
    "templates",
    "profiles",
    "due",
    "requests",
    "reminders",
    "export",
    "importing",
    "backup",
    "closures",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="foia-desk",
        description="Turn a news article into federal records requests and track their deadlines.",
    )
    parser.add_argument("--version", action="version", version=f"foia-desk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep all data (tracker, profiles, templates) in DIR instead of "
                             "the usual per-user folder; also set by FOIA_DESK_HOME")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"foia_desk.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not any(a for a in args_list if not a.startswith("-")) and not {
        "-h", "--help", "--version"
    } & set(args_list):
        args_list.append("gui")
    args = parser.parse_args(args_list)
    if args.data_dir:
        from foia_desk.paths import set_data_dir

        set_data_dir(args.data_dir)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"foia-desk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("foia-desk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
