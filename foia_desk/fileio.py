"""Atomic file writes: every file the app writes goes to a temp file, then replaces the target.

A crash, a kill -9 or a full disk therefore leaves either the old file or the new one,
never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from foia_desk.errors import UserError

OVERWRITE_HINT = ("Choose another name, or allow overwriting (on the command line: add "
                  "--force). Nothing was written.")


def _explain_os_error(path: Path, exc: OSError) -> UserError:
    if exc.errno == errno.ENOSPC:
        return UserError(f"The disk is full: could not write {path}.",
                         "Free some space or choose another folder; nothing was written.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"No permission to write {path}.",
                         "Choose a folder you can write to; nothing was written.")
    if exc.errno == errno.ENOENT:
        return UserError(f"The folder for {path} does not exist.")
    return UserError(f"Could not write {path}: {exc.strerror or exc}.")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], *, overwrite: bool = True,
                mode: int = 0o600) -> Iterator[BinaryIO]:
    """Open a temp file beside ``path`` for binary writing; move it into place on success.

    With ``overwrite=False`` an existing target raises UserError before anything is written.
    The file is created with permissions ``mode`` (user-only by default: requester data is
    personal data).
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise UserError(f"{target} already exists.", OVERWRITE_HINT)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                        dir=target.parent)
    except OSError as exc:
        raise _explain_os_error(target, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if not overwrite and target.exists():
            raise UserError(f"{target} already exists.", OVERWRITE_HINT)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _explain_os_error(target, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_open(path, overwrite=overwrite) as handle:
        handle.write(data)
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str, *, overwrite: bool = True) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically and return the path."""
    return write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def write_with(path: str | os.PathLike[str], writer: Callable[[BinaryIO], None], *,
               overwrite: bool = True) -> Path:
    """Let ``writer`` stream into a temp file, then move it into place."""
    with atomic_open(path, overwrite=overwrite) as handle:
        writer(handle)
    return Path(path)
