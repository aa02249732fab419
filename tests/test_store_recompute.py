"""The bulk recompute (``Store.recompute_all_clocks``) against the one-request path.

The bulk path streams events in one query, leaves out kinds no clock reads, uses the
engine's fast path and, when most rows change, rebuilds the cache indexes instead of
updating them row by row. Whatever route it takes, each row must end up exactly as the
one-request path (full report, ``pick_next``) leaves it, with the schema intact.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from test_store_support import make_store

from foia_desk.store import clockcache
from foia_desk.store.cache_writer import CacheWriter
from foia_desk.store.schema import schema_fingerprint

TODAY = date(2026, 3, 2)
AGENCIES = ("usps", "fbi", "ice", "irs")
MIDDLE = [("extension", {"promised_date": None}), ("info-request", {}), ("info-reply", {}),
          ("fee-notice", {"amount": "25.00"}), ("fee-reply", {}), ("interim-release", {}),
          ("note", {}), ("appeal-filed", {}), ("appeal-received", {}),
          ("appeal-decision", {"outcome": "denied"})]


def _fill(store, count: int, seed: int = 7) -> None:
    """``count`` requests at every stage: open, tolled, extended, answered, appealed."""
    rng = random.Random(seed)
    for n in range(count):
        day = TODAY - timedelta(days=rng.randrange(20, 400))
        request = store.add_request(rng.choice(AGENCIES), f"Request {n}", submitted=day,
                                    expedited=rng.random() < 0.3)
        for _ in range(rng.randrange(0, 7)):
            day += timedelta(days=rng.randrange(0, 15))
            if day > TODAY:
                break
            kind, details = rng.choice(MIDDLE)
            if "promised_date" in details:
                details = {"promised_date": (day + timedelta(days=20)).isoformat()}
            if rng.random() < 0.2:
                kind, details = "response", {"outcome": rng.choice(
                    ["partial", "denied", "full-grant", "no-records"])}
            if rng.random() < 0.15:
                kind, details = "received", {}
            store.add_event(request.id, kind, day, details=details)


def _cached(store) -> list[tuple]:
    return store.conn.execute(
        "SELECT id, next_deadline, next_deadline_key, next_deadline_label, submitted_on, "
        "clocks_stale FROM requests ORDER BY id").fetchall()


def _one_by_one(store) -> list[tuple]:
    """What the single-request path (full report) stores for every row."""
    conn = store.conn
    with conn:
        conn.execute("SAVEPOINT check_each")
        for (request_id,) in conn.execute("SELECT id FROM requests").fetchall():
            clockcache.refresh_request(conn, store.engine, request_id,
                                       agencies=store.agency, today=store.today())
        rows = _cached(store)
        conn.execute("ROLLBACK TO check_each")
        conn.execute("RELEASE check_each")
    return rows


def _forget_cache(store) -> None:
    store.conn.execute("UPDATE requests SET next_deadline = NULL, next_deadline_key = NULL, "
                       "next_deadline_label = NULL, submitted_on = NULL, clocks_stale = 1")


@pytest.fixture
def filled(monkeypatch):
    monkeypatch.setattr(CacheWriter, "BATCH", 4)  # small batches, many flushes
    with make_store(today=TODAY) as store:
        _fill(store, 60)
        yield store


def test_bulk_recompute_matches_the_one_request_path(filled):
    expected = _one_by_one(filled)
    assert {row[2] for row in expected} >= {"response_due", "appeal_by", None}
    filled.conn.execute("UPDATE requests SET next_deadline = '1999-01-01'")  # all wrong
    assert filled.recompute_all_clocks() == 60
    assert _cached(filled) == expected


def test_rewriting_every_row_rebuilds_the_indexes_intact(filled):
    expected = _one_by_one(filled)
    fingerprint = schema_fingerprint(filled.conn)
    _forget_cache(filled)  # every row stale: the index-rebuild route
    assert filled.recompute_all_clocks() == 60
    assert _cached(filled) == expected
    assert schema_fingerprint(filled.conn) == fingerprint
    assert filled.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    plan = " ".join(str(row) for row in filled.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM requests ORDER BY next_deadline IS NULL, "
        "next_deadline, id LIMIT 5"))
    assert "requests_by_deadline" in plan  # the tracker's sort index is back and used


def test_a_failure_midway_leaves_cache_and_indexes_as_they_were(filled, monkeypatch):
    _forget_cache(filled)
    before, fingerprint = _cached(filled), schema_fingerprint(filled.conn)
    calls = 0

    def failing(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 40:
            raise RuntimeError("engine bug")
        return real_next(*args, **kwargs)

    real_make, real_next, ignored = filled.engine.bulk()
    monkeypatch.setattr(filled.engine, "bulk", lambda: (real_make, failing, ignored))
    with pytest.raises(RuntimeError, match="engine bug"):
        filled.recompute_all_clocks()
    assert _cached(filled) == before
    assert schema_fingerprint(filled.conn) == fingerprint


def test_only_changed_rows_are_rewritten(filled):
    filled.recompute_all_clocks()
    filled.conn.execute("UPDATE requests SET next_deadline_label = 'stale label' "
                        "WHERE id IN (3, 5)")
    changes = filled.conn.total_changes
    filled.recompute_all_clocks()
    # two rows plus the meta row that records the day the cache was brought up to date
    assert filled.conn.total_changes - changes == 3
    assert "stale label" not in {row[3] for row in _cached(filled)}


def test_rebuild_gives_way_to_a_statement_still_reading(filled):
    """SQLite refuses DROP INDEX while another statement on the connection is reading; the
    recompute then updates the indexes in place instead of failing."""
    expected = _one_by_one(filled)
    fingerprint = schema_fingerprint(filled.conn)
    _forget_cache(filled)
    reading = filled.conn.execute("SELECT id FROM requests")
    reading.fetchone()  # left half-read
    assert filled.recompute_all_clocks() == 60
    reading.close()
    assert _cached(filled) == expected
    assert schema_fingerprint(filled.conn) == fingerprint
