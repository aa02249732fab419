"""Email drafts (.eml): headers and body survive a round trip through a mail parser."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from test_export_samples import HOSTILE_PIECES, hostile_letter, make_letter

from foia_desk.errors import UserError
from foia_desk.export import export_eml
from foia_desk.export.email import missing_recipient


def parse(path: Path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_headers_and_body_round_trip(tmp_path: Path) -> None:
    subject = "Αίτημα FOIA — 王小明 and Иван, a subject long enough to be folded"
    letter = make_letter(subject=subject, author="Zoë Ελένη")
    message = parse(export_eml(letter, tmp_path / "draft.eml"))
    assert message["Subject"] == letter.subject
    assert message["To"].addresses[0].addr_spec == "foia@uspis.gov"
    sender = message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Zoë Ελένη", "ana@example.org")
    assert message["X-Unsent"] == "1"
    assert parsedate_to_datetime(message["Date"]) is not None
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "Records naming Δημήτρης Παπαδόπουλος, Иван Петров or 王小明." in body
    assert "**" not in body and "PRE-SEND NOTE" not in body


def test_file_is_ascii_with_crlf_line_ends(tmp_path: Path) -> None:
    data = export_eml(make_letter(), tmp_path / "d.eml").read_bytes()
    data.decode("ascii")  # non-ASCII is encoded (RFC 2047 headers, quoted-printable body)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998


def test_without_agency_email_the_draft_has_no_to_header(tmp_path: Path) -> None:
    letter = make_letter(to_email="", from_email="")
    assert missing_recipient(letter)
    message = parse(export_eml(letter, tmp_path / "d.eml"))
    assert message["To"] is None and message["From"] is None
    assert message["Subject"] == letter.subject


@pytest.mark.parametrize("bad", ["not an address", "foia@agency.gov\nBcc: x@evil.example",
                                 "a@b@c"])
def test_bad_addresses_are_refused_clearly(tmp_path: Path, bad: str) -> None:
    with pytest.raises(UserError, match="not a valid email address"):
        export_eml(make_letter(to_email=bad), tmp_path / "d.eml")
    assert not list(tmp_path.iterdir())


def test_subject_line_breaks_cannot_inject_headers(tmp_path: Path) -> None:
    message = parse(export_eml(make_letter(subject="Records\r\nBcc: x@evil.example"),
                               tmp_path / "d.eml"))
    assert message["Bcc"] is None
    assert message["Subject"] == "Records Bcc: x@evil.example"


def test_hostile_text_survives(tmp_path: Path) -> None:
    letter = hostile_letter()
    message = parse(export_eml(letter, tmp_path / "h.eml"))
    body = message.get_content()
    for piece in HOSTILE_PIECES:
        assert piece in body
    assert message["Subject"] == letter.subject


@pytest.mark.parametrize("author", ['Ana "The <Reporter>" @ News, Inc.', "Zoë, Ελένη; (王)"])
def test_awkward_sender_names_are_quoted_correctly(tmp_path: Path, author: str) -> None:
    message = parse(export_eml(make_letter(author=author), tmp_path / "d.eml"))
    sender = message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (author, "ana@example.org")
