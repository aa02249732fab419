"""Tracker tab at scale: 100,000 requests in the table model and the widget.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_tracker_gui.py [--requests N]

Builds the database with bench_tracker's bulk insert, then times what a user waits for:
opening the Tracker tab (store, COUNT, first page), the reminders banner, a filter, a search,
scrolling one more page, sorting, and showing one request's details. Prints the rows the
model holds, to show it never loads the whole table.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def timed(label: str, action, target_ms: float | None = None):
    started = time.perf_counter()
    result = action()
    elapsed = (time.perf_counter() - started) * 1000
    target = f" (target < {target_ms:.0f} ms)" if target_ms else ""
    verdict = "" if target_ms is None else ("  ok" if elapsed < target_ms else "  OVER TARGET")
    print(f"{label:<52} {elapsed:9.1f} ms{target}{verdict}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--events-per-request", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-tracker-gui-"))
    os.environ["FOIA_DESK_HOME"] = str(folder)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_tracker import build

    from foia_desk.store import open_store

    database = folder / "foia-desk.sqlite3"
    with open_store(database) as store:
        started = time.perf_counter()
        build(store, args.requests, args.events_per_request)
        store.recompute_all_clocks()
        print(f"built {args.requests:,} requests in {time.perf_counter() - started:.1f} s")

    from PySide6.QtCore import Qt

    from foia_desk.gui.app import get_app
    from foia_desk.gui.tracker import TrackerWidget
    from foia_desk.gui.tracker import model as table

    app = get_app([])
    widget = timed("open the Tracker tab (store + count + first page)",
                   lambda: TrackerWidget(db_path=database, notify=False), 300)
    widget.resize(1300, 850)
    widget.show()
    app.processEvents()
    print(f"  rows held by the model: {widget.model.rowCount():,} of {widget.model.total:,}")
    due = timed("reminders due today (a worker task in the app)", widget.show_reminders, 500)
    print(f"  reminders shown: {len(due)}")
    bar = widget.filters
    timed("filter: status = processing", lambda: bar.status.setCurrentIndex(
        bar.status.findData("processing")), 150)
    print(f"  matching: {widget.model.total:,}")
    bar.clear()
    bar.search.setText("mail covers")
    timed("search 'mail covers'", bar.apply_now, 150)
    print(f"  matching: {widget.model.total:,}")
    bar.clear()
    timed("fetch one more page (scrolling)", widget.model.fetchMore, 50)
    timed("sort by subject (header click)",
          lambda: widget.view.horizontalHeader().setSortIndicator(
              table.SUBJECT, Qt.SortOrder.AscendingOrder), 150)
    timed("select a row (detail pane with clocks)", lambda: widget.view.selectRow(5), 100)
    print(f"  rows held by the model: {widget.model.rowCount():,}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    widget.close_store()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
