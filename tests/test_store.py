"""The tracker store's API: requests, events, status moves, filters, reminders, closures."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from test_store_support import make_store

from foia_desk.errors import UserError
from foia_desk.store import RequestFilter, StoreError


@pytest.fixture
def store():
    with make_store() as opened:
        yield opened


def test_add_request_records_dates_as_events_and_moves_draft_to_submitted(store):
    request = store.add_request("usps", "Mail covers on reporters", submitted="2026-02-02",
                                received=date(2026, 2, 3), tags=["mail", "Mail", "uspis"])
    assert request.status == "submitted"
    assert [(e.kind, e.date) for e in request.events] == [
        ("submitted", date(2026, 2, 2)), ("received", date(2026, 2, 3))]
    assert request.tags == ("mail", "uspis")
    # 20 working days from 3 Feb 2026, skipping Presidents' Day (16 Feb).
    assert request.next_deadline == date(2026, 3, 4)
    assert request.next_deadline_key == "response_due"
    assert request.agency_name == "United States Postal Service"


def test_draft_without_dates_has_no_deadline(store):
    request = store.add_request("usps", "Drafted only")
    assert request.status == "draft"
    assert request.events == ()
    assert request.next_deadline is None
    row = store.list_requests()[0]
    assert row.next_deadline is None and row.days_left is None and not row.overdue


@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"agency_id": "no-such-agency"}, "no-such-agency"),
    ({"subject": "   "}, "subject"),
    ({"method": "pigeon"}, "pigeon"),
    ({"submitted": "02/03/2026"}, "02/03/2026"),
    ({"status": "lost"}, "lost"),
    ({"kind": "state-records"}, "state-records"),
])
def test_add_request_rejects_bad_input_and_writes_nothing(store, kwargs, needle):
    arguments = {"agency_id": "usps", "subject": "Something"} | kwargs
    with pytest.raises(UserError, match=needle):
        store.add_request(**arguments)
    assert store.count_requests() == 0


def test_tracking_numbers_initial_and_appeal_kept_apart(store):
    request = store.add_request("usps", "Mail covers", submitted="2026-02-02")
    store.add_event(request.id, "acknowledged", "2026-02-05", tracking_number="2026-FPRO-1")
    store.add_event(request.id, "response", "2026-03-01", details={"outcome": "denied"})
    store.add_event(request.id, "appeal-filed", "2026-03-02", tracking_number="2026-APP-9")
    detail = store.get_request(request.id)
    assert detail.tracking_number == "2026-FPRO-1"
    assert detail.appeal_tracking_number == "2026-APP-9"
    assert detail.status == "appeal"


def test_events_move_status_along_the_obvious_path(store):
    request = store.add_request("usps", "Contracts", submitted="2026-02-02")
    steps = [("acknowledged", {}, "acknowledged"),
             ("info-request", {}, "fix-required"),
             ("info-reply", {}, "processing"),
             ("fee-notice", {"amount": "$25"}, "payment-required"),
             ("fee-reply", {}, "processing"),
             ("response", {"outcome": "no records"}, "no-records"),
             ("appeal-filed", {}, "appeal"),
             ("appeal-decision", {"outcome": "denied"}, "appeal-decided"),
             ("lawsuit", {}, "litigation")]
    for kind, details, expected in steps:
        store.add_event(request.id, kind, "2026-02-10", details=details)
        assert store.get_request(request.id).status == expected, kind
    fee = next(e for e in store.get_request(request.id).events if e.kind == "fee-notice")
    assert fee.details["amount"] == "25.00"


def test_late_entered_submitted_event_does_not_move_status_back(store):
    request = store.add_request("usps", "Contracts", submitted="2026-02-02")
    store.add_event(request.id, "response", "2026-02-20", details={"outcome": "complete"})
    store.add_event(request.id, "submitted", "2026-02-01", note="first attempt by fax")
    assert store.get_request(request.id).status == "complete"


def test_set_status_refuses_illegal_move_naming_allowed_ones(store):
    request = store.add_request("usps", "Contracts")
    with pytest.raises(UserError) as caught:
        store.set_status(request.id, "appeal-decided")
    assert "draft" in str(caught.value) and "submitted" in str(caught.value)
    assert store.get_request(request.id).status == "draft"
    assert store.set_status(request.id, "withdrawn").status == "withdrawn"
    with pytest.raises(UserError, match="can no longer change"):
        store.set_status(request.id, "submitted")


def test_unknown_ids_and_kinds_give_clear_errors(store):
    with pytest.raises(UserError, match="no request with id 42"):
        store.get_request(42)
    request = store.add_request("usps", "Contracts")
    with pytest.raises(UserError, match="event kind 'phoned'"):
        store.add_event(request.id, "phoned", "2026-02-02")
    with pytest.raises(UserError, match="not a FOIA exemption"):
        store.add_event(request.id, "response", "2026-02-02",
                        details={"outcome": "denied", "exemptions": ["b12"]})
    assert store.get_request(request.id).events == ()


def test_extension_promising_an_answer_before_its_own_date_is_refused(store):
    request = store.add_request("usps", "Contracts", received="2025-11-03")
    with pytest.raises(UserError, match=r"promised date \(2025-11-01\) is before"):
        store.add_event(request.id, "extension", "2025-12-01",
                        details={"promised_date": "2025-11-01"})
    assert [e.kind for e in store.get_request(request.id).events] == ["received"]
    notice = store.add_event(request.id, "extension", "2025-12-01",
                             details={"promised_date": "2025-12-15"})
    with pytest.raises(UserError, match="before the notice's own date"):
        store.update_event(notice.id, date="2025-12-20")


def test_withdrawing_by_status_records_the_event_and_stops_the_clocks(store):
    request = store.add_request("ice", "Detention contracts", received="2026-01-05")
    assert store.get_request(request.id).next_deadline is not None
    detail = store.set_status(request.id, "withdrawn")
    assert detail.status == "withdrawn"
    assert [e.kind for e in detail.events][-1] == "withdrawn"
    assert detail.next_deadline is None
    assert not store.list_requests(RequestFilter(overdue_only=True))


def test_outcome_status_without_a_response_is_refused_with_the_way_to_record_it(store):
    request = store.add_request("ice", "Detention contracts", received="2026-01-05")
    with pytest.raises(UserError, match="Record the agency's response") as info:
        store.set_status(request.id, "complete")
    assert "--kind response" in (info.value.hint or "")
    assert store.get_request(request.id).status == "submitted"
    store.add_event(request.id, "response", "2026-02-02", details={"outcome": "partial"})
    assert store.set_status(request.id, "complete").status == "complete"


def test_correcting_an_event_date_moves_the_deadline(store):
    request = store.add_request("usps", "Contracts", received="2026-02-03")
    event = store.get_request(request.id).events[0]
    store.update_event(event.id, date="2026-02-10")
    assert store.get_request(request.id).next_deadline == date(2026, 3, 11)
    store.delete_event(event.id)
    assert store.get_request(request.id).next_deadline is None


def test_closure_day_moves_every_cached_deadline(store):
    ids = [store.add_request("usps", f"Request {n}", received="2026-02-03").id for n in range(3)]
    store.add_closure("2026-02-18", "Snow closure (OPM)")
    assert {store.get_request(i).next_deadline for i in ids} == {date(2026, 3, 5)}
    assert [row.next_deadline for row in store.list_requests()] == [date(2026, 3, 5)] * 3
    with pytest.raises(UserError, match="already a closure day"):
        store.add_closure("2026-02-18", "again")
    store.remove_closure("2026-02-18")
    assert store.list_requests()[0].next_deadline == date(2026, 3, 4)
    with pytest.raises(UserError, match="not a closure day"):
        store.remove_closure("2026-02-18")


def test_filters_search_order_and_paging(store):
    store.add_request("usps", "Mail covers on reporters", received="2026-02-03",
                      tags=["mail"])
    store.add_request("usps", "Vehicle contracts", received="2026-01-05", tags=["fleet"])
    third = store.add_request("usps", "Drafted request about drones")
    store.add_event(third.id, "acknowledged", "2026-02-09", tracking_number="FPRO-2026-777")
    rows = store.list_requests()
    assert [r.subject for r in rows] == ["Vehicle contracts", "Mail covers on reporters",
                                         "Drafted request about drones"]
    assert rows[0].overdue and rows[0].days_left < 0
    assert [r.subject for r in store.list_requests(RequestFilter(overdue_only=True))] == [
        "Vehicle contracts"]
    assert [r.subject for r in store.list_requests(RequestFilter(search="mail cov"))] == [
        "Mail covers on reporters"]
    assert [r.id for r in store.list_requests(RequestFilter(search="777"))] == [third.id]
    assert [r.id for r in store.list_requests(RequestFilter(search="postal"))] == [
        r.id for r in rows]
    assert store.count_requests(RequestFilter(tag="fleet")) == 1
    assert store.count_requests(RequestFilter(status="draft")) == 0  # ack moved it
    assert store.count_requests(RequestFilter(agency_id="usps")) == 3
    assert [r.subject for r in store.list_requests(order="subject", limit=1, offset=1)] == [
        "Mail covers on reporters"]
    assert store.distinct_tags() == ["fleet", "mail"]
    with pytest.raises(UserError, match="Cannot sort"):
        store.list_requests(order="colour")
    # Search text with FTS syntax characters is taken literally, not as a query.
    assert store.list_requests(RequestFilter(search='"mail" OR NEAR(')) == []


def test_reminders_user_and_automatic(store):
    request = store.add_request("usps", "Mail covers", received="2026-02-03")
    # Response due 2026-03-04; today is 2026-03-02 in these tests.
    reminder = store.add_reminder(request.id, "2026-03-01", "Call the FOIA office")
    later = store.add_reminder(request.id, "2026-04-01", "Check the portal")
    due = store.list_due("2026-03-02")
    # 5 working days before 4 March is 25 February: reached; 1 working day before is not.
    assert [(d.source, d.remind_on) for d in due] == [
        ("auto", date(2026, 2, 25)), ("user", date(2026, 3, 1))]
    assert due[0].deadline_key == "response_due" and "in 2 days" in due[0].text
    assert [d.remind_on for d in store.list_due("2026-03-03") if d.source == "auto"] == [
        date(2026, 3, 3)]
    store.mark_done(reminder.id)
    assert [d.reminder_id for d in store.list_due("2026-04-30") if d.source == "user"] == [
        later.id]
    with pytest.raises(UserError, match="reminder needs a text"):
        store.add_reminder(request.id, "2026-03-01", " ")


def test_attach_file_copies_atomically_with_hash(store, tmp_path):
    source = tmp_path / "letter from agency.pdf"
    source.write_bytes(b"%PDF-1.4 fake agency letter")
    request = store.add_request("usps", "Mail covers")
    attachment = store.attach_file(request.id, source)
    copy = store.attachment_path(attachment)
    assert copy.read_bytes() == source.read_bytes()
    assert copy.parent.parent == store.locations.attachments
    assert not attachment.relpath.startswith("/")
    assert len(attachment.sha256) == 64
    assert store.get_request(request.id).attachments == (attachment,)
    with pytest.raises(UserError, match="no file"):
        store.attach_file(request.id, tmp_path / "missing.pdf")


def test_store_refuses_use_from_another_thread(store):
    errors: list[BaseException] = []

    def use() -> None:
        try:
            store.count_requests()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=use)
    worker.start()
    worker.join()
    assert len(errors) == 1 and isinstance(errors[0], StoreError)
    assert "another thread" in str(errors[0])


def test_update_request_changes_fields_and_agency_name(store):
    request = store.add_request("usps", "Old subject", tags=["a"])
    detail = store.update_request(request.id, subject="New subject", tags=["b", "c"],
                                  method="portal", letter_markdown="# Letter",
                                  letter_files=["/tmp/x.pdf"], profile="newsroom")
    assert (detail.subject, detail.tags, detail.method) == ("New subject", ("b", "c"),
                                                           "portal")
    assert detail.letter_files == ("/tmp/x.pdf",) and detail.profile == "newsroom"
    assert store.list_requests(RequestFilter(search="new"))[0].id == request.id
    assert store.list_requests(RequestFilter(search="old")) == []


def test_future_event_dates_are_refused(store):
    request = store.add_request("usps", "Contracts", submitted="2026-02-02")
    with pytest.raises(UserError, match="2062-02-10 is in the future"):
        store.add_event(request.id, "response", "2062-02-10", details={"outcome": "denied"})
    # Tomorrow is accepted (the agency may be in another time zone).
    store.add_event(request.id, "acknowledged", "2026-03-03")


def test_expedited_request_gets_the_ten_day_decision_deadline(store):
    request = store.add_request("usps", "Urgent", received="2026-02-20", expedited=True)
    deadlines = {d.key: d for d in request.clocks.deadlines}
    assert deadlines["expedited_decision_due"].due == date(2026, 3, 2)
    assert request.next_deadline_key == "expedited_decision_due"
    plain = store.add_request("usps", "Not urgent", received="2026-02-20")
    assert "expedited_decision_due" not in {d.key for d in plain.clocks.deadlines}


def test_response_outcomes_are_ones_the_clock_engine_knows():
    from foia_desk.clocks.model import ADVERSE_OUTCOMES, FULL_OUTCOMES, SIDE_OUTCOMES
    from foia_desk.store import RESPONSE_OUTCOMES

    known = FULL_OUTCOMES | ADVERSE_OUTCOMES | SIDE_OUTCOMES | {"referred"}
    assert set(RESPONSE_OUTCOMES) <= known


def test_denial_opens_the_appeal_window_in_the_cache(store):
    request = store.add_request("usps", "Contracts", submitted="2026-01-05")
    store.add_event(request.id, "response", "2026-02-27", details={"outcome": "denied"})
    row = store.list_requests()[0]
    assert row.status == "denied"
    assert (row.next_deadline_key, row.next_deadline) == ("appeal_by", date(2026, 5, 28))


def test_recompute_all_reports_progress(store):
    for n in range(12):
        store.add_request("usps", f"Request {n}", received="2026-02-03")
    calls: list[tuple[int, int]] = []
    assert store.recompute_all_clocks(progress=lambda done, total: calls.append(
        (done, total))) == 12
    assert calls[-1] == (12, 12)


def test_import_records_is_all_or_nothing(store):
    from foia_desk.store import RequestRecord

    good = RequestRecord(agency_id="usps", subject="Good one", status="submitted",
                         events=({"kind": "submitted", "date": "2026-02-02"},))
    bad = RequestRecord(agency_id="usps", subject="Bad one",
                        events=({"kind": "teleported", "date": "2026-02-02"},))
    with pytest.raises(UserError, match="Record 2"):
        store.import_records([good, bad])
    assert store.count_requests() == 0
    ids = store.import_records([good])
    assert store.get_request(ids[0]).status == "submitted"


def test_opening_on_a_later_day_refreshes_deadlines_that_fell_due(tmp_path):
    from dataclasses import replace

    from test_store_support import fake_compute, fake_engine

    def compute(events, *, agency, calendar, today):
        # Like the stand-in, but an appeal window that has passed is "missed" (closed).
        report = fake_compute(events, agency=agency, calendar=calendar, today=today)
        deadlines = tuple(replace(d, state="missed") if d.key == "appeal_by" and d.due < today
                          else d for d in report.deadlines)
        open_ones = [d for d in deadlines if d.state in ("pending", "overdue")]
        return replace(report, deadlines=deadlines, next_deadline=min(
            open_ones, key=lambda d: d.due) if open_ones else None)

    engine = fake_engine()
    engine._compute = compute
    path = tmp_path / "t.sqlite3"
    with make_store(path, today=date(2026, 3, 2), engine=engine) as store:
        denied = store.add_request("usps", "Denied", submitted="2026-01-05")
        store.add_event(denied.id, "response", "2026-02-27", details={"outcome": "denied"})
        fresh = store.add_request("usps", "Fresh", received="2026-03-02")
        assert store.get_request(denied.id).next_deadline == date(2026, 5, 28)
    with make_store(path, today=date(2026, 6, 1), engine=engine) as store:
        assert store.get_request(denied.id).next_deadline is None
        assert store.get_request(fresh.id).next_deadline == date(2026, 3, 30)
        assert store.refresh_for_today() == 0  # already caught up today


def test_data_version_tells_another_connection_changed_the_tracker(store):
    from foia_desk.store import open_store

    before = store.data_version()
    with open_store(store.locations.database) as other:
        other.add_request("usps", "Added elsewhere")
    assert store.data_version() != before
    assert store.count_requests() == 1


def test_search_without_fts5_falls_back_to_like(store):
    store.add_request("usps", "Mail covers 100%_done", tracking_number="FP-9")
    store.add_request("usps", "Vehicle contracts")
    store.search_mode = "like"  # as on an SQLite built without FTS5
    assert [r.subject for r in store.list_requests(RequestFilter(search="cover FP-9"))] == [
        "Mail covers 100%_done"]
    assert store.count_requests(RequestFilter(search="%_")) == 1  # wildcards taken literally
    assert store.count_requests(RequestFilter(search="postal")) == 2


def test_changed_agency_directory_triggers_one_recompute(store):
    request = store.add_request("usps", "Mail covers", received="2026-02-03")
    store.conn.execute("UPDATE requests SET next_deadline = '2000-01-01'")
    store.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'directory_sha256'")
    path = store.locations.database
    store.close()
    with make_store(path) as reopened:
        assert reopened.get_request(request.id).next_deadline == date(2026, 3, 4)


def test_same_file_attached_twice_shares_one_copy_until_both_are_removed(store, tmp_path):
    source = tmp_path / "release.pdf"
    source.write_bytes(b"%PDF-1.4 released records")
    request = store.add_request("usps", "Mail covers")
    first = store.attach_file(request.id, source)
    second = store.attach_file(request.id, source)
    assert first.relpath == second.relpath and first.id != second.id
    store.remove_attachment(first.id)
    assert store.attachment_path(second).exists()
    store.remove_attachment(second.id)
    assert not store.attachment_path(second).exists()
    assert store.get_request(request.id).attachments == ()
    with pytest.raises(UserError, match="no attachment with id"):
        store.remove_attachment(second.id)


def test_summary_of_one_request_matches_its_table_row(store):
    request = store.add_request("usps", "Mail covers", received="2026-02-03", tags=["x"])
    assert store.summary(request.id) == store.list_requests()[0]
    with pytest.raises(UserError, match="no request with id 99"):
        store.summary(99)


def test_ids_of_deleted_requests_and_reminders_are_never_given_again(store):
    # A calendar keeps an event per UID (which carries the id) and users write "request 12"
    # in their notes: a new request must not take the number of a deleted one.
    first = store.add_request("usps", "Mail covers", received="2026-02-03")
    newest = store.add_request("dea", "Task force", received="2026-02-04")
    reminder = store.add_reminder(newest.id, "2026-03-01", "Call the FOIA office")
    store.delete_request(newest.id)
    again = store.add_request("fbi", "Raid records", received="2026-02-05")
    assert again.id > newest.id > first.id
    assert store.add_reminder(again.id, "2026-03-01", "Check the portal").id > reminder.id
    # A tracker from before the rule (no mark kept) continues from its largest id.
    store.conn.execute("DELETE FROM meta WHERE key LIKE 'last_id:%'")
    assert store.add_request("irs", "Summonses").id == again.id + 1
