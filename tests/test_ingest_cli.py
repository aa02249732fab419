"""`foia-desk ingest PATH [--json]`: prints the extractor's text; errors go to stderr."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

from foia_desk.cli import main
from tests.conftest import SEED_ARTICLE


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "foia_desk", "ingest", *args], input=stdin,
                          capture_output=True, check=False)


def test_prints_the_canonical_text(capsys, seed_text):
    assert main(["ingest", str(SEED_ARTICLE)]) == 0
    captured = capsys.readouterr()
    assert captured.out.rstrip("\n") == seed_text.rstrip("\n")
    assert captured.err == ""


def test_json_output_has_the_stable_keys(capsys, tmp_path):
    path = tmp_path / "story.txt"
    text = "Inspectors Join Task Force\nMay 2, 2025\n\nCaf\u00e9 text.\n"
    path.write_bytes(text.encode("cp1252"))
    assert main(["ingest", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"text", "title", "outlet", "date", "kind", "source_path", "warnings"}
    assert payload["text"] == text
    assert payload["title"] == "Inspectors Join Task Force"
    assert payload["date"] == "2025-05-02"
    assert payload["kind"] == "txt"
    assert payload["source_path"] == str(path)
    assert payload["outlet"] is None
    assert len(payload["warnings"]) == 1


def test_warnings_go_to_stderr_in_text_mode(capsys, tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\u00e9 \u201cquoted\u201d body text.\n".encode("cp1252"))
    assert main(["ingest", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Caf\u00e9 \u201cquoted\u201d body text.\n"
    assert captured.err.startswith("foia-desk: note: This file is not UTF-8")


def test_dash_reads_standard_input(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO("Line one\r\nLine two\r\n".encode("utf-16")))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["ingest", "-", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["text"] == "Line one\nLine two\n"
    assert payload["source_path"] is None


def test_user_errors_exit_2_without_traceback(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"not a word file")
    for args, message in (
        ([str(tmp_path / "missing.txt")], "There is no file at"),
        ([str(tmp_path)], "is a folder, not a file"),
        ([str(tmp_path / "bad.docx")], "is damaged or is not a Word document"),
    ):
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2
        assert err.startswith("foia-desk: ") and message in err
        assert "Traceback" not in err
        assert result.stdout == b""


def test_empty_stdin_is_refused():
    result = run_cli("-", stdin=b"")
    assert result.returncode == 2
    assert "Standard input is empty" in result.stderr.decode()


def test_pypdf_log_messages_stay_off_the_terminal(tmp_path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 760, "Postal inspectors joined the task force.")
    pdf.showPage()
    pdf.save()
    path = tmp_path / "sloppy.pdf"
    path.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n12", buffer.getvalue()))
    result = run_cli(str(path))
    assert result.returncode == 0
    assert b"Postal inspectors joined the task force." in result.stdout
    lines = result.stderr.decode().splitlines()
    assert lines and all(line.startswith("foia-desk: note: ") for line in lines), lines
