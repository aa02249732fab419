"""The optional "filed by a representative" part of a requester profile.

Legal clinics, attorneys and newsroom counsel often file for someone else. The group box's
check mark says whether the profile has a representative at all; unchecking it keeps what
was typed on screen (so a slip loses nothing) but saves the profile without one.

The form returns the representative as the ``[representative]`` table of a profile TOML
(see foia_desk.profiles.profile_from_dict), so the same validation and the same error
messages apply here, in the CLI and in hand-written files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from foia_desk.profiles import ProfileError, Representative

ROLE_CHOICES = ("attorney", "law student under supervision", "legal clinic",
                "newsroom counsel", "other")
# Letters read "... to NAME, my ROLE, of ORGANIZATION"; "my other" would read badly, so the
# catch-all choice is saved as no role (a user can type any role of their own instead).
NO_ROLE = "other"
CONSENT_TEXT = ("The requester consents to release of their records to this representative "
                "(needed for Pr&ivacy Act requests)")


class _ClickToggles(QObject):
    """Lets a click on the consent sentence toggle its check box, as a check box's own text
    would (a QCheckBox cannot word-wrap, so the sentence is a separate label)."""

    def __init__(self, box: QCheckBox) -> None:
        super().__init__(box)
        self.box = box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.MouseButtonRelease and self.box.isEnabled()
                and event.button() == Qt.MouseButton.LeftButton):
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        return False


class RepresentativeForm(QGroupBox):
    """Name, contact details, role and release consent of whoever files for the requester."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Filed &by a representative (optional)", parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.setAccessibleName("Filed by a representative")
        self.setToolTip("Check this when an attorney, legal clinic or newsroom counsel files "
                        "requests for this requester.")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Sam Counsel")
        self.organization = QLineEdit()
        self.organization.setPlaceholderText("e.g. Springfield Law School Clinic")
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText("Street\nCity, State ZIP")
        self.address.setMaximumHeight(self.address.fontMetrics().lineSpacing() * 4)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(ROLE_CHOICES)
        self.role.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.role.setToolTip("Pick one or type the representative's role. Letters say "
                             "“… to NAME, my ROLE”; “other” leaves the role out.")
        for label, widget, accessible in (
                ("Na&me:", self.name, "Representative's name"),
                ("&Organization:", self.organization, "Representative's organization"),
                ("Mailin&g address:", self.address, "Representative's mailing address"),
                ("Emai&l:", self.email, "Representative's email"),
                ("&Telephone:", self.phone, "Representative's telephone"),
                ("&Role:", self.role, "Representative's role")):
            widget.setAccessibleName(accessible)
            form.addRow(label, widget)
        self.role.lineEdit().setAccessibleName("Representative's role")

        self.consent = QCheckBox()
        self.consent.setAccessibleName(CONSENT_TEXT.replace("&", ""))
        consent_label = QLabel(CONSENT_TEXT)
        consent_label.setWordWrap(True)
        consent_label.setBuddy(self.consent)  # the mnemonic moves focus; Space then toggles
        consent_label.installEventFilter(_ClickToggles(self.consent))
        self.consent_label = consent_label
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent, 0, Qt.AlignmentFlag.AlignTop)
        consent_row.addWidget(consent_label, 1)
        form.addRow(consent_row)
        self.set_representative(None)

    def set_representative(self, rep: Representative | None) -> None:
        """Show ``rep``; None clears the fields and unchecks the group."""
        shown = rep or Representative(name="")
        self.name.setText(shown.name)
        self.organization.setText(shown.organization)
        self.address.setPlainText(shown.address)
        self.email.setText(shown.email)
        self.phone.setText(shown.phone)
        self.role.setCurrentIndex(-1)
        self.role.setEditText(shown.role)
        self.consent.setChecked(shown.consent_to_release)
        self.setChecked(rep is not None)

    def as_table(self) -> dict[str, Any] | None:
        """The ``[representative]`` table for profile_from_dict, or None when unchecked."""
        if not self.isChecked():
            return None
        if not self.name.text().strip():
            raise ProfileError("The representative's name is missing.",
                               "Type the name of the person filing for the requester, or "
                               "uncheck “Filed by a representative” if nobody does.")
        role = self.role.currentText().strip()
        if role.casefold() == NO_ROLE:
            role = ""
        return {"name": self.name.text(), "organization": self.organization.text().strip(),
                "address": self.address.toPlainText(), "email": self.email.text().strip(),
                "phone": self.phone.text().strip(), "role": role,
                "consent_to_release": self.consent.isChecked()}
