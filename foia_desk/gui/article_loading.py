"""Worker-side loading of an article: ingest, extraction and the spun-text reading.

These functions run on the task pool (foia_desk.gui.tasks), so they touch no widget and
return a plain :class:`LoadedArticle` the main window applies on the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


@dataclass
class LoadedArticle:
    article: Any  # foia_desk.ingest.Article
    findings: Any  # foia_desk.extract.Findings
    directory: Any  # foia_desk.directory.Directory
    spun_score: float = 0.0
    normalised_text: str | None = None  # set only when the text looks machine-reworded
    reworded_spans: list[tuple[int, int]] = field(default_factory=list)  # in normalised_text


def reworded_spans(substitutions: list[Any]) -> list[tuple[int, int]]:
    """Where each spinner substitution's replacement sits in the normalised text."""
    spans = []
    delta = 0
    for sub in sorted(substitutions, key=lambda s: s.start):
        start = sub.start + delta
        if getattr(sub, "source", "spinner") == "spinner":
            spans.append((start, start + len(sub.replacement)))
        delta += len(sub.replacement) - (sub.end - sub.start)
    return spans


def analyse(article: Any) -> LoadedArticle:
    from foia_desk.directory import load_directory
    from foia_desk.extract import extract, normalise_spun

    directory = load_directory()
    findings = extract(article.text, article_date=article.date)
    loaded = LoadedArticle(article, findings, directory, spun_score=findings.spun.score)
    if findings.spun.detected:
        reading = normalise_spun(article.text)
        loaded.normalised_text = reading.text
        loaded.reworded_spans = reworded_spans(reading.substitutions)
    return loaded


def load_file(path: str | os.PathLike[str]) -> LoadedArticle:
    from foia_desk.ingest import ingest_path

    return analyse(ingest_path(path))


def load_pasted(text: str) -> LoadedArticle:
    from foia_desk.ingest import ingest_text

    return analyse(ingest_text(text))
