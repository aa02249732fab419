"""export_letter / export_batch: format choice, atomic writes, failures that lose nothing."""

from __future__ import annotations

import errno
import os
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_samples import hostile_letter, make_letter, md_escape

from foia_desk import fileio
from foia_desk.errors import UserError
from foia_desk.export import FORMATS, export_batch, export_letter

ALL_FORMATS = tuple(FORMATS)


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_export_letter_picks_the_format_from_the_extension(tmp_path: Path, fmt: str) -> None:
    path = export_letter(make_letter(), tmp_path / f"letter.{fmt.upper()}")
    data = path.read_bytes()
    signatures = {"docx": b"PK", "pdf": b"%PDF", "eml": b"To: ", "md": b"Ana", "txt": b"Ana"}
    assert data.startswith(signatures[fmt])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left


def test_unknown_extension_lists_supported_formats(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        export_letter(make_letter(), tmp_path / "letter.odt")
    assert ".docx" in str(caught.value) and ".pdf" in str(caught.value)
    assert ".eml" in str(caught.value) and ".odt" in str(caught.value)
    with pytest.raises(UserError, match="no extension"):
        export_letter(make_letter(), tmp_path / "letter")


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_existing_file_is_not_overwritten_unless_asked(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"letter.{fmt}"
    target.write_bytes(b"precious")
    with pytest.raises(UserError, match="already exists"):
        export_letter(make_letter(), target)
    assert target.read_bytes() == b"precious"
    export_letter(make_letter(), target, overwrite=True)
    assert target.read_bytes() != b"precious"


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_full_disk_gives_a_clear_error_and_no_partial_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(UserError, match="disk is full"):
        export_letter(make_letter(), tmp_path / f"letter.{fmt}")
    assert list(tmp_path.iterdir()) == []


def test_read_only_folder_gives_a_clear_error(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.geteuid() == 0:  # root ignores permissions: simulate what the OS would say
            def refuse(*args: object, **kwargs: object):
                raise PermissionError(errno.EACCES, "Permission denied")
            monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
        with pytest.raises(UserError, match="No permission to write"):
            export_letter(make_letter(), folder / "letter.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_batch_writes_every_letter_in_every_format_with_progress(tmp_path: Path) -> None:
    letters = [make_letter(agency_id="uspis"), make_letter(agency_id="ice"),
               make_letter(agency_id="uspis")]
    calls: list[tuple[int, int, str]] = []
    written = export_batch(letters, tmp_path / "out", ("docx", "pdf"),
                           progress=lambda done, total, msg: calls.append((done, total, msg)))
    assert [p.name for p in written] == [
        "foia-uspis-2025-05-02.docx", "foia-uspis-2025-05-02.pdf",
        "foia-ice-2025-05-02.docx", "foia-ice-2025-05-02.pdf",
        "foia-uspis-2025-05-02-2.docx", "foia-uspis-2025-05-02-2.pdf"]
    assert all(p.exists() for p in written)
    assert [(done, total) for done, total, _ in calls] == [(i, 6) for i in range(1, 7)]
    assert calls[0][2] == "Wrote foia-uspis-2025-05-02.docx"


def test_batch_cancel_stops_between_files_and_keeps_finished_ones(tmp_path: Path) -> None:
    letters = [make_letter(agency_id=f"agency{i}") for i in range(4)]
    done_count = []
    written = export_batch(letters, tmp_path, ("txt", "pdf"),
                           progress=lambda done, total, msg: done_count.append(done),
                           cancel=lambda: len(done_count) >= 3)
    assert len(written) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_batch_refuses_clashes_before_writing_anything(tmp_path: Path) -> None:
    (tmp_path / "foia-ice-2025-05-02.pdf").write_bytes(b"old")
    letters = [make_letter(agency_id="uspis"), make_letter(agency_id="ice")]
    with pytest.raises(UserError, match="already exist"):
        export_batch(letters, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["foia-ice-2025-05-02.pdf"]
    with pytest.raises(UserError, match="cannot export"):
        export_batch(letters, tmp_path, ("docx", "rtf"))
    assert len(export_batch(letters, tmp_path, overwrite=True)) == 4


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_hostile_letter_exports_everywhere(tmp_path: Path, fmt: str) -> None:
    path = export_letter(hostile_letter(), tmp_path / f"h.{fmt}")
    assert path.stat().st_size > 0


def letter_with_paragraph(text: str):
    """The text as a body paragraph, and also as subject and author (metadata, headers)."""
    return make_letter(f"Dear Officer:\n\n{md_escape(text)}\n\nSincerely,\n\nAna\n",
                       subject=text, author=text[:60])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_any_unicode_paragraph_exports_to_every_format(text: str) -> None:
    import docx

    from foia_desk.export.blocks import sanitize

    letter = letter_with_paragraph(text)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("docx", "pdf", "eml", "txt"):
            export_letter(letter, Path(folder) / f"l.{fmt}")
        document = docx.Document(str(Path(folder) / "l.docx"))
        written = "".join("".join(p.text.split()) for p in document.paragraphs)
        expected = "".join(sanitize(text).split())
        assert "DearOfficer:" + expected + "Sincerely," in written


def test_property_escaper_covers_markdown_punctuation() -> None:
    assert md_escape(string.punctuation).count("\\") == len(string.punctuation) + 1


MARKDOWN_CHARS = st.sampled_from(list("ab 王й\n\\*_#>-1.`<&[]()!|~\t"))
MARKDOWNISH = st.text(alphabet=MARKDOWN_CHARS | st.characters(), max_size=200)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_any_markdown_source_exports_without_error(source: str) -> None:
    letter = make_letter(source)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ALL_FORMATS:
            assert export_letter(letter, Path(folder) / f"l.{fmt}").stat().st_size > 0


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        export_letter(make_letter(), tmp_path / "nowhere" / "letter.pdf")


def test_batch_cancelled_before_the_first_file_writes_nothing(tmp_path: Path) -> None:
    assert export_batch([make_letter()], tmp_path, ("pdf",), cancel=lambda: True) == []
    assert list(tmp_path.iterdir()) == []


def test_importing_the_exporters_loads_no_heavy_library() -> None:
    import subprocess
    import sys

    code = ("import sys, foia_desk.export, foia_desk.export.docx, foia_desk.export.pdf, "
            "foia_desk.export.email, foia_desk.export.text, foia_desk.export.blocks; "
            "heavy = [m for m in ('docx', 'reportlab', 'markdown_it', 'pypdf') "
            "if m in sys.modules]; print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_very_long_or_unprintable_metadata_is_tidied(tmp_path: Path, fmt: str) -> None:
    letter = make_letter(subject="Records " * 60 + "\x01\x0b", author="Ana\x00 Nguyễn " * 40)
    assert export_letter(letter, tmp_path / f"l.{fmt}").stat().st_size > 0
