"""Export timings: one letter to DOCX and to PDF (warm), a batch of 10 letters in both, and
PDF export of one enormous paragraph (article text pasted into a record description).

Run:  .venv/bin/python benchmarks/bench_export.py [--long-only]
Targets: under 100 ms per letter per format; under 1.5 s for the batch of 10 (20 files);
PDF time growing about linearly with the length of one paragraph (it used to grow with the
square: 240,000 characters took ~17-25 s).
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

from test_export_samples import make_letter, md_escape  # noqa: E402

from foia_desk.export import export_batch, export_docx, export_pdf  # noqa: E402

RUNS = 15
LONG_PARAGRAPH_SIZES = (60_000, 120_000, 240_000)
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def long_paragraph_letter(chars: int, source: str = "article") -> object:
    """A letter whose one paragraph is ``chars`` characters of the seed article's text, or of
    "mail covers" repeated (short words: the most line-breaking work per character)."""
    if source == "article":
        article = " ".join(SEED.read_text(encoding="utf-8").split())
    else:
        article = " ".join(["mail covers"] * 100)
    text = (article + " ") * (chars // len(article) + 1)
    paragraph = md_escape(text[:chars].rstrip())
    markdown = ("Jane Doe\\\n1 Main Street\n\nMay 2, 2025\n\nFOIA Officer\n\n"
                "**Re: Records about the article**\n\nDear FOIA Officer:\n\n"
                f"{paragraph}\n\nSincerely,\n\nJane Doe\n")
    return make_letter(markdown)


def bench_long_paragraphs(out: Path) -> None:
    export_pdf(make_letter(), out / "warm.pdf")  # fonts registered before timing
    cases = [(chars, "article") for chars in LONG_PARAGRAPH_SIZES]
    cases += [(chars, "short words") for chars in LONG_PARAGRAPH_SIZES]
    for chars, source in cases:
        letter = long_paragraph_letter(chars, source)
        target = out / f"long-{chars}-{source.replace(' ', '-')}.pdf"
        seconds = timed(lambda t=target, x=letter: export_pdf(x, t))
        per_10k = seconds / (chars / 10_000)
        print(f"one {chars:,}-character paragraph ({source}) -> pdf: {seconds:.2f} s "
              f"({per_10k * 1000:.0f} ms per 10,000 characters)")


def main() -> int:
    if "--long-only" in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as folder:
            bench_long_paragraphs(Path(folder))
        return 0
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
    with tempfile.TemporaryDirectory() as folder:
        bench_long_paragraphs(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
