"""Bad inputs: every refusal is an IngestError (a UserError) with a specific message and a hint."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from foia_desk.errors import UserError
from foia_desk.ingest import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    IngestError,
    ingest_bytes,
    ingest_path,
    ingest_text,
)


def refusal(call, *args) -> IngestError:
    with pytest.raises(IngestError) as info:
        call(*args)
    assert isinstance(info.value, UserError)
    assert info.value.hint, "every refusal tells the user what to do next"
    return info.value


def test_missing_file(tmp_path):
    error = refusal(ingest_path, tmp_path / "nope.txt")
    assert str(error).startswith(f"There is no file at {tmp_path / 'nope.txt'}.")


def test_missing_parent_folder_and_file_as_folder(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    assert "There is no file" in str(refusal(ingest_path, tmp_path / "a.txt" / "b.txt"))


def test_directory(tmp_path):
    assert "is a folder, not a file" in str(refusal(ingest_path, tmp_path))


def test_empty_path():
    assert "No file was given" in str(refusal(ingest_path, ""))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert "not a regular file" in str(refusal(ingest_path, pipe))


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode("utf-8-sig"),
                                     "  \n".encode("utf-16")])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    message = str(refusal(ingest_path, path))
    assert "blank.txt" in message and ("is empty" in message or "contains no text" in message)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="file permissions do not stop this user")
def test_unreadable_file_real_permissions(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    try:
        assert "do not have permission to read" in str(refusal(ingest_path, path))
    finally:
        path.chmod(0o600)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("text")

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    assert "do not have permission to read" in str(refusal(ingest_path, path))


def test_read_failure_from_disk(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text("text")

    def broken(self, *args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", broken)
    assert "Input/output error" in str(refusal(ingest_path, path))


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk use
    message = str(refusal(ingest_path, path))
    assert "up to 25 MB" in message and "huge.txt" in message


def test_bytes_over_the_size_limit():
    assert "up to 25 MB" in str(refusal(ingest_bytes, b"a" * (MAX_FILE_BYTES + 1), "big.txt"))


def test_text_over_the_character_limit(monkeypatch):
    from foia_desk.ingest import model

    monkeypatch.setattr(model, "MAX_TEXT_CHARS", 100)
    message = str(refusal(ingest_text, "word " * 30))
    assert "150 characters" in message and "limit of 100 characters" in message
    assert MAX_TEXT_CHARS == 10_000_000


@pytest.mark.parametrize("data, expected", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "is an image"),
    (b"\xff\xd8\xff\xe0" + bytes(range(256)), "is an image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "old-style Microsoft Office"),
    (b"{\\rtf1\\ansi Hello}", "Rich Text"),
    (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4, "looks like a binary file, not text"),
    (bytes(range(256)) * 8, "looks like a binary file, not text"),
    (b"PK\x03\x04" + b"\x00" * 100, "damaged ZIP archive"),
])
def test_binary_renamed_txt(data, expected):
    assert expected in str(refusal(ingest_bytes, data, "renamed.txt"))


def test_invalid_utf16_after_bom():
    data = b"\xff\xfe" + "Hello there".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    assert "not valid UTF-16" in str(refusal(ingest_bytes, data, "u.txt"))


def test_a_few_stray_control_characters_are_tolerated():
    text = "Headline\n\nBody with a stray \x0c form feed and a \x1b escape.\n" * 3
    assert ingest_bytes(text.encode(), "ok.txt").text == text
