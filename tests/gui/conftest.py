"""GUI test fixtures: a main window whose dialogs are patched so no modal ever blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SEED = Path(__file__).resolve().parents[2] / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"


class DialogRecorder:
    """Stands in for foia_desk.gui.dialogs: records errors, answers questions as told."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, Any]] = []
        self.infos: list[str] = []
        self.open_file: Path | None = None
        self.save_file: Path | None = None
        self.directory: Path | None = None
        self.confirm_answer = True
        self.asked_save: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from foia_desk.gui import dialogs

        monkeypatch.setattr(dialogs, "show_error",
                            lambda _p, title, error: self.errors.append((title, error)))
        monkeypatch.setattr(dialogs, "show_info",
                            lambda _p, title, *a, **k: self.infos.append(title))
        monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: self.open_file)
        monkeypatch.setattr(dialogs, "ask_directory", lambda *a, **k: self.directory)
        monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: self.confirm_answer)

        def ask_save(_parent: Any, caption: str, *a: Any, **k: Any) -> Path | None:
            self.asked_save.append(caption)
            return self.save_file

        monkeypatch.setattr(dialogs, "ask_save_file", ask_save)


@pytest.fixture
def dialogs_stub(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    recorder = DialogRecorder()
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture
def window(qtbot, dialogs_stub):
    from foia_desk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    from foia_desk.gui import tasks

    tasks.wait_for_all(10_000)
    win.close()  # while the dialogs are still patched: closing may ask a question


@pytest.fixture
def loaded_window(qtbot, window, dialogs_stub):
    """The window after File > Open of the seed (file dialog patched) and extraction."""
    dialogs_stub.open_file = SEED
    with qtbot.waitSignal(window.load_finished, timeout=30_000) as blocker:
        window.open_article()
    assert blocker.args == [True], dialogs_stub.errors
    return window


@pytest.fixture
def saved_profile() -> Any:
    """A complete requester profile saved in the test's data folder."""
    from foia_desk.profiles import RequesterProfile, save_profile

    name = "Ada Reporter"

    profile = RequesterProfile(name=name, organization="Example Gazette",
                               address="1 Main Street\nSpringfield, IL 62701",
                               email="ada@example.org", requester_category="news_media")
    save_profile(profile)
    return profile


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Error dialogs recorded instead of shown; questions answered yes (tracker tests)."""
    from foia_desk.gui import dialogs

    shown: list[tuple[str, object]] = []
    monkeypatch.setattr(dialogs, "show_error",
                        lambda _parent, title, error: shown.append((title, error)))
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    return shown


@pytest.fixture
def store():
    """A tracker store in the test's own data folder, closed afterwards."""
    from foia_desk.store import open_store

    opened = open_store()
    yield opened
    opened.close()
