#!/usr/bin/env python3
"""One-step set-up for FOIA Desk: create the project's own environment, install, then act.

    python3 dev.py run [ARGS...]   install if needed, then launch the app (ARGS go to foia-desk)
    python3 dev.py test [ARGS...]  install if needed, then run ruff and the whole test suite

Only the Python standard library is used here, so it works on a fresh machine with
Python 3.11+. The environment lives in .venv/ beside this file. Installing is skipped when
pyproject.toml has not changed since the last install, so both commands are idempotent.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("FOIA_DESK_VENV", ROOT / ".venv"))
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_installed(extras: str) -> None:
    """Create the venv and install the project (editable) unless already up to date."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"FOIA Desk needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; "
                 f"this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print(f"Creating the environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".foia-desk-installed-{extras or 'app'}"
    # An install with the test extras also satisfies a plain app install.
    satisfied_by = [stamp] if extras else [stamp, VENV / ".foia-desk-installed-test"]
    if any(s.exists() and s.read_text().strip() == digest for s in satisfied_by):
        return
    target = f".[{extras}]" if extras else "."
    print(f"Installing FOIA Desk and its dependencies ({target}) ...", flush=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], cwd=ROOT, check=True)
    subprocess.run([*pip, "install", "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def run_app(args: list[str]) -> int:
    ensure_installed("")
    cmd = [str(venv_python()), "-m", "foia_desk", *(args or ["gui"])]
    return subprocess.call(cmd, cwd=ROOT)


def run_tests(args: list[str]) -> int:
    ensure_installed("test")
    env = dict(os.environ)
    if env.get("CI") or not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) or os.name == "nt":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    python = str(venv_python())
    lint = subprocess.call([python, "-m", "ruff", "check", "."], cwd=ROOT, env=env)
    if lint:
        print("ruff found problems (see above).", file=sys.stderr)
        return lint
    return subprocess.call([python, "-m", "pytest", *args], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    return run_app(rest) if action == "run" else run_tests(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
