"""Requester profiles: reading the CLI's TOML, clear errors, saving several, round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.profiles import (
    EXAMPLE_PROFILE,
    ProfileError,
    Representative,
    RequesterProfile,
    find_profile,
    list_profiles,
    load_profile,
    parse_profile,
    profile_to_toml,
    remove_profile,
    save_profile,
)

MINIMAL = '''
name = "Ana María Núñez"
organization = "Clinic"
address = """12 Rue Street
Apt 3
Springfield, IL 62701"""
email = "ana@example.org"
phone = "555-0101"
requester_category = "educational"
'''


def test_load_minimal_profile(tmp_path):
    path = tmp_path / "ana.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    profile = load_profile(path)
    assert profile.name == "Ana María Núñez"
    assert profile.address_lines == ["12 Rue Street", "Apt 3", "Springfield, IL 62701"]
    assert profile.requester_category == "educational"
    assert profile.fee_limit == Decimal("25")  # default
    assert profile.representative is None


def test_optional_keys_and_representative():
    text = EXAMPLE_PROFILE + (
        'wants_fee_waiver = true\nassignment = "contract with X"\n'
        '[representative]\nname = "Sam Counsel"\nrole = "attorney"\n'
        'consent_to_release = true\naddress = ["1 Court St", "City, ST 00000"]\n')
    profile = parse_profile(text)
    assert profile.fee_limit == Decimal("50") and profile.wants_fee_waiver
    assert profile.publications == ("https://example.org/jane",)
    assert profile.representative == Representative(
        name="Sam Counsel", role="attorney", consent_to_release=True,
        address="1 Court St\nCity, ST 00000")


@pytest.mark.parametrize("text, message", [
    ('name = "x"\nrequester_category = "journalist"\n', "unknown requester_category"),
    ('name = "x"\nfavourite_colour = "blue"\n', "unknown key"),
    ('organization = "x"\n', "'name' is missing"),
    ('name = "x\n', "not valid TOML"),
    ('name = "x"\nfee_limit = "lots"\n', "dollar amount"),
    ('name = "x"\nfee_limit = -5\n', "positive"),
    ('name = "x"\nwants_fee_waiver = "yes"\n', "true or false"),
    ('name = "x"\nphone = 5550100\n', "must be text"),
    ('name = "x"\n[representative]\nrole = "attorney"\n', "representative's 'name'"),
])
def test_bad_profiles_give_specific_errors(text, message):
    with pytest.raises(ProfileError, match=message):
        parse_profile(text, "me.toml")


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ProfileError, match="does not exist"):
        load_profile(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'name = "\xff\xfe"\n')
    with pytest.raises(ProfileError, match="not UTF-8"):
        load_profile(bad)


def test_category_spellings_are_normalised():
    assert parse_profile('name = "x"\nrequester_category = "News-Media"\n').requester_category \
        == "news_media"


def test_save_list_find_remove(isolated_data_dir):
    first = parse_profile(MINIMAL)
    second = RequesterProfile(name="Jane Q. Reporter", requester_category="news_media")
    path = save_profile(first)
    save_profile(second)
    assert path.parent.name == "profiles" and path.name == "ana-maría-núñez.toml"
    assert (path.stat().st_mode & 0o777) == 0o600
    names = [p.name for _, p in list_profiles()]
    assert names == ["Ana María Núñez", "Jane Q. Reporter"]
    assert find_profile("jane q. reporter")[1] == second
    assert find_profile("ana-maría-núñez")[1] == first
    with pytest.raises(ProfileError, match="already saved"):
        save_profile(first)
    save_profile(first, overwrite=True)
    remove_profile("Jane Q. Reporter")
    with pytest.raises(ProfileError, match="No saved profile"):
        find_profile("Jane Q. Reporter")


def test_broken_saved_profile_is_listed_with_its_error(isolated_data_dir):
    from foia_desk.paths import profiles_dir

    (profiles_dir() / "broken.toml").write_text("name = [", encoding="utf-8")
    rows = list_profiles()
    assert len(rows) == 1 and isinstance(rows[0][1], ProfileError)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=80, deadline=None)
@given(name=TEXT.filter(lambda s: s.strip() and s.strip() == s.strip("\n")), org=TEXT,
       address=TEXT, pubs=st.lists(TEXT.filter(lambda s: s.strip() == s and s), max_size=3),
       fee=st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))
def test_toml_round_trip(name, org, address, pubs, fee):
    profile = RequesterProfile(name=name.strip(), organization=org.strip("\n"),
                               address=address.strip("\n"), publications=tuple(pubs),
                               fee_limit=fee,
                               representative=Representative(name="R \"Q\" \\ S",
                                                             consent_to_release=True))
    again = parse_profile(profile_to_toml(profile))
    assert again == profile
