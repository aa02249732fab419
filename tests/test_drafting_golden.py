"""Golden letters: the rendered Markdown for fixed profile/options must not drift by accident.

After a deliberate template change, regenerate with
``.venv/bin/python tests/test_drafting_helpers.py --regenerate`` and review the diff.
"""

from __future__ import annotations

import pytest
from test_drafting_helpers import GOLDEN, GOLDEN_CASES, render_case


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_rendered_letter_matches_golden(name):
    expected = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    actual = render_case(name).markdown
    assert actual == expected, (
        f"{name}.md differs from the rendered letter; if the change is intended, regenerate "
        "with: .venv/bin/python tests/test_drafting_helpers.py --regenerate")


def test_every_golden_file_has_a_case():
    files = {p.stem for p in GOLDEN.glob("*.md")}
    assert files == set(GOLDEN_CASES)
