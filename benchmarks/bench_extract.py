"""Extraction speed: directory load, the seed article, and 100 KB / 1 MB / 5 MB of text.

    .venv/bin/python benchmarks/bench_extract.py

Prints the cold time to import the directory module (with tomllib, dataclasses and the
other modules it needs), to load the directory (parse the two TOML files and build it, the
first load in the process) and to compile the matchers; the median time to extract the
seed (directory already loaded); and the time for growing amounts of article text (the seed
and the labelled articles repeated), with the cost per MB so linear growth can be checked
by eye. 100 KB and 1 MB are the median of three runs (the machine may be shared), 5 MB one.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _corpus() -> str:
    parts = [(ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt").read_text("utf-8")]
    for folder in (ROOT / "tests" / "articles" / "dev", ROOT / "seeds"):
        parts.extend(p.read_text("utf-8") for p in sorted(folder.glob("*.txt")))
    return "\n\n".join(parts)


def _sized(corpus: str, size: int) -> str:
    repeats = size // len(corpus) + 1
    return ("\n\n".join([corpus] * repeats))[:size]


def main() -> int:
    start = time.perf_counter()
    from foia_desk.directory import load_directory

    imported = time.perf_counter()
    directory = load_directory()
    loaded = time.perf_counter()
    from foia_desk.extract import extract
    from foia_desk.extract.agencies import agency_index
    from foia_desk.extract.cues import load_cues
    from foia_desk.extract.despin import load_spin_table
    from foia_desk.extract.nonfoia import body_index
    from foia_desk.extract.scan import phrase_starts

    cues = load_cues()
    agencies, bodies = agency_index(directory, cues), body_index(directory, cues)
    phrase_starts(directory, agencies, bodies)
    load_spin_table()
    extract("The U.S. Postal Service said on Monday.")  # patterns compiled on first use
    compiled = time.perf_counter()
    print(f"import the directory module (tomllib, dataclasses...): "
          f"{1000 * (imported - start):7.1f} ms wall")
    print(f"load directory (parse agencies.toml + non_foia.toml, build): "
          f"{1000 * (loaded - imported):7.1f} ms wall")
    print(f"compile extraction matchers (once per process): "
          f"{1000 * (compiled - loaded):7.1f} ms wall")

    seed = (ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt").read_text("utf-8")
    extract(seed)
    walls, cpus = [], []
    for _ in range(30):
        t0, c0 = time.perf_counter(), time.process_time()
        extract(seed)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    print(f"seed article ({len(seed)} chars), median of 30: "
          f"{1000 * statistics.median(walls):7.2f} ms wall, "
          f"{1000 * statistics.median(cpus):7.2f} ms CPU")

    corpus = _corpus()
    for label, size, runs in (("100 KB", 100_000, 3), ("1 MB", 1_000_000, 3),
                              ("5 MB", 5_000_000, 1)):
        text = _sized(corpus, size)
        walls, cpus = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            findings = extract(text)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"{label:>6}: {1000 * wall:8.1f} ms wall, {1000 * cpu:8.1f} ms CPU "
              f"({1000 * cpu / (size / 1e6):7.1f} ms CPU per MB; {len(findings.agencies)} "
              f"agencies, {len(findings.topics)} topics)")
    print("(CPU time is the process's own; wall time also counts other load on the machine.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
