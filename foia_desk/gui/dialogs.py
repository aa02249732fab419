"""Every message box and file dialog the GUI shows goes through this module.

Call these as ``dialogs.show_error(...)`` (module attribute, not a ``from`` import) so tests can
monkeypatch them and no modal dialog ever blocks a test run.

Error dialogs show the specific message of a :class:`~foia_desk.errors.UserError` and its hint
as the next step. An unexpected exception gets a plain apology, a reassurance that nothing the
user typed was lost, and the technical details folded away.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from foia_desk.errors import UserError


def error_texts(error: BaseException | str) -> tuple[str, str, str]:
    """(message, next step, technical details) for an error, in words for the user."""
    if isinstance(error, str):
        return error, "", ""
    if isinstance(error, UserError):
        message = Exception.__str__(error) or type(error).__name__
        return message, error.hint or "", ""
    if isinstance(error, MemoryError):
        return ("There is not enough memory to finish this.",
                "Close other programs or use a smaller file. Nothing you typed was lost.", "")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return ("Something unexpected went wrong inside FOIA Desk and this step did not finish.",
            "Your article and edits are still here. If it happens again, please report it "
            "with the details below.", details)


def show_error(parent: QWidget | None, title: str, error: BaseException | str) -> None:
    """A modal error dialog: the specific problem, then what to do next."""
    message, hint, details = error_texts(error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if hint:
        box.setInformativeText(hint)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    box.exec()


def confirm(parent: QWidget | None, title: str, question: str, *, detail: str = "",
            ok_label: str = "OK", cancel_label: str = "Cancel") -> bool:
    """Ask yes/no with explicit button words; Cancel is the default (Escape answers no)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    if detail:
        box.setInformativeText(detail)
    ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(cancel_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def ask_open_file(parent: QWidget | None, caption: str, directory: str | Path = "",
                  file_filter: str = "") -> Path | None:
    """A file to open, or None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(directory), file_filter)
    return Path(name) if name else None


def ask_save_file(parent: QWidget | None, caption: str, suggested: str | Path = "",
                  file_filter: str = "") -> Path | None:
    """Where to save, or None. The native dialog asks before replacing an existing file."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(name) if name else None


def ask_directory(parent: QWidget | None, caption: str,
                  directory: str | Path = "") -> Path | None:
    """A folder, or None when the user cancels."""
    name = QFileDialog.getExistingDirectory(parent, caption, str(directory))
    return Path(name) if name else None
