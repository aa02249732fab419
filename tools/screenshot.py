"""Take screenshots of the main screens with the seed article loaded (for docs/screenshots/).

Run under a virtual display so the real desktop is untouched::

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py docs/screenshots

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


def main(out_dir: str) -> int:
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
    window = MainWindow()
    window.resize(1360, 860)
    window.show()

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle()
    window.grab().save(str(out / "welcome.png"))
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
    window.grab().save(str(out / "article-and-findings.png"))
    window.main_tabs.setCurrentIndex(1)
    tab = window.drafts.tab_for("uspis")
    if tab is not None:
        window.drafts.setCurrentWidget(tab)
    settle(800)
    window.grab().save(str(out / "draft-letter.png"))
    dialog = SettingsDialog(window)
    dialog.show()
    settle()
    dialog.grab().save(str(out / "settings-profiles.png"))
    dialog.tabs.setCurrentIndex(2)
    settle()
    dialog.grab().save(str(out / "settings-folders.png"))
    dialog.close()
    window.close()
    QApplication.processEvents()
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "screenshots")))
