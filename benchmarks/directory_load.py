"""Time to load the bundled agency directory (agencies.toml + non_foia.toml), cold and warm.

Run: .venv/bin/python benchmarks/directory_load.py
Prints figures only; nothing here is asserted in the tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def cold_start_ms(runs: int = 5) -> list[float]:
    """Import + first load in a fresh interpreter, as the CLI pays it."""
    code = ("import time; t=time.perf_counter(); from foia_desk.directory import load_directory;"
            "d=load_directory(); print((time.perf_counter()-t)*1000)")
    return [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(runs)]


def parse_ms(runs: int = 20) -> list[float]:
    """Parsing and building the Directory again in this process (import cost excluded)."""
    from foia_desk.directory import load_directory_from
    from foia_desk.paths import resource_path

    agencies, bodies = resource_path("agencies.toml"), resource_path("non_foia.toml")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_directory_from(agencies, bodies)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    from foia_desk.directory import load_directory

    warm = parse_ms()
    cold = cold_start_ms()
    directory = load_directory()
    print(f"directory: {len(directory)} agencies, {len(directory.bodies)} non-FOIA bodies")
    print(f"load (parse + build), warm process: median {statistics.median(warm):.1f} ms, "
          f"max {max(warm):.1f} ms over {len(warm)} runs")
    print(f"import + first load, fresh process: median {statistics.median(cold):.1f} ms, "
          f"max {max(cold):.1f} ms over {len(cold)} runs")
    print("target: under 30 ms")


if __name__ == "__main__":
    main()
