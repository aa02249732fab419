"""Email draft export: an RFC 5322 .eml file the requester opens in their mail program.

The draft carries ``X-Unsent: 1`` so Outlook opens it as an unsent message, ready to review and
send. The body is the plain-text rendering of the letter (UTF-8). When the agency has no email
address the draft is still written without a To header; callers can check
:func:`missing_recipient` to warn the requester.
"""

from __future__ import annotations

import os
import re
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, getaddresses
from pathlib import Path

from foia_desk import fileio
from foia_desk.errors import UserError
from foia_desk.export.blocks import sanitize
from foia_desk.export.text import render_text
from foia_desk.letter import Letter

# Deliberately simple: one @, no spaces, a dot in the domain (foia@agency.gov).
_PLAIN_ADDRESS = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")


def missing_recipient(letter: Letter) -> bool:
    """True when the draft will have no To address (the agency has no FOIA email)."""
    return not letter.to_email.strip()


def build_message(letter: Letter) -> EmailMessage:
    """The email draft as an EmailMessage (not sent anywhere: FOIA Desk never uses the network)."""
    message = EmailMessage(policy=SMTP)
    if letter.to_email.strip():
        message["To"] = _addresses(letter.to_email, "agency email address")
    if letter.from_email.strip():
        message["From"] = _addresses(letter.from_email, "your email address",
                                     display_name=letter.author)
    message["Subject"] = _one_line(letter.subject)
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(render_text(letter.markdown), charset="utf-8",
                        cte="quoted-printable")
    return message


def export_eml(letter: Letter, path: str | os.PathLike[str], *,
               overwrite: bool = False) -> Path:
    """Write the letter as an unsent email draft (.eml) and return the path."""
    message = build_message(letter)
    try:
        data = message.as_bytes(policy=SMTP)
    except (UnicodeError, ValueError, HeaderParseError) as exc:
        raise UserError("The email draft could not be encoded.",
                        f"Check the email addresses for unusual characters ({exc}).") from exc
    return fileio.write_bytes(path, data, overwrite=overwrite)


def _one_line(text: str) -> str:
    """Header values must not contain line breaks (they would start a new header)."""
    return " ".join(sanitize(text).split())


def _addresses(raw: str, what: str, *, display_name: str = "") -> tuple[Address, ...]:
    """Parse one or more comma-separated addresses, refusing anything malformed."""
    if "\n" in raw.strip() or "\r" in raw.strip():
        raise UserError(f"The {what} {raw.strip()!r} is not a valid email address: it spans "
                        "several lines.", "Put it on one line and export again.")
    parsed = getaddresses([_one_line(raw)])
    result: list[Address] = []
    for name, addr in parsed:
        if not _PLAIN_ADDRESS.match(addr or ""):
            raise UserError(f"The {what} {raw.strip()!r} is not a valid email address.",
                            "Correct it (for example foia@agency.gov) and export again.")
        try:
            result.append(Address(display_name=_one_line(name or display_name),
                                  addr_spec=addr))
        except (ValueError, HeaderParseError) as exc:
            raise UserError(f"The {what} {raw.strip()!r} is not a valid email address.",
                            "Correct it (for example foia@agency.gov) and export again.") from exc
    if not result:
        raise UserError(f"The {what} {raw.strip()!r} is not a valid email address.")
    return tuple(result)
