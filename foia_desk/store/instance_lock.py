"""An advisory "FOIA Desk is already open on this data folder" lock for the GUI.

The database itself is safe with several processes (WAL, busy timeout, short transactions);
this lock only lets the GUI warn before two windows edit the same tracker. It is an OS lock
(``fcntl.flock`` / ``msvcrt.locking``) on ``foia-desk.lock`` in the data folder, which the OS
releases when the process dies, so a crash never leaves a stale lock; the file holds the
owner's PID for the message. CLI commands do not take it.

The lock file is written in place (not via foia_desk.fileio) because the OS lock belongs to
the open file: replacing the file would drop the lock.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from foia_desk.errors import UserError

LOCK_FILENAME = "foia-desk.lock"


class AlreadyOpenError(UserError):
    """Another FOIA Desk process holds the data folder's instance lock."""

    def __init__(self, folder: Path, pid: int | None) -> None:
        who = f" (process {pid})" if pid else ""
        super().__init__(f"FOIA Desk is already open on this data folder{who}: {folder}.",
                         "Switch to the open window, or close it first. Two windows editing "
                         "the same tracker can confuse each other.")
        self.pid = pid


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def read_owner(folder: Path) -> int | None:
    """PID written in the lock file, if any (it may be stale if nobody holds the lock)."""
    try:
        text = (Path(folder) / LOCK_FILENAME).read_text(encoding="ascii").strip()
        return int(text.split()[0]) if text else None
    except (OSError, ValueError, IndexError):
        return None


class InstanceLock:
    """Hold with ``acquire()`` / ``release()`` or as a context manager."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from foia_desk.paths import data_dir

            folder = data_dir()
        self.folder = Path(folder)
        self.path = self.folder / LOCK_FILENAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        """Take the lock or raise :class:`AlreadyOpenError` naming the holder's PID."""
        if self._fd is not None:
            return self
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyOpenError(self.folder, read_owner(self.folder))
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        os.fsync(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
