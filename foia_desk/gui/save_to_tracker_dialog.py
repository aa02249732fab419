"""“Save to tracker”: record the drafted letters as requests, as drafts or as sent.

:func:`ask_tracker_details` shows the dialog (tests patch it); :func:`record_requests` does the
store writes and runs on the task pool with its own Store connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from foia_desk.errors import UserError

METHOD_LABELS = {"email": "Email", "portal": "Agency web portal", "mail": "Postal mail",
                 "fax": "Fax"}
TRACKABLE_KINDS = ("foia", "privacy-act")


@dataclass(frozen=True)
class LetterToSave:
    """What the tracker keeps about one drafted letter."""

    agency_id: str
    agency_name: str
    subject: str
    kind: str
    markdown: str
    files: tuple[str, ...] = ()
    profile: str | None = None
    expedited: bool = False


@dataclass
class TrackerChoice:
    """The user's answers: which letters, and whether (and how, and when) they were sent."""

    agency_ids: list[str]
    submitted: bool = False
    submitted_on: date | None = None
    method: str | None = None
    tags: list[str] = field(default_factory=list)


def record_requests(letters: list[LetterToSave], choice: TrackerChoice,
                    database: Path | None = None) -> list[int]:
    """Add one tracker request per chosen letter; all of them, or (on error) as few as possible.

    Runs on a worker thread: it opens (and closes) its own Store.
    """
    from foia_desk.store import open_store

    chosen = [letter for letter in letters if letter.agency_id in choice.agency_ids]
    if not chosen:
        raise UserError("No letter was chosen to save.", "Tick at least one letter.")
    for letter in chosen:
        if letter.kind not in TRACKABLE_KINDS:
            raise UserError(
                f"The letter to {letter.agency_name} is a {letter.kind} letter, which belongs "
                "to a request already in the tracker.",
                "Open that request in the Tracker tab and log this letter there as an event.")
    if choice.submitted and choice.submitted_on is None:
        raise UserError("Give the date the letters were sent.")
    ids: list[int] = []
    store = open_store(database) if database else open_store()
    try:
        for letter in chosen:
            detail = store.add_request(
                letter.agency_id, letter.subject, kind=letter.kind,
                submitted=choice.submitted_on if choice.submitted else None,
                method=choice.method if choice.submitted else None,
                tags=choice.tags, letter_markdown=letter.markdown,
                letter_files=list(letter.files), profile=letter.profile,
                expedited=letter.expedited)
            ids.append(detail.id)
    finally:
        store.close()
    return ids


class SaveToTrackerDialog(QDialog):
    def __init__(self, parent: QWidget | None, letters: list[LetterToSave]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save to tracker")
        layout = QVBoxLayout(self)
        intro = QLabel("The tracker keeps each request and works out its legal deadlines "
                       "from the date it was sent. Choose the letters to keep:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.letters = QListWidget()
        self.letters.setAccessibleName("Letters to save")
        for letter in letters:
            item = QListWidgetItem(f"{letter.agency_name} — {letter.subject}")
            item.setData(Qt.ItemDataRole.UserRole, letter.agency_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            if letter.files:
                item.setToolTip("Saved files:\n" + "\n".join(letter.files))
            self.letters.addItem(item)
        layout.addWidget(self.letters)
        self.as_draft = QRadioButton("Not sent yet — keep as &drafts")
        self.as_sent = QRadioButton("Already &sent:")
        group = QButtonGroup(self)
        group.addButton(self.as_draft)
        group.addButton(self.as_sent)
        self.as_draft.setChecked(True)
        layout.addWidget(self.as_draft)
        layout.addWidget(self.as_sent)
        sent = QWidget()
        form = QFormLayout(sent)
        form.setContentsMargins(24, 0, 0, 0)
        self.sent_on = QDateEdit(QDate.currentDate())
        self.sent_on.setCalendarPopup(True)
        self.sent_on.setDisplayFormat("yyyy-MM-dd")
        self.sent_on.setMaximumDate(QDate.currentDate())
        self.sent_on.setAccessibleName("Date sent")
        self.method = QComboBox()
        for method in ("email", "portal", "mail"):
            self.method.addItem(METHOD_LABELS[method], method)
        self.method.setAccessibleName("How it was sent")
        form.addRow("Sent &on:", self.sent_on)
        form.addRow("Sent &by:", self.method)
        layout.addWidget(sent)
        self.as_sent.toggled.connect(sent.setEnabled)
        sent.setEnabled(False)
        tags_form = QFormLayout()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("optional, separated by commas (e.g. usps, immigration)")
        tags_form.addRow("&Tags:", self.tags)
        layout.addLayout(tags_form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 460)

    def choice(self) -> TrackerChoice:
        ids = [self.letters.item(i).data(Qt.ItemDataRole.UserRole)
               for i in range(self.letters.count())
               if self.letters.item(i).checkState() == Qt.CheckState.Checked]
        sent = self.as_sent.isChecked()
        return TrackerChoice(
            agency_ids=ids, submitted=sent,
            submitted_on=self.sent_on.date().toPython() if sent else None,
            method=self.method.currentData() if sent else None,
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()])


def ask_tracker_details(parent: QWidget | None,
                        letters: list[LetterToSave]) -> TrackerChoice | None:
    """Show the dialog; the user's choice, or None when cancelled. Tests patch this."""
    dialog = SaveToTrackerDialog(parent, letters)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
