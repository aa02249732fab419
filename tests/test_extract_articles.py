"""The hand-labelled articles in tests/articles/: per article on dev/, in aggregate on heldout/.

Label format: tests/articles/README.md. The scoring is shared with
benchmarks/eval_extract.py so the test and the printed figures cannot disagree.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_extract",
                                                  ROOT / "benchmarks" / "eval_extract.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_extract", module)
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()
DEV = sorted(p for p in (ARTICLES / "dev").glob("*.txt") if p.with_suffix(".toml").exists())
HELDOUT = sorted(p for p in (ARTICLES / "heldout").glob("*.txt")
                 if p.with_suffix(".toml").exists())


def test_there_are_at_least_ten_dev_articles_in_several_styles():
    assert len(DEV) >= 10
    styles = {EVAL.load_labels(p).get("style") for p in DEV}
    assert {"wire", "long-form", "local", "press-release", "scraped"} <= styles


@pytest.mark.parametrize("path", DEV, ids=[p.stem for p in DEV])
def test_dev_article_meets_its_labels(path: Path):
    score = EVAL.score_article(path)
    assert not score.misses, "; ".join(score.misses)


@pytest.mark.parametrize("path", DEV, ids=[p.stem for p in DEV])
def test_dev_article_offsets_point_at_their_text(path: Path):
    from foia_desk.extract import extract

    text = path.read_text(encoding="utf-8")
    data = extract(text).to_dict()
    spans = [m for a in data["agencies"] for m in a["mentions"] + a["evidence"]]
    spans += [m for b in data["non_foia"] for m in b["mentions"]]
    spans += [m for t in data["topics"] for m in t["mentions"]] + data["dates"]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def test_spun_labels_match_detection():
    from foia_desk.extract import extract

    for path in DEV:
        labels = EVAL.load_labels(path)
        detected = extract(path.read_text(encoding="utf-8")).spun.detected
        assert detected == bool(labels.get("spun", False)), path.stem


@pytest.mark.skipif(not HELDOUT, reason="no held-out articles present")
def test_heldout_articles_in_aggregate():
    summary = EVAL.summarise(EVAL.score_set("heldout"))
    assert summary["precision"] >= 0.9
    assert summary["recall"] >= 0.85
