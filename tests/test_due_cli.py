"""`foia-desk due`: dates with explanations, JSON shape, closures and clear errors."""

from __future__ import annotations

import json

import pytest

from foia_desk.cli import main


def run_json(capsys, *args: str) -> dict:
    assert main(["due", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_received_prints_response_and_extended_dates(capsys):
    data = run_json(capsys, "--received", "2025-11-26")
    assert list(data) == ["response_due", "extended_due"]
    assert data["response_due"]["date"] == "2025-12-26"
    assert data["response_due"]["approximate"] is False
    assert "Thanksgiving Day (27 Nov)" in data["response_due"]["explanation"]
    assert data["extended_due"]["date"] == "2026-01-12"
    assert "applies only if the agency sends a written notice" in \
        data["extended_due"]["explanation"]
    assert set(data["response_due"]) == {"date", "explanation", "approximate"}


def test_expedited_adds_the_ten_calendar_day_decision(capsys):
    data = run_json(capsys, "--received", "2025-11-26", "--expedited")
    assert data["expedited_decision_due"]["date"] == "2025-12-06"


def test_determination_with_agency_rule(capsys):
    data = run_json(capsys, "--determination", "2026-02-27", "--agency", "usps")
    assert list(data) == ["appeal_by"]
    assert data["appeal_by"]["date"] == "2026-05-28"
    assert "calendar days" in data["appeal_by"]["explanation"]
    assert data["appeal_by"]["approximate"] is False
    bare = run_json(capsys, "--determination", "2026-02-27")
    assert bare["appeal_by"]["approximate"] is True


def test_appeal_received(capsys):
    data = run_json(capsys, "--appeal-received", "2026-03-02")
    assert data["appeal_decision_due"]["date"] == "2026-03-30"


def test_closure_option_moves_the_date_and_marks_it_approximate(capsys):
    data = run_json(capsys, "--received", "2025-11-26",
                    "--closure", "2025-12-24:Executive order closing agencies")
    assert data["response_due"]["date"] == "2025-12-29"
    assert data["response_due"]["approximate"] is True
    assert "Executive order closing agencies" in data["response_due"]["explanation"]


def test_inauguration_day_flag(capsys):
    plain = run_json(capsys, "--received", "2021-01-04")
    dc = run_json(capsys, "--received", "2021-01-04", "--inauguration-day")
    assert dc["response_due"]["date"] > plain["response_due"]["date"]


def test_text_output_is_readable(capsys):
    assert main(["due", "--received", "2025-11-26"]) == 0
    out = capsys.readouterr().out
    assert "response_due: Fri 26 Dec 2025" in out
    assert "20 working days after" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--received", "2025-02-30"], "not a real calendar date"),
    (["--received", "26/11/2025"], "not a date in the form YYYY-MM-DD"),
    (["--received", "1900-01-02"], "outside the years"),
    (["--closure", "2025-13-01", "--received", "2025-11-26"], "--closure"),
    ([], "Nothing to compute"),
    (["--expedited"], "--expedited needs --received"),
    (["--determination", "2026-02-27", "--agency", "no-such-agency"], "no-such-agency"),
])
def test_bad_input_is_a_clear_user_error(capsys, args, message):
    assert main(["due", *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_real_directory_rules_dhs_working_days_and_irs_floor(capsys):
    ice = run_json(capsys, "--determination", "2025-12-01", "--agency", "ice")
    assert ice["appeal_by"]["date"] == "2026-04-10"  # 90 working days (6 CFR 5.8)
    assert "90 working days" in ice["appeal_by"]["explanation"]
    irs = run_json(capsys, "--determination", "2026-02-27", "--agency", "irs")
    assert irs["appeal_by"]["date"] == "2026-05-28"
    assert "raised to the 90 days" in irs["appeal_by"]["explanation"]
