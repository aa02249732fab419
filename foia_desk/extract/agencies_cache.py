"""What the agency and body finders compile, kept: once per directory, once per cues object.

Indexes and patterns are built from the agency directory and the cue vocabulary, which a
process loads once and then passes to every call (tests pass others too). A directory
can be hashed and weakly referenced, so its cache lets an index go with it
(:func:`per_directory`). ``Cues`` holds dicts and cannot be hashed, so its cache is keyed
by ``id`` and the entry kept with its cues object, checked by identity: an id may be
given again once the object is gone (:func:`per_cues`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from foia_desk.directory import Directory
from foia_desk.extract.cues import Cues

T = TypeVar("T")


def per_directory(cache: weakref.WeakKeyDictionary[Directory, T], directory: Directory,
                  cues: Cues, build: Callable[[Directory, Cues], T]) -> T:
    """``build(directory, cues)``, built once per directory object."""
    built = cache.get(directory)
    if built is None:
        built = cache[directory] = build(directory, cues)
    return built


def per_cues(cache: dict[int, tuple[Cues, T]], cues: Cues, build: Callable[[Cues], T]) -> T:
    """``build(cues)``, built once per cues object."""
    cached = cache.get(id(cues))
    if cached is None or cached[0] is not cues:
        cached = cache[id(cues)] = (cues, build(cues))
    return cached[1]
