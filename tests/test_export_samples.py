"""Sample letters shared by the export tests (built directly, not through the templates).

Holds no tests of its own beyond a sanity check that the sample parses as a letter opening.
"""

from __future__ import annotations

from pathlib import Path

from foia_desk.letter import Letter

ROOT_DIR = Path(__file__).resolve().parent.parent

SAMPLE_MARKDOWN = """\
Ana Nguyễn Văn Ánh\\
The Example Ledger\\
1200 Main Street, Suite 4\\
Springfield, IL 62701\\
ana@example.org

May 2, 2025

FOIA Officer\\
U.S. Postal Inspection Service\\
433 West Harrison Street, Room 3255\\
Chicago, IL 60699-3255

**Freedom of Information Act Request**

**Re: Freedom of Information Act request — mail covers, 2024–2025**

Dear FOIA Officer:

This is a request under the Freedom of Information Act, 5 U.S.C. § 552. I ask for copies of
the following records:

1. All requests for **mail covers** submitted by *immigration officials* since January 1, 2024.
2. Records naming Δημήτρης Παπαδόπουλος, Иван Петров or 王小明.
   - memoranda of understanding
   - e-mail between the two agencies
3. Statistics on mail cover approvals, 2020–2025.

## Fee category

I am a representative of the news media. I ask for a waiver of all fees because disclosure is
in the public interest.

> The requested records concern the operations of the government.

**Format of the records**

Please send records electronically. Literal characters: \\*not bold\\*, \\_x\\_, \\# hash,
\\[bracket\\], \\<b\\>, <b>raw</b>, &amp; and AT&T.

1. First item of a second list.
2. Second item.

Sincerely,

Ana Nguyễn Văn Ánh
"""


def make_letter(markdown: str = SAMPLE_MARKDOWN, **changes: object) -> Letter:
    """A letter with sensible defaults; keyword arguments override fields."""
    fields: dict[str, object] = {
        "markdown": markdown,
        "subject": "FOIA request: mail covers, 2024–2025 (Nguyễn)",
        "agency_id": "uspis",
        "agency_name": "U.S. Postal Inspection Service",
        "kind": "foia",
        "template_name": "foia-basic",
        "author": "Ana Nguyễn Văn Ánh",
        "from_email": "ana@example.org",
        "to_email": "foia@uspis.gov",
        "meta": {"date": "2025-05-02",
                 "pre_send_notes": "PRE-SEND NOTE: the fax number was not verified."},
    }
    fields.update(changes)
    return Letter(**fields)  # type: ignore[arg-type]


def test_sample_letter_has_an_opening() -> None:
    from foia_desk.export.blocks import parse_markdown

    roles = [getattr(block, "role", None) for block in parse_markdown(SAMPLE_MARKDOWN)[:4]]
    assert roles == ["letterhead", "date", "address", "caption"]


def md_escape(text: str) -> str:
    """Escape user text the way templates must: every ASCII punctuation character."""
    import string

    return "".join("\\" + ch if ch in string.punctuation else ch for ch in text)


LONG_WORD = "START" + "x" * 5000 + "END"
HOSTILE_PIECES = (
    "<b>", "&amp;", "<font name=x>", "]]>", "<para>", "</para>", "AT&T", "a < b > c",
    "שלום עולם", "مرحبا بالعالم", "e\u0301 Z\u0324\u0354\u0367\u0311", LONG_WORD,
    "Nguyễn Văn Ánh", "Δημήτρης", "Иван Петров", "王小明", "김민준",
)


def hostile_letter(**changes: object) -> Letter:
    """A letter whose user text is every awkward string the exporters must carry literally."""
    lines = "\n\n".join(md_escape(piece) for piece in HOSTILE_PIECES)
    markdown = (
        "Requester <b>Name</b>\\\n1 Main St\n\nMay 2, 2025\n\nFOIA Office\\\nAgency\n\n"
        f"**Re: {md_escape('<b>subject</b> & <font name=x>')}**\n\nDear Officer:\n\n"
        f"{lines}\n\n1. item {md_escape('<para>')}\n2. item {md_escape(LONG_WORD[:50])}\n\n"
        "Sincerely,\n\nRequester\n"
    )
    fields: dict[str, object] = {"subject": "<b>subject</b> & <font name=x> ]]>",
                                 "author": "Zoë <b>Ελένη</b> 王"}
    fields.update(changes)
    return make_letter(markdown, **fields)
