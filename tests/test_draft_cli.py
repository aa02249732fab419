"""`foia-desk draft`, `templates` and `profiles` from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from foia_desk.cli import main

PROFILE = '''name = "Jane Q. Reporter"
organization = "Example News"
address = """1 Main Street
Springfield, IL 62701"""
email = "jane@example.org"
phone = "555-0100"
requester_category = "news_media"
outlet = "Example News"
fee_limit = 50
'''


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Postal inspectors and ICE agents share data.\n", encoding="utf-8")
    return path


def topic(text, agencies, start=None, end=None):
    return SimpleNamespace(text=text, agencies=agencies, date_range=(start, end), kind="data")


@pytest.fixture
def fake_extract(monkeypatch):
    """Deterministic findings so these tests check drafting, not extraction."""
    import foia_desk.extract as extract_module

    findings = SimpleNamespace(
        topics=[topic("Records about the mail cover program", ["uspis"]),
                topic("Records about the DHS task force", ["dhs"], date(2025, 1, 20)),
                topic("Records about data sharing with ICE", ["ice", "uspis"]),
                topic("Records about nothing in particular", [])],
        dates=[SimpleNamespace(date=date(2024, 6, 1), relative=False),
               SimpleNamespace(date=date(2025, 4, 27), relative=False),
               SimpleNamespace(date=None, relative=True)])
    monkeypatch.setattr(extract_module, "extract", lambda text, article_date=None: findings)
    return findings


def run(*args):
    return main(["draft", *[str(a) for a in args]])


def test_draft_prints_markdown_and_notes_go_to_stderr(capsys, fake_extract, article,
                                                      profile_file):
    assert run("--article", article, "--agency", "uspis", "--profile", profile_file,
               "--fee-waiver", "--expedite") == 0
    out, err = capsys.readouterr()
    assert out.startswith("Jane Q. Reporter\\\n")
    assert "**Request for a fee waiver**" in out and "knowledge and belief" in out
    assert "1. Records about the mail cover program\n" in out
    assert "Records about the DHS task force" not in out  # another department's topic
    assert "Records about nothing in particular" not in out
    assert "Before you send the letter to" in err and "envelope" in err
    assert "envelope" not in out
    assert "from 2024-06-01" in err and "from June 1, 2024 to the date of the search" in out


def test_parent_department_topics_go_to_its_components(capsys, fake_extract, article,
                                                       profile_file):
    assert run("--article", article, "--agency", "ice", "--profile", profile_file) == 0
    out = capsys.readouterr().out
    assert "1. Records about the DHS task force (records dated from January 20, 2025" in out
    assert "2. Records about data sharing with ICE\n" in out
    assert "mail cover" not in out


def test_topic_numbers_pick_topics(capsys, fake_extract, article, profile_file):
    assert run("--article", article, "--agency", "ice", "--profile", profile_file,
               "--topic", "4", "--topic", "1") == 0
    out = capsys.readouterr().out
    assert "1. Records about nothing in particular\n2. Records about the mail cover program" in out


def test_agency_without_matching_topics_gets_all(capsys, fake_extract, article, profile_file):
    assert run("--article", article, "--agency", "epa", "--profile", profile_file) == 0
    out = capsys.readouterr().out
    assert "4. Records about nothing in particular" in out


def test_bad_topic_number_is_a_user_error(capsys, fake_extract, article, profile_file):
    assert run("--article", article, "--agency", "ice", "--profile", profile_file,
               "--topic", "9") == 2
    assert "--topic 9 does not exist" in capsys.readouterr().err


def test_out_folder_writes_one_file_per_agency_and_never_overwrites(capsys, fake_extract, article,
                                                                     profile_file, tmp_path):
    out_dir = tmp_path / "letters"
    args = ("--article", article, "--agency", "uspis", "--agency", "ice", "--agency", "dea",
            "--profile", profile_file, "--letter-date", "2025-05-02", "--out", out_dir)
    assert run(*args) == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["foia-dea-2025-05-02.md", "foia-ice-2025-05-02.md",
                     "foia-uspis-2025-05-02.md"]
    before = (out_dir / "foia-ice-2025-05-02.md").read_text(encoding="utf-8")
    assert "6 CFR part 5" in before
    capsys.readouterr()
    assert run(*args) == 2
    assert "already exists" in capsys.readouterr().err
    assert run(*args, "--force") == 0


def test_out_file_with_several_agencies_is_refused(capsys, fake_extract, article, profile_file,
                                                   tmp_path):
    assert run("--article", article, "--agency", "uspis", "--agency", "ice", "--profile",
               profile_file, "--out", tmp_path / "one.md") == 2
    assert "Give a folder" in capsys.readouterr().err
    assert not (tmp_path / "one.md").exists()


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx", ".pdf", ".eml"])
def test_output_format_follows_extension(capsys, fake_extract, article, profile_file, tmp_path,
                                         suffix):
    target = tmp_path / f"letter{suffix}"
    code = run("--article", article, "--agency", "ice", "--profile", profile_file, "--out",
               target)
    if code == 2 and "not available" in capsys.readouterr().err:
        pytest.skip("exporter for this format not installed yet")
    assert code == 0 and target.stat().st_size > 200
    if suffix == ".txt":
        text = target.read_text(encoding="utf-8")
        assert "**" not in text
        assert "U.S. Immigration and Customs Enforcement" in " ".join(text.split())


def test_missing_fields_are_named_and_nothing_is_written(capsys, profile_file, tmp_path):
    target = tmp_path / "appeal.md"
    assert run("--kind", "appeal", "--agency", "ice", "--profile", profile_file,
               "--out", target) == 2
    err = capsys.readouterr().err
    assert "tracking number" in err and "date of the agency's determination" in err
    assert "Traceback" not in err and not target.exists()


def test_appeal_from_flags(capsys, profile_file):
    assert run("--kind", "appeal", "--agency", "dea", "--profile", profile_file,
               "--tracking-number", "EOUSA-2025-1", "--determination-date", "2025-04-15",
               "--exemption", "Exemption 7(C)", "--grounds", "The search was inadequate.",
               "--letter-date", "2025-05-02") == 0
    out = capsys.readouterr().out
    assert "**Freedom of Information Act Appeal**" in out and "EOUSA-2025-1" in out
    assert "Exemption 7(C)" in out and "The search was inadequate." in out


def test_bad_dates_and_missing_profile(capsys, fake_extract, article, profile_file):
    assert run("--article", article, "--agency", "ice", "--profile", profile_file,
               "--date-start", "May 1") == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert run("--article", article, "--agency", "ice") == 2
    assert "No requester profile" in capsys.readouterr().err


def test_saved_profile_used_when_it_is_the_only_one(capsys, fake_extract, article, profile_file):
    assert main(["profiles", "add", "--from", str(profile_file)]) == 0
    assert run("--article", article, "--agency", "ice") == 0
    assert "Jane Q. Reporter" in capsys.readouterr().out


def test_profiles_commands(capsys, profile_file, tmp_path):
    assert main(["profiles", "add", "--from", str(profile_file)]) == 0
    assert main(["profiles", "add", "--from", str(profile_file)]) == 2
    assert "already saved" in capsys.readouterr().err
    assert main(["profiles", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["name"] == "Jane Q. Reporter" and listed[0]["id"] == "jane-q-reporter"
    assert main(["profiles", "show", "Jane Q. Reporter"]) == 0
    assert 'requester_category = "news_media"' in capsys.readouterr().out
    assert main(["profiles", "remove", "jane-q-reporter"]) == 0
    assert main(["profiles", "show", "jane-q-reporter"]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nrequester_category = "pirate"\n', encoding="utf-8")
    assert main(["profiles", "add", "--from", str(bad)]) == 2
    assert "unknown requester_category" in capsys.readouterr().err


def test_templates_command_lists_builtin_and_user(capsys, isolated_data_dir):
    from foia_desk.paths import user_templates_dir

    (user_templates_dir() / "foia.md.j2").write_text(
        "{#- kind: foia\n description: Mine. -#}\nx\n", encoding="utf-8")
    assert main(["templates", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {t["name"]: t for t in data["templates"]}
    assert rows["foia"]["source"] == "user (overrides built-in)"
    assert rows["appeal"]["source"] == "built-in" and rows["appeal"]["kind"] == "appeal"
    assert main(["templates"]) == 0
    assert "mediation" in capsys.readouterr().out


def test_seed_article_with_real_extractor(capsys, profile_file):
    """The seed article through the real extractor gives three well-addressed letters."""
    seed = Path(__file__).resolve().parent.parent / "seeds" / \
        "uspis-joins-dhs-immigration-crackdown.txt"
    assert run("--article", seed, "--agency", "uspis", "--agency", "ice", "--agency",
               "dea", "--profile", profile_file, "--fee-waiver", "--expedite") == 0
    out = capsys.readouterr().out
    letters = out.split("\n---\n")
    assert len(letters) == 3
    uspis, ice, dea = letters
    assert "39 CFR part 265" in uspis and "Office of Counsel" in uspis
    assert "6 CFR part 5" in ice and "28 CFR part 16" in dea
    assert "mail cover" in uspis.lower()
    for letter in letters:
        assert "\n1. " in letter and "true and correct to the best of my knowledge" in letter
