"""`foia-desk gui`: not built yet (placeholder registered so the CLI lists it)."""

from __future__ import annotations

import argparse

from foia_desk.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="(not available yet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("'foia-desk gui' is not available in this version yet.")
