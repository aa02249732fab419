"""Dates typed on the command line: one parser, one set of rules and messages for every command.

Accepted: ``YYYY-MM-DD`` (and the other ISO 8601 date forms Python's ``date.fromisoformat``
reads, such as ``20251126``, which some commands used to accept), plus the words ``today`` and
``yesterday`` in any case. Refused, with a message naming the option: anything else, days that
do not exist (2025-02-30), and years outside the federal calendar's range (1967-2100), which
the deadline counting in :mod:`foia_desk.calendar` would refuse later anyway.

The tracker store keeps its own, stricter validation (``foia_desk.store.values.parse_date``):
it also guards data that never went through the command line.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, timedelta

from foia_desk.calendar import FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR
from foia_desk.errors import UserError

EXPECTED_FORMAT = "YYYY-MM-DD"
# Looks like a date written by digits (ISO extended or basic form): if it still does not
# parse, the day or month itself is impossible rather than the format being wrong.
_DIGIT_DATE = re.compile(r"\d{4}-?\d{2}-?\d{2}")
_HINT = (f"Write it as {EXPECTED_FORMAT}, for example 2025-11-26, "
         "or use the word 'today' or 'yesterday'.")


class _BadDate(ValueError):
    """Why a text is not an acceptable date: ``detail`` names the text, ``hint`` the fix."""

    def __init__(self, detail: str, hint: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.hint = hint


def _parse(text: str, today: date | None) -> date:
    value = str(text).strip()
    word = value.lower()
    if word in ("today", "yesterday"):
        now = today or date.today()
        return now if word == "today" else now - timedelta(days=1)
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        if _DIGIT_DATE.fullmatch(value):
            raise _BadDate(f"{text!r} is not a real calendar date.",
                           "Check the month and day, e.g. 2025-02-28 rather than 2025-02-30."
                           ) from None
        raise _BadDate(f"{text!r} is not a date in the form {EXPECTED_FORMAT}.", _HINT) from None
    if not FIRST_SUPPORTED_YEAR <= parsed.year <= LAST_SUPPORTED_YEAR:
        raise _BadDate(f"{text!r} is outside the years FOIA Desk counts "
                       f"({FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}).",
                       f"Use a date from {FIRST_SUPPORTED_YEAR} to {LAST_SUPPORTED_YEAR}.")
    return parsed


def parse_cli_date(text: str, what: str, *, today: date | None = None) -> date:
    """The date ``text`` typed for option ``what`` (e.g. ``"--received"``).

    Raises a :class:`UserError` whose message starts with ``what`` and whose hint gives the
    expected format. ``today`` replaces the clock (tests).
    """
    try:
        return _parse(text, today)
    except _BadDate as bad:
        raise UserError(f"{what}: {bad.detail}", bad.hint) from None


def cli_date_argument(text: str) -> date:
    """``parse_cli_date`` as an argparse ``type=``: a bad date becomes a usage error (exit 2).

    argparse names the option itself ("argument --submitted: ..."), so only the detail and the
    hint are given here, on one line.
    """
    try:
        return _parse(text, None)
    except _BadDate as bad:
        raise argparse.ArgumentTypeError(f"{bad.detail} {bad.hint}") from None
