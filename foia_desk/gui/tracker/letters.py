"""Follow-up, appeal and mediation letters drafted from a tracked request.

:func:`letter_options` turns a ``RequestDetail`` into ``DraftOptions`` (tracking number, the
date sent, the latest determination and its exemptions, the due date and a short reason for
it); :class:`LetterDialog` previews the letter rendered by ``foia_desk.drafting.render_letter``
and exports it (``foia_desk.export.export_letter``, off the GUI thread) or copies it.
What the letter still needs (a profile, the grounds of an appeal) is listed above the
preview rather than printed blank.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from foia_desk.errors import UserError
from foia_desk.gui import dialogs, tasks
from foia_desk.gui.tracker import format as fmt

TITLES = {"follow-up": "Follow-up letter", "appeal": "Appeal letter",
          "mediation": "Mediation request to OGIS"}
# Short reasons for a due date, for the letter's "(…)" after the date.
DUE_REASONS = {
    "response_due": "20 working days after the agency received the request, "
                    "5 U.S.C. 552(a)(6)(A)(i)",
    "extended_due": "20 working days after receipt plus the 10 extra working days the statute "
                    "allows for unusual circumstances, 5 U.S.C. 552(a)(6)(B)(i)",
    "appeal_decision_due": "20 working days after the agency received my appeal, "
                           "5 U.S.C. 552(a)(6)(A)(ii)",
    "expedited_decision_due": "10 calendar days after my request for expedited processing, "
                              "5 U.S.C. 552(a)(6)(E)(ii)(I)",
}
_OPEN_STATES = ("pending", "overdue", "missed")
EXPORT_FILTER = ("Word document (*.docx);;PDF (*.pdf);;Email draft (*.eml);;"
                 "Plain text (*.txt);;Markdown (*.md)")
GROUNDS_PROMPTS = {
    "appeal": "What do you challenge? e.g. the exemptions claimed, records withheld in full, "
              "an inadequate search, a fee decision.",
    "mediation": "What is the disagreement about? e.g. months of delay, withheld records, fees.",
}


def _deadline(report: Any, key: str) -> Any:
    for deadline in getattr(report, "deadlines", ()) or ():
        if deadline.key == key:
            return deadline
    return None


def due_for_letter(detail: Any) -> tuple[date | None, str]:
    """The agency deadline a letter should cite and a short reason for it."""
    report = detail.clocks
    keys = ("appeal_decision_due", "extended_due", "response_due") if detail.status == \
        "appeal" else ("extended_due", "response_due")
    received = any(e.kind == "received" for e in detail.events)
    for key in keys:
        deadline = _deadline(report, key)
        if deadline is not None and deadline.due and deadline.state in _OPEN_STATES:
            reason = DUE_REASONS.get(key, "")
            if key in ("response_due", "extended_due") and not received:
                reason = reason.replace("after the agency received the request",
                                        "after receipt").replace(
                    "after receipt", "after receipt (counted from the day I sent it)", 1)
            return deadline.due, reason
    return None, ""


def _latest(detail: Any, *kinds: str) -> Any:
    found = [e for e in detail.events if e.kind in kinds]
    return max(found, key=lambda e: (e.date, e.id)) if found else None


def letter_options(detail: Any, kind: str, *, grounds: str = "", tracking_number: str = "",
                   due_explanation: str | None = None, letter_date: date | None = None) -> Any:
    """DraftOptions for a follow-up, appeal or mediation letter about ``detail``."""
    from foia_desk.drafting import DraftOptions

    determination = _latest(detail, "appeal-decision", "response") if kind == "mediation" \
        else _latest(detail, "response")
    exemptions = list((determination.details or {}).get("exemptions", [])) \
        if determination else []
    due, reason = due_for_letter(detail) if kind == "follow-up" else (None, "")
    tracking = tracking_number.strip() or detail.tracking_number or ""
    return DraftOptions(
        kind=kind, tracking_number=tracking, request_date=detail.submitted,
        determination_date=determination.date if determination else None,
        exemptions=exemptions, appeal_grounds=grounds if kind == "appeal" else "",
        dispute=grounds if kind == "mediation" else "", due_date=due,
        due_explanation=reason if due_explanation is None else due_explanation,
        subject_hint=detail.subject, letter_date=letter_date)


def load_profiles() -> list[Any]:
    """Saved requester profiles that load (broken files are skipped here)."""
    from foia_desk.profiles import RequesterProfile, list_profiles

    return [p for _path, p in list_profiles() if isinstance(p, RequesterProfile)]


def render_for_request(detail: Any, kind: str, profile: Any, agency: Any, **options: Any) -> Any:
    """The Letter, or a UserError (MissingFieldsError names what is missing)."""
    from foia_desk.drafting import render_letter

    if agency is None:
        raise UserError(f"The agency {detail.agency_id!r} is no longer in the directory.",
                        "Update FOIA Desk or change the request's agency.")
    if profile is None:
        raise UserError("There is no requester profile yet.",
                        "Create one in Edit ▸ Settings ▸ Profiles; letters are signed with it.")
    return render_letter(agency, profile, letter_options(detail, kind, **options))


class LetterDialog(QDialog):
    """Preview of one letter with Copy and Export. Non-modal: shown with ``show()``."""

    def __init__(self, detail: Any, kind: str, agency: Any,
                 parent: QWidget | None = None, *, profiles: list[Any] | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.kind = kind
        self.agency = agency
        self.letter: Any = None
        self.error: UserError | None = None
        self.export_handle: tasks.TaskHandle | None = None
        self.setWindowTitle(f"{TITLES.get(kind, 'Letter')} — {detail.agency_name}")
        self.resize(760, 720)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.profiles = load_profiles() if profiles is None else list(profiles)
        self.profile = QComboBox()
        self.profile.setAccessibleName("Requester profile")
        for profile in self.profiles:
            self.profile.addItem(profile.name, profile)
        if detail.profile:
            index = self.profile.findText(detail.profile)
            if index >= 0:
                self.profile.setCurrentIndex(index)
        form.addRow("&Signed by:", self.profile)
        self.tracking = QLineEdit(detail.tracking_number or "")
        self.tracking.setAccessibleName("Tracking number")
        form.addRow("&Tracking number:", self.tracking)
        due, reason = due_for_letter(detail)
        self.due_reason = QLineEdit(reason)
        self.due_reason.setAccessibleName("Why the answer is due then")
        if kind == "follow-up":
            label = f"Due {fmt.day(due)} &because:" if due else "Due date &reason:"
            form.addRow(label, self.due_reason)
        self.grounds = QPlainTextEdit()
        self.grounds.setAccessibleName("What the letter challenges")
        self.grounds.setTabChangesFocus(True)
        self.grounds.setPlaceholderText(GROUNDS_PROMPTS.get(kind, ""))
        self.grounds.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        if kind in GROUNDS_PROMPTS:
            form.addRow("&Grounds:" if kind == "appeal" else "&Dispute:", self.grounds)
        layout.addLayout(form)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Letter preview")
        layout.addWidget(self.preview, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy text")
        self.export_button = QPushButton("&Export…")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_text)
        self.export_button.clicked.connect(lambda: self.export())
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.render_now)
        for signal in (self.tracking.textChanged, self.due_reason.textChanged,
                       self.grounds.textChanged):
            signal.connect(self._timer.start)
        self.profile.currentIndexChanged.connect(self.render_now)
        self.render_now()

    def render_now(self) -> None:
        self._timer.stop()
        try:
            self.letter = render_for_request(
                self.detail, self.kind, self.profile.currentData(), self.agency,
                grounds=self.grounds.toPlainText().strip(),
                tracking_number=self.tracking.text(),
                due_explanation=self.due_reason.text().strip())
            self.error = None
        except UserError as exc:
            self.letter, self.error = None, exc
        ready = self.letter is not None
        self.copy_button.setEnabled(ready)
        self.export_button.setEnabled(ready)
        if ready:
            self.problems.setText("")
            self.problems.hide()
            bar = self.preview.verticalScrollBar()
            position = bar.value()
            self.preview.setMarkdown(self.letter.markdown)
            bar.setValue(position)
            pre_send = (self.letter.meta or {}).get("pre_send_notes", "").strip()
            self.notes.setText("\n".join("ⓘ " + n for n in pre_send.splitlines() if n))
        else:
            hint = f"\n{self.error.hint}" if self.error and self.error.hint else ""
            self.problems.setText(f"⚠ {self.error}{hint}")
            self.problems.show()
            self.preview.setMarkdown("*The letter appears here once the fields above are "
                                     "filled in.*")
            self.notes.setText("")

    def text(self) -> str:
        from foia_desk.export import portal_text

        return portal_text(self.letter)[0] if self.letter is not None else ""

    def copy_text(self) -> None:
        self.render_now()
        if self.letter is not None:
            QGuiApplication.clipboard().setText(self.text())
            self.notes.setText("Copied the letter text to the clipboard.")

    def export(self, path: Path | None = None) -> tasks.TaskHandle | None:
        self.render_now()
        if self.letter is None:
            dialogs.show_error(self, "The letter is not ready", self.error or "Not ready.")
            return None
        if path is None:
            from foia_desk.gui.app import settings

            folder = Path(str(settings().value("folders/export", str(Path.home()))))
            path = dialogs.ask_save_file(self, "Export the letter", folder / (
                self.letter.suggested_filename() + ".docx"), EXPORT_FILTER)
            if path is None:
                return None
            settings().setValue("folders/export", str(path.parent))
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".docx")
        from foia_desk.export import export_letter

        self.export_button.setEnabled(False)
        self.export_handle = tasks.run_task(
            export_letter, self.letter, path, overwrite=True, on_done=self._exported,
            on_error=self._export_failed, name="export tracker letter")
        self.export_handle.ended.connect(lambda: self.export_button.setEnabled(True))
        return self.export_handle

    def _exported(self, path: Path) -> None:
        self.notes.setText(f"Saved {path}.")

    def _export_failed(self, error: BaseException) -> None:
        dialogs.show_error(self, "Could not save the letter", error)
