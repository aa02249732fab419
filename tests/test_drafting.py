"""Drafting behaviour a requester relies on: right office, right law, every section asked for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from test_drafting_helpers import CASE, fixed_directory, journalist, options

from foia_desk.drafting import (
    KINDS,
    MissingFieldsError,
    RecordItem,
    check_missing,
    render_letter,
)
from foia_desk.errors import UserError


@pytest.fixture(scope="module")
def directory():
    return fixed_directory()


def draft(directory, agency_id, profile=None, **changes):
    return render_letter(directory.get(agency_id), profile or journalist(), options(**changes),
                         directory=directory)


def test_uspis_letter_names_office_regulation_caption_and_410c(directory):
    letter = draft(directory, "uspis")
    md = letter.markdown
    assert ("Office of Counsel, U.S. Postal Inspection Service\\\n"
            "475 L'Enfant Plaza SW, Room 3301") in md
    assert "39 CFR part 265" in md
    assert "\n**Freedom of Information Act Request**\n" in md  # 39 CFR 265.3 caption
    assert "39 U.S.C. 410(c)" in md and "redact that name or address" in md
    assert "39 CFR 233.3" in md and "PS Form 2009" in md  # records mention mail covers
    assert letter.subject.startswith("Freedom of Information Act Request: records about the "
                                     "Postal Inspection Service mail cover program")
    assert "envelope" in letter.meta["pre_send_notes"]
    assert "envelope" not in md  # advice to the requester stays out of the letter


def test_mail_cover_paragraph_only_when_records_mention_mail_covers(directory):
    letter = draft(directory, "uspis", records=[RecordItem("Records of the iCOP program")])
    assert "233.3" not in letter.markdown
    assert "410(c)" in letter.markdown


def test_ice_letter_uses_dhs_rules_and_component_routing(directory):
    letter = draft(directory, "ice")
    md = letter.markdown
    assert "500 12th Street SW, Stop 5009" in md
    assert "6 CFR part 5" in md and "39 CFR" not in md
    assert "Department of Homeland Security component handles its own requests" in md
    assert "Freedom of Information Act Request**" not in md.split("**Re:")[0]  # no USPS caption
    assert letter.to_email == "ice-foia@ice.dhs.gov"
    assert letter.unverified_contacts == ()


def test_dea_letter_uses_doj_rules_and_flags_unverified_email(directory):
    letter = draft(directory, "dea")
    assert "28 CFR part 16" in letter.markdown and "16.3(a)" in letter.markdown
    assert letter.to_email == "dea.foia@usdoj.gov"
    assert any("dea.foia@usdoj.gov" in u for u in letter.unverified_contacts)
    assert "dea.foia@usdoj.gov" in letter.meta["pre_send_notes"]
    assert "unverified" not in letter.markdown


def test_dhs_headquarters_letter_asks_for_routing_and_warns_of_delay(directory):
    letter = draft(directory, "dhs")
    assert "route each item" in letter.markdown
    assert "routing adds time" in letter.meta["pre_send_notes"]
    assert letter.portal == "https://www.securerelease.us"


def test_irs_letter_cites_601_702_and_routine_channels_note(directory):
    letter = draft(directory, "irs")
    assert "26 CFR 601.702" in letter.markdown
    assert "routine channels" in letter.meta["pre_send_notes"]


def test_records_are_numbered_with_date_ranges(directory):
    md = draft(directory, "ice").markdown
    assert "\n1. Records about the Postal Inspection Service mail cover program" in md
    assert "\n3. Records about sharing of postal data" in md
    assert "from January 20, 2025 to the date of the search" in md
    assert "does not ask the agency to answer questions" in md


def test_global_date_range_applies_to_undated_items(directory):
    md = draft(directory, "epa", records=[RecordItem("Inspection reports for plant X")],
               date_start=date(2024, 1, 1), date_end=date(2024, 12, 31)).markdown
    assert ("this request covers records created, sent or received from January 1, 2024 to "
            "December 31, 2024.\n\n1. Inspection reports for plant X\n") in md


def test_single_day_item_is_about_events_not_record_dates(directory):
    day = date(2025, 4, 27)
    md = draft(directory, "epa", records=[RecordItem("Records about the raid", day, day)]).markdown
    assert "1. Records about the raid (concerning events on April 27, 2025, whenever the " \
           "records were created)" in md


def test_fee_waiver_argues_each_statutory_factor_with_user_text(directory):
    md = draft(directory, "uspis", fee_waiver=True,
               waiver_audience="My stories reach 2 million readers a month.").markdown
    assert "552(a)(4)(A)(iii)" in md
    for factor in ("operations or activities of the federal government",
                   "meaningfully informative", "reasonably broad audience",
                   "will be significant", "not primarily in my commercial interest"):
        assert factor in md
    assert "My stories reach 2 million readers a month." in md
    assert "while any appeal of that denial is pending" in md


def test_no_waiver_or_expedite_sections_unless_asked(directory):
    md = draft(directory, "uspis", profile=journalist(wants_fee_waiver=False)).markdown
    assert "fee waiver" not in md.lower() and "expedited" not in md.lower()


def test_profile_defaults_turn_on_waiver_and_expedite(directory):
    md = draft(directory, "uspis",
               profile=journalist(wants_fee_waiver=True, wants_expedited=True)).markdown
    assert "**Request for a fee waiver**" in md and "**Request for expedited processing**" in md


def test_expedite_has_compelling_need_and_exact_certification(directory):
    md = draft(directory, "ice", expedite=True,
               expedite_justification="Deportations are happening this week.").markdown
    assert "552(a)(6)(E)(v)(II)" in md and "primarily engaged in disseminating information" in md
    assert "true and correct to the best of my knowledge and belief" in md
    assert "Deportations are happening this week." in md


def test_imminent_threat_basis_requires_a_justification(directory):
    opts = options(expedite=True, expedite_basis="imminent-threat")
    missing = check_missing(directory.get("ice"), journalist(), opts)
    assert any("life or safety" in m for m in missing)
    md = draft(directory, "ice", expedite=True, expedite_basis="imminent-threat",
               expedite_justification="A detainee needs medical records now.").markdown
    assert "552(a)(6)(E)(v)(I)" in md and "A detainee needs medical records now." in md


@pytest.mark.parametrize("category, phrase", [
    ("news_media", "representative of the news media"),
    ("educational", "an educational institution"),
    ("scientific", "a non-commercial scientific institution"),
    ("commercial", "commercial-use requester"),
    ("other", "all other requesters"),
])
def test_fee_category_paragraph(directory, category, phrase):
    md = draft(directory, "epa", profile=journalist(requester_category=category)).markdown
    assert phrase in md


def test_news_media_paragraph_lists_outlet_assignment_publications(directory):
    profile = journalist(assignment="a written assignment from Example News dated April 30, 2025")
    md = draft(directory, "epa", profile=profile).markdown
    assert "through Example News" in md
    assert "a written assignment from Example News" in md
    assert "- https://example.org/jane/mail-surveillance" in md


def test_fee_limit_from_options_overrides_profile(directory):
    md = draft(directory, "epa", fee_limit=Decimal("125.5")).markdown
    assert "up to $125.50" in md
    md = draft(directory, "epa", fee_limit=Decimal("0")).markdown
    assert "do not incur any fees without" in md


def test_format_segregability_and_contact_sections(directory):
    md = draft(directory, "epa").markdown
    assert "552(a)(3)(B)" in md and ".eml or .msg" in md and ".xlsx or .csv" in md
    assert "reasonably segregable" in md and "final sentence of 5 U.S.C. 552(b)" in md
    assert "by email at jane@example.org" in md and "FOIA Public Liaison" in md
    assert "Office of Government Information Services" in md


def test_privacy_act_letter_has_identity_declaration_and_consent(directory):
    from foia_desk.profiles import Representative

    rep = Representative(name="Sam Counsel", organization="Clinic", role="attorney",
                         consent_to_release=True)
    letter = draft(directory, "usps", profile=journalist(representative=rep), kind="privacy-act",
                   date_of_birth=date(1980, 1, 2), place_of_birth="Springfield, Illinois")
    md = letter.markdown
    assert "5 U.S.C. 552a" in md and "39 CFR part 266" in md
    assert "Date of birth: January 2, 1980" in md and "Place of birth: Springfield, Illinois" in md
    assert "Current address: 1 Main Street, Springfield, IL 62701" in md
    assert ("I declare under penalty of perjury that the foregoing is true and correct.\n\n"
            "Executed on May 2, 2025.") in md
    assert "Sam Counsel, my attorney, of Clinic" in md


def test_privacy_act_declaration_outside_us_form(directory):
    md = draft(directory, "usps", kind="privacy-act", date_of_birth="2 January 1980",
               place_of_birth="Athens, Greece", declaration_outside_us=True).markdown
    assert ("under penalty of perjury under the laws of the United States of America that the "
            "foregoing is true and correct") in md


def test_representative_without_consent_is_not_authorized(directory):
    from foia_desk.profiles import Representative

    rep = Representative(name="Sam Counsel", consent_to_release=False)
    letter = draft(directory, "usps", profile=journalist(representative=rep))
    assert "Sam Counsel" not in letter.markdown
    assert "without consent" in letter.meta["pre_send_notes"]


def test_follow_up_cites_tracking_number_and_due_date(directory):
    letter = draft(directory, "ice", kind="follow-up", **CASE)
    md = letter.markdown
    assert "tracking number 2025-FOIA-00042" in md
    assert "was due by March 31, 2025 (20 working days after receipt)" in md
    assert "That date has passed" in md and "552(a)(6)(C)(i)" in md
    assert "552(a)(7)(B)" in md
    assert letter.subject == "Status inquiry: Freedom of Information Act request 2025-FOIA-00042"


def test_follow_up_before_due_date_does_not_claim_lateness(directory):
    case = dict(CASE, due_date=date(2025, 6, 1))
    md = draft(directory, "ice", kind="follow-up", **case).markdown
    assert "is due by June 1, 2025" in md and "has passed" not in md


def test_appeal_goes_to_appeal_office_with_marking_and_window(directory):
    letter = draft(directory, "dea", kind="appeal", **CASE)
    md = letter.markdown
    assert "Director, Office of Information Policy" in md and "441 G Street NW" in md
    assert "\n**Freedom of Information Act Appeal**\n" in md
    assert "dated April 15, 2025" in md and "2025-FOIA-00042" in md
    assert "Exemption 7(E) and 39 U.S.C. 410(c)(6) with Exemption 3" in md
    assert "The Inspection Service withheld every page in full." in md
    assert "within the 90 calendar days" in md  # May 2 is inside the window
    assert "Appeal deadline: July 14, 2025" in letter.meta["pre_send_notes"]
    assert "envelope" in letter.meta["pre_send_notes"]


def test_late_appeal_does_not_claim_timeliness(directory):
    letter = draft(directory, "dea", kind="appeal", **dict(CASE, determination_date=date(2024, 1,
                                                                                          2)))
    assert "within the 90" not in letter.markdown
    assert "deadline has passed" in letter.meta["pre_send_notes"]


def test_short_agency_appeal_window_is_raised_to_statutory_floor(directory):
    letter = draft(directory, "irs", kind="appeal", **CASE)
    assert "90 calendar days" in letter.meta["pre_send_notes"]  # rule says 35


def test_appeal_without_directory_appeal_office_uses_foia_office_and_says_so(directory):
    letter = draft(directory, "ice", kind="appeal", **CASE)
    assert "FOIA Appeals Officer, U.S. Immigration and Customs Enforcement" in letter.markdown
    assert "no confirmed appeal address" in letter.meta["pre_send_notes"]


def test_mediation_goes_to_ogis(directory):
    letter = draft(directory, "dea", kind="mediation", **CASE)
    assert letter.to_email == "ogis@nara.gov"
    assert "552(h)(3)" in letter.markdown and "8601 Adelphi Road" in letter.markdown
    assert "The agency has not answered in seven months." in letter.markdown
    assert any("OGIS mailing address" in u for u in letter.unverified_contacts)


@pytest.mark.parametrize("kind, changes, expected", [
    ("foia", dict(records=[]), "records to request"),
    ("privacy-act", dict(), "date of birth"),
    ("privacy-act", dict(), "place of birth"),
    ("follow-up", dict(), "tracking number of the request"),
    ("follow-up", dict(), "date the request was sent"),
    ("appeal", dict(tracking_number="X1"), "date of the agency's determination"),
    ("appeal", dict(tracking_number="X1"), "what the appeal challenges"),
    ("mediation", dict(tracking_number="X1"), "what the dispute"),
])
def test_missing_fields_are_named_before_rendering(directory, kind, changes, expected):
    with pytest.raises(MissingFieldsError) as info:
        draft(directory, "uspis", kind=kind, **changes)
    assert any(expected in m for m in info.value.missing)
    assert expected in str(info.value)


def test_missing_requester_name_and_address(directory):
    profile = journalist(name=" ", address="")
    assert check_missing(directory.get("uspis"), profile, options()) == [
        "requester name", "requester mailing address"]


def test_check_missing_is_empty_for_complete_letters(directory):
    for kind in KINDS:
        opts = options(kind=kind, date_of_birth="1980-01-02", place_of_birth="X", **CASE)
        assert check_missing(directory.get("dea"), journalist(), opts) == []


def test_bad_option_values_are_user_errors(directory):
    with pytest.raises(UserError, match="starts"):
        draft(directory, "epa", date_start=date(2025, 2, 1), date_end=date(2025, 1, 1))
    with pytest.raises(UserError, match="Unknown letter kind"):
        draft(directory, "epa", kind="letter-to-santa")


def test_letter_metadata(directory):
    letter = draft(directory, "uspis")
    assert letter.agency_id == "uspis" and letter.kind == "foia"
    assert letter.template_name == "foia" and letter.author == "Jane Q. Reporter"
    assert letter.from_email == "jane@example.org"
    assert letter.meta["date"] == "2025-05-02"
    assert letter.suggested_filename() == "foia-uspis-2025-05-02"


def test_letter_date_defaults_to_today(directory):
    letter = draft(directory, "epa", letter_date=None)
    assert letter.meta["date"] == date.today().isoformat()


def test_old_verified_contacts_get_a_check_note_but_stay_verified(directory):
    letter = draft(directory, "uspis")  # office checked 2019-07-08, letter dated 2025-05-02
    assert ("The FOIA office's name and mailing address were last confirmed on 2019-07-08"
            in letter.meta["pre_send_notes"])
    assert letter.unverified_contacts == ()
    recent = draft(directory, "uspis", letter_date=date(2020, 1, 1))
    assert "last confirmed" not in recent.meta["pre_send_notes"]
