"""Export timings: one letter to DOCX and to PDF (warm), and a batch of 10 letters in both.

Run:  .venv/bin/python benchmarks/bench_export.py
Targets: under 100 ms per letter per format; under 1.5 s for the batch of 10 (20 files).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_export_samples import make_letter  # noqa: E402

from foia_desk.export import export_batch, export_docx, export_pdf  # noqa: E402

RUNS = 15


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    letter = make_letter()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cold_pdf = timed(lambda: export_pdf(letter, out / "cold.pdf"))  # registers fonts
        cold_docx = timed(lambda: export_docx(letter, out / "cold.docx"))
        results = {}
        for name, exporter, ext in (("docx", export_docx, "docx"), ("pdf", export_pdf, "pdf")):
            samples = [timed(lambda i=i, e=exporter, x=ext: e(letter, out / f"w{i}.{x}"))
                       for i in range(RUNS)]
            results[name] = statistics.median(samples)
        letters = [make_letter(agency_id=f"agency-{i}") for i in range(10)]
        batch_times = []
        for run in range(3):
            target = out / f"batch{run}"
            batch_times.append(timed(lambda t=target: export_batch(letters, t, ("docx", "pdf"))))
    print(f"first export (cold): pdf {cold_pdf * 1000:.0f} ms (includes font registration), "
          f"docx {cold_docx * 1000:.0f} ms")
    for name, seconds in results.items():
        verdict = "ok" if seconds < 0.1 else "OVER TARGET"
        print(f"one letter -> {name}: median {seconds * 1000:.1f} ms of {RUNS} warm runs "
              f"(target < 100 ms) {verdict}")
    batch = statistics.median(batch_times)
    verdict = "ok" if batch < 1.5 else "OVER TARGET"
    print(f"batch of 10 letters -> docx + pdf (20 files): median {batch:.2f} s of 3 runs "
          f"(target < 1.5 s) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
