"""Shared fixtures: every test gets its own empty data folder; nothing touches the real one."""

from __future__ import annotations

import os
from pathlib import Path

# Qt tests run without a display (CI, SSH sessions): use the offscreen platform unless the
# caller chose one. dev.py sets this too; this covers a bare `pytest` run.
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "uspis-joins-dhs-immigration-crackdown.txt"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point FOIA_DESK_HOME at a fresh temp folder for each test."""
    from foia_desk import paths

    home = tmp_path_factory.mktemp("foia-home")
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    paths.set_data_dir(None)
    yield home
    paths.set_data_dir(None)


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")
