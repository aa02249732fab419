"""Schema migrations, damaged files, locks, permissions, backups and restore."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date

import pytest
from test_store_support import make_store

from foia_desk.store import (
    AlreadyOpenError,
    InstanceLock,
    RequestFilter,
    StoreError,
    list_backups,
    restore_backup,
)
from foia_desk.store import db as store_db
from foia_desk.store.schema import LATEST_VERSION, schema_fingerprint, snapshot


def _fresh_fingerprint(tmp_path) -> dict:
    with make_store(tmp_path / "fresh" / "t.sqlite3") as fresh:
        return schema_fingerprint(fresh.conn)


def _build_old_database(path, version: int) -> None:
    """A database at ``version`` holding one request with events, tags, reminder, closure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(snapshot(version))
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('instance_id', 'abc123')")
    conn.execute(
        "INSERT INTO requests (id, agency_id, agency_name, subject, status, tracking_number,"
        " created_at, updated_at) VALUES (7, 'usps', 'United States Postal Service',"
        " 'Mail covers on reporters', 'acknowledged', 'FPRO-7', '2026-02-01T10:00:00Z',"
        " '2026-02-05T10:00:00Z')")
    conn.executemany(
        "INSERT INTO events (request_id, kind, date, tracking_number, details, created_at)"
        " VALUES (7, ?, ?, ?, '{}', '2026-02-05T10:00:00Z')",
        [("submitted", "2026-02-02", None), ("received", "2026-02-03", None),
         ("acknowledged", "2026-02-05", "FPRO-7")])
    conn.execute("INSERT INTO request_tags VALUES (7, 'mail')")
    conn.execute("INSERT INTO reminders (request_id, due, text, created_at) VALUES "
                 "(7, '2026-03-01', 'Call them', '2026-02-05T10:00:00Z')")
    conn.execute("INSERT INTO closures VALUES ('2026-02-18', 'Snow')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_every_earlier_version_upgrades_to_the_current_schema(tmp_path, version):
    path = tmp_path / "old" / "foia-desk.sqlite3"
    _build_old_database(path, version)
    with make_store(path) as store:
        assert store.opened_at_version == version
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert schema_fingerprint(store.conn) == _fresh_fingerprint(tmp_path)
        detail = store.get_request(7)
        assert detail.tracking_number == "FPRO-7" and detail.tags == ("mail",)
        assert [e.kind for e in detail.events] == ["submitted", "received", "acknowledged"]
        # The cache was computed on upgrade, counting the closure day.
        assert store.list_requests()[0].next_deadline == date(2026, 3, 5)
        assert store.count_requests(RequestFilter(search="reporters")) == 1
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backups = list_backups(path.parent / "backups")
    assert len(backups) == 1 and f"before-upgrade-from-v{version}" in backups[0].name
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == version
    old.close()


def test_new_database_is_private_and_not_backed_up(isolated_data_dir):
    with make_store() as store:
        assert store.opened_at_version == 0
        backup = store.backup()
        database = store.locations.database
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(isolated_data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert list_backups(store.locations.backups) == [backup]


def test_garbage_file_is_refused_and_left_untouched(isolated_data_dir):
    database = isolated_data_dir / "foia-desk.sqlite3"
    garbage = b"this is a spreadsheet, not a database\n" * 200
    database.write_bytes(garbage)
    with pytest.raises(StoreError, match="not a FOIA Desk tracker database") as caught:
        make_store()
    assert "No backup" in str(caught.value)
    assert database.read_bytes() == garbage


def test_truncated_database_names_newest_backup_and_restore_recovers(isolated_data_dir):
    with make_store() as store:
        for n in range(300):
            store.add_request("usps", f"Request number {n} " + "x" * 200)
        backup = store.backup()
        store.add_request("usps", "Added after the backup")
        database = store.locations.database
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError, match="truncated") as caught:
        make_store()
    assert str(backup) in str(caught.value) and "foia-desk restore" in str(caught.value)
    assert database.read_bytes() == data[: len(data) // 2]
    moved = restore_backup(backup)
    assert moved is not None and ".corrupt-" in moved.name
    assert moved.read_bytes() == data[: len(data) // 2]
    with make_store() as store:
        assert store.count_requests() == 300


def test_damaged_page_inside_is_reported_not_crashing(isolated_data_dir):
    with make_store() as store:
        for n in range(400):
            store.add_request("usps", f"Request {n} " + "y" * 300)
        database = store.locations.database
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(database.read_bytes())
    page = 4096
    raw[page * 3: page * 40] = b"\xff" * (page * 37)
    database.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="is damaged"), make_store() as store:
        store.list_requests(limit=1000)
        store.conn.execute("PRAGMA integrity_check").fetchall()
        store.recompute_all_clocks()
    assert database.read_bytes() == bytes(raw)


def test_other_sqlite_database_and_newer_schema_are_refused(isolated_data_dir, tmp_path):
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a FOIA Desk tracker"):
        make_store(other)
    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer FOIA Desk"):
        make_store(newer)


def test_locked_database_gives_a_clear_message(isolated_data_dir, monkeypatch):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    with make_store() as store:
        store.add_request("usps", "First")
        blocker = sqlite3.connect(store.locations.database, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with make_store() as second:
                with pytest.raises(StoreError, match="busy"):
                    second.add_request("usps", "Second")
                # Reading still works while another process writes (WAL).
                assert second.count_requests() == 1
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert store.count_requests() == 1


def test_manual_backup_and_restore_through_the_store(isolated_data_dir, tmp_path):
    with make_store() as store:
        store.add_request("usps", "Kept")
        backup = store.backup(tmp_path / "mine.sqlite3")
        store.add_request("usps", "Lost by the restore")
        with pytest.raises(StoreError, match="already exists"):
            store.backup(backup)
        moved = store.restore(backup)
        assert [r.subject for r in store.list_requests()] == ["Kept"]
        store.add_request("usps", "Works after restore")
    assert ".replaced-" in moved.name
    not_a_backup = tmp_path / "x.sqlite3"
    not_a_backup.write_bytes(b"nope" * 50)
    with pytest.raises(StoreError, match="not a FOIA Desk backup"):
        restore_backup(not_a_backup)
    with pytest.raises(StoreError, match="no backup file"):
        restore_backup(tmp_path / "missing.sqlite3")


def test_instance_lock_warns_second_holder_and_frees_on_crash(isolated_data_dir):
    with InstanceLock(isolated_data_dir), pytest.raises(AlreadyOpenError,
                                                        match=str(os.getpid())):
        InstanceLock(isolated_data_dir).acquire()
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from foia_desk.store import InstanceLock; "
         f"InstanceLock({str(isolated_data_dir)!r}).acquire(); print('held', flush=True); "
         "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyOpenError) as caught:
            InstanceLock(isolated_data_dir).acquire()
        assert caught.value.pid == child.pid
    finally:
        child.kill()
        child.wait()
    # The OS freed the killed process's lock: a crash leaves no stale lock behind.
    InstanceLock(isolated_data_dir).acquire().release()


def test_backup_to_a_new_name_without_extension_writes_that_file(tmp_path):
    with make_store() as store:
        store.add_request("usps", "Kept")
        written = store.backup(tmp_path / "monday-copy")
    assert written == tmp_path / "monday-copy" and written.is_file()
    check = sqlite3.connect(written)
    assert check.execute("SELECT subject FROM requests").fetchall() == [("Kept",)]
    check.close()
