"""Loads the generic cue vocabulary (resources/extract_cues.toml) and the state law table."""

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
    from foia_desk.paths import resource_path

    with open(resource_path("extract_cues.toml"), "rb") as handle:
        raw = tomllib.load(handle)
    states: dict[str, str] = {}
    try:
        with open(resource_path("non_foia.toml"), "rb") as handle:
            states = {str(k): str(v) for k, v in tomllib.load(handle).get("states", {}).items()}
    except (OSError, tomllib.TOMLDecodeError):
        states = {}
    return Cues(raw=raw, states=states,
                state_abbreviations=dict(raw.get("state_abbreviations", {})),
                cities=dict(raw.get("cities", {})))
