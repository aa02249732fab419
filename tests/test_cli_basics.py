"""The CLI skeleton: version, help, and user errors without tracebacks."""

from __future__ import annotations

import contextlib
import subprocess
import sys

from foia_desk import __version__
from foia_desk.cli import main


def test_version_flag_prints_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_subcommands(capsys):
    with contextlib.suppress(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("gui", "extract", "agencies", "draft", "due", "requests"):
        assert command in out


def test_user_error_goes_to_stderr_without_traceback():
    result = subprocess.run([sys.executable, "-m", "foia_desk", "ingest", "/no/such/file.txt"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("foia-desk:")
