"""The Tracker tab: table, filters, lazy loading, the detail pane and the event dialog.

Requests are created through the real Store (with the real clock engine) in the test's own
data folder; every modal helper in foia_desk.gui.dialogs is patched, so nothing blocks.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from foia_desk.calendar import FederalCalendar
from foia_desk.gui import dialogs
from foia_desk.gui.tracker import TrackerWidget
from foia_desk.gui.tracker import format as fmt
from foia_desk.gui.tracker import model as table

TODAY = date.today()


@pytest.fixture
def make_widget(qtbot, store, errors):
    def make() -> TrackerWidget:
        widget = TrackerWidget(store=store, notify=False)
        qtbot.addWidget(widget)
        widget.resize(1300, 850)
        return widget
    return make


def cell(widget: TrackerWidget, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return widget.model.index(row, column).data(role)


def row_for(widget: TrackerWidget, request_id: int) -> int:
    row = widget.model.row_of(request_id)
    assert row >= 0, f"request {request_id} is not in the table"
    return row


def test_requests_created_in_the_store_appear_in_the_table(make_widget, store):
    store.add_request("uspis", "Mail covers on reporters", submitted=TODAY - timedelta(days=3))
    store.add_request("ice", "Detention contracts", tags=["immigration"])
    widget = make_widget()
    assert widget.model.rowCount() == 2
    subjects = {cell(widget, r, table.SUBJECT) for r in range(2)}
    assert subjects == {"Mail covers on reporters", "Detention contracts"}
    uspis = row_for(widget, store.list_requests(order="id")[0].id)
    assert cell(widget, uspis, table.AGENCY) == "USPIS"
    assert cell(widget, uspis, table.AGENCY, Qt.ItemDataRole.ToolTipRole) == \
        "U.S. Postal Inspection Service"
    assert cell(widget, uspis, table.STATUS) == "Submitted"
    assert "2 request(s) tracked" in widget.count_label.text()


def test_filters_by_status_agency_tag_and_debounced_search(qtbot, make_widget, store):
    store.add_request("uspis", "Mail covers on reporters", submitted="2026-03-02",
                      tags=["mail"])
    store.add_request("ice", "Detention contracts in Arizona", tags=["immigration"])
    store.add_request("ice", "Body camera policy", submitted="2026-03-04")
    widget = make_widget()
    bar = widget.filters
    assert widget.model.rowCount() == 3

    bar.status.setCurrentIndex(bar.status.findData("draft"))
    assert [cell(widget, 0, table.SUBJECT)] == ["Detention contracts in Arizona"]
    assert widget.model.rowCount() == 1
    bar.clear()
    assert widget.model.rowCount() == 3

    bar.agency.setCurrentIndex(bar.agency.findData("ice"))
    assert widget.model.rowCount() == 2
    assert bar.agency.currentText() == "U.S. Immigration and Customs Enforcement (2)"
    bar.clear()

    bar.tag.setCurrentIndex(bar.tag.findData("mail"))
    assert widget.model.rowCount() == 1
    bar.clear()

    qtbot.keyClicks(bar.search, "camera")
    assert widget.model.rowCount() == 3  # debounced: nothing happens per keystroke
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1)
    assert cell(widget, 0, table.SUBJECT) == "Body camera policy"
    assert "1 request(s) match" in widget.count_label.text()


def _drive_dialog(dialog, kind: str, day: date) -> None:
    dialog.set_kind(kind)
    dialog.date.setDate(QDate(day.year, day.month, day.day))


def test_acknowledgement_then_extension_moves_the_next_deadline(qtbot, make_widget, store,
                                                                errors):
    sent = TODAY - timedelta(days=4)
    request = store.add_request("uspis", "Mail covers on reporters", submitted=sent)
    widget = make_widget()
    row = row_for(widget, request.id)
    widget.view.selectRow(row)
    assert widget.selected_request_id() == request.id
    calendar = FederalCalendar()
    first_due = calendar.add_working_days(sent, 20)
    assert cell(widget, row, table.NEXT_DEADLINE).startswith(fmt.short_day(first_due))

    widget.detail.log_button.click()
    dialog = widget.detail.event_dialog
    assert dialog is not None and dialog.isVisible()
    _drive_dialog(dialog, "acknowledged", sent + timedelta(days=1))
    qtbot.keyClicks(dialog.tracking, "2026-IPFO-00417")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not errors and not dialog.isVisible()
    row = row_for(widget, request.id)
    assert cell(widget, row, table.TRACKING) == "2026-IPFO-00417"
    assert cell(widget, row, table.STATUS) == "Acknowledged"
    assert "Tracking number: 2026-IPFO-00417" in widget.detail.heading.text()

    widget.detail.open_event_dialog()
    dialog = widget.detail.event_dialog
    _drive_dialog(dialog, "extension", TODAY)
    assert {"promised", "agreed"} <= set(dialog.visible_fields())
    assert "tracking" not in dialog.visible_fields()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not errors

    extended_due = calendar.add_working_days(sent, 30)
    row = row_for(widget, request.id)
    assert cell(widget, row, table.NEXT_DEADLINE) == \
        f"{fmt.short_day(extended_due)} · extended answer"
    assert cell(widget, row, table.STATUS) == "Processing"
    html = widget.detail.deadlines.toPlainText()
    assert f"{fmt.day(extended_due)}" in html and "next deadline" in html
    timeline = [widget.detail.timeline.topLevelItem(i).text(1)
                for i in range(widget.detail.timeline.topLevelItemCount())]
    assert timeline == ["Request sent", "Acknowledgement (tracking number)", "Extension notice"]


@pytest.mark.parametrize(("kind", "expected"), [
    ("acknowledged", {"tracking", "received_date", "received_date_value"}),
    ("extension", {"promised", "promised_value", "agreed"}),
    ("response", {"outcome", "exemptions"}),
    ("fee-notice", {"amount"}),
    ("appeal-decision", {"tracking", "appeal_outcome", "exemptions"}),
    ("note", set()),
    ("withdrawn", set()),
])
def test_event_dialog_shows_only_the_fields_of_each_kind(qtbot, kind, expected):
    from foia_desk.gui.tracker.event_dialog import EventDialog

    dialog = EventDialog(lambda entry: entry, kind=kind)
    qtbot.addWidget(dialog)
    assert set(dialog.visible_fields()) == expected


def test_a_rejected_event_keeps_the_dialog_open_with_the_input(make_widget, store, errors):
    request = store.add_request("fbi", "Task force agreements", submitted="2026-03-02")
    widget = make_widget()
    widget.show_request(request.id)
    dialog = widget.detail.open_event_dialog("response")
    dialog.exemptions.setText("b6, b12")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("partial"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert errors and "b12" in str(errors[-1][1])
    assert dialog.isVisible() and dialog.exemptions.text() == "b6, b12"
    assert [e.kind for e in store.get_request(request.id).events] == ["submitted"]
    dialog.exemptions.setText("b6, b7c")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    response = store.get_request(request.id).events[-1]
    assert response.details["exemptions"] == ["(b)(6)", "(b)(7)(C)"]
    assert store.get_request(request.id).status == "partial-release"


def test_overdue_and_due_soon_rows_are_marked_in_words_not_only_colour(make_widget, store):
    overdue = store.add_request("uspis", "Old request", submitted=TODAY - timedelta(days=90))
    calendar = FederalCalendar()
    # Sent so that the 20-working-day answer falls 2 working days from today.
    sent = TODAY
    while calendar.working_days_between(TODAY, calendar.add_working_days(sent, 20)) > 2:
        sent -= timedelta(days=1)
    soon = store.add_request("ice", "Soon request", submitted=sent)
    calm = store.add_request("cbp", "Fresh request", submitted=TODAY)
    widget = make_widget()

    row = row_for(widget, overdue.id)
    assert cell(widget, row, table.DAYS_LEFT).startswith("⚠ Overdue")
    assert cell(widget, row, table.SUBJECT, Qt.ItemDataRole.FontRole).bold()
    assert cell(widget, row, table.SUBJECT, Qt.ItemDataRole.BackgroundRole) is not None
    assert "passed" in cell(widget, row, table.DAYS_LEFT, Qt.ItemDataRole.ToolTipRole)

    row = row_for(widget, soon.id)
    assert cell(widget, row, table.DAYS_LEFT).startswith(("Due soon", "⚠ Due today"))
    assert cell(widget, row, table.SUBJECT, Qt.ItemDataRole.FontRole).bold()

    row = row_for(widget, calm.id)
    assert cell(widget, row, table.DAYS_LEFT).endswith("days")
    assert cell(widget, row, table.SUBJECT, Qt.ItemDataRole.FontRole) is None
    assert cell(widget, row, table.SUBJECT, Qt.ItemDataRole.BackgroundRole) is None
    # Sorted by next deadline: the overdue request comes first.
    assert cell(widget, 0, table.SUBJECT) == "Old request"


def test_the_model_fetches_lazily_one_page_at_a_time(qtbot, store):
    for number in range(2000):
        store.add_request("usps", f"Request number {number:04d}")
    model = table.RequestTableModel(store)
    assert model.total == 2000
    assert model.rowCount() == table.PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * table.PAGE_SIZE
    model.set_order("subject")
    assert model.rowCount() == table.PAGE_SIZE  # a new order starts from one page again
    assert model.index(0, table.SUBJECT).data() == "Request number 0000"
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 2000
    assert model.index(1999, table.SUBJECT).data() == "Request number 1999"


def test_view_scrolling_asks_for_more_rows(qtbot, make_widget, store):
    for number in range(450):
        store.add_request("usps", f"Request {number}")
    widget = make_widget()
    widget.show()
    assert widget.model.rowCount() == table.PAGE_SIZE
    widget.view.scrollToBottom()
    qtbot.waitUntil(lambda: widget.model.rowCount() > table.PAGE_SIZE)


def test_header_click_sorts_through_the_store(make_widget, store):
    for subject in ("Charlie", "alpha", "Bravo"):
        store.add_request("usps", subject)
    widget = make_widget()
    widget.view.horizontalHeader().setSortIndicator(table.SUBJECT, Qt.SortOrder.AscendingOrder)
    assert [cell(widget, r, table.SUBJECT) for r in range(3)] == ["alpha", "Bravo", "Charlie"]
    widget.view.horizontalHeader().setSortIndicator(table.SUBJECT,
                                                    Qt.SortOrder.DescendingOrder)
    assert [cell(widget, r, table.SUBJECT) for r in range(3)] == ["Charlie", "Bravo", "alpha"]


def test_status_combo_offers_only_legal_moves_and_shows_refusals(make_widget, store, errors):
    from foia_desk.status import allowed_next

    request = store.add_request("dea", "Flight logs", submitted="2026-03-02")
    widget = make_widget()
    widget.show_request(request.id)
    combo = widget.detail.status_combo
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == ["submitted", *allowed_next("submitted")]
    assert "draft" not in offered and "appeal" not in offered

    combo.setCurrentIndex(combo.findData("processing"))
    assert widget.detail.apply_status()
    assert store.get_request(request.id).status == "processing"
    assert cell(widget, row_for(widget, request.id), table.STATUS) == "Processing"

    store.set_status(request.id, "withdrawn")  # e.g. from another window
    combo.setCurrentIndex(combo.findData("complete"))
    assert not widget.detail.apply_status()
    assert errors and "withdrawn" in str(errors[-1][1])
    assert store.get_request(request.id).status == "withdrawn"


def test_reminders_due_today_show_in_a_banner(qtbot, make_widget, store):
    request = store.add_request("dhs", "Guidance on mail cover data", submitted="2026-03-02")
    store.add_reminder(request.id, TODAY, "Call the FOIA Public Liaison")
    other = store.add_request("usps", "Not due")
    store.add_reminder(other.id, TODAY + timedelta(days=3), "Later")
    widget = make_widget()
    widget.show()
    qtbot.waitUntil(lambda: widget.banner.isVisible())
    texts = [widget.banner.list.item(i).text() for i in range(widget.banner.list.count())]
    assert any("Call the FOIA Public Liaison" in t for t in texts)
    assert not any("Later" in t for t in texts)
    assert "due today" in widget.banner.title.text()
    item = next(widget.banner.list.item(i) for i in range(widget.banner.list.count())
                if "Liaison" in widget.banner.list.item(i).text())
    widget.banner.list.itemActivated.emit(item)
    assert widget.selected_request_id() == request.id


def test_no_reminders_no_banner(qtbot, make_widget, store):
    store.add_request("usps", "Draft only")
    widget = make_widget()
    widget.show()
    assert widget.show_reminders() == []
    assert not widget.banner.isVisible()


def test_search_finds_a_request_by_its_tracking_number(make_widget, store):
    request = store.add_request("uspis", "Mail covers", submitted="2026-03-02")
    store.add_event(request.id, "acknowledged", "2026-03-04", tracking_number="2026-IPFO-00417")
    store.add_request("ice", "Something else")
    widget = make_widget()
    widget.filters.search.setText("IPFO-00417")
    widget.filters.apply_now()
    assert widget.model.rowCount() == 1
    assert cell(widget, 0, table.TRACKING) == "2026-IPFO-00417"


def test_removing_a_mistaken_extension_moves_the_deadline_back(make_widget, store, errors):
    sent = TODAY - timedelta(days=4)
    request = store.add_request("uspis", "Mail covers", submitted=sent)
    store.add_event(request.id, "extension", TODAY)
    widget = make_widget()
    widget.show_request(request.id)
    calendar = FederalCalendar()
    row = row_for(widget, request.id)
    assert cell(widget, row, table.NEXT_DEADLINE).startswith(
        fmt.short_day(calendar.add_working_days(sent, 30)))
    timeline = widget.detail.timeline
    timeline.setCurrentItem(timeline.topLevelItem(timeline.topLevelItemCount() - 1))
    assert timeline.currentItem().text(1) == "Extension notice"
    widget.detail.remove_event_button.click()
    assert not errors
    assert [e.kind for e in store.get_request(request.id).events] == ["submitted"]
    row = row_for(widget, request.id)
    assert cell(widget, row, table.NEXT_DEADLINE).startswith(
        fmt.short_day(calendar.add_working_days(sent, 20)))


def test_every_tracker_control_has_its_own_keyboard_mnemonic(make_widget, store):
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    store.add_request("usps", "Anything")
    widget = make_widget()
    texts = [b.text() for b in widget.findChildren(QAbstractButton)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.buddy()]
    keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
    assert len(keys) >= 14
    assert len(keys) == len(set(keys)), sorted(keys)
    assert not set(keys) & set("fevh")  # Alt+F/E/V/H open the main window's menus


def test_automatic_reminders_read_like_the_table():
    from foia_desk.gui.tracker.reminders import reminder_line, summary_text
    from foia_desk.store import DueReminder

    auto = DueReminder(source="auto", request_id=1, remind_on=date(2026, 11, 24),
                       text="Agency's determination due: 2026-12-01 (in 4 days).",
                       agency_name="U.S. Immigration and Customs Enforcement",
                       subject="Detention contracts", deadline_key="response_due",
                       deadline_label="Agency's determination due",
                       deadline_due=date(2026, 12, 1))
    assert reminder_line(auto, today=date(2026, 11, 27)) == (
        "U.S. Immigration and Customs Enforcement — Detention contracts: "
        "Agency's determination due: Tue 1 Dec 2026 (in 4 days)")
    mine = DueReminder(source="user", request_id=2, remind_on=date(2026, 11, 27),
                       text="Call the liaison", agency_name="DHS", subject="Guidance",
                       reminder_id=7)
    assert reminder_line(mine) == "DHS — Guidance: Call the liaison"
    assert summary_text([auto, mine]) == "2 reminders due today"


def test_withdrawing_asks_first_because_it_cannot_be_undone(make_widget, store, monkeypatch):
    request = store.add_request("dea", "Flight logs", submitted="2026-03-02")
    widget = make_widget()
    widget.show_request(request.id)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, *a, **k: asked.append(title))
    combo = widget.detail.status_combo
    combo.setCurrentIndex(combo.findData("withdrawn"))
    assert not widget.detail.apply_status()
    assert asked == ["Mark as withdrawn?"]
    assert store.get_request(request.id).status == "submitted"
    assert combo.currentData() == "submitted"


def test_the_detail_pane_says_what_to_do_next(make_widget, store):
    draft = store.add_request("irs", "Referrals")
    late = store.add_request("uspis", "Mail covers", submitted=TODAY - timedelta(days=90))
    waiting = store.add_request("dhs", "Guidance", submitted=TODAY - timedelta(days=20))
    store.add_event(waiting.id, "info-request", TODAY - timedelta(days=2))
    decided = store.add_request("fbi", "Task force", submitted=TODAY - timedelta(days=60))
    store.add_event(decided.id, "response", TODAY - timedelta(days=5),
                    details={"outcome": "partial", "exemptions": "b6"})
    widget = make_widget()
    expected = {draft.id: "Not sent yet", late.id: "The agency is late",
                waiting.id: "waiting for your answer", decided.id: "You can appeal"}
    for request_id, words in expected.items():
        widget.show_request(request_id)
        assert words in widget.detail.heading.text(), widget.detail.heading.text()
    appeal_by = store.get_request(decided.id).clocks.get("appeal_by").due
    widget.show_request(decided.id)
    assert fmt.day(appeal_by) in widget.detail.heading.text()


def test_reminders_tab_adds_and_completes_a_reminder(qtbot, make_widget, store, errors):
    request = store.add_request("dhs", "Guidance", submitted="2026-03-02")
    widget = make_widget()
    widget.show_request(request.id)
    tab = widget.detail.reminders
    tab.add_button.click()
    assert errors and "text" in str(errors[-1][1]).lower()
    assert store.user_reminders() == []
    when = TODAY + timedelta(days=3)
    tab.day.setDate(QDate(when.year, when.month, when.day))
    qtbot.keyClicks(tab.text, "Call the FOIA Public Liaison")
    tab.add_button.click()
    assert [(r.due, r.text) for r in store.user_reminders()] == [
        (when, "Call the FOIA Public Liaison")]
    assert tab.list.count() == 1 and fmt.day(when) in tab.list.item(0).text()
    assert widget.detail.tabs.tabText(3) == "Reminders (1)"
    tab.done_button.click()
    assert store.user_reminders() == [] and tab.list.count() == 0


def test_a_page_that_cannot_be_read_stops_scrolling_and_says_why(qtbot, store):
    from foia_desk.store import StoreError

    for number in range(table.PAGE_SIZE + 5):
        store.add_request("usps", f"Request {number}")

    class BusyAfterFirstPage:
        def __getattr__(self, name):
            return getattr(store, name)

        def list_requests(self, flt=None, offset=0, limit=100, order="next_deadline"):
            if offset:
                raise StoreError("The tracker database is busy.", "Try again in a moment.")
            return store.list_requests(flt, offset=offset, limit=limit, order=order)

    widget = TrackerWidget(store=BusyAfterFirstPage(), notify=False)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == table.PAGE_SIZE
    with qtbot.waitSignal(widget.model.load_failed):
        widget.model.fetchMore()
    assert not widget.model.canFetchMore()
    assert widget.model.rowCount() == table.PAGE_SIZE
    assert "busy" in widget.message.text()


def test_a_mistyped_event_is_corrected_in_place_and_the_deadline_moves(make_widget, store,
                                                                       errors):
    request = store.add_request("fbi", "Task force agreements", submitted="2026-02-02")
    store.add_event(request.id, "response", "2026-02-20", note="Letter came by mail",
                    details={"outcome": "partial", "exemptions": "b6"})
    before = {d.key: d.due for d in store.clocks(request.id).deadlines}
    widget = make_widget()
    widget.show_request(request.id)
    pane = widget.detail
    response_row = next(pane.timeline.topLevelItem(i)
                        for i in range(pane.timeline.topLevelItemCount())
                        if "esponse" in pane.timeline.topLevelItem(i).text(1))
    pane.timeline.setCurrentItem(response_row)
    dialog = pane.edit_selected_event()
    assert dialog is not None and not dialog.kind.isEnabled()
    assert dialog.current_kind() == "response"
    assert dialog.outcome.currentData() == "partial"
    assert dialog.exemptions.text() == "(b)(6)"
    assert dialog.note.toPlainText() == "Letter came by mail"
    dialog.date.setDate(QDate(2026, 2, 24))  # the letter was dated later than typed
    dialog.exemptions.setText("b6, b7c")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not errors
    events = store.get_request(request.id).events
    assert [e.kind for e in events] == ["submitted", "response"]  # corrected, not added
    response = events[-1]
    assert response.date == date(2026, 2, 24)
    assert response.details["exemptions"] == ["(b)(6)", "(b)(7)(C)"]
    assert response.note == "Letter came by mail"
    after = {d.key: d.due for d in store.clocks(request.id).deadlines}
    moved = [key for key in after if key in before and after[key] != before[key]]
    assert moved, "the appeal window runs from the response date and must move with it"
