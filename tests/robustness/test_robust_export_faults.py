"""Exports under faults: kill -9 mid-batch, a full disk, a read-only destination.

What a user relies on: every file under a letter's final name is a whole document that
opens; a failure says plainly what went wrong ("disk is full", "no permission"); nothing
half-written is left where it could be mistaken for a letter.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults import (
    mounted_tmpfs,
    opens_as_document,
    simulate_full_disk,
    visible_files,
)
from test_export_samples import make_letter

from foia_desk.errors import UserError
from foia_desk.export import export_batch, export_docx, export_letter, export_pdf

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent

BATCH_CHILD = """
import sys
sys.path[:0] = [{root!r}, {tests!r}]
from test_export_samples import make_letter
from foia_desk.export import export_batch

letters = [make_letter() for _ in range({count})]

def progress(done, total, message):
    print(done, flush=True)

export_batch(letters, {out!r}, formats=("docx", "pdf", "eml"), progress=progress)
print("finished", flush=True)
"""


def kill_batch_after(out: Path, files_before_kill: int, extra_delay: float) -> int:
    """Start a batch export in a child process, SIGKILL it mid-way; return files reported."""
    code = BATCH_CHILD.format(root=str(ROOT), tests=str(TESTS), count=30, out=str(out))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    reported = 0
    try:
        for line in child.stdout:
            if line.strip() == "finished":
                pytest.fail("the batch finished before it could be killed; make it longer")
            reported = int(line)
            if reported >= files_before_kill:
                time.sleep(extra_delay)  # land somewhere inside the next file's write
                break
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return reported


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("files_before_kill, extra_delay", [(3, 0.0), (7, 0.004), (11, 0.02)])
def test_kill_during_batch_export_leaves_only_whole_files(tmp_path: Path, files_before_kill: int,
                                                          extra_delay: float) -> None:
    out = tmp_path / "letters"
    reported = kill_batch_after(out, files_before_kill, extra_delay)
    finished = visible_files(out)
    assert len(finished) >= reported  # every file reported done is there
    assert len(finished) < 90  # and the batch really was cut short
    for path in finished:
        assert not path.name.endswith(".part"), path.name
        assert opens_as_document(path), f"{path.name} is not a whole document"
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert all(name.endswith(".part") for name in leftovers), leftovers  # hidden temp files only
    assert len(leftovers) <= 1  # at most the one file being written at the kill


def test_batch_export_again_after_a_kill_refuses_then_overwrites(tmp_path: Path) -> None:
    """After a crash the user re-runs the batch: the finished files are reported as existing
    (nothing silently overwritten), and with overwrite allowed the batch completes."""
    out = tmp_path / "letters"
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX")
    kill_batch_after(out, 4, 0.0)
    letters = [make_letter() for _ in range(30)]
    with pytest.raises(UserError, match="already exist"):
        export_batch(letters, out, formats=("docx", "pdf", "eml"))
    written = export_batch(letters, out, formats=("docx", "pdf", "eml"), overwrite=True)
    assert len(written) == 90 and all(opens_as_document(p) for p in written)


@pytest.mark.parametrize("exporter, suffix", [(export_docx, ".docx"), (export_pdf, ".pdf")])
def test_full_disk_gives_clear_error_and_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 exporter, suffix: str) -> None:
    simulate_full_disk(monkeypatch, room=2000)
    target = tmp_path / f"letter{suffix}"
    with pytest.raises(UserError, match="disk is full") as info:
        exporter(make_letter(), target)
    assert "nothing was written" in str(info.value)
    assert list(tmp_path.iterdir()) == []  # no target, no temp file


def test_full_disk_does_not_damage_the_previous_version(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = export_docx(make_letter(), tmp_path / "letter.docx")
    before = target.read_bytes()
    simulate_full_disk(monkeypatch, room=100)
    with pytest.raises(UserError, match="disk is full"):
        export_docx(make_letter(), target, overwrite=True)
    assert target.read_bytes() == before
    assert visible_files(tmp_path) == [target] and len(list(tmp_path.iterdir())) == 1


def test_real_full_tmpfs_during_batch(tmp_path: Path) -> None:
    """On a real 300 KiB file system the batch stops with a clear error; what was written
    before the disk filled is whole, and no partial file remains."""
    with mounted_tmpfs(tmp_path / "tiny", size="300k") as tiny:
        letters = [make_letter() for _ in range(10)]
        with pytest.raises(UserError, match="disk is full"):
            export_batch(letters, tiny, formats=("pdf", "docx"))
        remaining = list(tiny.iterdir())
        assert remaining, "expected some letters to fit before the disk filled"
        assert all(not p.name.startswith(".") for p in remaining), remaining
        assert all(opens_as_document(p) for p in remaining)


def test_read_only_destination_gives_clear_error(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path / "ro", read_only=True) as read_only:
        for suffix in (".docx", ".pdf", ".eml", ".txt"):
            with pytest.raises(UserError, match="No permission to write") as info:
                export_letter(make_letter(), read_only / f"letter{suffix}")
            assert "nothing was written" in str(info.value)
        with pytest.raises(UserError):
            export_batch([make_letter()], read_only / "sub")
        assert list(read_only.iterdir()) == []


def test_permission_denied_destination_is_explained(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Also without root: the temp file cannot be created (as in a folder the user may not
    write to, which root itself could write to, so this one is simulated)."""
    import errno
    import tempfile

    def denied(*args: object, **kwargs: object):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(UserError, match="No permission to write"):
        export_pdf(make_letter(), tmp_path / "letter.pdf")
    assert list(tmp_path.iterdir()) == []
