"""`foia-desk agencies` run as a user would: a subprocess started outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foia_desk", "agencies", *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={"PATH": "", "FOIA_DESK_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT),
             "PYTHONIOENCODING": "utf-8"},
    )


def test_json_lists_full_entries(tmp_path):
    result = run_cli(tmp_path, "--json", "postal")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert {e["id"] for e in entries} == {"usps", "uspis", "usps_oig", "prc"}
    for entry in entries:
        assert {"id", "name", "acronyms", "parent", "foia_office", "appeal",
                "regulation"} <= set(entry)
    uspis = next(e for e in entries if e["id"] == "uspis")
    assert uspis["parent"] == "usps"
    assert uspis["appeal"]["window"] == {"days": 90, "unit": "calendar", "rule_days": 90,
                                         "raised_to_statutory_floor": False}
    assert uspis["foia_office"]["facts"]["address"]["status"] == "verified"


def test_json_without_query_lists_the_whole_directory(tmp_path):
    result = run_cli(tmp_path, "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 60


def test_table_is_aligned_with_one_row_per_match(tmp_path):
    result = run_cli(tmp_path, "homeland")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "ACRONYM", "NAME", "PARENT"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert {"dhs", "ice", "dhs_oig"} <= set(rows)
    name_column = lines[0].index("NAME")
    assert rows["ice"][name_column:].startswith("U.S. Immigration and Customs Enforcement")
    assert rows["ice"].rstrip().endswith("dhs")


def test_show_marks_unverified_facts_plainly(tmp_path):
    result = run_cli(tmp_path, "--show", "ICE")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("ice: U.S. Immigration and Customs Enforcement")
    assert "ice-foia@ice.dhs.gov" in out
    assert "[verified: S20b" in out
    assert "[UNVERIFIED: reference §4.2: the ICE appeal address was not found" in out
    assert "90 working days" in out
    assert "Check first" in out and "appeal.office.name" in out


def test_show_explains_the_raised_irs_window(tmp_path):
    result = run_cli(tmp_path, "--show", "irs")
    assert result.returncode == 0, result.stderr
    assert "90 calendar days (the agency rule says 35 days" in result.stdout
    assert "Status:" in result.stdout and "UNVERIFIED" in result.stdout


def test_show_json_gives_one_entry(tmp_path):
    result = run_cli(tmp_path, "--show", "Postal Inspection Service", "--json")
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)
    assert entry["id"] == "uspis"
    assert entry["foia_office"]["email"] == ""


def test_show_unknown_agency_is_a_clear_error(tmp_path):
    result = run_cli(tmp_path, "--show", "Ministry of Magic")
    assert result.returncode == 2
    assert "No agency with id 'Ministry of Magic'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("zzzz",), ("--non-foia", "zzzz")])
def test_no_match_goes_to_stderr_with_exit_1(tmp_path, args):
    result = run_cli(tmp_path, *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "zzzz" in result.stderr


def test_non_foia_lists_bodies_with_reason_and_route(tmp_path):
    result = run_cli(tmp_path, "--non-foia", "ACLU")
    assert result.returncode == 0, result.stderr
    assert "American Civil Liberties Union" in result.stdout
    assert "Why not FOIA:" in result.stdout and "Instead:" in result.stdout
    as_json = json.loads(run_cli(tmp_path, "--non-foia", "--json").stdout)
    kinds = {body["kind"] for body in as_json}
    assert {"legislature", "court", "white_house", "news_media", "company"} <= kinds
    assert all(body["reason"] and body["route"] for body in as_json)


def test_show_says_plainly_when_no_email_is_known(tmp_path):
    result = run_cli(tmp_path, "--show", "uspis")
    assert result.returncode == 0, result.stderr
    email_line = next(line for line in result.stdout.splitlines() if "Email:" in line)
    assert email_line.split("Email:")[1].strip() == "none known"
    assert "Room 3301" in result.stdout
