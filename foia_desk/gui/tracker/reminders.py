"""Reminders due today: a banner at the top of the tracker and a system-tray notification.

The banner is non-modal (it never interrupts) and says how many reminders are due with one
line each; activating a line selects that request. Where the platform has a system tray,
one notification sums them up. Reminders come from ``Store.list_due(days=0)``: the user's
own reminders plus automatic ones a few working days before each open deadline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from foia_desk.gui.tracker import format as fmt

REQUEST_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_LINES_SHOWN = 6


def reminder_line(reminder: Any, today: date | None = None) -> str:
    """'ICE — Detention contracts: Agency's determination due: Tue 1 Dec 2026 (in 4 days)'.

    Automatic reminders are worded from their deadline so dates read as in the table; the
    user's own reminders keep their text.
    """
    who = f"{reminder.agency_name} — {reminder.subject}"
    due = getattr(reminder, "deadline_due", None)
    if getattr(reminder, "source", "") != "auto" or due is None:
        return f"{who}: {reminder.text}"
    days = (due - (today or date.today())).days
    when = "today" if days == 0 else (f"in {fmt.plural(days, 'day')}" if days > 0
                                      else f"{fmt.plural(-days, 'day')} ago")
    label = reminder.deadline_label or "Deadline"
    return f"{who}: {label}: {fmt.day(due)} ({when})"


def summary_text(reminders: list[Any]) -> str:
    count = len(reminders)
    return f"{fmt.plural(count, 'reminder')} due today"


class ReminderBanner(QFrame):
    """A dismissible panel listing today's reminders; hidden when there are none."""

    request_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Reminders due today")
        self.reminders: list[Any] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size, size))
        top.addWidget(icon)
        self.title = QLabel()
        top.addWidget(self.title, 1)
        self.dismiss_button = QPushButton("Hi&de reminders")
        self.dismiss_button.clicked.connect(self.hide)
        top.addWidget(self.dismiss_button)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setAccessibleName("Reminders due today")
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.list)
        self.hide()

    def set_reminders(self, reminders: list[Any]) -> None:
        self.reminders = list(reminders)
        self.list.clear()
        if not self.reminders:
            self.hide()
            return
        self.title.setText(f"<b>{summary_text(self.reminders)}</b> — double-click one to "
                           "open its request.")
        for reminder in self.reminders:
            item = QListWidgetItem(reminder_line(reminder))
            item.setData(REQUEST_ROLE, reminder.request_id)
            item.setToolTip(reminder_line(reminder))
            self.list.addItem(item)
        rows = min(len(self.reminders), MAX_LINES_SHOWN)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * rows
                                   + 2 * self.list.frameWidth() + 4)
        self.show()

    def _activated(self, item: QListWidgetItem) -> None:
        self.request_activated.emit(int(item.data(REQUEST_ROLE)))


_tray: QSystemTrayIcon | None = None


def notify_tray(reminders: list[Any], parent: Any = None) -> bool:
    """Show one tray notification summing up ``reminders``; False where there is no tray."""
    global _tray
    if not reminders or not QSystemTrayIcon.isSystemTrayAvailable():
        return False
    if _tray is None:
        app = QApplication.instance()
        icon = app.windowIcon() if app is not None else None
        if icon is None or icon.isNull():
            icon = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxInformation)
        _tray = QSystemTrayIcon(icon, parent)
        _tray.setToolTip("FOIA Desk")
    _tray.show()
    lines = [reminder_line(r) for r in reminders[:3]]
    if len(reminders) > 3:
        lines.append(f"…and {len(reminders) - 3} more in the Tracker tab.")
    _tray.showMessage(f"FOIA Desk: {summary_text(reminders)}", "\n".join(lines),
                      QSystemTrayIcon.MessageIcon.Information, 15_000)
    QTimer.singleShot(20_000, _tray.hide)  # the icon has no other use once the message is read
    return True
