"""Helpers for the fault tests: tiny or read-only file systems, and files that fill the disk.

Real file systems are used where the machine allows it (``mount -t tmpfs`` needs root, so
those tests skip elsewhere); a simulated full disk works everywhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def mounted_tmpfs(where: Path, *, size: str = "64k", read_only: bool = False) -> Iterator[Path]:
    """Mount a small tmpfs at ``where`` for the duration; skip the test when mounting fails."""
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root on Linux to mount a tmpfs")
    where.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                             str(where)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


class FillingFile:
    """A file object that raises ENOSPC once ``room`` bytes have been written to it."""

    def __init__(self, handle, room: int) -> None:
        self._handle = handle
        self._room = room

    def write(self, data) -> int:
        size = len(memoryview(data).cast("B"))
        if size > self._room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= size
        return self._handle.write(data)

    def __getattr__(self, name: str):
        return getattr(self._handle, name)

    def __enter__(self) -> FillingFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._handle.close()


def simulate_full_disk(monkeypatch: pytest.MonkeyPatch, room: int = 1000) -> None:
    """Every file foia_desk.fileio opens for writing fills up after ``room`` bytes."""
    from foia_desk import fileio

    real_fdopen = os.fdopen

    def filling_fdopen(fd: int, *args: object, **kwargs: object):
        return FillingFile(real_fdopen(fd, *args, **kwargs), room)

    monkeypatch.setattr(fileio.os, "fdopen", filling_fdopen)


def visible_files(folder: Path) -> list[Path]:
    """Files a user would see in a file manager (temp files start with a dot)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def opens_as_document(path: Path) -> bool:
    """True when ``path`` is a complete document of its kind (not half of one)."""
    try:
        if path.suffix == ".docx":
            from docx import Document

            Document(str(path))
        elif path.suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(str(path), strict=True)
            _ = [page.extract_text() for page in reader.pages]
        else:
            path.read_text(encoding="utf-8")
    except Exception:
        return False
    return True
