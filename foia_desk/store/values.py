"""Checking and normalising what users type: dates, tags, event kinds and event details.

Every check raises a :class:`foia_desk.errors.UserError` naming the bad value and what is
accepted, before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from foia_desk.errors import UserError
from foia_desk.store.models import (
    APPEAL_OUTCOMES,
    EVENT_KINDS,
    METHODS,
    OUTCOME_ALIASES,
    REQUEST_KINDS,
    RESPONSE_OUTCOMES,
)

EARLIEST_DATE = date(1967, 7, 4)  # FOIA took effect
LATEST_DATE = date(2100, 12, 31)
MAX_SUBJECT = 500
MAX_TAG = 60


def parse_date(value: date | str | None, what: str = "date") -> date:
    """A date from a ``date`` or ``YYYY-MM-DD`` text, within a plausible range."""
    if isinstance(value, date):
        parsed = value
    else:
        text = str(value or "").strip()
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            raise UserError(f"The {what} {text!r} is not a date.",
                            "Write dates as YYYY-MM-DD, e.g. 2026-03-09.") from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise UserError(f"The {what} {parsed.isoformat()} is out of range.",
                        f"Use a date between {EARLIEST_DATE} and {LATEST_DATE}.")
    return parsed


def optional_date(value: date | str | None, what: str = "date") -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what)


def clean_subject(subject: str) -> str:
    text = " ".join(str(subject or "").split())
    if not text:
        raise UserError("A request needs a subject.", "Describe the records in a few words.")
    if len(text) > MAX_SUBJECT:
        raise UserError(f"The subject is {len(text)} characters long; the limit is "
                        f"{MAX_SUBJECT}.", "Keep the subject short; the letter holds details.")
    return text


def clean_tags(tags: Iterable[str] | str | None) -> tuple[str, ...]:
    """Tags trimmed, de-duplicated (case-insensitively), in the order given."""
    if tags is None:
        return ()
    if isinstance(tags, str):
        tags = [tags]
    seen: dict[str, str] = {}
    for raw in tags:
        tag = " ".join(str(raw).split())
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise UserError(f"The tag {tag[:20]!r}... is longer than {MAX_TAG} characters.")
        if ";" in tag:
            raise UserError(f"The tag {tag!r} contains ';', which separates tags in CSV files.")
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def check_choice(value: str, choices: Iterable[str], what: str) -> str:
    options = tuple(choices)
    if value not in options:
        raise UserError(f"Unknown {what} {value!r}.", f"Use one of: {', '.join(options)}.")
    return value


def check_event_kind(kind: str) -> str:
    return check_choice(kind, EVENT_KINDS, "event kind")


def check_method(method: str | None) -> str | None:
    return None if not method else check_choice(method, METHODS, "submission method")


def check_request_kind(kind: str) -> str:
    return check_choice(kind, REQUEST_KINDS, "request kind")


def normalise_outcome(outcome: str) -> str:
    key = str(outcome).strip().lower().replace("_", "-")
    key = OUTCOME_ALIASES.get(key, key)
    return check_choice(key, RESPONSE_OUTCOMES, "response outcome")


_EXEMPTION = re.compile(r"^\(?b?\)?\(?([1-9])\)?(?:\(?([a-fA-F])\)?)?$")


def normalise_exemption(text: str) -> str:
    """'b5', '5', '(b)(5)', 'b7c', '(b)(7)(C)' -> '(b)(5)', '(b)(7)(C)'."""
    raw = str(text).strip().replace(" ", "")
    match = _EXEMPTION.match(raw.lower().removeprefix("exemption"))
    if not match:
        raise UserError(f"{text!r} is not a FOIA exemption.",
                        "Write exemptions like b5, b6 or b7c (5 U.S.C. 552(b)(1)-(9)).")
    number, letter = match.groups()
    if letter and number != "7":
        raise UserError(f"{text!r} is not a FOIA exemption: only exemption 7 has lettered parts.")
    return f"(b)({number})" + (f"({letter.upper()})" if letter else "")


def parse_fee_amount(value: Any) -> str:
    """A fee amount in dollars and cents ("$1,234.5" -> "1234.50").

    Checked in an order that never signals ``decimal.InvalidOperation``: "NaN" compares
    with a signal and "1E30" cannot be quantized, so finiteness and size come first. The
    upper bound is the one the profiles' fee limit uses (``profiles.MAX_FEE_LIMIT``).
    """
    from foia_desk.profiles import MAX_FEE_LIMIT

    hint = "Type the amount in dollars, such as 45 or 1,250.50."
    if isinstance(value, bool):
        raise UserError(f"The fee amount {value!r} is not a number.", hint)
    text = str(value).replace("$", "").replace(",", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise UserError(f"The fee amount {value!r} is not a number.", hint) from None
    if not amount.is_finite():
        raise UserError(f"The fee amount {value!r} is not a number.", hint)
    if amount < 0:
        raise UserError(f"The fee amount {value!r} must be zero or more.", hint)
    if amount > MAX_FEE_LIMIT:
        raise UserError(f"The fee amount {value!r} must be at most ${MAX_FEE_LIMIT:,}.",
                        "Check the agency's fee notice and type the amount in dollars.")
    cents = amount.quantize(Decimal("0.01"))
    if cents != amount:
        raise UserError(f"The fee amount {value!r} has fractions of a cent.",
                        "Use at most two decimal places, such as 45.10.")
    return str(abs(cents))  # never "-0.00"


def clean_details(kind: str, details: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check the details an event kind carries and return them in stored form."""
    result: dict[str, Any] = dict(details or {})
    if "promised_date" in result:
        if result["promised_date"] in (None, ""):
            result.pop("promised_date")
        else:
            result["promised_date"] = parse_date(result["promised_date"],
                                                 "promised date").isoformat()
    if "amount" in result:
        result["amount"] = parse_fee_amount(result["amount"])
    if "outcome" in result:
        if result["outcome"] in (None, ""):
            result.pop("outcome")
        elif kind == "appeal-decision":
            result["outcome"] = check_choice(str(result["outcome"]).strip().lower(),
                                             APPEAL_OUTCOMES, "appeal outcome")
        else:
            result["outcome"] = normalise_outcome(result["outcome"])
    if "exemptions" in result:
        raw = result["exemptions"] or []
        if isinstance(raw, str):
            raw = [x for x in re.split(r"[,;\s]+", raw) if x]
        result["exemptions"] = sorted({normalise_exemption(x) for x in raw},
                                      key=_exemption_order)
    try:
        json.dumps(result)
    except (TypeError, ValueError) as exc:
        raise UserError(f"Event details cannot be saved: {exc}.") from None
    return result


def _exemption_order(canonical: str) -> tuple[int, str]:
    return int(canonical[4]), canonical
