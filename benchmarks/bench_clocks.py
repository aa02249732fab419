"""How fast are the statutory clocks? Recomputes N requests x 10 events and prints figures.

Run: .venv/bin/python benchmarks/bench_clocks.py [N]   (default 100,000 requests)
The tracker needs every request's clocks recomputed in under 2 s. Two figures per data set:
``compute_clocks`` (the full report; explanations are built lazily, so this is dates, states,
notes and the next deadline) and ``next_open_deadline`` (the tracker's bulk-recompute fast
path: the same rules, only the next open deadline, closed clocks skipped). Each is timed
three times (best CPU shown): the machine may be shared.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import time

from foia_desk.calendar import Closure, FederalCalendar
from foia_desk.clocks import EventRecord, compute_clocks, next_open_deadline
from foia_desk.directory import Agency, AppealRule, Office


def make_requests(n: int, seed: int = 5, mixed: bool = False) -> list[list[EventRecord]]:
    """``n`` requests of 10 events each; ``mixed``: each keeps only its first 2-10 events
    (a tracker holds requests at every stage)."""
    rng = random.Random(seed)
    base = dt.date(2020, 1, 1)
    requests = []
    for _ in range(n):
        day = base + dt.timedelta(days=rng.randrange(0, 2500))

        def at(offset: int, d0: dt.date = day) -> dt.date:
            return d0 + dt.timedelta(days=offset)

        events = [
            EventRecord("submitted", day, {"expedited_requested": rng.random() < 0.3}),
            EventRecord("received", at(1), {}),
            EventRecord("acknowledged", at(3), {"tracking_number": "X-1"}),
            EventRecord("info-request", at(6), {}),
            EventRecord("info-reply", at(12), {}),
            EventRecord("fee-notice", at(15), {}),
            EventRecord("fee-reply", at(18), {}),
            EventRecord("extension", at(25), {"promised_date": at(45).isoformat()}),
            EventRecord("response", at(50), {"outcome": rng.choice(["partial", "denied",
                                                                       "full-grant"])}),
            EventRecord("appeal-filed", at(60), {}),
        ]
        if mixed:
            events = events[:rng.randint(2, 10)]
        rng.shuffle(events)
        requests.append(events)
    return requests


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    agency = Agency(id="ice", name="ICE", acronyms=(), aliases=(), informal=(), parent=None,
                    kind="component", family="dhs", regulation="6 CFR 5",
                    privacy_regulation="", foia_office=Office(name="ICE FOIA"),
                    appeal=AppealRule(None, 90, "working", "6 CFR 5.8(a)(1)"), dc_area=True)
    t0 = time.perf_counter()
    calendar = FederalCalendar([Closure(dt.date(2025, 12, 24), "EO")])
    calendar.is_working_day(dt.date(2025, 1, 2))
    t_cal = time.perf_counter() - t0
    today = dt.date(2026, 11, 27)

    def recompute(requests: list[list[EventRecord]], fast: bool) -> tuple[float, float, int]:
        wall, cpu, open_count = time.perf_counter(), time.process_time(), 0
        for events in requests:
            if fast:
                found = next_open_deadline(events, agency=agency, calendar=calendar,
                                           today=today)
            else:
                found = compute_clocks(events, agency=agency, calendar=calendar,
                                       today=today).next_deadline
            if found is not None:
                open_count += 1
        return time.perf_counter() - wall, time.process_time() - cpu, open_count

    for label, mixed in (("10 events each", False), ("2-10 events (mixed stages)", True)):
        requests = make_requests(n, mixed=mixed)
        gc.freeze()  # what a long-lived tracker process gets after loading its rows
        for name, fast in (("compute_clocks", False), ("next_open_deadline", True)):
            runs = [recompute(requests, fast) for _ in range(3)]
            elapsed, cpu, open_count = min(runs, key=lambda run: run[1])
            print(f"{name}, {n:,} requests x {label}: {elapsed:.2f} s wall, {cpu:.2f} s "
                  f"CPU ({cpu / n * 1e6:.1f} us CPU per request); {open_count:,} with an "
                  "open deadline")
        gc.unfreeze()
    t0 = time.perf_counter()
    sample = compute_clocks(requests[0], agency=agency, calendar=calendar, today=today)
    text = [d.explanation for d in sample.deadlines]
    t_explain = time.perf_counter() - t0
    print(f"calendar index build (first use, incl. holidays import): {t_cal * 1000:.1f} ms")
    print(f"explanations for one request ({len(text)} deadlines): {t_explain * 1000:.2f} ms")


if __name__ == "__main__":
    main()
