"""The tracker database at start-up and under faults, as a user meets it through the app.

Complements tests/test_store_schema.py and tests/test_store_crash.py (which drive the Store
API) by going through the ``foia-desk`` commands and the tracker tab: a damaged, truncated or
locked database is explained and never overwritten, with the newest backup named; a second
window on the same data folder is told so; databases of every earlier schema upgrade; a
kill -9 during a CSV import leaves all of it or none of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foia_desk import cli, paths

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tracker_with_backup(capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A database holding two requests and a manual backup of it; returns (db, backup)."""
    for subject in ("Mail covers", "Task force"):
        code, _out, err = run_cli(capsys, "requests", "add", "--agency", "uspis",
                                  "--subject", subject, "--submitted", "2025-03-03")
        assert code == 0, err
    code, out, err = run_cli(capsys, "backup")
    assert code == 0, err
    backups = sorted(paths.backups_dir().glob("*.sqlite3"))
    assert backups, out
    return paths.database_path(), backups[-1]


def damage(db: Path, how: str) -> None:
    data = db.read_bytes()
    if how == "garbage":
        db.write_bytes(os.urandom(4096))
    elif how == "truncated":
        db.write_bytes(data[: len(data) // 3])
    elif how == "zeroed-header":
        db.write_bytes(b"\0" * 100 + data[100:])
    elif how == "empty-pages":
        db.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    for side in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        side.unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["garbage", "truncated", "zeroed-header", "empty-pages"])
def test_damaged_database_at_start_is_explained_and_left_alone(
        how: str, capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = tracker_with_backup(capsys)
    damage(db, how)
    before = digest(db)
    backups_before = sorted(p.name for p in paths.backups_dir().iterdir())
    for args in (("requests", "list"), ("requests", "add", "--agency", "fbi", "--subject", "x"),
                 ("export", "csv", str(db.parent / "out.csv"))):
        code, _out, err = run_cli(capsys, *args)
        assert code == 2, (args, err)
        assert "Traceback" not in err
        assert backup.name in err, f"the newest backup is not offered: {err}"
        assert digest(db) == before, "the damaged file was changed"
    assert sorted(p.name for p in paths.backups_dir().iterdir()) == backups_before
    assert not (db.parent / "out.csv").exists()


def test_restoring_the_offered_backup_recovers_the_requests(
        capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = tracker_with_backup(capsys)
    damage(db, "garbage")
    damaged = digest(db)
    code, _out, err = run_cli(capsys, "restore", str(backup))
    assert code == 0, err
    code, out, err = run_cli(capsys, "requests", "list", "--json")
    assert code == 0, err
    assert sorted(r["subject"] for r in json.loads(out)) == ["Mail covers", "Task force"]
    kept_aside = [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
    assert kept_aside and digest(kept_aside[0]) == damaged  # the damaged file is kept


def test_locked_database_gives_a_clear_message_and_changes_nothing(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Another process holds an exclusive lock for longer than the 5 s busy timeout."""
    db, _backup = tracker_with_backup(capsys)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE requests SET subject = subject")
        code, _out, err = run_cli(capsys, "requests", "add", "--agency", "fbi", "--subject", "x")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and "Traceback" not in err
    assert "busy" in err.lower() and "Nothing was changed" in err
    code, out, err = run_cli(capsys, "requests", "list", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 2


def test_tracker_tab_shows_damaged_database_and_offers_backup(qtbot,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    db, backup = tracker_with_backup(capsys)
    damage(db, "garbage")
    before = digest(db)
    from foia_desk.gui.tracker.widget import TrackerWidget

    widget = TrackerWidget(notify=False)
    qtbot.addWidget(widget)
    assert widget.store is None and widget.store_error is not None
    assert "could not be opened" in widget.message.text()
    assert backup.name in widget.message.text()
    assert digest(db) == before


def frozen_env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", FOIA_DESK_HOME=str(paths.data_dir()))


def test_second_window_on_same_data_folder_is_told_and_tracker_stays_usable(
        qtbot, capsys: pytest.CaptureFixture[str]) -> None:
    """The window takes the data folder's instance lock at start (foia_desk.gui.app); a second
    one gets the warning the user sees, and the command line keeps working beside it."""
    from foia_desk.gui.app import acquire_instance_lock
    from foia_desk.gui.dialogs import error_texts
    from foia_desk.store import AlreadyOpenError, InstanceLock

    tracker_with_backup(capsys)
    with InstanceLock(paths.data_dir()):  # the first window
        with pytest.raises(AlreadyOpenError, match="already open on this data folder"):
            InstanceLock(paths.data_dir()).acquire()
        lock, error = acquire_instance_lock()  # what the second window does at start
        assert error is not None
        message, hint, _details = error_texts(error)
        assert "already open on this data folder" in message and hint
        assert "Traceback" not in message
        # The command line keeps working beside an open window (SQLite serialises writers).
        code, _out, err = run_cli(capsys, "requests", "add", "--agency", "fbi",
                                  "--subject", "From the CLI")
        assert code == 0, err
    code, out, _err = run_cli(capsys, "requests", "list", "--json")
    assert len(json.loads(out)) == 3
    lock, error = acquire_instance_lock()  # once the first window has closed
    assert error is None and lock is not None
    lock.release()


def old_database(path: Path, version: int) -> None:
    from foia_desk.store.schema import snapshot

    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(snapshot(version))
    conn.execute(
        "INSERT INTO requests (id, agency_id, agency_name, subject, status, created_at,"
        " updated_at) VALUES (3, 'usps', 'United States Postal Service', 'Old request',"
        " 'submitted', '2025-02-01T10:00:00Z', '2025-02-01T10:00:00Z')")
    conn.execute("INSERT INTO events (request_id, kind, date, details, created_at) VALUES"
                 " (3, 'submitted', '2025-02-03', '{}', '2025-02-03T10:00:00Z')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def earlier_versions() -> list[int]:
    from foia_desk.store.schema import LATEST_VERSION

    return list(range(1, LATEST_VERSION))


@pytest.mark.parametrize("version", earlier_versions())
def test_database_from_every_earlier_version_opens_in_the_app(
        version: int, capsys: pytest.CaptureFixture[str]) -> None:
    from foia_desk.store.schema import LATEST_VERSION

    db = paths.database_path()
    old_database(db, version)
    code, out, err = run_cli(capsys, "requests", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [r["subject"] for r in listed] == ["Old request"]
    assert listed[0]["next_deadline"], "the clocks were not computed for the upgraded request"
    code, _out, err = run_cli(capsys, "requests", "event", "3", "--kind", "received",
                              "--date", "2025-02-04")
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved = list(paths.backups_dir().glob("*.sqlite3"))
    assert saved, "no backup was taken before upgrading"
    with sqlite3.connect(saved[0]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version


IMPORTER = """
import sys
from foia_desk import cli
for round_number in range(1000):  # import the same file again and again until killed
    if cli.main(["import", "csv", sys.argv[1]]) != 0:
        sys.exit(1)
    print(round_number, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_csv_import_keeps_all_or_nothing(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Imports run back to back, so the kill lands inside one (each takes ~0.2 s)."""
    from foia_desk.export.tracker_csv import export_tracker_csv
    from foia_desk.store import open_store

    source = tmp_path / "source" / "foia-desk.sqlite3"
    with open_store(source) as store:
        for number in range(400):
            request = store.add_request("uspis", f"Request {number}", submitted="2025-03-03")
            store.add_event(request.id, "acknowledged", "2025-03-05",
                            tracking_number=f"T-{number}")
        export_tracker_csv(store, tmp_path / "all.csv")
    db = paths.database_path()
    for delay in (0.0, 0.05, 0.13):
        child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(tmp_path / "all.csv")],
                                 env=frozen_env(), stdout=subprocess.PIPE, text=True,
                                 stderr=subprocess.DEVNULL)
        assert child.stdout is not None
        line = child.stdout.readline()
        while not line.strip().isdigit():  # skip the CLI's own "Imported ..." line
            line = child.stdout.readline()
        finished_before = int(line)  # one import done: the next one is running now
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            requests = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert requests % 400 == 0 and requests >= 400 * (finished_before + 1), requests
        assert events == 2 * requests, "events of a half-imported request were left"
    code, out, err = run_cli(capsys, "requests", "list", "--limit", "5", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 5  # the app opens the database the kills left behind


def fill_tracker_until_full(home: Path) -> tuple[int, str]:
    """Add requests to a tracker in ``home`` until the disk fills; (requests saved, error)."""
    from foia_desk.store import StoreError, open_store

    saved = 0
    store = open_store(home / "foia-desk.sqlite3")
    try:
        while saved < 10_000:
            store.add_request("uspis", f"Request {saved} " + "x" * 400, submitted="2025-03-03")
            saved += 1
    except StoreError as error:
        return saved, str(error)
    finally:
        with contextlib.suppress(Exception):
            store.close()
    raise AssertionError("the disk never filled")


def test_disk_full_while_tracking_is_explained_and_keeps_saved_requests(tmp_path: Path) -> None:
    from faults import mounted_tmpfs

    with mounted_tmpfs(tmp_path / "tiny", size="256k") as tiny:
        saved, message = fill_tracker_until_full(tiny / "home")
        assert "disk is full" in message and "nothing was changed" in message
        copy = tmp_path / "copy"
        shutil.copytree(tiny / "home", copy)
    with sqlite3.connect(copy / "foia-desk.sqlite3") as conn:  # SQLite replays the WAL
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == saved


def test_tracker_opens_again_once_space_is_freed(tmp_path: Path) -> None:
    """The disk filled mid-checkpoint: the main file is shorter than its header says, the
    -wal file holds every page. (The app used to call this intact tracker "truncated".)"""
    from faults import mounted_tmpfs

    from foia_desk.store import open_store

    with mounted_tmpfs(tmp_path / "tiny", size="256k") as tiny:
        saved, _message = fill_tracker_until_full(tiny / "home")
        subprocess.run(["mount", "-o", "remount,size=4m", str(tiny)], check=True)
        with open_store(tiny / "home" / "foia-desk.sqlite3") as store:
            assert store.count_requests() == saved


def crash_mid_checkpoint(database: Path) -> None:
    """Leave ``database`` as a kill -9 during a WAL checkpoint does: page 1 (whose header
    counts the grown database) already copied into the main file, the file not yet grown, and
    every page still in the -wal file, from which SQLite rebuilds it on the next open."""
    import struct

    wal = database.with_name(database.name + "-wal").read_bytes()
    page_size = struct.unpack(">I", wal[8:12])[0]
    newest_page_one, offset = None, 32
    while offset + 24 + page_size <= len(wal):
        if struct.unpack(">I", wal[offset:offset + 4])[0] == 1:
            newest_page_one = wal[offset + 24:offset + 24 + page_size]
        offset += 24 + page_size
    assert newest_page_one is not None, "the writes did not touch page 1"
    with open(database, "r+b") as handle:
        handle.write(newest_page_one)


def test_tracker_opens_after_a_kill_in_the_middle_of_a_checkpoint(tmp_path: Path) -> None:
    """(The app used to trust the header's page count over the -wal file and refuse it.)"""
    from foia_desk.store import open_store

    database = tmp_path / "live" / "foia-desk.sqlite3"
    with open_store(database) as store:
        store.add_request("uspis", "Before the crash", submitted="2025-03-03")
    writer = sqlite3.connect(database)  # more requests, left in the WAL (no checkpoint)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    with writer:
        writer.executemany(
            "INSERT INTO requests (agency_id, agency_name, subject, status, created_at,"
            " updated_at) VALUES ('uspis', 'U.S. Postal Inspection Service', ?, 'draft',"
            " '2025-03-03T10:00:00Z', '2025-03-03T10:00:00Z')",
            [(f"In the WAL {n} " + "x" * 300,) for n in range(300)])
    crashed = tmp_path / "crashed"  # the files as the kill left them (the writer still open)
    shutil.copytree(database.parent, crashed)
    writer.close()
    crashed_db = crashed / database.name
    crash_mid_checkpoint(crashed_db)
    check = tmp_path / "check"  # SQLite itself recovers every request from the WAL
    shutil.copytree(crashed, check)
    with sqlite3.connect(check / database.name) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 301
    with open_store(crashed_db) as store:
        assert store.count_requests() == 301


def test_short_file_whose_wal_lacks_the_pages_is_still_refused_and_left_alone(
        tmp_path: Path) -> None:
    """A -wal file beside a truncated database is no excuse when it does not hold the missing
    pages: the file is refused as before, and neither it nor the -wal file is changed (the
    check must not checkpoint a damaged file)."""
    from foia_desk.store import open_store
    from foia_desk.store.db import StoreError

    database = tmp_path / "live" / "foia-desk.sqlite3"
    with open_store(database) as store:
        for n in range(300):
            store.add_request("uspis", f"Checkpointed {n} " + "x" * 300, submitted="2025-03-03")
    writer = sqlite3.connect(database)  # one more request, left in the WAL
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    with writer:
        writer.execute("UPDATE requests SET subject = 'changed' WHERE id = 1")
    crashed = tmp_path / "crashed"
    shutil.copytree(database.parent, crashed)
    writer.close()
    crashed_db = crashed / database.name
    with open(crashed_db, "r+b") as handle:
        handle.truncate(crashed_db.stat().st_size // 3)
    wal = crashed_db.with_name(crashed_db.name + "-wal")
    assert wal.stat().st_size > 0
    before = {p.name: digest(p) for p in (crashed_db, wal)}
    with pytest.raises(StoreError, match="truncated"):
        open_store(crashed_db)
    assert {p.name: digest(p) for p in (crashed_db, wal)} == before
