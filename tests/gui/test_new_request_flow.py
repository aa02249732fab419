"""The new-request flow end to end: article -> findings -> letters -> files -> tracker."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from foia_desk.gui import save_to_tracker_dialog
from foia_desk.gui.settings_dialog import SettingsDialog


def _fill_profile_in_settings(monkeypatch, window) -> None:
    """Edit > Settings, create a profile in the form and save it, as a user would."""

    def fake_exec(dialog: SettingsDialog) -> int:
        editor = dialog.profiles
        editor.new_profile()
        editor.name.setText("Ada Reporter")
        editor.organization.setText("Example Gazette")
        editor.address.setPlainText("1 Main Street\nSpringfield, IL 62701")
        editor.email.setText("ada@example.org")
        editor.category.setCurrentIndex(editor.category.findData("news_media"))
        editor.default_box.setChecked(True)
        assert editor.save_current()
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    window.open_settings()


def test_seed_article_to_files_and_tracker(qtbot, monkeypatch, loaded_window, dialogs_stub,
                                           tmp_path):
    window = loaded_window
    panel = window.findings
    checked = panel.checked_agency_ids()
    for agency_id in ("uspis", "dhs", "dea"):
        assert agency_id in checked
        assert window.drafts.tab_for(agency_id) is not None
    # Suggested agencies are offered unticked, with a reason.
    suggested = [panel._suggested.child(i) for i in range(panel._suggested.childCount())]
    assert suggested and all(i.checkState(0) == Qt.CheckState.Unchecked for i in suggested)
    assert all(i.text(1) for i in suggested)

    # Untick one agency: its letter tab goes away, the others keep theirs.
    dropped = next(a for a in checked if a not in ("uspis", "dhs", "dea"))
    panel.set_agency_checked(dropped, False)
    assert window.drafts.tab_for(dropped) is None
    assert window.drafts.tab_for("uspis") is not None

    # No profile yet: the letter lists what is missing and cannot be exported.
    tab = window.drafts.tab_for("uspis")
    tab.render_now()
    assert tab.letter is None
    assert any("requester" in m for m in tab.missing)
    assert not tab.docx_button.isEnabled()
    assert not tab.warning.isHidden()

    _fill_profile_in_settings(monkeypatch, window)
    qtbot.waitUntil(lambda: tab.letter is not None, timeout=5000)
    assert tab.warning.isHidden()

    # Edit a record description that goes into the USPIS letter; the preview follows.
    item = next(i for i in panel.record_items()
                if "uspis" in (i.data(0, Qt.ItemDataRole.UserRole + 1) or []))
    item.setText(0, "All mail cover requests about immigration cases (ZEBRA-17)")
    qtbot.waitUntil(lambda: "ZEBRA-17" in tab.preview.toPlainText(), timeout=5000)

    # Export Word and PDF through the patched save dialog, then open the files.
    dialogs_stub.save_file = tmp_path / "uspis-letter.docx"
    with qtbot.waitSignal(tab.export_finished, timeout=30_000):
        tab.export("docx")
    dialogs_stub.save_file = tmp_path / "uspis-letter.pdf"
    with qtbot.waitSignal(tab.export_finished, timeout=30_000):
        tab.export("pdf")
    assert not dialogs_stub.errors
    import docx
    import pypdf

    word_text = "\n".join(p.text for p in docx.Document(tmp_path / "uspis-letter.docx").paragraphs)
    assert "ZEBRA-17" in word_text and "Ada Reporter" in word_text
    pdf_text = "".join(page.extract_text() for page in
                       pypdf.PdfReader(tmp_path / "uspis-letter.pdf").pages)
    assert "ZEBRA" in pdf_text

    # Email draft and clipboard carry the same letter.
    dialogs_stub.save_file = tmp_path / "uspis-letter"  # no extension typed: one is added
    with qtbot.waitSignal(tab.export_finished, timeout=30_000):
        tab.export("eml")
    import email
    import email.policy

    message = email.message_from_bytes((tmp_path / "uspis-letter.eml").read_bytes(),
                                       policy=email.policy.default)
    assert message["Subject"].strip() == tab.letter.subject  # (exporter folds with a space)
    tab.copy_to_clipboard()
    from PySide6.QtGui import QGuiApplication

    assert "ZEBRA-17" in QGuiApplication.clipboard().text()

    # Save to the tracker as sent by email on a chosen date.
    qtbot.waitUntil(lambda: all(t.letter is not None for t in window.drafts.tabs()),
                    timeout=5000)
    chosen = {}

    def answer(_parent, letters):
        chosen["letters"] = letters
        return save_to_tracker_dialog.TrackerChoice(
            agency_ids=["uspis", "dhs"], submitted=True, submitted_on=date(2025, 5, 5),
            method="email")

    monkeypatch.setattr(save_to_tracker_dialog, "ask_tracker_details", answer)
    with qtbot.waitSignal(window.requests_saved, timeout=10_000) as saved:
        window.save_to_tracker()
    assert not dialogs_stub.errors
    assert len(saved.args[0]) == 2
    from foia_desk.store import open_store

    with open_store() as store:
        rows = {r.agency_id: r for r in store.list_requests()}
        assert set(rows) == {"uspis", "dhs"}
        detail = store.get_request(rows["uspis"].id)
    assert detail.status == "submitted"
    assert detail.method == "email"
    assert detail.submitted == date(2025, 5, 5)
    assert "ZEBRA-17" in (detail.letter_markdown or "")
    assert str(tmp_path / "uspis-letter.pdf") in detail.letter_files
    assert detail.profile == "Ada Reporter"


def test_missing_fields_block_every_export(qtbot, loaded_window, dialogs_stub, tmp_path):
    window = loaded_window
    tab = window.drafts.tab_for("dhs")
    tab.render_now()
    assert tab.letter is None and tab.missing
    dialogs_stub.save_file = tmp_path / "x.docx"
    assert tab.export("docx") is None
    assert dialogs_stub.asked_save == []  # refused before asking where to save
    title, error = dialogs_stub.errors[-1]
    assert "not ready" in title
    from foia_desk.drafting import MissingFieldsError

    assert isinstance(error, MissingFieldsError)
    assert "requester" in str(error)
    dialogs_stub.directory = tmp_path
    assert window.export_all() is None
    assert "Department of Homeland Security" in str(dialogs_stub.errors[-1][1])
    assert window.save_to_tracker() is None
    assert list(tmp_path.iterdir()) == []


def test_placeholder_preview_shows_where_missing_fields_go(loaded_window):
    tab = loaded_window.drafts.tab_for("uspis")
    tab.render_now()
    assert "[your name]" in tab.preview.toPlainText()
    assert "placeholders" in tab.notes.text()


def test_export_all_writes_every_letter_and_can_be_cancelled(qtbot, loaded_window,
                                                             dialogs_stub, saved_profile,
                                                             tmp_path):
    window = loaded_window
    window._reload_profiles()
    for agency_id in list(window.findings.checked_agency_ids()):
        if agency_id not in ("uspis", "dhs"):
            window.findings.set_agency_checked(agency_id, False)
    qtbot.waitUntil(lambda: all(t.letter is not None for t in window.drafts.tabs()),
                    timeout=5000)
    dialogs_stub.directory = tmp_path / "all"
    handle = window.export_all()
    with qtbot.waitSignal(handle.ended, timeout=30_000):
        pass
    names = sorted(p.suffix for p in (tmp_path / "all").iterdir())
    assert names == [".docx", ".docx", ".pdf", ".pdf"]
    assert all(t.exported for t in window.drafts.tabs())

    # Cancelling stops before every file is written and reports it.
    dialogs_stub.directory = tmp_path / "cancelled"
    handle = window.export_all()
    cancel_button = window.export_progress.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(handle.cancelled, timeout=30_000):
        pass
    written = list((tmp_path / "cancelled").glob("*.*"))
    assert len(written) < 4
    assert not any(p.name.endswith(".part") for p in (tmp_path / "cancelled").iterdir())


def test_saving_draft_letters_records_draft_requests(qtbot, monkeypatch, loaded_window,
                                                     saved_profile):
    window = loaded_window
    window._reload_profiles()
    for agency_id in list(window.findings.checked_agency_ids()):
        if agency_id != "dea":
            window.findings.set_agency_checked(agency_id, False)
    qtbot.waitUntil(lambda: window.drafts.tab_for("dea").letter is not None, timeout=5000)
    monkeypatch.setattr(save_to_tracker_dialog, "ask_tracker_details",
                        lambda _p, letters: save_to_tracker_dialog.TrackerChoice(
                            agency_ids=[x.agency_id for x in letters]))
    with qtbot.waitSignal(window.requests_saved, timeout=10_000):
        window.save_to_tracker()
    from foia_desk.store import open_store

    with open_store() as store:
        (row,) = store.list_requests()
    assert row.agency_id == "dea" and row.status == "draft" and row.submitted is None



def test_user_template_can_be_chosen_and_is_named(qtbot, loaded_window, saved_profile):
    from foia_desk.paths import user_templates_dir

    (user_templates_dir() / "brief.md.j2").write_text(
        "{#- kind: foia\n    description: A two-line test letter. -#}\n"
        "BRIEF-TEMPLATE-MARKER\n", encoding="utf-8")
    window = loaded_window
    window._reload_profiles()
    tab = window.drafts.tab_for("dea")
    tab.render_now()
    assert "Template: foia" in tab.records_note.text()
    combo = tab.form.template
    combo.showPopup()  # the list is refreshed when opened, so new files appear
    combo.hidePopup()
    index = combo.findData("brief")
    assert index > 0
    combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: "BRIEF-TEMPLATE-MARKER" in tab.preview.toPlainText(), timeout=5000)
    assert "Template: brief" in tab.records_note.text()


def test_export_and_tracker_errors_are_explained_and_keep_the_letters(
        qtbot, monkeypatch, loaded_window, dialogs_stub, saved_profile, tmp_path):
    window = loaded_window
    window._reload_profiles()
    for agency_id in list(window.findings.checked_agency_ids()):
        if agency_id != "uspis":
            window.findings.set_agency_checked(agency_id, False)
    tab = window.drafts.tab_for("uspis")
    qtbot.waitUntil(lambda: tab.letter is not None, timeout=5000)
    dialogs_stub.save_file = tmp_path / "no-such-folder" / "letter.docx"
    handle = tab.export("docx")
    with qtbot.waitSignal(handle.ended, timeout=30_000):
        pass
    title, error = dialogs_stub.errors[-1]
    assert title == "Could not save the letter"
    assert "no-such-folder" in str(error)
    assert tab.letter is not None and tab.exported == []

    from foia_desk.paths import database_path

    database_path().write_bytes(b"this is not a database" * 20)
    monkeypatch.setattr(save_to_tracker_dialog, "ask_tracker_details",
                        lambda _p, letters: save_to_tracker_dialog.TrackerChoice(
                            agency_ids=["uspis"]))
    handle = window.save_to_tracker()
    with qtbot.waitSignal(handle.ended, timeout=10_000):
        pass
    title, error = dialogs_stub.errors[-1]
    assert title == "Could not save to the tracker"
    assert "not a FOIA Desk tracker database" in str(error)
    assert window.drafts.tab_for("uspis") is tab and not window.letters_kept


def test_missing_fields_are_marked_in_the_form_until_filled(qtbot, loaded_window,
                                                            saved_profile):
    window = loaded_window
    window._reload_profiles()
    tab = window.drafts.tab_for("uspis")
    form = tab.form
    form.kind.setCurrentIndex(form.kind.findData("appeal"))
    tab.render_now()
    assert tab.letter is None
    marked = {w for w in (form.tracking_number, form.determination_date, form.grounds)
              if w.property("missing")}
    assert marked == {form.tracking_number, form.determination_date, form.grounds}
    assert form._label_for(form.tracking_number).text().startswith("⚠")
    assert "tracking number" in form.tracking_number.toolTip()
    assert not form.profile.property("missing")  # the profile is complete
    # Each missing field in the warning strip is a link that scrolls the form to it.
    assert 'href="field:determination_date"' in tab.warning.text()
    window.resize(1200, 700)
    window.main_tabs.setCurrentIndex(1)
    window.drafts.setCurrentWidget(tab)
    window.show()
    qtbot.waitExposed(window)
    tab.form_scroll.verticalScrollBar().setValue(0)
    tab.go_to_field("field:determination_date")
    assert tab.form_scroll.verticalScrollBar().value() > 0

    form.tracking_number.setText("2025-USPIS-00042")
    form.determination_date.setText("2025-06-02")
    form.grounds.setPlainText("The search was inadequate.")
    tab.render_now()
    assert tab.letter is not None
    assert not any(w.property("missing") for w in
                   (form.tracking_number, form.determination_date, form.grounds))
    assert not form._label_for(form.tracking_number).text().startswith("⚠")
    assert form.tracking_number.toolTip() == ""
