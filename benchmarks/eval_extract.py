"""Score the extractor against hand-labelled articles (tests/articles/{dev,heldout}).

    .venv/bin/python benchmarks/eval_extract.py [SET ...] [--verbose]

For each set: agency precision and recall (findings with role "mentioned" against the
`agencies` labels; an agency listed in `inferred_ok` or `not_agencies` but reported as
mentioned is a false positive), and hit rates for non-FOIA bodies, topic substrings and
dates. --verbose lists every miss and false positive per article.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLES = ROOT / "tests" / "articles"


@dataclass
class ArticleScore:
    name: str
    tp: set[str] = field(default_factory=set)
    fp: set[str] = field(default_factory=set)
    fn: set[str] = field(default_factory=set)
    non_foia: tuple[int, int] = (0, 0)
    topics: tuple[int, int] = (0, 0)
    dates: tuple[int, int] = (0, 0)
    misses: list[str] = field(default_factory=list)


def load_labels(txt: Path) -> dict:
    return tomllib.loads(txt.with_suffix(".toml").read_text(encoding="utf-8"))


def score_article(txt: Path) -> ArticleScore:
    from foia_desk.extract import extract

    labels = load_labels(txt)
    raw_date = labels.get("article_date")
    article_date = date.fromisoformat(str(raw_date)) if raw_date else None
    findings = extract(txt.read_text(encoding="utf-8"), article_date)
    mentioned = set(findings.mentioned_ids())
    expected = set(labels.get("agencies", []))
    result = ArticleScore(txt.stem, tp=mentioned & expected, fp=mentioned - expected,
                          fn=expected - mentioned)
    haystack = " | ".join([b.name for b in findings.non_foia]
                          + [m.text for b in findings.non_foia for m in b.mentions]).lower()
    wanted = labels.get("non_foia", [])
    hit = [n for n in wanted if n.lower() in haystack]
    result.non_foia = (len(hit), len(wanted))
    topic_text = " | ".join(t.text for t in findings.topics).lower()
    wanted_topics = labels.get("topics_contain", [])
    topic_hits = [t for t in wanted_topics if t.lower() in topic_text]
    result.topics = (len(topic_hits), len(wanted_topics))
    found_dates = {d.date.isoformat() for d in findings.dates if d.date}
    wanted_dates = [str(d) for d in labels.get("dates", [])]
    date_hits = [d for d in wanted_dates if d in found_dates]
    result.dates = (len(date_hits), len(wanted_dates))
    result.misses = ([f"agency FP {a}" for a in sorted(result.fp)]
                     + [f"agency FN {a}" for a in sorted(result.fn)]
                     + [f"non-FOIA miss {n!r}" for n in wanted if n not in hit]
                     + [f"topic miss {t!r}" for t in wanted_topics if t not in topic_hits]
                     + [f"date miss {d}" for d in wanted_dates if d not in date_hits])
    return result


def score_set(name: str) -> list[ArticleScore]:
    folder = ARTICLES / name
    return [score_article(p) for p in sorted(folder.glob("*.txt"))
            if p.with_suffix(".toml").exists()]


def summarise(scores: list[ArticleScore]) -> dict[str, float]:
    tp = sum(len(s.tp) for s in scores)
    fp = sum(len(s.fp) for s in scores)
    fn = sum(len(s.fn) for s in scores)

    def rate(attr: str) -> float:
        got = sum(getattr(s, attr)[0] for s in scores)
        total = sum(getattr(s, attr)[1] for s in scores)
        return got / total if total else 1.0

    return {
        "articles": len(scores),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp, "fp": fp, "fn": fn,
        "non_foia": rate("non_foia"), "topics": rate("topics"), "dates": rate("dates"),
    }


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    sets = [a for a in argv if not a.startswith("-")] or ["dev", "heldout"]
    print(f"{'set':<9}{'articles':>9}{'precision':>11}{'recall':>8}{'TP':>5}{'FP':>4}{'FN':>4}"
          f"{'non-FOIA':>10}{'topics':>8}{'dates':>7}")
    for name in sets:
        if not (ARTICLES / name).is_dir():
            print(f"{name:<9} (no such set)")
            continue
        scores = score_set(name)
        s = summarise(scores)
        print(f"{name:<9}{s['articles']:>9}{s['precision']:>11.3f}{s['recall']:>8.3f}"
              f"{s['tp']:>5}{s['fp']:>4}{s['fn']:>4}{s['non_foia']:>10.2f}{s['topics']:>8.2f}"
              f"{s['dates']:>7.2f}")
        if verbose:
            for score in scores:
                for miss in score.misses:
                    print(f"    {score.name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
