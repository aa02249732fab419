"""Take screenshots of the main screens with the seed article loaded (for docs/screenshots/).

Run under a virtual display so the real desktop is untouched::

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py docs/screenshots
    ... tools/screenshot.py /tmp/shots --dark     (a dark palette, to check the tints)

A throw-away data folder with an example requester profile is used; nothing of the user's is
read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"


def dark_palette():
    """A dark palette like a desktop's dark mode, to check the highlight tints on it."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, rgb in ((roles.Window, (45, 45, 48)), (roles.WindowText, (230, 230, 230)),
                      (roles.Base, (30, 30, 32)), (roles.AlternateBase, (50, 50, 54)),
                      (roles.Text, (230, 230, 230)), (roles.Button, (55, 55, 58)),
                      (roles.ButtonText, (230, 230, 230)), (roles.ToolTipBase, (70, 65, 40)),
                      (roles.ToolTipText, (240, 240, 240)), (roles.Highlight, (38, 110, 200)),
                      (roles.HighlightedText, (255, 255, 255))):
        palette.setColor(role, QColor(*rgb))
    palette.setColor(roles.PlaceholderText, QColor(150, 150, 150))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor(120, 120, 120))
    return palette


def main(out_dir: str, dark: bool = False) -> int:
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ["FOIA_DESK_HOME"] = tempfile.mkdtemp(prefix="foia-desk-shots-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from foia_desk.gui.app import get_app
    from foia_desk.gui.main_window import MainWindow
    from foia_desk.gui.settings_dialog import SettingsDialog
    from foia_desk.profiles import EXAMPLE_PROFILE, parse_profile, save_profile

    save_profile(parse_profile(EXAMPLE_PROFILE))
    app = get_app(sys.argv[:1])
    app.setStyle("Fusion")  # the same look on every machine the shots are taken on
    suffix = ""
    if dark:
        app.setPalette(dark_palette())
        suffix = "-dark"
    window = MainWindow()
    window.resize(1360, 860)
    window.show()

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle()
    window.grab().save(str(out / f"welcome{suffix}.png"))
    loop = QEventLoop()
    window.load_finished.connect(lambda _ok: loop.quit())
    window.load_path(SEED)
    loop.exec()
    settle()
    finding = window.findings.agency_item("uspis")
    if finding is not None:
        window.findings.agency_tree.setCurrentItem(finding)
        window.findings._item_clicked(finding, 0)
    settle()
    window.grab().save(str(out / f"article-and-findings{suffix}.png"))
    window.main_tabs.setCurrentIndex(1)
    tab = window.drafts.tab_for("uspis")
    if tab is not None:
        window.drafts.setCurrentWidget(tab)
    settle(800)
    window.grab().save(str(out / f"draft-letter{suffix}.png"))
    dialog = SettingsDialog(window)
    dialog.show()
    settle()
    dialog.grab().save(str(out / f"settings-profiles{suffix}.png"))
    dialog.tabs.setCurrentIndex(2)
    settle()
    dialog.grab().save(str(out / f"settings-folders{suffix}.png"))
    dialog.close()
    window.skip_close_question = True  # the example letters are not meant to be kept
    window.close()
    QApplication.processEvents()
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--dark"]
    sys.exit(main(arguments[0] if arguments else str(ROOT / "docs" / "screenshots"),
                  dark="--dark" in sys.argv))
