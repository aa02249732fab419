"""Run every benchmark script in benchmarks/ and print each one's figures (``make bench``).

    .venv/bin/python benchmarks/run_all.py [--only NAME ...] [--log FILE]

Each script runs in its own process (so one's caches and imports do not help the next),
with QT_QPA_PLATFORM=offscreen for the start-up benchmark. The output of every script is
printed under a header together with its wall-clock time, and a summary at the end lists
which scripts failed. ``--log`` also saves the whole output (docs/performance.md quotes it).
The figures are compared with their targets by reading them: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def benchmark_scripts() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)


def machine_summary() -> str:
    """nproc, CPU model, RAM, Python and OS, as docs/performance.md records them."""
    cpu = platform.processor() or "unknown CPU"
    memory = "unknown RAM"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory}, Python {platform.python_version()}, "
            f"{platform.platform()}")


def run_one(script: Path, log: list[str]) -> tuple[int, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    header = f"\n=== {script.name} ==="
    print(header, flush=True)
    log.append(header)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        print(line, end="", flush=True)
        log.append(line.rstrip("\n"))
    code = process.wait()
    elapsed = time.perf_counter() - started
    footer = f"--- {script.name}: exit {code}, {elapsed:.1f} s"
    print(footer, flush=True)
    log.append(footer)
    return code, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME",
                        help="run only scripts whose name contains NAME")
    parser.add_argument("--log", type=Path, help="also write the whole output to this file")
    args = parser.parse_args(argv)
    scripts = [s for s in benchmark_scripts()
               if not args.only or any(name in s.name for name in args.only)]
    log = [f"Machine: {machine_summary()}"]
    print(log[0])
    results = {script.name: run_one(script, log) for script in scripts}
    failed = [name for name, (code, _elapsed) in results.items() if code != 0]
    summary = ["", "Summary:"] + [f"  {name:<22} exit {code}  {elapsed:7.1f} s"
                                  for name, (code, elapsed) in results.items()]
    print("\n".join(summary))
    log.extend(summary)
    if args.log:
        args.log.write_text("\n".join(log) + "\n", encoding="utf-8")
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
