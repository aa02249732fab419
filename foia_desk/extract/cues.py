"""Loads the generic cue vocabulary (resources/extract_cues.toml); the state law table comes
from the agency directory, which already read it from non_foia.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Cues:
    raw: dict[str, Any]
    states: dict[str, str]  # state name -> its public records law
    state_abbreviations: dict[str, str]
    cities: dict[str, str]

    def words(self, *path: str) -> list[str]:
        node: Any = self.raw
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return [str(w) for w in node] if isinstance(node, list) else []

    def state_law(self, state: str | None) -> str | None:
        return self.states.get(state) if state else None


@cache
def load_cues() -> Cues:
    from foia_desk.directory import load_directory
    from foia_desk.paths import resource_path

    with open(resource_path("extract_cues.toml"), "rb") as handle:
        raw = tomllib.load(handle)
    return Cues(raw=raw, states=dict(load_directory().state_laws),
                state_abbreviations=dict(raw.get("state_abbreviations", {})),
                cities=dict(raw.get("cities", {})))
