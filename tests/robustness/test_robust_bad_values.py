"""Numbers typed by a user that are valid Python decimals but not sensible money: "NaN",
"Infinity", "1E30". Each must give a clear message, never a traceback or a letter that
blames a built-in template. (Found by the command-line fuzzing in test_robust_fuzz.py.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from foia_desk import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"
PROFILE = ('name = "Jane Q. Reporter"\naddress = "1 Main Street"\nemail = "jane@example.org"\n'
           'requester_category = "news_media"\noutlet = "Example News"\n')


@pytest.mark.parametrize("typed", ["1E30", "1e7", "1000000.01", "99999999999"])
def test_absurd_fee_limit_is_refused_with_a_clear_message(typed: str, tmp_path: Path,
                                                          capsys) -> None:
    """It used to reach the template and fail there: "built-in template 'parts/fees.md.j2',
    line 22 failed while drafting: InvalidOperation"."""
    from foia_desk.profiles import ProfileError, parse_fee_limit, parse_profile

    with pytest.raises(ProfileError, match=r"at most \$1,000,000"):
        parse_fee_limit(typed, "--fee-limit")
    with pytest.raises(ProfileError, match=r"fee_limit must be at most \$1,000,000"):
        parse_profile(PROFILE + f'fee_limit = "{typed}"\n')
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    code = cli.main(["draft", "--article", str(SEED), "--agency", "uspis", "--profile",
                     str(profile), "--fee-limit", typed, "--out", str(tmp_path / "l.md")])
    err = capsys.readouterr().err
    assert code == 2 and "at most $1,000,000" in err and "template" not in err
    assert not (tmp_path / "l.md").exists()


def test_largest_fee_limit_still_drafts(tmp_path: Path) -> None:
    from foia_desk.profiles import parse_fee_limit

    assert parse_fee_limit("$1,000,000") == Decimal("1000000")
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE + 'fee_limit = "1000000"\n', encoding="utf-8")
    out = tmp_path / "letter.md"
    assert cli.main(["draft", "--article", str(SEED), "--agency", "uspis", "--profile",
                     str(profile), "--out", str(out)]) == 0
    assert "up to $1,000,000." in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "Infinity", "-Infinity", "1E30",
                                   "1000000.01", "-5", "12.345"])
def test_absurd_fee_amount_in_tracker_gives_a_message(typed: str, capsys) -> None:
    """Decimal('NaN') < 0 and Decimal('1E30').quantize() used to raise
    decimal.InvalidOperation, which reached the user as a traceback."""
    assert cli.main(["requests", "add", "--agency", "uspis", "--subject", "Fees"]) == 0
    capsys.readouterr()
    code = cli.main(["requests", "event", "1", "--kind", "fee-notice", "--date", "2025-03-04",
                     f"--amount={typed}"])
    err = capsys.readouterr().err
    assert code == 2 and "fee amount" in err and "Traceback" not in err
    code = cli.main(["requests", "show", "1", "--json"])
    assert code == 0 and "fee-notice" not in capsys.readouterr().out  # nothing was saved


@pytest.mark.parametrize(("typed", "stored"), [("$1,250.5", "1250.50"), ("1000000", "1000000.00"),
                                               ("0", "0.00"), ("12.500", "12.50")])
def test_sensible_fee_amounts_are_kept_to_the_cent(typed: str, stored: str) -> None:
    from foia_desk.store import open_store

    with open_store() as store:
        request = store.add_request("uspis", "Fees", submitted="2025-03-03")
        event = store.add_event(request.id, "fee-notice", "2025-03-04",
                                details={"amount": typed})
        assert event.details["amount"] == stored
