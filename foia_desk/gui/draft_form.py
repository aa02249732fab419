"""The options of one letter: kind, requester, fees, waiver, expedited processing, dates, format.

The form only collects values; :meth:`DraftForm.options` turns them into a
``foia_desk.drafting.DraftOptions`` and lists anything it cannot read (a malformed date) so
the draft tab can show it beside the missing fields.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foia_desk.profiles import CATEGORIES, CATEGORY_LABELS, RequesterProfile

NO_PROFILE = "(no profile yet — use “Edit profiles…”)"
DEFAULT_TEMPLATE = "Standard template for this kind"


def _text_box(placeholder: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * (lines + 1) + 12)
    return box


def _day(edit: QLineEdit, label: str, problems: list[str]) -> date | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"{label}: “{text}” is not a date (write YYYY-MM-DD)")
        return None


class RefreshingComboBox(QComboBox):
    """A combo box that re-reads its choices each time it opens (templates added on disk)."""

    about_to_open = Signal()

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


class DraftForm(QWidget):
    """All the choices for one letter. ``changed`` fires on every edit."""

    changed = Signal()
    edit_profiles_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles: list[RequesterProfile] = []
        # Fields a letter still needs (see mark_missing): a frame readable in light and
        # dark themes; the label's "⚠" carries the same message without colour.
        self.setStyleSheet('*[missing="true"] { border: 2px solid #d0342c; '
                           'border-radius: 3px; }')
        outer = QVBoxLayout(self)

        letter = QGroupBox("Letter")
        form = QFormLayout(letter)
        self.kind = QComboBox()
        from foia_desk.drafting import KIND_LABELS, KINDS

        for kind in KINDS:
            label = KIND_LABELS[kind]
            self.kind.addItem(label[:1].upper() + label[1:], kind)
        self.kind.setAccessibleName("Request kind")
        form.addRow("&Kind of request:", self.kind)
        self.template = RefreshingComboBox()
        self.template.setAccessibleName("Template")
        self.template.about_to_open.connect(self.reload_templates)
        form.addRow("&Template:", self.template)
        self.profile = QComboBox()
        self.profile.setAccessibleName("Requester profile")
        self.edit_profiles = QPushButton("Edit profiles…")
        self.edit_profiles.clicked.connect(self.edit_profiles_requested)
        form.addRow("&Requester:", self.profile)
        form.addRow("", self.edit_profiles)
        outer.addWidget(letter)

        fees = QGroupBox("Fees")
        form = QFormLayout(fees)
        self.category = QComboBox()
        for category in CATEGORIES:
            self.category.addItem(CATEGORY_LABELS[category].capitalize(), category)
        self.category.setAccessibleName("Fee category")
        self.category.setCurrentIndex(self.category.findData("other"))
        self.category.setToolTip("Decides which fees an agency may charge; taken from the "
                                 "profile, change it here for this letter only.")
        form.addRow("Fee cate&gory:", self.category)
        self.fee_limit = QLineEdit()
        self.fee_limit.setAccessibleName("Fee limit in dollars")
        self.fee_limit.setPlaceholderText("e.g. 25")
        form.addRow("Pay up to ($):", self.fee_limit)
        self.waiver = QCheckBox("Ask for a fee wai&ver")
        form.addRow(self.waiver)
        self.waiver_fields = QWidget()
        wform = QFormLayout(self.waiver_fields)
        wform.setContentsMargins(16, 0, 0, 0)
        self.waiver_subject = _text_box("How do the records concern what the government does?")
        self.waiver_informative = _text_box("What would they reveal that is not public yet?")
        self.waiver_audience = _text_box("Who will you share it with, and how?")
        self.waiver_significance = _text_box("Why would it matter to public understanding?")
        self.waiver_commercial = _text_box("Any commercial interest (or none)?", 2)
        for label, box in (("Government operations:", self.waiver_subject),
                           ("New information:", self.waiver_informative),
                           ("Audience and reach:", self.waiver_audience),
                           ("Significance:", self.waiver_significance),
                           ("Commercial interest:", self.waiver_commercial)):
            box.setAccessibleName("Fee waiver: " + label.rstrip(":"))
            wform.addRow(label, box)
        form.addRow(self.waiver_fields)
        outer.addWidget(fees)

        speed = QGroupBox("Expedited processing")
        form = QFormLayout(speed)
        self.expedite = QCheckBox("Ask for &expedited processing")
        form.addRow(self.expedite)
        self.expedite_basis = QComboBox()
        self.expedite_basis.addItem("Urgency to inform the public (news media)",
                                    "urgency-to-inform")
        self.expedite_basis.addItem("Imminent threat to someone's life or safety",
                                    "imminent-threat")
        self.expedite_justification = _text_box("Why it is urgent, in your own words", 4)
        self.expedite_justification.setAccessibleName("Expedited processing justification")
        form.addRow("Basis:", self.expedite_basis)
        form.addRow("Justification:", self.expedite_justification)
        outer.addWidget(speed)

        scope = QGroupBox("Dates and format")
        form = QFormLayout(scope)
        self.date_start = QLineEdit()
        self.date_end = QLineEdit()
        for edit, name in ((self.date_start, "Records from"), (self.date_end, "Records to")):
            edit.setPlaceholderText("YYYY-MM-DD (optional)")
            edit.setAccessibleName(name)
        form.addRow("Records &from:", self.date_start)
        form.addRow("Records t&o:", self.date_end)
        self.format = QComboBox()
        self.format.addItem("Electronic copies (email or download)", "electronic")
        self.format.addItem("Paper copies", "paper")
        self.format.setAccessibleName("Format preference")
        form.addRow("Format:", self.format)
        self.background = _text_box("Optional: a sentence on why you are asking", 3)
        self.background.setAccessibleName("Background paragraph")
        form.addRow("Background:", self.background)
        outer.addWidget(scope)

        self.case = QGroupBox("Earlier request (follow-up, appeal, mediation)")
        form = QFormLayout(self.case)
        self.tracking_number = QLineEdit()
        self.request_date = QLineEdit()
        self.determination_date = QLineEdit()
        for edit in (self.request_date, self.determination_date):
            edit.setPlaceholderText("YYYY-MM-DD")
        self.grounds = _text_box("What you challenge and why", 4)
        form.addRow("Tracking number:", self.tracking_number)
        form.addRow("Date sent:", self.request_date)
        form.addRow("Date of decision:", self.determination_date)
        form.addRow("Grounds / dispute:", self.grounds)
        outer.addWidget(self.case)

        self.identity = QGroupBox("Identity (Privacy Act requests; not saved in profiles)")
        form = QFormLayout(self.identity)
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setPlaceholderText("YYYY-MM-DD")
        self.place_of_birth = QLineEdit()
        form.addRow("Date of birth:", self.date_of_birth)
        form.addRow("Place of birth:", self.place_of_birth)
        outer.addWidget(self.identity)
        outer.addStretch(1)

        for widget in self.findChildren(QLineEdit):
            widget.textChanged.connect(self.changed)
        for widget in self.findChildren(QPlainTextEdit):
            widget.textChanged.connect(self.changed)
        for widget in self.findChildren(QCheckBox):
            widget.toggled.connect(self._update_visibility)
            widget.toggled.connect(self.changed)
        for widget in self.findChildren(QComboBox):
            widget.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.profile.currentIndexChanged.connect(self._profile_changed)
        self.reload_templates()
        self._update_visibility()

    # ------------------------------------------------------------------ profiles & templates
    def set_profiles(self, profiles: list[RequesterProfile], selected: str = "") -> None:
        """Fill the requester list, keeping the current choice (or ``selected``) if present."""
        keep = selected or self.profile.currentText()
        self.profile.blockSignals(True)
        self.profile.clear()
        self._profiles = list(profiles)
        if not profiles:
            self.profile.addItem(NO_PROFILE)
        for profile in profiles:
            self.profile.addItem(profile.name)
        index = self.profile.findText(keep)
        self.profile.setCurrentIndex(max(index, 0))
        self.profile.blockSignals(False)
        self._profile_changed()

    def selected_profile(self) -> RequesterProfile | None:
        index = self.profile.currentIndex()
        return self._profiles[index] if 0 <= index < len(self._profiles) else None

    def _profile_changed(self) -> None:
        """Take the fee defaults from the newly chosen profile."""
        profile = self.selected_profile()
        if profile is None:
            self.changed.emit()
            return
        for widget in (self.category, self.fee_limit, self.waiver, self.expedite):
            widget.blockSignals(True)
        self.category.setCurrentIndex(max(self.category.findData(profile.requester_category), 0))
        self.fee_limit.setText(format(profile.fee_limit, "f"))
        self.waiver.setChecked(profile.wants_fee_waiver)
        self.expedite.setChecked(profile.wants_expedited)
        for widget in (self.category, self.fee_limit, self.waiver, self.expedite):
            widget.blockSignals(False)
        self._update_visibility()
        self.changed.emit()

    def reload_templates(self) -> None:
        from foia_desk.drafting import list_templates

        kind = self.kind.currentData()
        keep = self.template.currentData()
        self.template.blockSignals(True)
        self.template.clear()
        self.template.addItem(DEFAULT_TEMPLATE, None)
        try:
            templates = list_templates()
        except Exception:  # a broken user folder must not break the form
            templates = []
        for info in templates:
            if info.kind in (kind, "") and info.name != kind:
                self.template.addItem(f"{info.name} ({info.source})", info.name)
                self.template.setItemData(self.template.count() - 1, info.description, 3)
        self.template.setCurrentIndex(max(self.template.findData(keep), 0))
        self.template.blockSignals(False)

    def _kind_changed(self) -> None:
        self.reload_templates()
        self._update_visibility()

    def _update_visibility(self) -> None:
        kind = self.kind.currentData()
        self.waiver_fields.setVisible(self.waiver.isChecked())
        on = self.expedite.isChecked()
        self.expedite_basis.setEnabled(on)
        self.expedite_justification.setEnabled(on)
        self.case.setVisible(kind in ("follow-up", "appeal", "mediation"))
        self.identity.setVisible(kind == "privacy-act")

    # ------------------------------------------------------------------ missing fields
    def missing_targets(self) -> dict[str, QWidget]:
        """The field to point at for each key of ``drafting.check_missing_keys``."""
        return {"profile": self.profile, "requester_name": self.profile,
                "requester_address": self.profile, "date_of_birth": self.date_of_birth,
                "place_of_birth": self.place_of_birth, "tracking_number": self.tracking_number,
                "request_date": self.request_date,
                "determination_date": self.determination_date,
                "appeal_grounds": self.grounds, "dispute": self.grounds,
                "expedite_justification": self.expedite_justification}

    def mark_missing(self, missing: list[tuple[str, str]]) -> list[QWidget]:
        """Mark the fields a letter still needs: a red frame, "⚠" before the label (a cue
        that is not colour alone) and a tooltip saying what to enter. Clears the marks of
        fields that are no longer missing. Returns the marked widgets."""
        targets = self.missing_targets()
        needed: dict[QWidget, list[str]] = {}
        for key, text in missing:
            widget = targets.get(key)
            if widget is not None:
                needed.setdefault(widget, []).append(text)
        for widget in set(targets.values()):
            texts = needed.get(widget, [])
            if bool(widget.property("missing")) != bool(texts):
                widget.setProperty("missing", bool(texts))
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            label = self._label_for(widget)
            if label is not None:
                plain = label.property("plain_text")
                if plain is None:
                    plain = label.text()
                    label.setProperty("plain_text", plain)
                label.setText(f"⚠ {plain}" if texts else plain)
            hint = "Needed for this letter: " + "; ".join(texts) + "." if texts else ""
            widget.setToolTip(hint)
            widget.setAccessibleDescription(hint)
        return list(needed)

    def _label_for(self, widget: QWidget) -> QLabel | None:
        for form in self.findChildren(QFormLayout):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                return label
        return None

    # ------------------------------------------------------------------ result
    def profile_for_letter(self) -> RequesterProfile | None:
        """The chosen profile with this letter's fee category applied."""
        profile = self.selected_profile()
        if profile is None:
            return None
        return dataclasses.replace(profile, requester_category=self.category.currentData())

    def options(self, records: list[Any], problems: list[str]) -> Any:
        """DraftOptions from the form; unreadable values are appended to ``problems``."""
        from foia_desk.drafting import DraftOptions

        fee_limit: Decimal | None = None
        if self.fee_limit.text().strip():
            try:
                from foia_desk.profiles import parse_fee_limit

                fee_limit = parse_fee_limit(self.fee_limit.text(), "Fee limit")
            except Exception as exc:  # ProfileError names the problem
                problems.append(Exception.__str__(exc))
        kind = self.kind.currentData()
        grounds = self.grounds.toPlainText().strip()
        options = DraftOptions(
            kind=kind,
            records=list(records),
            date_start=_day(self.date_start, "Records from", problems),
            date_end=_day(self.date_end, "Records to", problems),
            background=self.background.toPlainText().strip(),
            fee_limit=fee_limit,
            fee_waiver=self.waiver.isChecked(),
            waiver_subject=self.waiver_subject.toPlainText().strip(),
            waiver_informative=self.waiver_informative.toPlainText().strip(),
            waiver_audience=self.waiver_audience.toPlainText().strip(),
            waiver_significance=self.waiver_significance.toPlainText().strip(),
            waiver_commercial=self.waiver_commercial.toPlainText().strip(),
            expedite=self.expedite.isChecked(),
            expedite_basis=self.expedite_basis.currentData(),
            expedite_justification=self.expedite_justification.toPlainText().strip(),
            format_preference=self.format.currentData(),
            template=self.template.currentData(),
            tracking_number=self.tracking_number.text().strip(),
            request_date=_day(self.request_date, "Date sent", problems),
            determination_date=_day(self.determination_date, "Date of decision", problems),
            appeal_grounds=grounds if kind == "appeal" else "",
            dispute=grounds if kind == "mediation" else "",
            date_of_birth=_day(self.date_of_birth, "Date of birth", problems),
            place_of_birth=self.place_of_birth.text().strip(),
        )
        return options
