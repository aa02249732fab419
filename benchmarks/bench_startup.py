"""Start-up time of the FOIA Desk window against a bare PySide6 window, in the same run.

Measures, as fresh processes, wall-clock time of

* ``foia-desk gui --open seeds/uspis-joins-dhs-immigration-crackdown.txt --quit-after-load``
  (import, window, ingest, extraction, highlights, letter tabs, then exit), and
* a bare ``QApplication`` + ``QMainWindow`` that shows and quits,

several times each (interleaved, so machine load affects both alike) and prints the medians
and their ratio. The aim is under 3x. Run it under a display or ``QT_QPA_PLATFORM=offscreen``::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py --runs 7
    xvfb-run -a .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"
BARE = ("from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([])\n"
        "w = QMainWindow()\n"
        "w.show()\n"
        "QTimer.singleShot(0, w.close)\n"
        "raise SystemExit(app.exec())\n")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repetitions of each (default 7)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["FOIA_DESK_HOME"] = tempfile.mkdtemp(prefix="foia-desk-bench-")
    app_cmd = [sys.executable, "-m", "foia_desk", "gui", "--open", str(SEED),
               "--quit-after-load"]
    bare_cmd = [sys.executable, "-c", BARE]
    timed(app_cmd, env)  # warm the OS file cache and Python's bytecode cache
    timed(bare_cmd, env)
    app_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(args.runs):
        bare_times.append(timed(bare_cmd, env))
        app_times.append(timed(app_cmd, env))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    platform = env.get("QT_QPA_PLATFORM") or ("xcb" if env.get("DISPLAY") else "default")
    print(f"platform: {platform}; runs: {args.runs} each (after one warm-up)")
    print(f"bare PySide6 window:          median {bare_median * 1000:7.0f} ms "
          f"(min {min(bare_times) * 1000:.0f}, max {max(bare_times) * 1000:.0f})")
    print(f"foia-desk gui + seed + quit:  median {app_median * 1000:7.0f} ms "
          f"(min {min(app_times) * 1000:.0f}, max {max(app_times) * 1000:.0f})")
    print(f"ratio: {app_median / bare_median:.2f}x (aim: under 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
