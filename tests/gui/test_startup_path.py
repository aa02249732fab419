"""Start-up shortcuts (issue 6): the forked article load, letter tabs built on first need, and
the command line importing only the command it runs. Timings live in
benchmarks/bench_startup.py; these tests check that each shortcut gives the same results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from foia_desk.cli import chosen_command

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"

# Runs without Qt in a fresh interpreter: the fork is refused once Qt or a thread exists,
# which is the case inside this pytest-qt process.
CHILD_LOAD_SCRIPT = """
import json, sys
from foia_desk.gui.article_loading import finish_child_load, load_file, start_child_load
child = start_child_load(sys.argv[1])
if child is None:
    print(json.dumps({"forked": False}))
    raise SystemExit(0)
try:
    loaded = finish_child_load(child)
except Exception as exc:
    print(json.dumps({"forked": True, "error": type(exc).__name__, "message": str(exc)}))
    raise SystemExit(0)
direct = load_file(sys.argv[1])
print(json.dumps({
    "forked": True,
    "same_findings": loaded.findings.to_dict() == direct.findings.to_dict(),
    "same_text": loaded.article.text == direct.article.text,
    "same_spun": (loaded.normalised_text, loaded.reworded_spans)
                 == (direct.normalised_text, direct.reworded_spans),
    "directory_agencies": len(loaded.directory.agencies),
}))
"""


def _child_load(path: Path) -> dict:
    import json

    out = subprocess.run([sys.executable, "-c", CHILD_LOAD_SCRIPT, str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork is Linux only")
def test_forked_load_gives_the_same_article_and_findings():
    result = _child_load(SEED)
    assert result["forked"] is True
    assert result["same_findings"] and result["same_text"] and result["same_spun"]
    assert result["directory_agencies"] > 50


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork is Linux only")
def test_forked_load_of_a_missing_file_raises_the_usual_error(tmp_path):
    result = _child_load(tmp_path / "missing.txt")
    assert result["forked"] is True
    assert result["error"] == "IngestError"
    assert result["message"].startswith(f"There is no file at {tmp_path / 'missing.txt'}.")


def test_no_fork_once_qt_is_loaded(qtbot):
    from foia_desk.gui.article_loading import start_child_load

    assert start_child_load(SEED) is None  # PySide6 is imported in this process


def test_letter_tabs_wait_until_needed(qtbot, loaded_window):
    window = loaded_window
    drafts = window.drafts
    assert not drafts.isVisible()
    chosen = window.findings.checked_agency_ids()
    assert chosen
    # Counting (for the status line and the Export buttons) builds nothing.
    assert drafts.letter_counts() == (len(chosen), 0)
    assert drafts.count() == 0
    assert window.export_all_button.isEnabled()
    assert window.letters_status.text() == f"0 of {len(chosen)} letter(s) ready to save."
    # Asking for the tabs, or showing them, builds them in the chosen order.
    assert [t.agency.id for t in drafts.tabs()] == chosen
    assert drafts.count() == len(chosen)


def test_letter_tabs_are_built_when_the_letters_tab_is_shown(qtbot, loaded_window):
    window = loaded_window
    assert window.drafts.count() == 0
    window.main_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.drafts.count() == len(window.findings.checked_agency_ids()),
                    timeout=5000)


def test_new_article_drops_old_tabs_even_before_they_are_shown(qtbot, loaded_window,
                                                              dialogs_stub, tmp_path):
    window = loaded_window
    old = window.drafts.tab_for("uspis")
    assert old is not None
    other = tmp_path / "other.txt"
    other.write_text("FBI agents searched the house, the Federal Bureau of Investigation "
                     "said on Monday.\n", encoding="utf-8")
    with qtbot.waitSignal(window.load_finished, timeout=10_000):
        window.load_path(other)
    assert window.drafts.tab_for("uspis") is None
    assert [t.agency.id for t in window.drafts.tabs()] == window.findings.checked_agency_ids()


@pytest.mark.parametrize(("argv", "expected"), [
    (["gui", "--open", "x.txt"], "gui"),
    (["--data-dir", "gui", "extract", "a.txt"], "extract"),
    (["--data-dir=/tmp/d", "due", "--help"], "due"),
    (["--help"], None),
    (["--data", "d", "gui"], None),  # an abbreviated option: let argparse decide
    (["nosuchcommand"], None),
    ([], None),
])
def test_only_the_named_command_is_imported(argv, expected):
    assert chosen_command(argv) == expected


def test_gui_command_does_not_import_other_commands():
    code = ("import sys\nfrom foia_desk.cli import build_parser, chosen_command\n"
            "build_parser(chosen_command(['gui']))\n"
            "print(sorted(m for m in sys.modules if m.startswith('foia_desk.commands.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.strip() == "['foia_desk.commands.gui']", out.stderr
