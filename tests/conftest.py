"""Shared fixtures: every test gets its own empty data folder; nothing touches the real one."""

from __future__ import annotations

from pathlib import Path

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
