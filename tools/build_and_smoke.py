#!/usr/bin/env python3
"""Build the one-folder desktop bundle with PyInstaller, then smoke-test the frozen app.

    .venv/bin/python tools/build_and_smoke.py            build, then test   (make bundle)
    .venv/bin/python tools/build_and_smoke.py --no-build test an existing dist/foia-desk

The smoke test runs the frozen binary itself (not the source tree), with FOIA_DESK_HOME
pointing at a fresh temp folder and Qt on the offscreen platform, and proves that the bundle
found everything it needs at run time:

- ``--version`` prints the package version (read by build.spec from foia_desk/__init__.py);
- ``agencies --json`` loads the bundled directory (resources/agencies.toml);
- ``gui --open SEED --quit-after-load`` starts Qt, reads the seed article and analyses it;
- ``draft ... --out X.docx`` renders the bundled templates and builds the DOCX from
  resources/letter-base.docx with python-docx (its own default parts must be present);
- ``draft ... --out X.pdf`` embeds the bundled DejaVu fonts (checked in the PDF's font
  resources with pypdf).

It prints the size of dist/foia-desk. Exit status 0 means every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "foia-desk"
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"
PROFILE_TOML = """\
name = "Smoke Test Reporter"
organization = "Example News"
address = "1 Main Street\\nSpringfield, IL 62701"
email = "smoke@example.org"
phone = "555-0100"
requester_category = "news_media"
outlet = "Example News"
"""


class SmokeFailure(Exception):
    """One check of the frozen app failed."""


def package_version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "foia_desk" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def build() -> float:
    """Run PyInstaller on build.spec; return the seconds it took."""
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    command = ([pyinstaller] if pyinstaller else [sys.executable, "-m", "PyInstaller"])
    command += ["--noconfirm", "--clean", "build.spec"]
    print("$", " ".join(command), flush=True)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


def executable() -> Path:
    name = "foia-desk.exe" if os.name == "nt" else "foia-desk"
    path = DIST / name
    if not path.is_file():
        raise SmokeFailure(f"{path} does not exist: build the bundle first.")
    return path


def run_frozen(args: list[str], home: Path, *, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, FOIA_DESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    # Make sure nothing from the source tree or the venv can stand in for the bundle.
    for variable in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(variable, None)
    started = time.perf_counter()
    result = subprocess.run([str(executable()), *args], cwd=home, env=env, timeout=timeout,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    print(f"  foia-desk {' '.join(args)}  -> exit {result.returncode} ({elapsed:.2f} s)")
    if result.returncode != 0:
        raise SmokeFailure(f"foia-desk {' '.join(args)} exited {result.returncode}:\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)
    print(f"    ok: {message}")


def pdf_font_names(path: Path) -> set[str]:
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for font in fonts.values():
            names.add(str(font.get_object().get("/BaseFont", "")))
    return names


def smoke_test(work: Path) -> None:
    home, out = work / "home", work / "out"
    home.mkdir()
    out.mkdir()
    profile = work / "profile.toml"
    profile.write_text(PROFILE_TOML, encoding="utf-8")
    version = package_version()

    result = run_frozen(["--version"], home)
    check(version in result.stdout, f"--version reports {version}")

    result = run_frozen(["agencies", "--json"], home)
    agencies = json.loads(result.stdout)
    ids = {entry["id"] for entry in agencies}
    check({"uspis", "ice", "fbi"} <= ids, f"agencies --json lists {len(ids)} bundled agencies")

    run_frozen(["gui", "--open", str(SEED), "--quit-after-load"], home)
    check(True, "the GUI started offscreen, read the seed article and quit")

    draft = ["draft", "--article", str(SEED), "--agency", "uspis", "--profile", str(profile),
             "--letter-date", "2025-05-02"]
    docx_path, pdf_path = out / "uspis.docx", out / "uspis.pdf"
    run_frozen([*draft, "--out", str(docx_path)], home)
    run_frozen([*draft, "--out", str(pdf_path)], home)

    from docx import Document

    document = Document(str(docx_path))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    check("Postal Inspection Service" in docx_text and "Smoke Test Reporter" in docx_text,
          f"the DOCX opens with python-docx ({docx_path.stat().st_size:,} bytes) "
          "and holds the letter")

    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    pdf_text = "\n".join(page.extract_text() or "" for page in reader.pages)
    check("Freedom of Information Act" in pdf_text,
          f"the PDF opens with pypdf ({len(reader.pages)} page(s)) and holds the letter")
    fonts = pdf_font_names(pdf_path)
    check(any("DejaVu" in name for name in fonts),
          f"the PDF embeds the bundled DejaVu fonts ({', '.join(sorted(fonts))})")

    # Reading articles back exercises the lazily imported readers (python-docx, pypdf, bs4).
    html_path = out / "article.html"
    html_path.write_text("<html><head><title>Mail covers</title></head><body><p>"
                         + SEED.read_text(encoding="utf-8")[:2000] + "</p></body></html>",
                         encoding="utf-8")
    for article in (docx_path, pdf_path, html_path):
        result = run_frozen(["ingest", "--json", str(article)], home)
        check("Postal" in json.loads(result.stdout)["text"],
              f"ingest reads the {article.suffix} file")
    result = run_frozen(["extract", "--json", str(SEED)], home)
    found = {entry["id"] for entry in json.loads(result.stdout)["agencies"]}
    check("uspis" in found, "extract finds the Postal Inspection Service in the seed")

    # The tracker: SQLite, the holiday calendar (holidays' data) and the ICS/CSV exporters.
    result = run_frozen(["due", "--received", "2025-11-20", "--json"], home)
    due = json.loads(result.stdout)["response_due"]
    check(due["date"] == "2025-12-19" and "Thanksgiving" in due["explanation"],
          "due skips Thanksgiving with the bundled holiday calendar")
    result = run_frozen(["requests", "add", "--agency", "uspis", "--subject", "Mail covers",
                         "--submitted", "2025-03-03", "--json"], home)
    request_id = str(json.loads(result.stdout)["id"])
    run_frozen(["requests", "event", request_id, "--kind", "acknowledged",
                "--date", "2025-03-05", "--tracking-number", "2025-FOIA-1"], home)
    result = run_frozen(["requests", "list", "--json"], home)
    check(len(json.loads(result.stdout)) == 1, "the tracker stores and lists the request")
    run_frozen(["export", "ics", str(out / "deadlines.ics")], home)
    run_frozen(["export", "csv", str(out / "tracker.csv")], home)
    check(b"BEGIN:VCALENDAR" in (out / "deadlines.ics").read_bytes()
          and "Mail covers" in (out / "tracker.csv").read_text(encoding="utf-8"),
          "the calendar (.ics) and tracker (.csv) exports are written")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true",
                        help="skip PyInstaller and test the existing dist/foia-desk")
    args = parser.parse_args(argv)
    if not args.no_build:
        seconds = build()
        print(f"Built {DIST} in {seconds:.0f} s")
    print("Smoke test of the frozen app:")
    try:
        with tempfile.TemporaryDirectory(prefix="foia-desk-smoke-") as folder:
            smoke_test(Path(folder))
    except (SmokeFailure, subprocess.TimeoutExpired) as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    size_mib = folder_size(DIST) / 2**20
    print(f"Smoke test passed. Bundle {DIST.relative_to(ROOT)}: {size_mib:.0f} MiB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
