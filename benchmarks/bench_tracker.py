"""Tracker speed and memory at scale: 100,000 requests with 1,000,000 events.

Run: .venv/bin/python benchmarks/bench_tracker.py [--requests N] [--events-per-request K]
         [--unanswered SHARE] [--keep DIR]

Builds the database with a bulk-insert path used only here (one transaction, executemany,
the FTS triggers left on), then times what the GUI does: open and show the first page,
filter by agency and by status, search, and recompute every request's clocks with the real
clock engine. Targets: first page < 200 ms, each filter < 100 ms, all clocks < 2 s,
peak memory < 300 MiB.

Times are wall clock, with the CPU time of this process beside them: on a shared machine the
wall time also counts waiting for a core. Every generated request ends with the agency's
answer unless ``--unanswered`` leaves that answer out for a share of them (their
20-working-day clocks, tolls and extensions are then still open and must be counted).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from foia_desk.directory import load_directory
from foia_desk.store import RequestFilter, open_store

TODAY = date(2026, 11, 27)


def _events_for(rng: random.Random, request_id: int, per_request: int,
                start: date) -> list[tuple]:
    """A plausible life: submitted, received, acknowledged, then a mix of the rest."""
    stamp = "2026-01-01T00:00:00Z"
    day = start
    rows = [(request_id, "submitted", day.isoformat(), None, "{}", stamp)]
    day += timedelta(days=rng.randint(0, 3))
    rows.append((request_id, "received", day.isoformat(), None, "{}", stamp))
    day += timedelta(days=rng.randint(1, 10))
    rows.append((request_id, "acknowledged", day.isoformat(), f"FP-{request_id:07d}", "{}",
                 stamp))
    middle = [("extension", '{"promised_date": "%s"}'), ("info-request", "{}"),
              ("info-reply", "{}"), ("fee-notice", '{"amount": "25.00"}'),
              ("fee-reply", "{}"), ("interim-release", "{}"), ("note", "{}")]
    while len(rows) < per_request - 1:
        day += timedelta(days=rng.randint(1, 20))
        kind, details = middle[rng.randrange(len(middle))]
        if "%s" in details:
            details = details % (day + timedelta(days=14)).isoformat()
        rows.append((request_id, kind, day.isoformat(), None, details, stamp))
    day += timedelta(days=rng.randint(5, 60))
    outcome = rng.choice(["full-grant", "partial", "denied", "no-records", "partial"])
    rows.append((request_id, "response", day.isoformat(), None,
                 json.dumps({"outcome": outcome, "exemptions": ["(b)(6)"]}), stamp))
    return rows[:per_request]


def build(store, requests: int, per_request: int, unanswered: float = 0.0) -> None:
    rng = random.Random(5)
    unanswered_rng = random.Random(6)  # separate, so the default data stay the same
    agencies = [(a.id, a.name) for a in load_directory()]
    statuses = ["submitted", "acknowledged", "processing", "partial-release", "complete",
                "denied", "no-records", "appeal", "fix-required"]
    words = ["mail", "covers", "contracts", "emails", "drones", "border", "detention",
             "surveillance", "grants", "audits", "vehicles", "policies", "training"]
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    batch_requests: list[tuple] = []
    batch_events: list[tuple] = []
    batch_tags: list[tuple] = []
    for request_id in range(1, requests + 1):
        agency_id, agency_name = agencies[rng.randrange(len(agencies))]
        subject = " ".join(rng.sample(words, 4)) + f" {request_id}"
        start = date(2020, 1, 1) + timedelta(days=rng.randrange(2500))
        batch_requests.append((request_id, agency_id, agency_name, subject,
                               rng.choice(statuses), f"FP-{request_id:07d}",
                               "2026-01-01T00:00:00Z", f"2026-01-01T{request_id % 24:02d}:00:00Z"))
        events = _events_for(rng, request_id, per_request, start)
        if unanswered and unanswered_rng.random() < unanswered and events[-1][1] == "response":
            events.pop()
        batch_events.extend(events)
        batch_tags.append((request_id, rng.choice(["newsroom", "clinic", "project-x", "2026"])))
        if len(batch_requests) >= 10_000:
            _flush(conn, batch_requests, batch_events, batch_tags)
    _flush(conn, batch_requests, batch_events, batch_tags)
    conn.execute("COMMIT")


def _flush(conn, requests: list, events: list, tags: list) -> None:
    conn.executemany("INSERT INTO requests (id, agency_id, agency_name, subject, status, "
                     "tracking_number, created_at, updated_at, clocks_stale) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", requests)
    conn.executemany("INSERT INTO events (request_id, kind, date, tracking_number, details, "
                     "created_at) VALUES (?, ?, ?, ?, ?, ?)", events)
    conn.executemany("INSERT INTO request_tags (request_id, tag) VALUES (?, ?)", tags)
    requests.clear()
    events.clear()
    tags.clear()


def timed(label: str, action, target_ms: float | None = None):
    started, cpu_started = time.perf_counter(), time.process_time()
    result = action()
    elapsed = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - cpu_started) * 1000
    verdict = "" if target_ms is None else ("  ok" if elapsed < target_ms else "  OVER TARGET")
    target = f" (target < {target_ms:.0f} ms)" if target_ms else ""
    print(f"{label:<58} {elapsed:9.1f} ms (CPU {cpu:7.1f} ms){target}{verdict}")
    return result


def main() -> int:
    """Run the benchmark; the temporary database (about 130 MiB) is removed unless --keep."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--events-per-request", type=int, default=10)
    parser.add_argument("--unanswered", type=float, default=0.0, metavar="SHARE",
                        help="share of requests (0-1) left without the agency's answer")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep the database")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-tracker-"))
    try:
        return run(args, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> int:
    os.environ["FOIA_DESK_HOME"] = str(folder)
    database = folder / "foia-desk.sqlite3"
    print(f"Database: {database}")
    today = lambda: TODAY  # noqa: E731 - fixed day so runs are comparable
    store = open_store(database, today=today)
    if store.count_requests() == 0:
        started = time.perf_counter()
        build(store, args.requests, args.events_per_request, args.unanswered)
        print(f"bulk insert of {args.requests:,} requests "
              f"({args.requests * args.events_per_request:,} events): "
              f"{time.perf_counter() - started:.1f} s")
    events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"{store.count_requests():,} requests, {events:,} events, "
          f"{database.stat().st_size / 1024**2:.0f} MiB on disk")
    timed("recompute every clock (real engine, one transaction)",
          store.recompute_all_clocks, 2000)
    for _ in range(3):  # repeated: a shared machine makes single runs noisy
        timed("recompute every clock again (no row needs rewriting)",
              store.recompute_all_clocks, 2000)
    timed("add a closure day (recomputes the requests it can move)",
          lambda: store.add_closure("2026-11-30", "benchmark closure"))
    timed("remove it again", lambda: store.remove_closure("2026-11-30"))
    store.close()

    store = timed("open the store", lambda: open_store(database, today=today))
    store.close()

    def first_page():
        opened = open_store(database, today=today)
        rows = opened.list_requests(limit=100)
        total = opened.count_requests()
        opened.close()
        return rows, total

    rows, total = timed("open + first page (100 rows by next deadline) + count",
                        first_page, 200)
    store = open_store(database, today=today)
    agency = rows[0].agency_id
    checks = [
        ("filter by agency (page + count)", RequestFilter(agency_id=agency)),
        ("filter by status (page + count)", RequestFilter(status="processing")),
        ("filter by agency and status (page + count)",
         RequestFilter(agency_id=agency, status="denied")),
        ("filter by tag (page + count)", RequestFilter(tag="clinic")),
        ("overdue only (page + count)", RequestFilter(overdue_only=True)),
        ("search 'mail covers' (page + count)", RequestFilter(search="mail covers")),
        ("search tracking number 'FP-0012345'", RequestFilter(search="FP-0012345")),
    ]
    for label, flt in checks:
        timed(label, lambda flt=flt: (store.list_requests(flt, limit=100),
                                      store.count_requests(flt)), 100)
    timed("page 500 (offset 50,000) by next deadline",
          lambda: store.list_requests(offset=50_000, limit=100), 100)
    timed("sort by updated, first page", lambda: store.list_requests(order="updated"), 100)
    timed("get_request with clocks (detail view)",
          lambda: store.get_request(min(12345, total)), 100)
    timed("reminders due in 7 days (user + automatic)", lambda: store.list_due(days=7))
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mib = peak / 1024 if sys.platform != "darwin" else peak / 1024**2
    print(f"peak memory (max RSS of this process): {peak_mib:.0f} MiB (target < 300 MiB)")
    print(f"first page: {len(rows)} rows of {total:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
