"""Settings ▸ Requester profiles: entering the representative who files for a requester."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

CONSENT_SENTENCE = "I authorize the release of the records requested"


@pytest.fixture
def editor(qtbot, dialogs_stub):
    from foia_desk.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    yield dialog.profiles  # (yield keeps the dialog itself alive during the test)


def _fill_client_with_counsel(editor) -> None:
    editor.new_profile()
    editor.name.setText("Maria Client")
    editor.address.setPlainText("7 Elm Street\nSpringfield, IL 62702")
    rep = editor.representative
    assert not rep.isChecked()  # a new profile starts without a representative
    rep.setChecked(True)
    rep.name.setText("Sam Counsel")
    rep.organization.setText("Springfield Law School Clinic")
    rep.address.setPlainText("200 Campus Drive\nSpringfield, IL 62703")
    rep.email.setText("clinic@example.edu")
    rep.phone.setText("555-0199")
    rep.role.setCurrentText("law student under supervision")
    rep.consent.setChecked(True)


def test_representative_is_saved_reloaded_and_removed(qtbot, editor, dialogs_stub):
    from foia_desk.gui.settings_dialog import SettingsDialog
    from foia_desk.profiles import find_profile, list_profiles

    _fill_client_with_counsel(editor)
    assert editor.save_current(), dialogs_stub.errors
    [(path, saved)] = list_profiles()
    assert "[representative]" in path.read_text(encoding="utf-8")
    rep = saved.representative
    assert rep is not None
    assert (rep.name, rep.organization, rep.email, rep.phone, rep.role) == (
        "Sam Counsel", "Springfield Law School Clinic", "clinic@example.edu", "555-0199",
        "law student under supervision")
    assert rep.address == "200 Campus Drive\nSpringfield, IL 62703"
    assert rep.consent_to_release is True

    again = SettingsDialog()
    qtbot.addWidget(again)
    shown = again.profiles.representative
    assert shown.isChecked()
    assert shown.name.text() == "Sam Counsel"
    assert shown.role.currentText() == "law student under supervision"
    assert shown.address.toPlainText() == "200 Campus Drive\nSpringfield, IL 62703"
    assert shown.consent.isChecked()
    assert not again.profiles.has_unsaved_changes()  # loading alone changes nothing

    shown.setChecked(False)
    assert again.profiles.has_unsaved_changes()
    assert again.profiles.save_current(), dialogs_stub.errors
    assert find_profile("Maria Client")[1].representative is None
    assert "[representative]" not in path.read_text(encoding="utf-8")
    assert find_profile("Maria Client")[1].address == "7 Elm Street\nSpringfield, IL 62702"


def test_representative_without_a_name_is_refused_and_the_form_kept(editor, dialogs_stub):
    from foia_desk.profiles import list_profiles

    _fill_client_with_counsel(editor)
    editor.representative.name.setText("  ")
    assert not editor.save_current()
    title, error = dialogs_stub.errors[-1]
    assert title == "Cannot save the profile"
    assert "representative's name is missing" in str(error)
    assert list_profiles() == []
    assert editor.representative.organization.text() == "Springfield Law School Clinic"


def test_other_role_is_left_out_of_the_letter(editor, dialogs_stub):
    from foia_desk.profiles import find_profile

    _fill_client_with_counsel(editor)
    editor.representative.role.setCurrentText("other")
    assert editor.save_current(), dialogs_stub.errors
    assert find_profile("Maria Client")[1].representative.role == ""


def test_clicking_the_consent_sentence_toggles_consent(qtbot, editor):
    from PySide6.QtTest import QTest

    editor.new_profile()
    rep = editor.representative
    rep.setChecked(True)
    editor.window().show()
    assert not rep.consent.isChecked()
    QTest.mouseClick(rep.consent_label, Qt.MouseButton.LeftButton)
    assert rep.consent.isChecked()
    rep.setChecked(False)  # a disabled group ignores the click
    QTest.mouseClick(rep.consent_label, Qt.MouseButton.LeftButton)
    assert rep.consent.isChecked()


def test_privacy_act_letter_names_the_saved_representative(editor, dialogs_stub):
    from foia_desk.directory import load_directory
    from foia_desk.drafting import DraftOptions, RecordItem, render_letter
    from foia_desk.profiles import find_profile

    _fill_client_with_counsel(editor)
    assert editor.save_current(), dialogs_stub.errors
    _path, profile = find_profile("Maria Client")
    directory = load_directory()
    options = DraftOptions(kind="privacy-act", records=[RecordItem("All records about me")],
                           date_of_birth=date(1985, 3, 4), place_of_birth="Peoria, Illinois",
                           letter_date=date(2025, 5, 2))
    markdown = render_letter(directory.get("usps"), profile, options,
                             directory=directory).markdown
    assert CONSENT_SENTENCE in markdown
    assert ("Sam Counsel, my law student under supervision, of Springfield Law School Clinic"
            in markdown)

    editor.representative.consent.setChecked(False)
    assert editor.save_current(), dialogs_stub.errors
    _path, no_consent = find_profile("Maria Client")
    letter = render_letter(directory.get("usps"), no_consent, options, directory=directory)
    assert CONSENT_SENTENCE not in letter.markdown
    assert "without consent" in letter.meta["pre_send_notes"]


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    return plain[plain.index("&") + 1].casefold() if "&" in plain else None


def test_controls_have_accessible_names_and_unclashing_mnemonics(editor):
    from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel

    rep = editor.representative
    for widget in (rep, rep.name, rep.organization, rep.address, rep.email, rep.phone,
                   rep.role, rep.consent):
        assert widget.accessibleName()
    ours = [_mnemonic(w.text()) for w in rep.findChildren(QLabel)] + [_mnemonic(rep.title())]
    ours = [letter for letter in ours if letter]
    assert len(ours) == 8 and len(set(ours)) == len(ours), ours  # 6 fields, consent, group

    page = [w for w in editor.findChildren(QLabel) + editor.findChildren(QAbstractButton)
            if not rep.isAncestorOf(w)]
    others = [w.text() for w in page]
    tabs = editor.window().tabs
    others += [tabs.tabText(i) for i in range(tabs.count())]
    others += [b.text() for b in editor.window().findChild(QDialogButtonBox).buttons()]
    taken = {_mnemonic(text) for text in others} - {None}
    assert "n" in taken and "s" in taken  # the page's own &Name and &Save profile are seen
    assert not taken & set(ours), taken & set(ours)


def test_alt_b_checks_the_group_and_brings_its_name_field_into_view(qtbot, editor):
    from PySide6.QtTest import QTest

    dialog = editor.window()
    dialog.resize(760, 520)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    editor.new_profile()
    bar = editor.form_scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # the group starts below the fold
    QTest.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    rep = editor.representative
    assert rep.isChecked()
    qtbot.waitUntil(rep.name.hasFocus)
    assert bar.value() > 0
    QTest.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Emai&l
    assert rep.email.hasFocus()
