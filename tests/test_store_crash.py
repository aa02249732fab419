"""Killing the process in the middle of a batch of writes never leaves half a request."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_store_support import make_store

WRITER = """
import sys
sys.path.insert(0, {tests!r})
from test_store_support import make_store
store = make_store({db!r})
n = 0
while True:
    request = store.add_request("usps", f"Request {{n}}", submitted="2026-02-02",
                                received="2026-02-03", tags=["batch", f"t{{n % 7}}"])
    store.add_event(request.id, "acknowledged", "2026-02-05", tracking_number=f"T-{{n}}")
    n += 1
    if n == 40:
        print("writing", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_sigkill_during_writes_leaves_whole_requests(tmp_path):
    database = tmp_path / "crash" / "foia-desk.sqlite3"
    tests_dir = str(Path(__file__).resolve().parent)
    for round_number in range(3):
        child = subprocess.Popen([sys.executable, "-c",
                                  WRITER.format(tests=tests_dir, db=str(database))],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGKILL)
        child.wait()
        conn = sqlite3.connect(database)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        requests = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
        assert requests >= 40 * (round_number + 1)
        # Every request has its submitted and received events and its tags, written in
        # the same transaction as the request row.
        assert conn.execute(
            "SELECT count(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE "
            "e.request_id = r.id AND e.kind = 'submitted') OR NOT EXISTS (SELECT 1 FROM "
            "events e WHERE e.request_id = r.id AND e.kind = 'received') OR (SELECT count(*) "
            "FROM request_tags t WHERE t.request_id = r.id) != 2").fetchone()[0] == 0
        # An acknowledgement is all-or-nothing too: event, tracking number and status.
        assert conn.execute(
            "SELECT count(*) FROM requests r WHERE (r.tracking_number IS NULL) != NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.request_id = r.id AND e.kind = 'acknowledged')"
        ).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM requests WHERE next_deadline IS NULL "
                            "OR clocks_stale = 1").fetchone()[0] == 0
        conn.close()
        # The store's own checks accept the file left by the crash.
        with make_store(database) as store:
            assert store.count_requests() == requests


CONCURRENT_WRITER = """
import sys
sys.path.insert(0, {tests!r})
from test_store_support import make_store
store = make_store({db!r})
for n in range(40):
    request = store.add_request("usps", f"{{sys.argv[1]}} {{n}}", received="2026-02-03")
    store.add_event(request.id, "acknowledged", "2026-02-05", tracking_number=f"T{{n}}")
    store.list_requests(limit=20)
print("done", flush=True)
"""


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(tmp_path):
    database = tmp_path / "shared" / "foia-desk.sqlite3"
    tests_dir = str(Path(__file__).resolve().parent)
    code = CONCURRENT_WRITER.format(tests=tests_dir, db=str(database))
    make_store(database).close()  # create the schema first
    writers = [subprocess.Popen([sys.executable, "-c", code, name], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for name in ("A", "B")]
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in results]
    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 80
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 160
    conn.close()


OPENER = """
import sys
sys.path.insert(0, {tests!r})
from test_store_support import make_store
with make_store({db!r}) as store:
    store.add_request("usps", "opened")
"""


def test_processes_creating_the_database_at_once_do_not_clash(tmp_path):
    database = tmp_path / "race" / "foia-desk.sqlite3"
    code = OPENER.format(tests=str(Path(__file__).resolve().parent), db=str(database))
    openers = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE,
                                text=True) for _ in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in openers]
    assert [p.returncode for p in openers] == [0] * 4, errors
    with make_store(database) as store:
        assert store.count_requests() == 4
