"""“Log event”: record what happened to a request, showing only the fields that kind needs.

The dialog does not write anything itself: on OK it hands an :class:`EventInput` to the
``submit`` callable (the widget's ``Store.add_event``). If that raises a UserError (a date
out of range, an unknown exemption), the message is shown and the dialog stays open with
everything the user typed, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui import dialogs
from foia_desk.gui.tracker import format as fmt
from foia_desk.store.models import APPEAL_OUTCOMES, EVENT_KINDS, RESPONSE_OUTCOMES

# The fields each event kind shows (besides date and note, which every kind has).
FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    "submitted": ("expedited",),
    "received": ("designated",),
    "acknowledged": ("tracking", "received_date"),
    "extension": ("promised", "agreed"),
    "fee-notice": ("amount",),
    "response": ("outcome", "exemptions"),
    "appeal-filed": ("tracking",),
    "appeal-received": ("tracking",),
    "appeal-decision": ("tracking", "appeal_outcome", "exemptions"),
}
# The event details the dialog reads and writes (others are left alone when correcting).
DIALOG_DETAILS = frozenset({"promised_date", "agreed", "received_date", "amount", "outcome",
                           "exemptions", "expedited_requested",
                           "received_by_designated_component"})
HELP_BY_KIND = {
    "submitted": "The day you sent the request.",
    "received": "The day the agency received it (often in its acknowledgement letter).",
    "acknowledged": "The agency's acknowledgement: enter the tracking number it gave you.",
    "extension": "The agency claims more time (\"unusual circumstances\"). The law allows at "
                 "most 10 extra working days unless you agree to more.",
    "info-request": "The agency asked you to clarify the request. Its clock pauses until you "
                    "answer.",
    "info-reply": "You answered the agency's request for information; its clock runs again.",
    "fee-notice": "The agency told you about fees; its clock pauses until you answer.",
    "fee-reply": "You answered the fee notice; the clock runs again.",
    "response": "The agency's decision on the request. If anything was withheld, list the "
                "exemptions it cited (e.g. b5, b6, b7c).",
    "appeal-filed": "The day you sent your appeal.",
    "appeal-received": "The day the agency received your appeal.",
    "appeal-decision": "The appeal office's decision.",
    "mediation": "You asked the Office of Government Information Services (OGIS) to mediate.",
    "lawsuit": "A lawsuit was filed about this request.",
    "withdrawn": "You withdrew the request.",
    "note": "Anything worth remembering: a phone call, a name, a promise.",
}


@dataclass
class EventInput:
    """What the user entered, ready for ``Store.add_event``."""

    kind: str
    date: date
    tracking_number: str | None = None
    note: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


class EventDialog(QDialog):
    """Log one event. Shown with ``open()`` (window-modal, never blocks a test)."""

    def __init__(self, submit: Callable[[EventInput], Any], parent: QWidget | None = None, *,
                 kind: str = "acknowledged", subject: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Log an event")
        self._submit = submit
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        if subject:
            heading = QLabel(f"Request: <b>{_escape(subject)}</b>")
            heading.setWordWrap(True)
            layout.addWidget(heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)

        self.kind = QComboBox()
        self.kind.setAccessibleName("What happened")
        for value in EVENT_KINDS:
            self.kind.addItem(fmt.EVENT_LABELS.get(value, value), value)
        self.form.addRow("&What happened:", self.kind)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.form.addRow("", self.help)
        self.date = _date_edit("Date of the event")
        self.form.addRow("&Date:", self.date)

        self.tracking = QLineEdit()
        self.tracking.setAccessibleName("Tracking number")
        self.tracking.setPlaceholderText("e.g. 2026-FPRO-00123")
        self.received_known = QCheckBox("The letter says when the agency &received the request")
        self.received_date = _date_edit("Date the agency received the request")
        self.received_date.setEnabled(False)
        self.received_known.toggled.connect(self.received_date.setEnabled)
        self.promised_known = QCheckBox("The notice &promises an answer by a date")
        self.promised = _date_edit("Promised answer date")
        self.promised.setEnabled(False)
        self.promised_known.toggled.connect(self.promised.setEnabled)
        self.agreed = QCheckBox("I &agreed to this longer schedule")
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Fee amount in dollars")
        self.amount.setPlaceholderText("e.g. 45.00")
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome of the response")
        for value in RESPONSE_OUTCOMES:
            self.outcome.addItem(fmt.OUTCOME_LABELS.get(value, value), value)
        self.appeal_outcome = QComboBox()
        self.appeal_outcome.setAccessibleName("Outcome of the appeal")
        for value in APPEAL_OUTCOMES:
            self.appeal_outcome.addItem(fmt.OUTCOME_LABELS.get(value, value), value)
        self.exemptions = QLineEdit()
        self.exemptions.setAccessibleName("Exemptions cited")
        self.exemptions.setPlaceholderText("e.g. b5, b6, b7c")
        self.expedited = QCheckBox("I asked for &expedited processing")
        self.designated = QCheckBox("Received by the office that handles FOIA requests")

        self._rows: dict[str, tuple[str, QWidget]] = {
            "tracking": ("&Tracking number:", self.tracking),
            "received_date": ("", self.received_known),
            "received_date_value": ("Received on:", self.received_date),
            "promised": ("", self.promised_known),
            "promised_value": ("Promised date:", self.promised),
            "agreed": ("", self.agreed),
            "amount": ("A&mount ($):", self.amount),
            "outcome": ("&Outcome:", self.outcome),
            "appeal_outcome": ("&Outcome:", self.appeal_outcome),
            "exemptions": ("E&xemptions cited:", self.exemptions),
            "expedited": ("", self.expedited),
            "designated": ("", self.designated),
        }
        for label, widget in self._rows.values():
            self.form.addRow(label, widget)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Optional: who you spoke to, what the letter says…")
        self.note.setTabChangesFocus(True)
        self.form.addRow("&Note:", self.note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save event")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.set_kind(kind)
        self._kind_changed()

    def load_event(self, event: Any) -> None:
        """Fill the dialog from a logged event to correct it. Its kind stays fixed (a
        different kind of event is a new event: remove this one and log that)."""
        self.setWindowTitle("Correct an event")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save changes")
        self.set_kind(event.kind)
        self.kind.setEnabled(False)
        self.date.setDate(QDate(event.date.year, event.date.month, event.date.day))
        self.tracking.setText(event.tracking_number or "")
        self.note.setPlainText(event.note or "")
        details = dict(event.details or {})

        def set_day(check: QCheckBox, edit: QDateEdit, value: Any) -> None:
            check.setChecked(bool(value))
            if value:
                day = date.fromisoformat(str(value))
                edit.setDate(QDate(day.year, day.month, day.day))

        set_day(self.promised_known, self.promised, details.get("promised_date"))
        set_day(self.received_known, self.received_date, details.get("received_date"))
        self.agreed.setChecked(bool(details.get("agreed")))
        self.amount.setText(str(details.get("amount") or ""))
        for combo in (self.outcome, self.appeal_outcome):
            index = combo.findData(details.get("outcome"))
            if index >= 0:
                combo.setCurrentIndex(index)
        exemptions = details.get("exemptions") or ""
        if isinstance(exemptions, list | tuple):
            exemptions = ", ".join(str(e) for e in exemptions)
        self.exemptions.setText(str(exemptions))
        self.expedited.setChecked(bool(details.get("expedited_requested")))
        self.designated.setChecked(bool(details.get("received_by_designated_component")))

    def set_kind(self, kind: str) -> None:
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def visible_fields(self) -> list[str]:
        """Names of the kind-specific fields now shown (for tests and accessibility)."""
        return [name for name, (_label, widget) in self._rows.items()
                if self.form.isRowVisible(widget)]

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        wanted = set(FIELDS_BY_KIND.get(kind, ()))
        if "received_date" in wanted:
            wanted.add("received_date_value")
        if "promised" in wanted:
            wanted.add("promised_value")
        for name, (_label, widget) in self._rows.items():
            self.form.setRowVisible(widget, name in wanted)
        self.help.setText(HELP_BY_KIND.get(kind, ""))
        self.adjustSize()

    def value(self) -> EventInput:
        kind = self.current_kind()
        shown = set(self.visible_fields())
        details: dict[str, Any] = {}
        if "promised" in shown and self.promised_known.isChecked():
            details["promised_date"] = self.promised.date().toPython().isoformat()
        if "agreed" in shown and self.agreed.isChecked():
            details["agreed"] = True
        if "received_date" in shown and self.received_known.isChecked():
            details["received_date"] = self.received_date.date().toPython().isoformat()
        if "amount" in shown and self.amount.text().strip():
            details["amount"] = self.amount.text().strip()
        if "outcome" in shown:
            details["outcome"] = self.outcome.currentData()
        if "appeal_outcome" in shown:
            details["outcome"] = self.appeal_outcome.currentData()
        if "exemptions" in shown and self.exemptions.text().strip():
            details["exemptions"] = self.exemptions.text().strip()
        if "expedited" in shown and self.expedited.isChecked():
            details["expedited_requested"] = True
        if "designated" in shown and self.designated.isChecked():
            details["received_by_designated_component"] = True
        tracking = self.tracking.text().strip() if "tracking" in shown else ""
        return EventInput(kind=kind, date=self.date.date().toPython(),
                          tracking_number=tracking or None,
                          note=self.note.toPlainText().strip() or None, details=details)

    def accept(self) -> None:
        try:
            self.result_value = self._submit(self.value())
        except Exception as exc:  # UserError: say what to fix and keep the dialog open
            dialogs.show_error(self, "This event was not saved", exc)
            return
        super().accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
