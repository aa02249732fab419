"""Worker-side loading of an article: ingest, extraction and the spun-text reading.

These functions run on the task pool (foia_desk.gui.tasks), so they touch no widget and
return a plain :class:`LoadedArticle` the main window applies on the GUI thread.

:func:`start_child_load` is the start-up shortcut for ``foia-desk gui --open FILE``: on Linux,
before Qt is loaded, a forked copy of the process reads and analyses the file on the other
CPU core while this one imports Qt and builds the window (Python threads would take turns
on one core). :func:`finish_child_load` then collects the pickled result on a worker; if
the child produced nothing usable the file is simply loaded here, so errors read the same.
"""

from __future__ import annotations

import os
import sys
import threading
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


@dataclass
class ChildLoad:
    """A load running in a forked child process: its pid and the pipe it writes into."""

    path: str | os.PathLike[str]
    pid: int
    read_fd: int


def start_child_load(path: str | os.PathLike[str]) -> ChildLoad | None:
    """Start ``load_file(path)`` in a forked child; None where that is unsafe or unsupported.

    Forking is only safe while the process has one thread and has not loaded Qt, so this is
    for the very start of the window command (and Linux only: macOS system libraries do not
    survive a fork without exec).
    """
    if (not sys.platform.startswith("linux") or "PySide6" in sys.modules
            or threading.active_count() != 1):
        return None
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: analyse, send the pickle, exit without any clean-up
        code = 1
        try:
            import pickle

            os.close(read_fd)
            data = pickle.dumps(load_file(path), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(data)
            code = 0
        except BaseException:  # the parent loads the file itself and reports the error
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    return ChildLoad(path, pid, read_fd)


def finish_child_load(child: ChildLoad) -> LoadedArticle:
    """The child's result (blocks until it ends: run this on a worker thread)."""
    import pickle

    # The pickle's classes live in these packages; importing them while the child works
    # keeps them off the time between the child's answer and the window showing it.
    import foia_desk.directory
    import foia_desk.extract
    import foia_desk.ingest  # noqa: F401

    with os.fdopen(child.read_fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    if data and os.waitstatus_to_exitcode(status) == 0:
        try:
            loaded = pickle.loads(data)
        except Exception:
            loaded = None
        if isinstance(loaded, LoadedArticle):
            return loaded
    return load_file(child.path)
