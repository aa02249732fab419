"""The agency and body finders after their split into modules: the fast hit constructors
stay in step with their dataclasses, the old import paths still work, and every module
imports on its own (no import cycle).
"""

from __future__ import annotations

import dataclasses
import inspect
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from foia_desk.extract.agencies_hits import Hit, new_hit
from foia_desk.extract.bodies_hit import BodyHit, body_hit
from foia_desk.extract.model import Mention, new_mention

# (dataclass, its fast constructor, one value per field, different from the defaults)
FAST = [(Hit, new_hit, (1, 4, "dhs", "acronym", 0.9, True)),
        (BodyHit, body_hit, (1, 4, "Senate", "legislature", "congress", "Texas", True)),
        (Mention, new_mention, (3, 9, "the DEA"))]


@pytest.mark.parametrize(("cls", "make", "values"), FAST)
def test_fast_constructor_takes_exactly_the_fields(cls: type, make: Callable[..., Any],
                                                    values: tuple[Any, ...]) -> None:
    """Fails when the dataclass gains, loses, renames or reorders a field or a default."""
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(make).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        for f in fields]
    # The constructors write the instance's __dict__ and skip __init__.
    assert not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
    assert len(values) == len(fields)


@pytest.mark.parametrize(("cls", "make", "values"), FAST)
def test_fast_constructor_makes_the_same_object(cls: type, make: Callable[..., Any],
                                                values: tuple[Any, ...]) -> None:
    fields = dataclasses.fields(cls)
    required = sum(f.default is dataclasses.MISSING for f in fields)
    for count in range(required, len(fields) + 1):  # the defaults too
        made, plain = make(*values[:count]), cls(*values[:count])
        assert made == plain and repr(made) == repr(plain) and hash(made) == hash(plain)
        assert made.__dict__ == plain.__dict__
    made = make(*values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 2


def test_the_old_import_paths_still_work() -> None:
    from foia_desk.extract.agencies import (  # noqa: F401
        NAME_PREFIX,
        NAME_PREFIX_LITERALS,
        AgencyIndex,
        ExactPhrases,
        Hit,
        agency_index,
        find_agencies,
    )
    from foia_desk.extract.nonfoia import BodyHit, BodyIndex, body_index, find_bodies  # noqa: F401


MODULES = ["agencies", "agencies_cache", "agencies_hits", "agencies_index", "agencies_informal",
           "agencies_names", "agencies_states", "agscan_acronyms", "agscan_urls", "nonfoia",
           "bodies_courts", "bodies_government", "bodies_hit", "bodies_index", "bodies_named",
           "bodies_scan", "bodies_suffix", "scan"]


def test_each_module_imports_first_in_a_fresh_process() -> None:
    code = "; ".join(f"import foia_desk.extract.{name}" for name in MODULES)
    for name in MODULES:  # each one first, then the rest
        first = f"import foia_desk.extract.{name}; " + code
        subprocess.run([sys.executable, "-c", first], check=True, capture_output=True)
