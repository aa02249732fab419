"""Keeping each request's cached "next deadline" in step with its event log.

The event log is the truth; ``foia_desk.clocks.compute_clocks`` derives every deadline from
it. The ``requests`` row caches the first open deadline (date, key, label) so the tracker
table can sort and filter 100,000 requests without computing anything. The cache of one
request is refreshed in the same transaction as any change to its events or agency; a
change to the closure days refreshes every request (:func:`recompute_all`).

A full recompute (100,000 requests, 1,000,000 events; ``benchmarks/bench_tracker.py``)
streams every event in one query, hands the rows to the engine as :class:`StoredEvent`
(no re-validation), asks only for the next open deadline
(``foia_desk.clocks.next_open_deadline``, the same rules without explanations), rewrites
only rows whose cached values changed, and rebuilds the cache indexes rather than updating
them row by row when most rows change.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from foia_desk.directory import Agency

# Deadline states (foia_desk.clocks.STATES) that still call for attention; "met", "missed"
# and "not-applicable" do not. "latest_start" is background, never a deadline to chase.
OPEN_STATES = frozenset({"pending", "overdue"})
BACKGROUND_KEYS = frozenset({"latest_start"})


def is_open(deadline: Any) -> bool:
    """A deadline with a date that is still pending or overdue."""
    return (getattr(deadline, "due", None) is not None
            and getattr(deadline, "state", None) in OPEN_STATES
            and getattr(deadline, "key", None) not in BACKGROUND_KEYS)

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class CachedClock:
    """What the requests row keeps about the clocks."""

    next_deadline: date | None
    key: str | None
    label: str | None


class ClockEngine:
    """Adapter to ``foia_desk.calendar`` and ``foia_desk.clocks`` (imported lazily).

    Tests may pass their own ``compute`` / ``make_calendar`` / ``make_event`` callables.
    """

    def __init__(self, compute: Callable[..., Any] | None = None,
                 make_calendar: Callable[[Sequence[tuple[date, str]]], Any] | None = None,
                 make_event: Callable[[str, date, dict[str, Any]], Any] | None = None) -> None:
        self._compute = compute
        self._make_calendar = make_calendar
        self._make_event = make_event
        self._resolved: tuple[Callable[..., Any], Callable[..., Any]] | None = None

    def calendar(self, closures: Sequence[tuple[date, str]]) -> Any:
        if self._make_calendar is not None:
            return self._make_calendar(closures)
        from foia_desk.calendar import Closure, FederalCalendar

        return FederalCalendar(closures=[Closure(day, note) for day, note in closures])

    def _functions(self) -> tuple[Callable[..., Any], Callable[..., Any]]:
        """(make_event, compute), resolved once: recomputing 100,000 requests must not
        repeat an import per event."""
        if self._resolved is None:
            make_event, compute = self._make_event, self._compute
            if make_event is None or compute is None:
                from foia_desk.clocks import EventRecord, compute_clocks

                make_event = make_event or EventRecord
                compute = compute or compute_clocks
            self._resolved = (make_event, compute)
        return self._resolved

    def report(self, events: Iterable[tuple[str, date, Mapping[str, Any]]], *,
               agency: Agency | None, calendar: Any, today: date) -> Any:
        make_event, compute = self._functions()
        records = [make_event(kind, day, details) for kind, day, details in events]
        return compute(records, agency=agency, calendar=calendar, today=today)

    @property
    def is_real(self) -> bool:
        """True unless a test swapped in its own compute/make_event."""
        return self._compute is None and self._make_event is None

    def bulk(self) -> tuple[Callable[..., Any], Callable[..., Any], frozenset[str]]:
        """(make_record, next_open, ignored_kinds) for a recompute of many requests.

        ``make_record(kind, date, details)`` builds one event from a stored row (validated
        when it was written); ``next_open(records, agency=, calendar=, today=,
        in_date_order=True)`` returns ``(due, key, label, ...)`` of the most urgent open
        deadline, or None, for records in date order; events of ``ignored_kinds`` may be
        left out. The real engine takes its fast path
        (``foia_desk.clocks.next_open_deadline``: the same rules, nothing explained); a test
        engine gets the full report and :func:`pick_next`.
        """
        if not self.is_real:
            def next_from_report(records: list, *, agency: Agency | None, calendar: Any,
                                 today: date, in_date_order: bool = True) -> Any:
                cached = pick_next(self.report(records, agency=agency, calendar=calendar,
                                               today=today))
                return cached.next_deadline, cached.key, cached.label
            return _as_tuple, next_from_report, frozenset()
        from foia_desk.clocks import next_open_deadline
        from foia_desk.clocks.facts import IGNORED_KINDS

        return StoredEvent, next_open_deadline, IGNORED_KINDS


class StoredEvent:
    """An event row handed to the clock engine without re-validating it (it was validated
    when written): the same ``kind``/``date``/``details`` attributes as ``EventRecord``,
    at a fifth of the cost, which matters for a million events."""

    __slots__ = ("date", "details", "kind")

    def __init__(self, kind: str, day: date, details: Mapping[str, Any]) -> None:
        self.kind = kind
        self.date = day
        self.details = details


def _as_tuple(kind: str, day: date, details: Mapping[str, Any]) -> tuple[str, date, Any]:
    return kind, day, details


def default_engine() -> ClockEngine:
    """The engine a Store uses unless told otherwise (tests may patch this)."""
    return ClockEngine()


_NO_DETAILS: Mapping[str, Any] = MappingProxyType({})


@lru_cache(maxsize=8192)
def _parsed(details_json: str) -> Mapping[str, Any]:
    """Parsed details, shared read-only: the same texts recur across many events."""
    return MappingProxyType(json.loads(details_json))


def event_details(kind: str, details_json: str, expedited: bool) -> Mapping[str, Any]:
    """Details handed to the clock engine (read-only); the request's expedited flag rides
    on the submitted/received events because the expedited-decision clock starts there."""
    wants_flag = expedited and kind in ("submitted", "received")
    empty = not details_json or details_json == "{}"
    if not wants_flag:
        return _NO_DETAILS if empty else _parsed(details_json)
    details = {} if empty else dict(_parsed(details_json))
    details.setdefault("expedited_requested", True)
    return MappingProxyType(details)


def pick_next(report: Any) -> CachedClock:
    """The first open deadline of a report (the one the tracker table shows)."""
    if report is None:
        return CachedClock(None, None, None)
    chosen = getattr(report, "next_deadline", None)
    if chosen is not None and isinstance(chosen, date):
        matches = [d for d in report.deadlines if getattr(d, "due", None) == chosen]
        chosen = matches[0] if matches else None
        if chosen is None:
            return CachedClock(report.next_deadline, None, None)
    if chosen is None:
        open_ones = [d for d in getattr(report, "deadlines", ()) if is_open(d)]
        if not open_ones:
            return CachedClock(None, None, None)
        chosen = min(open_ones, key=lambda d: d.due)
    return CachedClock(getattr(chosen, "due", None), getattr(chosen, "key", None),
                       getattr(chosen, "label", None))


def load_closures(conn: sqlite3.Connection) -> list[tuple[date, str]]:
    return [(date.fromisoformat(day), note) for day, note in
            conn.execute("SELECT day, note FROM closures ORDER BY day")]


def request_events(conn: sqlite3.Connection, request_id: int,
                   expedited: bool) -> list[tuple[str, date, Mapping[str, Any]]]:
    rows = conn.execute("SELECT kind, date, details FROM events "
                        "WHERE request_id = ? ORDER BY date, id", (request_id,))
    return [(kind, date.fromisoformat(day), event_details(kind, details, expedited))
            for kind, day, details in rows]


def _store(conn: sqlite3.Connection, request_id: int, cached: CachedClock,
           submitted: str | None) -> None:
    conn.execute("UPDATE requests SET next_deadline = ?, next_deadline_key = ?, "
                 "next_deadline_label = ?, submitted_on = ?, clocks_stale = 0 WHERE id = ?",
                 (cached.next_deadline.isoformat() if cached.next_deadline else None,
                  cached.key, cached.label, submitted, request_id))


def compute_report(conn: sqlite3.Connection, engine: ClockEngine, request_id: int, *,
                   agency: Agency | None, expedited: bool, today: date,
                   calendar: Any = None) -> Any:
    """The full ClockReport of one request (``None`` if its agency is unknown)."""
    if agency is None:
        return None
    if calendar is None:
        calendar = engine.calendar(load_closures(conn))
    events = request_events(conn, request_id, expedited)
    return engine.report(events, agency=agency, calendar=calendar, today=today)


def refresh_request(conn: sqlite3.Connection, engine: ClockEngine, request_id: int, *,
                    agencies: Callable[[str], Agency | None], today: date,
                    calendar: Any = None) -> Any:
    """Recompute and store one request's cache (call inside the write transaction)."""
    row = conn.execute("SELECT agency_id, expedited FROM requests WHERE id = ?",
                       (request_id,)).fetchone()
    if row is None:
        return None
    agency_id, expedited = row
    report = compute_report(conn, engine, request_id, agency=agencies(agency_id),
                            expedited=bool(expedited), today=today, calendar=calendar)
    submitted = conn.execute("SELECT min(date) FROM events WHERE request_id = ? AND "
                             "kind = 'submitted'", (request_id,)).fetchone()[0]
    _store(conn, request_id, pick_next(report), submitted)
    return report


# A closure day can only move a deadline whose count crosses it, and every count starts at
# an event at most a few months earlier (the longest statutory count, 90 working days, is
# about 130 calendar days; tolls restart at the reply, itself an event). Requests with an
# event in this many days before the closure are recomputed; a wide margin for safety.
CLOSURE_REACH_DAYS = 400


def closure_scope(day: date) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause selecting requests whose clocks a closure on ``day`` may move."""
    start = date.fromordinal(day.toordinal() - CLOSURE_REACH_DAYS).isoformat()
    return ("id IN (SELECT request_id FROM events WHERE date BETWEEN ? AND ?)",
            (start, day.isoformat()))


def overdue_scope(since: date, today: date) -> tuple[str, tuple[Any, ...]]:
    """Requests whose cached deadline fell due since the cache was last brought up to date
    (their state may have changed, e.g. an appeal window now missed)."""
    return ("next_deadline >= ? AND next_deadline < ?", (since.isoformat(), today.isoformat()))


def recompute_all(conn: sqlite3.Connection, engine: ClockEngine, *,
                  agencies: Callable[[str], Agency | None], today: date,
                  only_stale: bool = False, scope: tuple[str, tuple[Any, ...]] | None = None,
                  progress: ProgressCallback | None = None, batch: int = 5000) -> int:
    """Recompute the cache of every request (or the stale ones, or those in ``scope``, a
    WHERE clause with its parameters) in one transaction.

    Events are streamed in request order and merged with the request rows, so memory stays
    flat however many requests there are. Returns how many requests were refreshed. When at
    least a quarter of the rows are stale (every one will be rewritten), the cache indexes
    are dropped and rebuilt (see :class:`CacheWriter`).
    """
    from foia_desk.store.cache_writer import REBUILD_SHARE, CacheWriter
    from foia_desk.store.db import write

    where, params = "", ()
    if only_stale:
        where = " WHERE clocks_stale = 1"
    elif scope is not None:
        where, params = " WHERE " + scope[0], scope[1]
    # Materialised first: the loop below updates the rows this query reads.
    requests = conn.execute(
        "SELECT id, agency_id, expedited, next_deadline, next_deadline_key, "
        f"next_deadline_label, submitted_on, clocks_stale FROM requests{where} ORDER BY id",
        params).fetchall()
    total = len(requests)
    if total == 0:
        return 0
    calendar = engine.calendar(load_closures(conn))
    if where and total < batch:
        with write(conn):
            for request_id, *_ in requests:
                refresh_request(conn, engine, request_id, agencies=agencies, today=today,
                                calendar=calendar)
        if progress:
            progress(total, total)
        return total
    make_record, next_open, ignored = engine.bulk()
    stale_rows = sum(1 for row in requests if row[-1])  # rewritten whatever they compute
    rebuild = stale_rows >= max(CacheWriter.BATCH, total // REBUILD_SHARE)
    skip = f" WHERE kind NOT IN ({', '.join('?' * len(ignored))})" if ignored else ""
    days: dict[str, date] = {}
    known_agencies: dict[str, Agency | None] = {}
    done = 0
    with write(conn):
        writer = CacheWriter(conn, rebuild)  # before the events query starts reading
        # One query streams every event in the order of the index on (request_id, date);
        # kinds no clock reads stay in the database.
        event_rows = conn.cursor().execute(
            f"SELECT request_id, kind, date, details FROM events{skip} "
            "ORDER BY request_id, date, id", tuple(sorted(ignored)))
        groups = groupby(event_rows, key=itemgetter(0))
        current = next(groups, None)
        for (request_id, agency_id, expedited, before_due, before_key, before_label,
             before_submitted, stale) in requests:
            records: list[Any] = []
            submitted: str | None = None
            while current is not None and current[0] < request_id:
                current = next(groups, None)
            if current is not None and current[0] == request_id:
                for _, kind, day, details in current[1]:
                    if kind == "submitted" and (submitted is None or day < submitted):
                        submitted = day
                    when = days.get(day)
                    if when is None:
                        when = days[day] = date.fromisoformat(day)
                    if expedited:
                        read_only = event_details(kind, details, True)
                    else:  # event_details without the flag, inlined for speed
                        read_only = _NO_DETAILS if not details or details == "{}" else _parsed(
                            details)
                    records.append(make_record(kind, when, read_only))
                current = next(groups, None)
            if agency_id in known_agencies:
                agency = known_agencies[agency_id]
            else:
                agency = known_agencies[agency_id] = agencies(agency_id)
            found = None if agency is None else next_open(
                records, agency=agency, calendar=calendar, today=today, in_date_order=True)
            if found is None:
                due = key = label = None
            else:
                due, key, label = found[0], found[1], found[2]
                due = due.isoformat() if due is not None else None
            if (stale or due != before_due or key != before_key or label != before_label
                    or submitted != before_submitted):  # unchanged rows are not rewritten
                writer.add((due, key, label, submitted, request_id))
            done += 1
            if progress and done % batch == 0:
                progress(done, total)
        event_rows.close()
        writer.finish()
    if progress:
        progress(done, total)
    return done
