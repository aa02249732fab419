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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with ``only`` one holding just that subcommand.

    Importing every command module costs tens of milliseconds (they import the directory,
    drafting and store code); the window's start-up only needs ``gui``.
    """
    parser = argparse.ArgumentParser(
        prog="foia-desk",
        description="Turn a news article into federal records requests and track their deadlines.",
    )
    parser.add_argument("--version", action="version", version=f"foia-desk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep all data (tracker, profiles, templates) in DIR instead of "
                             "the usual per-user folder; also set by FOIA_DESK_HOME")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMAND_MODULES:
        module = importlib.import_module(f"foia_desk.commands.{name}")
        module.register(subparsers)
    return parser


def chosen_command(args_list: Sequence[str]) -> str | None:
    """The subcommand named in ``args_list`` when it is certain, else None (full parser).

    Anything unusual before the command (help, an abbreviated option, an unknown word)
    gives None, so argparse sees every command and its messages stay complete.
    """
    tokens = iter(args_list)
    for token in tokens:
        if token == "--data-dir":
            next(tokens, None)
        elif token.startswith("--data-dir="):
            continue
        elif token.startswith("-"):
            return None
        else:
            return token if token in COMMAND_MODULES else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not any(a for a in args_list if not a.startswith("-")) and not {
        "-h", "--help", "--version"
    } & set(args_list):
        args_list.append("gui")
    args = build_parser(chosen_command(args_list)).parse_args(args_list)
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
