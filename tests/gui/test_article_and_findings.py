"""Loading articles, errors that keep the previous article, highlights, the spun-text banner."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from foia_desk.gui.article_loading import reworded_spans
from foia_desk.ingest import IngestError


def test_ingest_error_shows_dialog_and_keeps_previous_article(qtbot, loaded_window,
                                                              dialogs_stub, tmp_path):
    window = loaded_window
    before_text = window.article_view.original_text
    before_agencies = window.findings.checked_agency_ids()
    tab = window.drafts.tab_for("uspis")
    tab.form.background.setPlainText("My own notes, typed before the error")
    picture = tmp_path / "photo.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    dialogs_stub.open_file = picture
    with qtbot.waitSignal(window.load_finished, timeout=10_000) as blocker:
        window.open_article()
    assert blocker.args == [False]
    title, error = dialogs_stub.errors[-1]
    assert isinstance(error, IngestError)
    assert "photo.txt" in title and "image" in str(error)
    assert window.article_view.original_text == before_text
    assert window.findings.checked_agency_ids() == before_agencies
    assert window.drafts.tab_for("uspis") is tab
    assert tab.form.background.toPlainText() == "My own notes, typed before the error"
    assert window.busy_bar.isHidden()


def test_pasted_article_is_analysed(qtbot, window, dialogs_stub):
    window.start_paste()
    assert window.article_stack.currentIndex() == 1
    window.paste_editor.setPlainText(
        "Agents raid warehouse\n\nThe Federal Bureau of Investigation and the Drug Enforcement "
        "Administration searched a warehouse on Monday, officials said.")
    with qtbot.waitSignal(window.load_finished, timeout=10_000) as blocker:
        window.analyse_pasted()
    assert blocker.args == [True], dialogs_stub.errors
    assert {"fbi", "dea"} <= set(window.findings.checked_agency_ids())
    assert window.article_stack.currentIndex() == 2
    assert not window.article_view.banner.isVisibleTo(window)


def test_empty_paste_is_refused_and_editor_kept(qtbot, window, dialogs_stub):
    window.start_paste()
    window.paste_editor.setPlainText("   \n ")
    with qtbot.waitSignal(window.load_finished, timeout=10_000) as blocker:
        window.analyse_pasted()
    assert blocker.args == [False]
    assert "no text" in str(dialogs_stub.errors[-1][1])
    assert window.article_stack.currentIndex() == 1


def test_dropping_a_file_loads_it(qtbot, window, tmp_path):
    article = tmp_path / "story.md"
    article.write_text("# Customs story\n\nU.S. Customs and Border Protection said on "
                       "Friday it would review the program.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.load_finished, timeout=10_000) as blocker:
        window.dropEvent(event)
    assert blocker.args == [True]
    assert "cbp" in window.findings.checked_agency_ids()


def test_spun_text_banner_toggles_normalised_reading_without_rewriting(qtbot, loaded_window):
    view = loaded_window.article_view
    assert view.banner.isVisibleTo(loaded_window)
    assert "machine-reworded" in view.banner.message.text()
    original = view.original_text
    assert "message screen" in original
    view.banner.button.click()
    shown = view.text.toPlainText()
    assert "mail cover" in shown and "message screen" not in shown
    assert view.original_text == original
    assert view.text.extraSelections()  # the put-back words are marked
    assert view.swatches["reworded"].isVisibleTo(view)
    assert not view.swatches["agency"].isVisibleTo(view)
    view.banner.button.click()
    # (toPlainText shows no-break spaces as plain spaces; the offsets are unchanged)
    assert view.text.toPlainText() == original.replace("\xa0", " ")


def test_clicking_a_finding_selects_its_evidence(loaded_window):
    panel = loaded_window.findings
    view = loaded_window.article_view
    item = panel.agency_item("dea")
    panel._item_clicked(item, 0)
    mention = sorted(loaded_window.loaded.findings.agency("dea").mentions)[0]
    assert view.selected_text() == mention.text
    spans = item.data(0, Qt.ItemDataRole.UserRole)
    if len(spans) > 1:  # a second click moves on to the next mention
        panel._item_clicked(item, 0)
        start, end = spans[1]
        assert view.selected_text() == view.original_text[start:end]


def test_highlights_cover_each_kind_of_finding(loaded_window):
    kinds = {kind for kind, _s, _e in loaded_window.findings.highlight_spans()}
    assert {"agency", "non_foia", "record"} <= kinds
    assert len(loaded_window.article_view.text.extraSelections()) > 10


def test_non_foia_bodies_are_not_checkable_and_say_where_to_ask(loaded_window):
    section = loaded_window.findings._non_foia
    assert section.childCount() >= 1
    names = [section.child(i).text(0) for i in range(section.childCount())]
    assert len(names) == len(set(names))  # a body found twice is listed once
    panel = loaded_window.findings
    for i in range(section.childCount()):
        item = section.child(i)
        assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert item.text(1)
        panel.agency_tree.setCurrentItem(item)
        assert "Where to ask instead" in panel.details.text()
        assert item.text(0) in panel.details.text()


def test_records_reorder_edit_and_untick_reach_the_letter(qtbot, loaded_window, saved_profile):
    window = loaded_window
    window._reload_profiles()
    panel = window.findings
    tab = window.drafts.tab_for("uspis")
    panel.add_blank_record()
    new = panel.record_items()[-1]
    new.setText(0, "Records of PELICAN-9 briefings")
    panel.record_tree.setCurrentItem(new)
    panel.move_current_record(-1)
    assert panel.record_items()[-2] is new
    qtbot.waitUntil(lambda: "PELICAN-9" in tab.preview.toPlainText(), timeout=5000)
    new.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "PELICAN-9" not in tab.preview.toPlainText(), timeout=5000)


def test_bad_record_date_is_explained(loaded_window):
    panel = loaded_window.findings
    item = panel.record_items()[0]
    item.setText(1, "May 5")
    assert not panel.record_error.isHidden()
    assert "YYYY-MM-DD" in panel.record_error.text()
    item.setText(1, "2025-01-01")
    assert panel.record_error.isHidden()


def test_add_agency_from_directory_makes_a_letter_tab(qtbot, loaded_window):
    from foia_desk.gui.agency_picker import AgencyPickerDialog

    dialog = AgencyPickerDialog(loaded_window, loaded_window.loaded.directory)
    qtbot.addWidget(dialog)
    dialog.search.setText("Customs and Border")
    assert dialog.results.count() >= 1
    dialog.accept()
    chosen = dialog.chosen
    loaded_window.findings.add_agency(chosen.id, chosen.name)
    assert chosen.id in loaded_window.findings.checked_agency_ids()
    assert loaded_window.drafts.tab_for(chosen.id) is not None


def test_reworded_spans_follow_length_changes():
    class Sub:
        def __init__(self, start, end, replacement, source="spinner"):
            self.start, self.end, self.replacement, self.source = start, end, replacement, source

    # "ab XY cd ZZZ" -> "ab hello cd Z"
    subs = [Sub(3, 5, "hello"), Sub(9, 12, "Z"), Sub(0, 0, "", "hyphenation")]
    assert reworded_spans(subs) == [(3, 8), (12, 13)]


def test_evidence_after_emoji_is_selected_exactly(qtbot, window, dialogs_stub):
    """Qt counts emoji as two positions; highlights and selections must not drift."""
    window.start_paste()
    window.paste_editor.setPlainText(
        "Raid 🥂🎉 tonight\n\nParty 🥂 over. The Drug Enforcement Administration arrested "
        "people, and the Federal Bureau of Investigation helped 🎉.")
    with qtbot.waitSignal(window.load_finished, timeout=10_000):
        window.analyse_pasted()
    for agency_id in ("dea", "fbi"):
        mention = sorted(window.loaded.findings.agency(agency_id).mentions)[0]
        window.findings._item_clicked(window.findings.agency_item(agency_id), 0)
        assert window.article_view.selected_text() == mention.text
    texts = {s.cursor.selectedText() for s in window.article_view.text.extraSelections()}
    assert "Drug Enforcement Administration" in texts


def test_unsaved_letters_are_not_dropped_without_asking(qtbot, loaded_window, dialogs_stub,
                                                        tmp_path):
    window = loaded_window
    other = tmp_path / "other.txt"
    other.write_text("Other story\n\nThe Federal Bureau of Investigation said so.\n")
    dialogs_stub.open_file = other
    dialogs_stub.confirm_answer = False
    window.open_article()  # the user keeps working: nothing is loaded
    from foia_desk.gui import tasks

    assert tasks.running_tasks() == []
    assert window.drafts.tab_for("uspis") is not None
    window.close()
    assert window.isVisible()  # "Keep working" keeps the window open
    dialogs_stub.confirm_answer = True
    with qtbot.waitSignal(window.load_finished, timeout=10_000):
        window.open_article()
    assert window.drafts.tab_for("uspis") is None


def test_dragging_a_record_reorders_the_letter(qtbot, loaded_window, saved_profile):
    """A drag-and-drop move (remove + insert in the model) reaches the preview too."""
    window = loaded_window
    window._reload_profiles()
    panel = window.findings
    tab = window.drafts.tab_for("uspis")
    panel.add_blank_record().setText(0, "First FALCON-1 item")
    panel.add_blank_record().setText(0, "Second FALCON-2 item")
    qtbot.waitUntil(lambda: "FALCON-2" in tab.preview.toPlainText(), timeout=5000)
    tree = panel.record_tree
    last = tree.takeTopLevelItem(tree.topLevelItemCount() - 1)  # what a drop does
    tree.insertTopLevelItem(0, last)

    def reordered() -> bool:
        text = tab.preview.toPlainText()
        return 0 <= text.find("FALCON-2") < text.find("FALCON-1")

    qtbot.waitUntil(reordered, timeout=5000)


def test_a_newer_load_supersedes_one_still_running(qtbot, window, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("First\n\nThe Internal Revenue Service audited the firm.\n")
    second = tmp_path / "second.txt"
    second.write_text("Second\n\nThe Drug Enforcement Administration raided the firm.\n")
    applied = []
    window.load_finished.connect(
        lambda _ok: applied.append(window.article_view.title_label.text()))
    older = window.load_path(first)
    newer = window.load_path(second)
    qtbot.waitUntil(lambda: not older.running and not newer.running, timeout=10_000)
    assert applied == ["Second"]  # the superseded result is never applied
    assert window.article_view.title_label.text() == "Second"
    assert window.busy_bar.isHidden()


def test_agency_picker_says_when_nothing_matches(qtbot):
    from foia_desk.gui.agency_picker import AgencyPickerDialog

    dialog = AgencyPickerDialog(None)
    qtbot.addWidget(dialog)
    dialog.search.setText("zzqx-no-such-agency")
    assert dialog.results.count() == 1
    assert "No agency" in dialog.results.item(0).text()
    dialog.accept()
    assert dialog.chosen is None and dialog.result() == 0


def test_selected_record_says_which_letters_it_goes_into(loaded_window):
    panel = loaded_window.findings
    tied = next(i for i in panel.record_items() if i.data(0, Qt.ItemDataRole.UserRole + 1))
    panel.record_tree.setCurrentItem(tied)
    assert "Goes into the letters to" in panel.details.text()
    fresh = panel.add_blank_record()
    panel.record_tree.setCurrentItem(fresh)
    assert "every letter" in panel.details.text()


def test_record_can_be_moved_to_another_agencys_letter(qtbot, loaded_window, saved_profile):
    """The extractor tied a record to some agencies; the user sends it to another one instead."""
    from foia_desk.gui.record_scope_dialog import RecordScopeDialog

    window = loaded_window
    window._reload_profiles()
    panel = window.findings
    uspis, dea = window.drafts.tab_for("uspis"), window.drafts.tab_for("dea")
    item = panel.add_blank_record()
    item.setText(0, "Records of HERON-7 surveillance flights")
    qtbot.waitUntil(lambda: "HERON-7" in dea.preview.toPlainText(), timeout=5000)
    assert "HERON-7" in uspis.preview.toPlainText()  # no agency yet: every letter

    dialog = RecordScopeDialog(item.text(0), [(i.data(0, Qt.ItemDataRole.UserRole + 1),
                                               i.text(0)) for i in panel.agency_items()], [])
    dialog.set_checked("dea", True)
    assert dialog.chosen() == ["dea"]
    panel.set_record_agencies(item, dialog.chosen())
    qtbot.waitUntil(lambda: "HERON-7" not in uspis.preview.toPlainText(), timeout=5000)
    assert "HERON-7" in dea.preview.toPlainText()
    panel.record_tree.setCurrentItem(item)
    assert "Goes into the letters to" in panel.details.text()

    panel.set_record_agencies(item, [])
    qtbot.waitUntil(lambda: "HERON-7" in uspis.preview.toPlainText(), timeout=5000)


def test_choosing_letters_without_a_record_selected_says_what_to_do(loaded_window):
    panel = loaded_window.findings
    panel.record_tree.setCurrentItem(None)
    panel.edit_record_scope()
    assert not panel.record_error.isHidden()
    assert "Select a record" in panel.record_error.text()
