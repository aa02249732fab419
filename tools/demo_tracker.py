"""Seed a throw-away data folder with realistic tracked requests; optionally screenshot them.

    .venv/bin/python tools/demo_tracker.py                      # seed, print the folder
    xvfb-run -a -s "-screen 0 1400x900x24" \\
        .venv/bin/python tools/demo_tracker.py --screenshots docs/screenshots

Dates are relative to today, so the requests are always in the same states: one overdue,
one due within days, one waiting on the requester, one partly denied and open to appeal,
one on appeal, one complete, one draft. Nothing of the user's data is read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed(store, today: date) -> dict[str, int]:
    """Add the demo requests; return their ids by short name."""
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    ids: dict[str, int] = {}
    r = store.add_request("uspis", "Mail covers placed on reporters covering immigration "
                          "protests, 2025", submitted=ago(70), method="email",
                          tags=["mail covers", "immigration"], profile="Jane Q. Reporter")
    store.add_event(r.id, "acknowledged", ago(66), tracking_number="2026-IPFO-00417",
                    note="Acknowledgement by email from the USPIS FOIA office.")
    store.add_event(r.id, "note", ago(20), note="Called the FOIA Public Liaison: no estimated "
                    "completion date yet.")
    ids["overdue"] = r.id

    r = store.add_request("ice", "Detention contracts with county jails in Arizona",
                          submitted=ago(26), method="portal", tags=["immigration"],
                          profile="Jane Q. Reporter")
    store.add_event(r.id, "acknowledged", ago(24), tracking_number="2026-ICFO-31877")
    ids["soon"] = r.id

    r = store.add_request("cbp", "Use-of-force reports at the San Ysidro port of entry",
                          submitted=ago(9), method="portal", tags=["border"])
    ids["pending"] = r.id

    r = store.add_request("fbi", "Task force agreements between the FBI and the Postal "
                          "Inspection Service", submitted=ago(95), method="mail",
                          tags=["mail covers"], profile="Jane Q. Reporter")
    store.add_event(r.id, "acknowledged", ago(85), tracking_number="1634022-000")
    store.add_event(r.id, "extension", ago(60),
                    details={"promised_date": ago(45).isoformat()})
    store.add_event(r.id, "response", ago(12), details={"outcome": "partial",
                                                         "exemptions": "b6, b7c, b7e"},
                    note="412 pages reviewed, 120 released in part, 38 withheld in full.")
    ids["appealable"] = r.id

    r = store.add_request("dea", "Surveillance aircraft flight logs over Phoenix",
                          submitted=ago(150), method="email", tags=["surveillance"])
    store.add_event(r.id, "acknowledged", ago(145), tracking_number="26-00193-F")
    store.add_event(r.id, "response", ago(70), details={"outcome": "denied",
                                                         "exemptions": "b7e"})
    store.add_event(r.id, "appeal-filed", ago(30), tracking_number="A-2026-00871")
    ids["appeal"] = r.id

    r = store.add_request("dhs", "Guidance on sharing mail cover data with immigration "
                          "officials", submitted=ago(40), method="email",
                          tags=["mail covers", "immigration"])
    store.add_event(r.id, "acknowledged", ago(38), tracking_number="2026-HQFO-01202")
    store.add_event(r.id, "info-request", ago(15), note="They ask which DHS components to "
                    "search and for a narrower date range.")
    ids["waiting"] = r.id

    r = store.add_request("usps", "Mail cover program statistics, 2020-2025", submitted=ago(120),
                          method="email", tags=["mail covers"])
    store.add_event(r.id, "acknowledged", ago(118), tracking_number="2026-FPRO-00088")
    store.add_event(r.id, "response", ago(100), details={"outcome": "complete"},
                    note="Spreadsheet released in full.")
    ids["complete"] = r.id

    r = store.add_request("irs", "Criminal Investigation referrals from USPIS", tags=["draft"])
    ids["draft"] = r.id

    store.add_reminder(ids["waiting"], today, "Answer DHS's question about which components "
                       "to search")
    note = Path(tempfile.mkdtemp(prefix="foia-demo-")) / "USPIS-acknowledgement.txt"
    note.write_text("Your request 2026-IPFO-00417 has been received.\n", encoding="utf-8")
    store.attach_file(ids["overdue"], note)
    return ids


def settle(ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def screenshots(out: Path, ids: dict[str, int], *, dark: bool = False) -> None:
    from foia_desk.gui.app import get_app

    app = get_app(sys.argv[:1])
    suffix = ""
    if dark:  # check that the urgency tints read on a dark desktop too
        sys.path.insert(0, str(ROOT / "tools"))
        from screenshot import dark_palette

        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        suffix = "-dark"
    try:
        from foia_desk.gui.main_window import MainWindow

        window = MainWindow()
        tracker = window.ensure_tracker()
        window.main_tabs.setCurrentIndex(2)
    except ImportError:
        from foia_desk.gui.tracker import TrackerWidget

        window = tracker = TrackerWidget()
    window.resize(1380, 880)
    window.show()
    settle(600)
    tracker.show_request(ids["overdue"])
    settle()
    window.grab().save(str(out / f"tracker{suffix}.png"))
    if dark:
        return

    tracker.show_request(ids["appealable"])
    settle()
    window.grab().save(str(out / "tracker-appealable.png"))

    tracker.show_request(ids["soon"])
    dialog = tracker.detail.open_event_dialog("extension")
    dialog.promised_known.setChecked(True)
    settle()
    dialog.grab().save(str(out / "tracker-event-dialog.png"))
    dialog.reject()

    tracker.show_request(ids["overdue"])
    letter = tracker.open_letter("follow-up")
    letter.resize(820, 760)
    settle(600)
    letter.grab().save(str(out / "tracker-follow-up-letter.png"))
    letter.close()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="folder to seed (default: a new temp folder)")
    parser.add_argument("--screenshots", metavar="OUT", help="save tracker screenshots here")
    parser.add_argument("--dark", action="store_true", help="use a dark palette (one shot)")
    args = parser.parse_args(argv)
    home = Path(args.data_dir or tempfile.mkdtemp(prefix="foia-desk-demo-")).resolve()
    os.environ["FOIA_DESK_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    from foia_desk.profiles import EXAMPLE_PROFILE, parse_profile, save_profile
    from foia_desk.store import open_store

    save_profile(parse_profile(EXAMPLE_PROFILE), overwrite=True)
    with open_store() as store:
        ids = seed(store, store.today())
    print(f"Seeded {len(ids)} requests in {home}")
    if args.screenshots:
        out = Path(args.screenshots).resolve()
        out.mkdir(parents=True, exist_ok=True)
        screenshots(out, ids, dark=args.dark)
        print(f"Screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
