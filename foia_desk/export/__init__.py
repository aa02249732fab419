"""Letter exporters: DOCX, PDF, email draft (.eml), plain text and Markdown.

Every format renders ``Letter.markdown`` through one document model (export.blocks), so all
outputs say the same thing. ``Letter.meta["pre_send_notes"]`` (notes to the requester) never
goes into any output. All files are written atomically through foia_desk.fileio.

The format modules import python-docx / reportlab only when used, so importing this package
is cheap.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from foia_desk.errors import UserError
from foia_desk.letter import Letter

# extension -> (module, function)
FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("foia_desk.export.docx", "export_docx"),
    "pdf": ("foia_desk.export.pdf", "export_pdf"),
    "eml": ("foia_desk.export.email", "export_eml"),
    "md": ("foia_desk.export.text", "export_markdown"),
    "txt": ("foia_desk.export.text", "export_text"),
}
SUPPORTED = ", ".join(f".{ext}" for ext in FORMATS)

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]

__all__ = [
    "FORMATS",
    "export_batch",
    "export_docx",
    "export_eml",
    "export_letter",
    "export_markdown",
    "export_pdf",
    "export_text",
    "portal_text",
]


def _exporter(fmt: str) -> Callable[..., Path]:
    try:
        module_name, function_name = FORMATS[fmt]
    except KeyError:
        raise UserError(f"FOIA Desk cannot export letters as '{fmt}'.",
                        f"Supported formats: {SUPPORTED}.") from None
    return getattr(importlib.import_module(module_name), function_name)


def format_of(path: str | os.PathLike[str]) -> str:
    """The export format named by a file's extension (``letter.PDF`` -> ``pdf``)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise UserError(f"Cannot tell the export format of {Path(path).name}: it has {shown}.",
                        f"Use one of: {SUPPORTED}.")
    return suffix


def export_letter(letter: Letter, path: str | os.PathLike[str], *,
                  overwrite: bool = False) -> Path:
    """Export ``letter`` in the format named by ``path``'s extension; return the path."""
    return _exporter(format_of(path))(letter, path, overwrite=overwrite)


def export_docx(letter: Letter, path: str | os.PathLike[str], *,
                overwrite: bool = False) -> Path:
    return _exporter("docx")(letter, path, overwrite=overwrite)


def export_pdf(letter: Letter, path: str | os.PathLike[str], *,
               overwrite: bool = False) -> Path:
    return _exporter("pdf")(letter, path, overwrite=overwrite)


def export_eml(letter: Letter, path: str | os.PathLike[str], *,
               overwrite: bool = False) -> Path:
    return _exporter("eml")(letter, path, overwrite=overwrite)


def export_markdown(letter: Letter, path: str | os.PathLike[str], *,
                    overwrite: bool = False) -> Path:
    return _exporter("md")(letter, path, overwrite=overwrite)


def export_text(letter: Letter, path: str | os.PathLike[str], *,
                overwrite: bool = False) -> Path:
    return _exporter("txt")(letter, path, overwrite=overwrite)


def portal_text(letter: Letter) -> tuple[str, str | None]:
    """Unwrapped plain text for a web portal, plus a warning when it exceeds the portal limit."""
    from foia_desk.export.text import portal_text as render_portal_text

    return render_portal_text(letter)


def batch_targets(letters: Iterable[Letter], out_dir: Path,
                  formats: Iterable[str]) -> list[tuple[Letter, str, Path]]:
    """(letter, format, path) for every file a batch will write; names made unique."""
    fmts = [fmt.lower().lstrip(".") for fmt in formats]
    for fmt in fmts:
        _exporter(fmt)  # unknown formats fail before any file is written
    targets: list[tuple[Letter, str, Path]] = []
    used: set[str] = set()
    for letter in letters:
        stem = letter.suggested_filename()
        candidate, counter = stem, 2
        while candidate.lower() in used:
            candidate, counter = f"{stem}-{counter}", counter + 1
        used.add(candidate.lower())
        targets.extend((letter, fmt, out_dir / f"{candidate}.{fmt}") for fmt in fmts)
    return targets


def export_batch(letters: Iterable[Letter], out_dir: str | os.PathLike[str],
                 formats: Iterable[str] = ("docx", "pdf"), *, overwrite: bool = False,
                 progress: Progress | None = None,
                 cancel: Cancel | None = None) -> list[Path]:
    """Export several letters into ``out_dir``, each in every format; return the files written.

    Files are named from ``Letter.suggested_filename()`` (``-2``, ``-3``... when two letters
    would share a name). With ``overwrite=False`` any existing target stops the batch before
    anything is written. ``progress(done, total, message)`` is called after each file;
    ``cancel()`` is checked before each file, and when it returns True the batch stops: the
    files already finished stay, and no half-written file is left behind.
    """
    folder = Path(out_dir)
    targets = batch_targets(list(letters), folder, formats)
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Cannot create the folder {folder}: {exc.strerror or exc}.",
                            "Choose a folder you can write to.") from exc
    if not overwrite:
        clashes = [path.name for _letter, _fmt, path in targets if path.exists()]
        if clashes:
            listed = ", ".join(clashes[:5]) + (" ..." if len(clashes) > 5 else "")
            raise UserError(f"{len(clashes)} file(s) already exist in {folder}: {listed}.",
                            "Choose another folder or allow overwriting; nothing was written.")
    written: list[Path] = []
    total = len(targets)
    for letter, fmt, path in targets:
        if cancel is not None and cancel():
            break
        written.append(_exporter(fmt)(letter, path, overwrite=overwrite))
        if progress is not None:
            progress(len(written), total, f"Wrote {path.name}")
    return written
