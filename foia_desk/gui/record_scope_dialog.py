"""Choose which letters a record goes into.

The extractor ties a record to the agencies its evidence names ("the DEA's task force
files" goes to the DEA); the user may know better. Ticking no agency sends the record to
every letter, which is also what a record the user added starts with.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole


class RecordScopeDialog(QDialog):
    """A checklist of the agencies listed for the article; ``chosen()`` gives the ticked ids."""

    def __init__(self, record: str, agencies: list[tuple[str, str]], chosen: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which letters this record goes into")
        layout = QVBoxLayout(self)
        shown = record if len(record) <= 160 else record[:157] + "…"
        intro = QLabel(f"<b>{_esc(shown)}</b><br>Tick the agencies whose letters should ask "
                       "for this record. Tick none to put it into every letter.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Agencies whose letters include the record")
        listed = {agency_id for agency_id, _ in agencies}
        # An agency the record names but the user has since removed from the list still
        # shows, ticked, so that saving the dialog does not silently drop it.
        rows = list(agencies) + [(a, a) for a in chosen if a not in listed]
        for agency_id, name in rows:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, agency_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if agency_id in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, agency_id: str, checked: bool) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == agency_id:
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
