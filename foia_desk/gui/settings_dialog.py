"""Edit ▸ Settings: requester profiles, defaults, folders and office closure days.

Profiles are saved at once through foia_desk.profiles (one TOML file each); closure days go
straight to the tracker through the store's closures API. Preferences live in gui.ini (see
foia_desk.gui.app.settings). A changed data folder is written to a small pointer file in the
user's config folder and takes effect at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from foia_desk.errors import UserError
from foia_desk.gui import dialogs
from foia_desk.gui.app import settings
from foia_desk.gui.closures_editor import ClosuresEditor
from foia_desk.gui.representative_form import RepresentativeForm
from foia_desk.profiles import CATEGORIES, CATEGORY_LABELS, RequesterProfile

EXPORT_CHOICES = (("docx", "Word (.docx)"), ("pdf", "PDF"), ("eml", "Email draft (.eml)"),
                  ("txt", "Plain text (.txt)"))
PROFILE_PATH = Qt.ItemDataRole.UserRole


class ProfileEditor(QWidget):
    """The list of saved profiles and a form for the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Saved requester profiles")
        self.list.currentItemChanged.connect(self._show_current)
        left.addWidget(QLabel("Saved profiles:"))
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton("&New")
        self.delete_button = QPushButton("&Delete")
        self.new_button.clicked.connect(self.new_profile)
        self.delete_button.clicked.connect(self.delete_profile)
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        layout.addLayout(left, 1)

        form_box = QWidget()
        form = QFormLayout(form_box)
        self.name = QLineEdit()
        self.organization = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText("Street\nCity, State ZIP")
        self.address.setMaximumHeight(self.address.fontMetrics().lineSpacing() * 5)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.category = QComboBox()
        for category in CATEGORIES:
            self.category.addItem(CATEGORY_LABELS[category].capitalize(), category)
        self.category.setToolTip(
            "Decides which fees an agency may charge. Journalists and news organizations "
            "usually choose “Representative of the news media”; schools and their staff "
            "“Educational institution”; anyone else “All other requesters”.")
        self.category_reason = QLineEdit()
        self.category_reason.setPlaceholderText("e.g. staff reporter for Example News")
        self.outlet = QLineEdit()
        self.publications = QPlainTextEdit()
        self.publications.setTabChangesFocus(True)
        self.publications.setPlaceholderText("Links to your published work, one per line")
        self.publications.setMaximumHeight(self.publications.fontMetrics().lineSpacing() * 4)
        self.fee_limit = QLineEdit()
        self.wants_waiver = QCheckBox("Ask for a fee waiver by default")
        self.wants_expedited = QCheckBox("Ask for expedited processing by default")
        self.default_box = QCheckBox("Use this profile for new letters")
        for label, widget in (("&Name:", self.name), ("Organi&zation:", self.organization),
                              ("&Address:", self.address), ("&Email:", self.email),
                              ("P&hone:", self.phone), ("Fee categor&y:", self.category),
                              ("Why this category:", self.category_reason),
                              ("News outlet:", self.outlet),
                              ("Published work:", self.publications),
                              ("Pay up to ($):", self.fee_limit)):
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
        form.addRow(self.wants_waiver)
        form.addRow(self.wants_expedited)
        form.addRow(self.default_box)
        self.representative = RepresentativeForm()
        form.addRow(self.representative)
        # The form is taller than the dialog once a representative is shown: it scrolls,
        # while the Save button below it stays in view.
        scroll = QScrollArea()
        scroll.setWidget(form_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)  # the tab page's colour shows through
        form_box.setAutoFillBackground(False)
        self.form_scroll = scroll
        self.representative.clicked.connect(self._representative_switched)
        QApplication.instance().focusChanged.connect(self._keep_focus_in_view)
        self.save_button = QPushButton("&Save profile")
        self.save_button.clicked.connect(self.save_current)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.save_button)
        layout.addLayout(right, 2)
        self._editing: Path | None = None
        self._loaded: RequesterProfile | None = None
        self.reload()

    def _representative_switched(self, checked: bool) -> None:
        """Checking the group by click or Alt+B shows it and puts the cursor in its name."""
        if checked:
            self.form_scroll.ensureWidgetVisible(self.representative)
            # After the event: a group box takes the focus itself once its shortcut is handled.
            QTimer.singleShot(0, self.representative.name.setFocus)

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field reached by a mnemonic (not only by Tab) is scrolled into view."""
        if new is not None and self.form_scroll.widget().isAncestorOf(new):
            self.form_scroll.ensureWidgetVisible(new)

    def reload(self, select: str = "") -> None:
        from foia_desk.profiles import list_profiles

        self.list.blockSignals(True)
        self.list.clear()
        for path, loaded in list_profiles():
            if isinstance(loaded, RequesterProfile):
                item = QListWidgetItem(loaded.name)
            else:
                item = QListWidgetItem(f"{path.name} (cannot be read)")
                item.setToolTip(Exception.__str__(loaded))
            item.setData(PROFILE_PATH, str(path))
            self.list.addItem(item)
        self.list.blockSignals(False)
        matches = self.list.findItems(select, Qt.MatchFlag.MatchExactly) if select else []
        if matches:
            self.list.setCurrentItem(matches[0])
        elif self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    def _show_current(self, item: QListWidgetItem | None, _old: object = None) -> None:
        from foia_desk.profiles import load_profile

        if item is None:
            return
        path = Path(item.data(PROFILE_PATH))
        try:
            profile = load_profile(path)
        except UserError as exc:
            dialogs.show_error(self, "Cannot read this profile", exc)
            return
        self._editing = path
        self._loaded = profile
        self._fill(profile)

    def _fill(self, profile: RequesterProfile) -> None:
        self.name.setText(profile.name)
        self.organization.setText(profile.organization)
        self.address.setPlainText(profile.address)
        self.email.setText(profile.email)
        self.phone.setText(profile.phone)
        self.category.setCurrentIndex(max(self.category.findData(profile.requester_category), 0))
        self.category_reason.setText(profile.category_reason)
        self.outlet.setText(profile.outlet)
        self.publications.setPlainText("\n".join(profile.publications))
        self.fee_limit.setText(format(profile.fee_limit, "f"))
        self.wants_waiver.setChecked(profile.wants_fee_waiver)
        self.wants_expedited.setChecked(profile.wants_expedited)
        self.representative.set_representative(profile.representative)
        self.default_box.setChecked(bool(profile.name) and profile.name == str(
            settings().value("profiles/default", "")))

    def new_profile(self) -> None:
        self._editing = None
        self._loaded = None
        self.list.clearSelection()
        default_limit = str(settings().value("defaults/fee_limit", "25"))
        self._fill(RequesterProfile(name=""))
        self.fee_limit.setText(default_limit)
        self.name.setFocus()

    def profile_from_form(self) -> RequesterProfile:
        """The form's values, keeping fields the form does not show (the assignment)."""
        import dataclasses

        from foia_desk.profiles import profile_from_dict

        representative = self.representative.as_table()
        edited = profile_from_dict({
            "name": self.name.text(), "organization": self.organization.text(),
            "address": self.address.toPlainText(), "email": self.email.text(),
            "phone": self.phone.text(), "requester_category": self.category.currentData(),
            "category_reason": self.category_reason.text(), "outlet": self.outlet.text(),
            "fee_limit": self.fee_limit.text() or "0",
            "wants_fee_waiver": self.wants_waiver.isChecked(),
            "wants_expedited": self.wants_expedited.isChecked(),
            "publications": [line.strip() for line in self.publications.toPlainText().split("\n")
                             if line.strip()],
            **({"representative": representative} if representative is not None else {}),
        }, "This profile")
        if self._loaded is None:
            return edited
        return dataclasses.replace(edited, assignment=self._loaded.assignment)

    def save_current(self) -> bool:
        """Validate and save the form; True on success (errors shown, form kept)."""
        from foia_desk.profiles import profile_path, save_profile

        try:
            profile = self.profile_from_form()
            target = profile_path(profile.name)
            if target.exists() and target != self._editing and not dialogs.confirm(
                    self, "Replace profile?", f"A profile named “{profile.name}” already "
                    "exists.", ok_label="Replace it"):
                return False
            save_profile(profile, overwrite=True)
            if self._editing is not None and self._editing != target:
                self._editing.unlink(missing_ok=True)  # renamed: drop the old file
        except UserError as exc:
            dialogs.show_error(self, "Cannot save the profile", exc)
            return False
        if self.default_box.isChecked():
            settings().setValue("profiles/default", profile.name)
        self.reload(select=profile.name)
        return True

    def has_unsaved_changes(self) -> bool:
        if self._loaded is None:
            return bool(self.name.text().strip())
        try:
            return self.profile_from_form() != self._loaded
        except UserError:
            return True  # something was typed that cannot be saved as it is

    def delete_profile(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        if not dialogs.confirm(self, "Delete profile?", f"Delete the profile “{item.text()}”?",
                               detail="Letters already saved are not changed.",
                               ok_label="Delete"):
            return
        Path(item.data(PROFILE_PATH)).unlink(missing_ok=True)
        self.reload()


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.profiles = ProfileEditor()
        self.tabs.addTab(self.profiles, "Requester &profiles")
        self.tabs.addTab(self._defaults_page(), "Defa&ults")
        self.tabs.addTab(self._folders_page(), "&Folders")
        self.closures = ClosuresEditor()
        self.tabs.addTab(self.closures, "Office &closures")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 520)

    def reject(self) -> None:
        """Closing asks before dropping profile edits that were not saved."""
        wants_save = self.profiles.has_unsaved_changes() and dialogs.confirm(
            self, "Unsaved profile", "Save the changes to this requester profile?",
            ok_label="Save", cancel_label="Discard")
        if wants_save and not self.profiles.save_current():
            return  # the error was shown; keep the dialog open with the edits
        super().reject()

    def _defaults_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.default_fee = QLineEdit(str(settings().value("defaults/fee_limit", "25")))
        self.default_fee.setAccessibleName("Default fee limit for new profiles")
        self.default_fee.editingFinished.connect(self._save_defaults)
        form.addRow("Fee limit for new profiles ($):", self.default_fee)
        chosen = str(settings().value("export/formats", "docx,pdf")).split(",")
        self.format_boxes: dict[str, QCheckBox] = {}
        box_row = QHBoxLayout()
        for key, label in EXPORT_CHOICES:
            box = QCheckBox(label)
            box.setChecked(key in chosen)
            box.toggled.connect(self._save_defaults)
            self.format_boxes[key] = box
            box_row.addWidget(box)
        form.addRow("“Export all” writes:", box_row)
        return page

    def _save_defaults(self) -> None:
        from foia_desk.profiles import parse_fee_limit

        try:
            limit = parse_fee_limit(self.default_fee.text() or "0", "The default fee limit")
        except UserError as exc:
            dialogs.show_error(self, "Cannot use this fee limit", exc)
            return
        settings().setValue("defaults/fee_limit", format(limit, "f"))
        formats = [k for k, box in self.format_boxes.items() if box.isChecked()]
        settings().setValue("export/formats", ",".join(formats or ["docx", "pdf"]))

    def _folders_page(self) -> QWidget:
        import os

        from foia_desk import paths

        page = QWidget()
        form = QFormLayout(page)
        data = QLineEdit(str(paths.data_dir()))
        data.setReadOnly(True)
        data.setAccessibleName("Data folder")
        change = QPushButton("C&hange…")
        change.clicked.connect(self._change_data_folder)
        row = QHBoxLayout()
        row.addWidget(data, 1)
        row.addWidget(change)
        form.addRow("Data folder:", row)
        self.data_note = QLabel("Everything FOIA Desk keeps lives here: the tracker, its "
                                "backups, your profiles and attached files. A new folder is "
                                "used from the next start; nothing is moved or deleted.")
        self.data_note.setWordWrap(True)
        if os.environ.get(paths.ENV_HOME):
            change.setEnabled(False)
            self.data_note.setText(self.data_note.text() + f" (Fixed for this session by the "
                                   f"{paths.ENV_HOME} setting, so it cannot be changed here.)")
        form.addRow("", self.data_note)
        templates = QLineEdit(str(paths.user_templates_dir()))
        templates.setReadOnly(True)
        templates.setAccessibleName("Your templates folder")
        open_button = QPushButton("&Open in file manager")
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(paths.user_templates_dir()))))
        row = QHBoxLayout()
        row.addWidget(templates, 1)
        row.addWidget(open_button)
        form.addRow("Your letter templates:", row)
        note = QLabel("Put your own letter templates (files ending .md.j2) in this folder. A "
                      "file with the same name as a built-in template is used instead of it.")
        note.setWordWrap(True)
        form.addRow("", note)
        return page

    def _change_data_folder(self) -> None:
        from foia_desk.fileio import write_text
        from foia_desk.paths import ensure_private_dir

        folder = dialogs.ask_directory(self, "Choose the data folder")
        if folder is None:
            return
        from foia_desk.paths import location_pointer

        pointer = location_pointer()
        try:
            ensure_private_dir(pointer.parent)
            write_text(pointer, str(folder) + "\n")
        except UserError as exc:
            dialogs.show_error(self, "Cannot change the data folder", exc)
            return
        self.data_note.setText(f"FOIA Desk will use {folder} the next time it starts. The "
                               "current folder is not moved or deleted.")
