"""Shared fixtures for the drafting tests: a fixed directory, profile and option sets.

Run ``python tests/test_drafting_helpers.py --regenerate`` to rewrite the golden letters in
tests/golden/ on purpose after a deliberate template change (then read the diff!).
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def fixed_directory():
    from foia_desk.directory import load_directory_from

    return load_directory_from(GOLDEN / "directory.toml")


def journalist(**changes):
    from foia_desk.profiles import RequesterProfile

    base = dict(
        name="Jane Q. Reporter", organization="Example News",
        address="1 Main Street\nSpringfield, IL 62701", email="jane@example.org",
        phone="555-0100", requester_category="news_media", outlet="Example News",
        publications=("https://example.org/jane/mail-surveillance",), fee_limit=Decimal("50"))
    base.update(changes)
    return RequesterProfile(**base)


def seed_like_records():
    from foia_desk.drafting import RecordItem

    return [
        RecordItem("Records about the Postal Inspection Service mail cover program as used "
                   "for immigration enforcement, including requests from DHS components",
                   date(2025, 1, 20), None),
        RecordItem("Records about Postal Inspection Service participation in a Department of "
                   "Homeland Security task force on immigration enforcement",
                   date(2025, 1, 20), None),
        RecordItem("Records about sharing of postal data (package tracking information, credit "
                   "card data, IP addresses) with immigration authorities",
                   date(2025, 1, 20), None),
    ]


def options(**changes):
    from foia_desk.drafting import DraftOptions

    base = dict(records=seed_like_records(), letter_date=date(2025, 5, 2),
                article_outlet="Gizmodo", article_date=date(2025, 4, 29))
    base.update(changes)
    return DraftOptions(**base)


def _record(text, start=None, end=None):
    from foia_desk.drafting import RecordItem

    return RecordItem(text, start, end)


CASE = dict(tracking_number="2025-FOIA-00042", request_date=date(2025, 3, 3),
            determination_date=date(2025, 4, 15),
            exemptions=["Exemption 7(E)", "39 U.S.C. 410(c)(6) with Exemption 3"],
            appeal_grounds="The Inspection Service withheld every page in full.",
            due_date=date(2025, 3, 31), due_explanation="20 working days after receipt",
            dispute="The agency has not answered in seven months.")

# name -> (agency id, options changes). Each renders to tests/golden/NAME.md.
GOLDEN_CASES = {
    "foia-uspis-waiver-expedite": ("uspis", dict(fee_waiver=True, expedite=True)),
    "foia-ice-waiver-expedite": ("ice", dict(fee_waiver=True, expedite=True)),
    "foia-dea-waiver-expedite": ("dea", dict(fee_waiver=True, expedite=True)),
    "foia-irs-plain": ("irs", {}),
    "foia-epa-plain": ("epa", dict(format_preference="paper", rolling_release=False)),
    "privacy-act-usps": ("usps", dict(
        kind="privacy-act", date_of_birth=date(1980, 1, 2), place_of_birth="Springfield, Illinois",
        records=[_record("All records about me, including any mail cover on mail addressed to "
                         "me at the address above", date(2020, 1, 1), None)])),
    "follow-up-ice": ("ice", dict(kind="follow-up", **CASE)),
    "appeal-uspis": ("uspis", dict(kind="appeal", **CASE)),
    "appeal-ice": ("ice", dict(kind="appeal", **CASE)),
    "mediation-dea": ("dea", dict(kind="mediation", **CASE)),
}


def render_case(name: str):
    from foia_desk.drafting import render_letter

    agency_id, changes = GOLDEN_CASES[name]
    directory = fixed_directory()
    return render_letter(directory.get(agency_id), journalist(), options(**changes),
                         directory=directory)


def regenerate() -> None:
    import os
    import tempfile

    os.environ.setdefault("FOIA_DESK_HOME", tempfile.mkdtemp())  # no user templates
    from foia_desk.fileio import write_text

    for name in GOLDEN_CASES:
        write_text(GOLDEN / f"{name}.md", render_case(name).markdown)
        print(f"wrote {GOLDEN / f'{name}.md'}")


if __name__ == "__main__" and "--regenerate" in sys.argv:
    sys.path.insert(0, str(GOLDEN.parent.parent))
    regenerate()
