"""Tracker actions: letters from a request, attachments, and the File-menu actions
(calendar and CSV export, CSV import, backup and restore) run on the task pool."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication

from foia_desk.gui import dialogs
from foia_desk.gui.tracker import TrackerWidget
from foia_desk.gui.tracker import model as table
from foia_desk.profiles import EXAMPLE_PROFILE, parse_profile, save_profile

TODAY = date.today()


@pytest.fixture
def widget(qtbot, store, errors):
    made = TrackerWidget(store=store, notify=False)
    qtbot.addWidget(made)
    return made


def us_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def overdue_request(store):
    sent = TODAY - timedelta(days=80)
    request = store.add_request("uspis", "Mail covers on reporters", submitted=sent,
                                profile="Jane Q. Reporter")
    store.add_event(request.id, "acknowledged", sent + timedelta(days=3),
                    tracking_number="2026-IPFO-00417")
    return store.get_request(request.id)


def test_follow_up_letter_for_an_overdue_request_cites_tracking_number_and_due_date(
        qtbot, widget, store, errors, tmp_path):
    save_profile(parse_profile(EXAMPLE_PROFILE))
    request = overdue_request(store)
    due = request.clocks.get("response_due").due
    assert due < TODAY
    widget.show_request(request.id)
    widget.detail.letter_buttons["follow-up"].click()
    dialog = widget.letter_dialog
    assert dialog is not None and dialog.letter is not None, dialog.problems.text()
    text = dialog.letter.markdown
    assert "2026-IPFO-00417" in text
    assert us_date(due) in text
    assert "That date has passed" in text
    assert "20 working days after receipt (counted from the day I sent it)" in text
    assert us_date(request.submitted) in text

    dialog.copy_text()
    assert "2026-IPFO-00417" in QGuiApplication.clipboard().text()
    target = tmp_path / "follow-up.txt"
    handle = dialog.export(target)
    with qtbot.waitSignal(handle.ended, timeout=20_000):
        pass
    assert not errors
    assert "2026-IPFO-00417" in target.read_text(encoding="utf-8")


def test_appeal_letter_waits_for_grounds_then_lists_the_exemptions(qtbot, widget, store):
    save_profile(parse_profile(EXAMPLE_PROFILE))
    request = store.add_request("fbi", "Task force agreements", submitted="2026-03-02")
    store.add_event(request.id, "acknowledged", "2026-03-04", tracking_number="1634022-000")
    store.add_event(request.id, "response", "2026-05-01",
                    details={"outcome": "partial", "exemptions": "b6, b7c"})
    widget.show_request(request.id)
    dialog = widget.open_letter("appeal")
    assert dialog.letter is None
    assert "grounds" in dialog.problems.text()
    assert not dialog.export_button.isEnabled()
    dialog.grounds.setPlainText("The agency withheld whole pages without segregating "
                                "non-exempt parts.")
    dialog.render_now()
    assert dialog.letter is not None
    text = dialog.letter.markdown
    assert "1634022-000" in text and "(b)(6)" in text and "(b)(7)(C)" in text
    assert "May 1, 2026" in text


def test_letter_without_a_profile_says_how_to_make_one(widget, store):
    request = overdue_request(store)
    widget.show_request(request.id)
    dialog = widget.open_letter("follow-up")
    assert dialog.letter is None
    assert "profile" in dialog.problems.text().lower()


def test_attach_and_open_a_file(widget, store, tmp_path, monkeypatch):
    request = overdue_request(store)
    widget.show_request(request.id)
    letter = tmp_path / "acknowledgement.pdf"
    letter.write_bytes(b"%PDF-1.4 not really")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: letter)
    widget.detail.attach_button.click()
    assert widget.detail.files.count() == 1
    assert "acknowledgement.pdf" in widget.detail.files.item(0).text()
    assert widget.detail.open_attachment()
    assert Path(opened[0]).read_bytes() == letter.read_bytes()
    assert Path(opened[0]) != letter  # a copy inside the data folder is opened


def wait_for(qtbot, handle) -> None:
    assert handle is not None
    if handle.running:
        with qtbot.waitSignal(handle.ended, timeout=30_000):
            pass


def test_file_menu_actions_are_listed_with_mnemonics(widget):
    texts = [action.text() for action in widget.file_menu_actions()]
    assert len(texts) == 5 and all("&" in t for t in texts)
    assert any("calendar" in t.lower() for t in texts)


def test_csv_export_then_import_adds_the_requests_back(qtbot, widget, store, tmp_path,
                                                       monkeypatch, errors):
    overdue_request(store)
    store.add_request("ice", "Detention contracts", tags=["immigration"])
    widget.refresh()
    target = tmp_path / "requests.csv"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a, **k: target)
    wait_for(qtbot, widget.file_actions.export_csv())
    assert not errors
    assert "Mail covers on reporters" in target.read_text(encoding="utf-8-sig")
    assert "Saved 2 request(s)" in widget.message.text()

    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: target)
    wait_for(qtbot, widget.file_actions.import_csv())
    assert not errors
    assert widget.model.rowCount() == 4
    assert "Imported 2 request(s)" in widget.message.text()


def test_calendar_export_writes_the_open_deadlines(qtbot, widget, store, tmp_path,
                                                   monkeypatch, errors):
    store.add_request("cbp", "Use-of-force reports", submitted=TODAY)
    target = tmp_path / "deadlines"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a, **k: target)
    wait_for(qtbot, widget.file_actions.export_calendar())
    assert not errors
    text = (tmp_path / "deadlines.ics").read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in text and "Use-of-force reports" in text


def test_backup_then_restore_brings_back_the_old_tracker(qtbot, errors, tmp_path, monkeypatch):
    widget = TrackerWidget(notify=False)  # opens (and may close) its own Store
    qtbot.addWidget(widget)
    widget.store.add_request("uspis", "Kept in the backup")
    widget.refresh()
    backup = tmp_path / "tracker-backup.sqlite3"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a, **k: backup)
    wait_for(qtbot, widget.file_actions.backup())
    assert not errors and backup.is_file()

    widget.store.add_request("ice", "Added after the backup")
    widget.refresh()
    assert widget.model.rowCount() == 2
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: backup)
    wait_for(qtbot, widget.file_actions.restore())
    assert not errors
    assert widget.store is not None
    assert widget.model.rowCount() == 1
    assert widget.model.index(0, table.SUBJECT).data() == "Kept in the backup"
    assert "Restored" in widget.message.text()


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(qtbot, errors, tmp_path,
                                                                monkeypatch):
    widget = TrackerWidget(notify=False)
    qtbot.addWidget(widget)
    widget.store.add_request("uspis", "Still here")
    widget.refresh()
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("just text", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: bogus)
    wait_for(qtbot, widget.file_actions.restore())
    assert errors and "not a FOIA Desk backup" in str(errors[-1][1])
    assert widget.model.rowCount() == 1
    assert widget.model.index(0, table.SUBJECT).data() == "Still here"


def test_follow_up_reason_names_the_receipt_date_when_it_is_recorded(store):
    from foia_desk.gui.tracker.letters import due_for_letter

    request = store.add_request("ice", "Detention contracts", submitted="2026-03-02",
                                received="2026-03-05")
    due, reason = due_for_letter(store.get_request(request.id))
    assert due == store.get_request(request.id).clocks.get("response_due").due
    assert reason.startswith("20 working days after the agency received the request")


def test_a_damaged_database_is_reported_in_the_tab(qtbot, errors, tmp_path):
    broken = tmp_path / "tracker.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    widget = TrackerWidget(db_path=broken, notify=False)
    qtbot.addWidget(widget)
    assert widget.store is None
    assert widget.message.text().startswith("⚠ The tracker could not be opened")
    assert not widget.view.isEnabled()
    assert broken.read_bytes().startswith(b"this is not a database")  # left untouched


def test_tab_catches_up_at_midnight_and_with_changes_made_elsewhere(qtbot, errors):
    """A window left open: the next day's reminders appear, and a request added by the CLI
    (another connection) shows up without restarting."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from foia_desk.gui import tasks
    from foia_desk.gui.tracker import TrackerWidget
    from foia_desk.store import open_store

    def banner_texts() -> list[str]:
        return [widget.banner.list.item(i).text() for i in range(widget.banner.list.count())]

    def settle() -> None:  # let the reminder tasks finish and deliver their results
        qtbot.waitUntil(lambda: not tasks.running_tasks(), timeout=10_000)

    day = [date(2026, 3, 2)]
    store = open_store(today=lambda: day[0])
    request = store.add_request("dhs", "Mail cover guidance", submitted="2026-02-27")
    store.add_reminder(request.id, date(2026, 3, 3), "Call the FOIA Public Liaison")
    widget = TrackerWidget(store=store, notify=False)
    qtbot.addWidget(widget)
    widget.show()
    QApplication.processEvents()  # the start-up reminder task is queued with a 0 ms timer
    settle()
    assert widget.check_for_changes() == ""
    assert not any("Liaison" in text for text in banner_texts())

    day[0] = date(2026, 3, 3)
    assert widget.check_for_changes() == "day"
    settle()
    assert any("Liaison" in text for text in banner_texts())

    other = open_store(today=lambda: day[0])  # what a CLI command does
    other.add_request("usps", "Added from the command line")
    other.close()
    assert widget.model.rowCount() == 1
    assert widget.check_for_changes() == "data"
    assert widget.model.rowCount() == 2
    assert widget.check_for_changes() == ""
    settle()
    store.close()
