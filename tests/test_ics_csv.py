"""Calendar (.ics) export and the CSV export/import round trip."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from test_store_support import make_store

from foia_desk.errors import UserError
from foia_desk.export.ics import export_ics
from foia_desk.export.tracker_csv import COLUMNS, export_tracker_csv, import_tracker_csv

TODAY = date(2026, 3, 2)


@pytest.fixture
def store():
    with make_store(today=TODAY) as opened:
        yield opened


def _parse(path):
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def test_ics_has_all_day_events_with_stable_uids_and_alarms(store, tmp_path):
    mail = store.add_request("usps", "Mail covers on reporters", received="2026-02-20",
                             expedited=True)
    store.add_request("usps", "Old request", received="2025-06-02")  # long overdue
    store.add_reminder(mail.id, "2026-03-10", "Call the FOIA liaison")
    first = tmp_path / "deadlines.ics"
    count = export_ics(store, first, now=datetime(2026, 3, 2, 12, tzinfo=UTC))
    raw = first.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = _parse(first)
    assert str(calendar["VERSION"]) == "2.0" and "FOIA Desk" in str(calendar["PRODID"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == count == 3  # expedited decision, response due, reminder
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries[0].startswith("FOIA: Agency's determination due — United States Postal "
                                   "Service: Mail covers on reporters")
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, date) and not isinstance(start, datetime)
        assert start >= TODAY
        assert event.decoded("DTEND") > start
        assert event.get("DTSTAMP") is not None
        assert list(event.walk("VALARM")), "each event carries an alarm"
    response = next(e for e in events if "determination due" in str(e["SUMMARY"]))
    assert "20 working days" in str(response["DESCRIPTION"])
    assert response.decoded("DTSTART") == date(2026, 3, 20)
    # Exporting again gives the same UIDs, so calendar apps update instead of duplicating.
    second = tmp_path / "again.ics"
    export_ics(store, second)
    assert sorted(str(e["UID"]) for e in _parse(second).walk("VEVENT")) == sorted(
        str(e["UID"]) for e in events)
    assert len({str(e["UID"]) for e in events}) == 3
    with pytest.raises(UserError, match="already exists"):
        export_ics(store, first)


def _fill(store) -> None:
    first = store.add_request("usps", "=HYPERLINK(\"http://x\") looks like a formula",
                              submitted="2026-01-05", received="2026-01-06",
                              tags=["mail", "newsroom"], method="email",
                              letter_markdown="# Request\n\nAll records of mail covers,\n"
                                              "including \"quoted\" words, commas.",
                              profile="newsroom", expedited=True)
    store.add_event(first.id, "acknowledged", "2026-01-08", tracking_number="2026-FP-00001",
                    note="Portal confirmation")
    store.add_event(first.id, "extension", "2026-02-01",
                    details={"promised_date": "2026-02-20"})
    store.add_event(first.id, "fee-notice", "2026-02-02", details={"amount": "12.5"})
    store.add_event(first.id, "response", "2026-02-25",
                    details={"outcome": "partial", "exemptions": ["b6", "b7c"]})
    store.add_event(first.id, "appeal-filed", "2026-03-01", tracking_number="A-2026-9")
    store.add_reminder(first.id, "2026-04-01", "Chase the appeal")
    second = store.add_request("usps", "Vehicle contracts — ünïcode", tags=["fleet"])
    done = store.add_reminder(second.id, "2026-02-01", "Draft it")
    store.mark_done(done.id)


def _rows(path):
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_round_trip_is_lossless(store, tmp_path, monkeypatch):
    _fill(store)
    exported = tmp_path / "tracker.csv"
    assert export_tracker_csv(store, exported) == 2
    rows = _rows(exported)
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["title"].startswith("'=HYPERLINK")  # not run as a formula by Excel
    assert rows[0]["tracking_id"] == "2026-FP-00001"
    assert rows[0]["appeal_tracking_id"] == "A-2026-9"
    assert rows[0]["status"] == "appeal" and rows[0]["date_submitted"] == "2026-01-05"
    monkeypatch.setenv("FOIA_DESK_HOME", str(tmp_path / "other-home"))
    with make_store(today=TODAY) as other:
        ids = import_tracker_csv(other, exported)
        assert len(ids) == 2
        imported = other.get_request(ids[0])
        assert imported.subject.startswith("=HYPERLINK")
        assert imported.events[-2].details == {"outcome": "partial",
                                               "exemptions": ["(b)(6)", "(b)(7)(C)"]}
        again = tmp_path / "again.csv"
        export_tracker_csv(other, again)
    strip = [{k: v for k, v in row.items() if k != "id"} for row in _rows(exported)]
    assert [{k: v for k, v in row.items() if k != "id"} for row in _rows(again)] == strip


def test_import_reports_bad_rows_by_line_and_imports_nothing(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "title,agency,status,date_submitted,letter_markdown,events_json\n"
        "Good row,USPS,submitted,2026-02-02,\"two\nlines\",\n"
        "Bad status,USPS,lost,2026-02-02,,\n"
        "Bad agency,Ministry of Magic,draft,,,\n"
        'Bad event,USPS,draft,,,"[{""kind"": ""submitted"", ""date"": ""2026-13-01""}]"\n'
        "Another good one,United States Postal Service,draft,,,\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        import_tracker_csv(store, path)
    message = str(caught.value)
    assert "3 row(s)" in message and "nothing was imported" in message
    assert "line 4: Unknown status 'lost'" in message
    assert "line 5:" in message and "Ministry of Magic" in message
    assert "line 6:" in message and "2026-13-01" in message
    assert "line 2" not in message and "line 7" not in message
    assert store.count_requests() == 0


def test_import_minimal_muckrock_style_file(store, tmp_path):
    path = tmp_path / "muckrock.csv"
    path.write_text("title,agency,status,date_submitted,tracking_id\n"
                    "Mail cover records,USPS,submitted,2026-02-02,FP-77\n", encoding="utf-8")
    [request_id] = import_tracker_csv(store, path)
    detail = store.get_request(request_id)
    assert detail.agency_id == "usps" and detail.tracking_number == "FP-77"
    assert [e.kind for e in detail.events] == ["submitted"]
    assert detail.next_deadline is not None


def test_import_refuses_a_file_that_is_not_a_tracker_export(store, tmp_path):
    path = tmp_path / "random.csv"
    path.write_text("name,email\nAda,ada@example.org\n", encoding="utf-8")
    with pytest.raises(UserError, match="does not look like a tracker export"):
        import_tracker_csv(store, path)


def test_ics_of_an_empty_tracker_is_a_valid_calendar(store, tmp_path):
    path = tmp_path / "empty.ics"
    assert export_ics(store, path) == 0
    calendar = _parse(path)
    assert calendar.name == "VCALENDAR" and list(calendar.walk("VEVENT")) == []
