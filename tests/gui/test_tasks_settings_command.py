"""The task helper, the settings dialog and the `foia-desk gui` command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from foia_desk.errors import UserError
from foia_desk.gui import tasks

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"


def test_task_reports_result_on_gui_thread(qtbot):
    import threading

    seen = {}

    def work(x):
        seen["thread"] = threading.current_thread()
        return x * 2

    handle = tasks.run_task(work, 21)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen["thread"] is not threading.main_thread()
    assert not handle.running


def test_task_failure_carries_the_user_error(qtbot):
    def work():
        raise UserError("The file is gone.", "Pick another one.")

    handle = tasks.run_task(work)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], UserError)
    assert blocker.args[0].hint == "Pick another one."


def test_task_progress_and_cancel(qtbot):
    import threading

    gate = threading.Event()

    def work(ctx):
        ctx.progress(1, 3, "first")
        gate.wait(5)
        ctx.check()
        return "not reached"

    progress = []
    handle = tasks.run_task(work, with_context=True,
                            on_progress=lambda d, t, m: progress.append((d, t, m)))
    qtbot.waitUntil(lambda: progress == [(1, 3, "first")], timeout=5000)
    handle.cancel()
    gate.set()
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        pass
    assert handle not in tasks.running_tasks()


def test_error_texts_are_specific_and_reassuring():
    from foia_desk.gui.dialogs import error_texts

    message, hint, details = error_texts(UserError("Disk full.", "Free some space."))
    assert (message, hint, details) == ("Disk full.", "Free some space.", "")
    message, hint, details = error_texts(RuntimeError("boom"))
    assert "still here" in hint and "RuntimeError: boom" in details


def test_settings_profiles_add_edit_delete_keep_other_fields(qtbot, monkeypatch):
    from foia_desk.gui import dialogs
    from foia_desk.gui.settings_dialog import SettingsDialog
    from foia_desk.profiles import RequesterProfile, find_profile, list_profiles, save_profile

    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, t, e: errors.append(e))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    save_profile(RequesterProfile(name="Clinic", address="2 Law Lane", publications=("x.org",)))
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    editor = dialog.profiles
    assert editor.list.count() == 1
    editor.email.setText("clinic@example.org")
    assert editor.save_current()
    _path, clinic = find_profile("Clinic")
    assert clinic.email == "clinic@example.org" and clinic.publications == ("x.org",)

    editor.new_profile()
    editor.name.setText("")
    assert not editor.save_current()
    assert "name" in str(errors[-1])
    editor.name.setText("Second")
    editor.address.setPlainText("3 Road")
    editor.fee_limit.setText("-5")
    assert not editor.save_current()
    editor.fee_limit.setText("40")
    assert editor.save_current()
    assert len(list_profiles()) == 2

    editor.list.setCurrentRow(0)
    editor.delete_profile()
    assert len(list_profiles()) == 1


def test_settings_closures_use_the_store(qtbot, monkeypatch):
    from foia_desk.gui.settings_dialog import SettingsDialog
    from foia_desk.store import open_store

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.closures.add_closure(date(2024, 12, 24), "Executive order")
    with open_store() as store:
        assert [c.day for c in store.list_closures()] == [date(2024, 12, 24)]
    dialog.closures.list.setCurrentRow(0)
    dialog.closures.remove_closure()
    with open_store() as store:
        assert store.list_closures() == []


def test_gui_settings_live_in_the_data_folder(qtbot, isolated_data_dir):
    from foia_desk.gui.app import settings
    from foia_desk.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.resize(1234, 777)
    window.close()
    assert settings().fileName() == str(isolated_data_dir / "gui.ini")
    assert (isolated_data_dir / "gui.ini").is_file()
    assert settings().value("window/geometry") is not None


def _run_gui(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FOIA_DESK_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "foia_desk", "gui", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("exists", [True, False])
def test_quit_after_load(tmp_path, exists):
    target = SEED if exists else tmp_path / "missing.txt"
    result = _run_gui("--open", str(target), "--quit-after-load", home=tmp_path)
    if exists:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 2
        assert "There is no file" in result.stderr


def test_help_does_not_import_qt():
    code = ("import sys; from foia_desk.cli import build_parser; build_parser(); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.strip() == "False"


def test_second_window_on_same_data_folder_is_warned():
    from foia_desk.gui.app import acquire_instance_lock

    first, error = acquire_instance_lock()
    assert first is not None and error is None
    try:
        second, error = acquire_instance_lock()
        assert second is None
        assert "already open" in str(error)
    finally:
        first.release()


def test_closing_settings_offers_to_save_profile_edits(qtbot, monkeypatch):
    from foia_desk.gui import dialogs
    from foia_desk.gui.settings_dialog import SettingsDialog
    from foia_desk.profiles import find_profile

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    editor = dialog.profiles
    editor.new_profile()
    editor.name.setText("Late Edit")
    editor.address.setPlainText("9 Side St")
    dialog.reject()
    assert asked and "Save the changes" in asked[0]
    assert find_profile("Late Edit")[1].address == "9 Side St"
    asked.clear()
    again = SettingsDialog()
    qtbot.addWidget(again)
    again.reject()
    assert asked == []  # nothing changed: no question
