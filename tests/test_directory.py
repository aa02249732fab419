"""The bundled agency directory: every entry sound, look-ups right, checks able to fail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from foia_desk.directory import (
    STATUSES,
    STATUTORY_APPEAL_FLOOR_DAYS,
    DirectoryError,
    load_directory,
    load_directory_from,
)
from foia_desk.directory_check import validate_directory
from foia_desk.errors import UserError

# The canonical ids agreed for the project (the directory may add more, never fewer).
CANONICAL_IDS = (
    "usda", "doc", "dod", "ed", "doe", "hhs", "dhs", "hud", "doi", "doj", "dol", "state", "dot",
    "treasury", "va", "ice", "cbp", "uscis", "tsa", "fema", "usss", "uscg", "cisa", "dhs_oig",
    "fbi", "dea", "atf", "usms", "bop", "eousa", "oip", "doj_oig", "doj_crt", "usps", "uspis",
    "usps_oig", "prc", "irs", "fincen", "ofac", "fda", "cdc", "cms", "nih", "faa", "nhtsa",
    "osha", "nps", "blm", "usgs", "bia", "army", "navy", "air_force", "usace", "nga", "dia",
    "nsa", "nro", "usfs", "cia", "odni", "epa", "sec", "fcc", "ftc", "ssa", "opm", "nara",
    "gsa", "nlrb", "eeoc", "nasa", "nrc", "fec", "cfpb", "fdic", "federal_reserve", "sba",
    "usaid", "peace_corps", "omb", "ustr",
)

NON_FOIA_KINDS = ("legislature", "court", "white_house", "state_local", "tribal",
                  "foreign_government", "news_media", "ngo", "company", "international_org",
                  "person")


@pytest.fixture(scope="module")
def directory():
    return load_directory()


def _all_facts(directory):
    for agency in directory:
        offices = [("foia_office", agency.foia_office)]
        if agency.appeal.office is not None:
            offices.append(("appeal.office", agency.appeal.office))
        for label, office in offices:
            for field_name, fact in office.facts.items():
                yield f"{agency.id}.{label}.{field_name}", fact


def test_validator_finds_no_problem_in_the_bundled_directory(directory):
    assert validate_directory(directory) == []


def test_every_canonical_id_is_present_and_ids_are_unique(directory):
    ids = [agency.id for agency in directory]
    assert len(ids) == len(set(ids))
    assert set(CANONICAL_IDS) <= set(ids), set(CANONICAL_IDS) - set(ids)
    assert len(ids) >= 60


def test_required_fields_are_filled(directory):
    for agency in directory:
        assert agency.name.strip() and agency.regulation.strip(), agency.id
        assert agency.kind in ("department", "component", "independent", "office"), agency.id
        assert agency.family in ("usps", "dhs", "doj", "irs", "generic"), agency.id
        assert agency.foia_office.name.strip(), agency.id
        assert agency.aliases or agency.acronyms, agency.id


def test_parents_exist_and_components_sit_under_their_department(directory):
    for agency in directory:
        if agency.parent:
            assert agency.parent in directory.agencies, agency.id
    expected = {"ice": "dhs", "cbp": "dhs", "dhs_oig": "dhs", "fbi": "doj", "eousa": "doj",
                "doj_oig": "doj", "uspis": "usps", "usps_oig": "usps", "irs": "treasury",
                "fincen": "treasury", "ofac": "treasury", "fda": "hhs", "faa": "dot",
                "osha": "dol", "nps": "doi", "nsa": "dod", "usfs": "usda"}
    for child, parent in expected.items():
        assert directory.get(child).parent == parent, child
    assert [a.id for a in directory.ancestors("usace")] == ["army", "dod"]


def test_shared_names_are_flagged_ambiguous_in_both_entries(directory):
    owners: dict[str, set[str]] = {}
    for agency in directory:
        for name in (agency.name, *agency.acronyms, *agency.aliases):
            owners.setdefault(name.casefold(), set()).add(agency.id)
    for name, ids in owners.items():
        if len(ids) > 1:
            for agency_id in ids:
                flagged = {a.casefold() for a in directory.get(agency_id).ambiguous}
                assert name in flagged, (name, ids)


def test_every_contact_fact_has_status_source_and_iso_date(directory):
    facts = list(_all_facts(directory))
    assert len(facts) > 100
    for where, fact in facts:
        assert fact.status in STATUSES, where
        assert fact.source.strip(), where
        if fact.checked:
            date.fromisoformat(fact.checked)
    for agency in directory:
        assert agency.appeal.status in STATUSES and agency.appeal.source.strip(), agency.id


def test_dhs_components_appeal_within_90_working_days(directory):
    dhs_family = [a for a in directory if a.parent == "dhs" or a.id == "dhs"]
    assert {"ice", "cbp", "uscis", "tsa", "dhs_oig"} <= {a.id for a in dhs_family}
    for agency in dhs_family:
        assert (agency.appeal.window_unit, agency.appeal.effective_days) == ("working", 90)
        assert "5.8" in agency.appeal.rule, agency.id


def test_doj_components_appeal_to_oip_within_90_calendar_days(directory):
    doj_family = [a for a in directory if a.parent == "doj" or a.id == "doj"]
    assert len(doj_family) >= 9
    for agency in doj_family:
        appeal = agency.appeal
        assert (appeal.window_unit, appeal.effective_days) == ("calendar", 90), agency.id
        assert "Office of Information Policy" in appeal.office.name, agency.id
        assert appeal.office.address[0].startswith("441 G Street NW"), agency.id
        assert "entellitrak" in appeal.office.portal, agency.id


def test_usps_and_uspis_appeal_to_the_general_counsel_in_90_calendar_days(directory):
    for agency_id in ("usps", "uspis"):
        appeal = directory.get(agency_id).appeal
        assert (appeal.window_unit, appeal.effective_days) == ("calendar", 90)
        assert appeal.office.name.startswith("General Counsel")
        assert appeal.office.email == "FOIAAppeal@usps.gov"


def test_irs_short_rule_is_raised_to_the_statutory_floor(directory):
    appeal = directory.get("irs").appeal
    assert appeal.window_days == 35
    assert appeal.raised_to_floor
    assert appeal.effective_days == STATUTORY_APPEAL_FLOOR_DAYS
    assert appeal.status == "unverified"
    assert appeal.to_dict()["window"] == {"days": 90, "unit": "calendar", "rule_days": 35,
                                          "raised_to_statutory_floor": True}


def test_uspis_has_no_email_and_usps_oig_is_independent(directory):
    uspis = directory.get("uspis")
    assert uspis.foia_office.email == ""
    assert "email" not in uspis.foia_office.facts
    assert uspis.foia_office.fact("address").status == "verified"
    oig = directory.get("usps_oig")
    assert oig.family == "generic"
    assert "independent" in oig.notes.lower()


def test_reference_unverified_facts_stay_unverified(directory):
    ice_appeal = directory.get("ice").appeal.office
    assert ice_appeal.fact("name").status == "unverified"
    assert "name" in ice_appeal.unverified_fields()
    usps = directory.get("usps").foia_office
    assert usps.fact("email").status == "secondary"
    assert usps.fact("address").status == "verified"
    assert usps.fact("address").checked == "2019-07-08"


def test_guessed_facts_are_never_marked_verified(directory):
    """Anything sourced to general knowledge must be flagged as such."""
    for where, fact in _all_facts(directory):
        if "not in the project's reference" in fact.source:
            assert fact.status == "unverified", where


def test_lookups(directory):
    assert directory.resolve("ICE").id == "ice"
    assert directory.resolve("Homeland Security Investigations").id == "ice"
    assert directory.resolve("hsi").id == "ice"
    assert directory.resolve("Enforcement and Removal Operations").id == "ice"
    assert directory.resolve("U.S. Postal Inspection Service").id == "uspis"
    assert directory.resolve("Justice Department").id == "doj"
    assert directory.resolve("State Department").id == "state"
    assert directory.resolve("Border Patrol").id == "cbp"
    assert directory.resolve("U.S. Attorney\u2019s Office").id == "eousa"
    assert {a.id for a in directory.search("postal")} == {"usps", "uspis", "usps_oig", "prc"}
    assert [a.id for a in directory.search("ice")] == ["ice"]
    with pytest.raises(UserError, match="No agency"):
        directory.resolve("Ministry of Magic")


def test_generic_words_are_not_aliases(directory):
    too_generic = {"state", "labor", "energy", "the bureau", "bureau", "justice", "army",
                   "navy", "interior", "treasury", "agency", "department", "inspector general",
                   "office of inspector general", "oig", "police"}
    for agency in directory:
        names = {n.casefold() for n in (*agency.aliases, *agency.acronyms)}
        assert not names & too_generic, (agency.id, names & too_generic)


def test_non_foia_bodies_have_reason_and_route(directory):
    assert set(NON_FOIA_KINDS) <= set(directory.kinds)
    for kind in directory.kinds.values():
        assert kind.label and kind.reason and kind.route, kind.kind
    by_kind: dict[str, int] = {}
    for body in directory.bodies:
        assert body.reason.strip() and body.route.strip(), body.id
        assert body.names, body.id
        by_kind[body.kind] = by_kind.get(body.kind, 0) + 1
    assert by_kind["news_media"] >= 25 and by_kind["ngo"] >= 20 and by_kind["company"] >= 15
    names = {n for body in directory.bodies for n in body.names}
    assert {"ACLU", "AP", "GAO", "Supreme Court", "National Security Council"} <= names


def test_state_records_laws_cover_50_states_and_dc(directory):
    assert len(directory.state_laws) == 51
    assert directory.public_records_law("colorado") == "Colorado Open Records Act (CORA)"
    assert "FOIL" in directory.public_records_law("New York")
    assert directory.public_records_law("Narnia") is None


# ---- the checks themselves must be able to fail -------------------------------------------

GOOD_ENTRY = """
[[agency]]
id = "{id}"
name = "{name}"
acronyms = [{acronyms}]
aliases = [{aliases}]
parent = "{parent}"
kind = "component"
family = "{family}"
regulation = "1 CFR part 1"
[agency.foia_office]
name = "FOIA Office"
status = "{status}"
source = "{source}"
checked = "{checked}"
[agency.appeal]
window_days = {days}
window_unit = "{unit}"
rule = "a rule"
status = "partial"
source = "S1"
"""


def _write(tmp_path: Path, *entries: dict) -> Path:
    defaults = dict(id="aaa", name="Agency A", acronyms='"AAA"', aliases="", parent="",
                    family="generic", status="verified", source="S4", checked="2019-07-08",
                    days=90, unit="calendar")
    text = "".join(GOOD_ENTRY.format(**{**defaults, **entry}) for entry in entries)
    path = tmp_path / "agencies.toml"
    path.write_text(text.replace('parent = ""\n', ""), encoding="utf-8")
    return path


def test_validator_reports_each_kind_of_mistake(tmp_path):
    path = _write(
        tmp_path,
        {"id": "aaa", "aliases": '"Shared Name"', "parent": "missing"},
        {"id": "bbb", "name": "Agency B", "acronyms": '"BBB"', "aliases": '"Shared Name"',
         "family": "dhs", "unit": "calendar", "source": "", "checked": "July 2019"},
    )
    problems = "\n".join(validate_directory(load_directory_from(path)))
    assert "parent 'missing' is not in the directory" in problems
    assert "'shared name' is shared with bbb but not listed as ambiguous" in problems
    assert "agency bbb.appeal: the dhs family appeals within 90 working days" in problems
    assert "bbb.foia_office.name: no source given" in problems
    assert "checked date 'July 2019' is not YYYY-MM-DD" in problems


def test_validator_accepts_a_sound_small_directory(tmp_path):
    path = _write(tmp_path, {"id": "aaa"}, {"id": "bbb", "name": "B", "acronyms": '"BB"',
                                            "parent": "aaa"})
    assert validate_directory(load_directory_from(path)) == []


def test_loader_rejects_unknown_status_and_bad_toml(tmp_path):
    with pytest.raises(DirectoryError, match="unknown verification status 'probably'"):
        load_directory_from(_write(tmp_path, {"status": "probably"}))
    broken = tmp_path / "broken.toml"
    broken.write_text("[[agency]\nid = ", encoding="utf-8")
    with pytest.raises(DirectoryError, match="Cannot read the agency directory"):
        load_directory_from(broken)


def test_loader_rejects_a_non_numeric_window(tmp_path):
    path = _write(tmp_path, {})
    path.write_text(path.read_text().replace("window_days = 90", 'window_days = "ninety"'))
    with pytest.raises(DirectoryError, match="whole number"):
        load_directory_from(path)
