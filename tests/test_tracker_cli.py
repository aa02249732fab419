"""The tracker commands: requests, reminders, closures, backup/restore, export/import."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from foia_desk.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys, *extra: str) -> dict:
    code, out, err = run(capsys, "requests", "add", "--agency", "usps", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_add_json_then_list_show_and_event(capsys):
    received = date.today() - timedelta(days=3)
    created = add(capsys, "--subject", "Mail covers on reporters", "--received",
                  received.isoformat(), "--tag", "mail", "--tag", "uspis")
    assert isinstance(created["id"], int) and created["status"] == "submitted"
    assert created["tags"] == ["mail", "uspis"]
    code, out, _ = run(capsys, "requests", "list", "--json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [created["id"]]
    assert rows[0]["next_deadline"] == created["next_deadline"]
    code, out, _ = run(capsys, "requests", "event", str(created["id"]), "--kind",
                       "acknowledged", "--date", "today", "--tracking-number", "2026-FP-1")
    assert code == 0 and "status: acknowledged" in out
    code, out, _ = run(capsys, "requests", "show", str(created["id"]))
    assert code == 0
    assert "determination due:" in out and "20 working days after" in out
    assert "2026-FP-1" in out
    code, out, _ = run(capsys, "requests", "list", "--search", "reporters")
    assert "Mail covers on reporters" in out
    code, out, _ = run(capsys, "requests", "list", "--status", "denied")
    assert "No requests match." in out


def test_event_details_from_options(capsys):
    created = add(capsys, "--subject", "Contracts", "--submitted", "2026-02-02")
    code, out, err = run(capsys, "requests", "event", str(created["id"]), "--kind", "response",
                         "--date", "2026-03-01", "--outcome", "partial", "--exemption", "b5",
                         "--exemption", "b7c", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["event"]["details"] == {"outcome": "partial",
                                        "exemptions": ["(b)(5)", "(b)(7)(C)"]}
    assert data["request"]["status"] == "partial-release"
    assert data["request"]["next_deadline_key"] == "appeal_by"


@pytest.mark.parametrize(("argv", "needle"), [
    (["requests", "show", "999"], "no request with id 999"),
    (["requests", "status", "1", "complete"], "cannot go from draft to complete"),
    (["requests", "status", "1", "lost"], "Unknown status 'lost'"),
    (["requests", "event", "1", "--kind", "phoned", "--date", "2026-01-05"],
     "Unknown event kind 'phoned'"),
    (["requests", "add", "--agency", "nasa-moon", "--subject", "x"], "nasa-moon"),
    (["closures", "remove", "2026-02-18"], "not a closure day"),
    (["requests", "delete", "1"], "--yes"),
])
def test_mistakes_give_clear_errors_without_traceback(capsys, argv, needle):
    add(capsys, "--subject", "Draft")
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert needle in err and "Traceback" not in err


def test_bad_date_is_a_usage_error(capsys):
    code, _, err = run(capsys, "requests", "add", "--agency", "usps", "--subject", "x",
                       "--submitted", "03/02/2026")
    assert code == 2 and "03/02/2026" in err and "YYYY-MM-DD" in err


def test_status_change_and_reminders(capsys):
    created = add(capsys, "--subject", "Drones", "--received",
                  (date.today() - timedelta(days=25)).isoformat())
    code, out, _ = run(capsys, "requests", "status", str(created["id"]), "processing")
    assert code == 0 and "now processing" in out
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    code, out, _ = run(capsys, "reminders", "add", str(created["id"]), tomorrow,
                       "Call the FOIA liaison")
    assert code == 0
    code, out, _ = run(capsys, "reminders", "--days", "14", "--json")
    lines = json.loads(out)
    assert {line["source"] for line in lines} == {"user", "auto"}
    user = next(line for line in lines if line["source"] == "user")
    assert user["text"] == "Call the FOIA liaison"
    code, out, _ = run(capsys, "reminders", "done", str(user["reminder_id"]))
    assert code == 0
    code, out, _ = run(capsys, "reminders", "--days", "14", "--json")
    assert [line["source"] for line in json.loads(out)] == ["auto"]


def test_closures_commands_move_deadlines(capsys):
    created = add(capsys, "--subject", "Contracts", "--received", "2026-02-03")
    assert created["next_deadline"] == "2026-03-04"
    before = created["next_deadline"]
    code, out, _ = run(capsys, "closures", "add", "2026-02-18", "--note", "Snow")
    assert code == 0 and "recomputed" in out
    code, out, _ = run(capsys, "requests", "show", str(created["id"]), "--json")
    after = json.loads(out)["next_deadline"]
    assert date.fromisoformat(after) == date.fromisoformat(before) + timedelta(days=1)
    code, out, _ = run(capsys, "closures", "list", "--json")
    assert json.loads(out) == [{"day": "2026-02-18", "note": "Snow"}]
    code, out, _ = run(capsys, "closures", "add", "2026-02-21")
    assert code == 2


def test_backup_and_restore_commands(capsys, tmp_path, isolated_data_dir):
    add(capsys, "--subject", "Kept")
    target = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "backup", str(target))
    assert code == 0 and target.exists()
    add(capsys, "--subject", "Dropped by restore")
    database = isolated_data_dir / "foia-desk.sqlite3"
    for suffix in ("-wal", "-shm"):
        (isolated_data_dir / f"foia-desk.sqlite3{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "requests", "list")
    assert code == 2 and "not a FOIA Desk tracker database" in err
    code, out, err = run(capsys, "restore", str(target))
    assert code == 0, err
    assert ".corrupt-" in out
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert [r["subject"] for r in json.loads(out)] == ["Kept"]
    assert list(isolated_data_dir.glob("foia-desk.sqlite3.corrupt-*"))


def test_export_import_and_attach_commands(capsys, tmp_path, monkeypatch):
    created = add(capsys, "--subject", "Mail covers", "--received",
                  (date.today() - timedelta(days=2)).isoformat(), "--tag", "mail")
    letter = tmp_path / "reply.pdf"
    letter.write_bytes(b"%PDF-1.4 agency reply")
    code, out, err = run(capsys, "requests", "attach", str(created["id"]), str(letter))
    assert code == 0 and "sha256" in out, err
    ics = tmp_path / "deadlines.ics"
    code, out, _ = run(capsys, "export", "ics", str(ics))
    assert code == 0 and ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    code, _, err = run(capsys, "export", "ics", str(ics))
    assert code == 2 and "already exists" in err
    table = tmp_path / "tracker.csv"
    code, out, _ = run(capsys, "export", "csv", str(table))
    assert code == 0 and "1 request(s)" in out
    monkeypatch.setenv("FOIA_DESK_HOME", str(tmp_path / "second-home"))
    code, out, _ = run(capsys, "import", "csv", str(table), "--dry-run")
    assert code == 0 and "1 request(s) would be imported" in out
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "import", "csv", str(table))
    assert code == 0 and "Imported 1 request(s)" in out
    code, out, _ = run(capsys, "requests", "list", "--json")
    [row] = json.loads(out)
    assert (row["subject"], row["tags"]) == ("Mail covers", ["mail"])
    code, out, _ = run(capsys, "requests", "delete", str(row["id"]), "--yes")
    assert code == 0
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert json.loads(out) == []


def test_status_without_dates_explains_how_to_get_deadlines(capsys):
    created = add(capsys, "--subject", "Sent by fax")
    code, out, _ = run(capsys, "requests", "status", str(created["id"]), "submitted")
    assert code == 0 and "no deadline can be computed" in out
    assert f"requests event {created['id']} --kind submitted" in out
