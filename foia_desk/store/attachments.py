"""Copying attachments (agency letters, released records) into the data folder.

The file is hashed, then copied atomically (temp file + rename, via foia_desk.fileio) to
``attachments/<request id>/<first 12 hex digits of sha256>-<name>``; the database keeps the
path relative to the attachments folder, so a moved data folder still finds its files.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from foia_desk import fileio
from foia_desk.errors import UserError

MAX_ATTACHMENT_BYTES = 2 * 1024**3
_CHUNK = 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def safe_name(name: str) -> str:
    """A file name safe on every platform, keeping the extension."""
    cleaned = _UNSAFE.sub("_", Path(name).name).strip(" .") or "attachment"
    stem, dot, ext = cleaned.rpartition(".")
    if dot and len(ext) <= 10:
        return stem[:100].rstrip(" .") + "." + ext
    return cleaned[:110]


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def copy_into(source: Path, root: Path, request_id: int) -> tuple[str, str, int, bool]:
    """Copy ``source`` under ``root``; return (relative path, sha256, size, newly copied)."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise UserError(f"There is no file {source} to attach.")
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise UserError(f"{source.name} is {size / 1024**3:.1f} GiB; attachments are "
                            f"limited to {MAX_ATTACHMENT_BYTES // 1024**3} GiB.")
        sha, size = sha256_of(source)
    except OSError as exc:
        raise UserError(f"Cannot read {source}: {exc.strerror or exc}.") from exc
    relative = Path(str(request_id)) / f"{sha[:12]}-{safe_name(source.name)}"
    target = root / relative
    if target.is_file() and sha256_of(target)[0] == sha:
        return relative.as_posix(), sha, size, False
    from foia_desk.paths import ensure_private_dir

    ensure_private_dir(target.parent)
    copied = hashlib.sha256()

    def stream(handle) -> None:
        with open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                copied.update(chunk)
                handle.write(chunk)
        if copied.hexdigest() != sha:
            raise UserError(f"{source.name} changed while it was being copied.",
                            "Try again once the file is no longer being written.")

    fileio.write_with(target, stream)
    return relative.as_posix(), sha, size, True
