"""Privacy: the main flows never open a network connection, and every file and folder they
create in the data folder is readable by the user only.

The flows run in-process through the real CLI entry point (``foia_desk.cli.main``) and the
public APIs, with every way Python opens a connection or resolves a name replaced by a
function that records the attempt and raises.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
from pathlib import Path

import pytest

from foia_desk import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "uspis-joins-dhs-immigration-crackdown.txt"

PROFILE_TOML = """\
name = "Jane Q. Reporter"
organization = "Example News"
address = "1 Main Street\\nSpringfield, IL 62701"
email = "jane@example.org"
phone = "555-0100"
requester_category = "news_media"
outlet = "Example News"
"""


class NetworkAttempt(AssertionError):
    """Raised by the patched socket functions: the app tried to use the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every outbound connection and name lookup fail loudly; return the attempts."""
    attempts: list[str] = []

    def refuse(name: str):
        def refused(*args: object, **kwargs: object):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkAttempt(f"network access attempted: {name}")
        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def test_the_guard_itself_catches_a_connection(no_network: list[str]) -> None:
    """Without this the other test could pass only because the guard is broken."""
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.org", 80), timeout=0.1)
    with socket.socket() as sock, pytest.raises(NetworkAttempt):
        sock.connect(("192.0.2.1", 80))
    assert len(no_network) == 2


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, f"foia-desk {' '.join(args)} failed ({code}): {err}"
    return out


def run_main_flows(home: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Article in, letters out in every format, a tracked request with events, exports."""
    profile = home.parent / f"{home.name}-profile.toml"
    profile.write_text(PROFILE_TOML, encoding="utf-8")
    run_cli("ingest", "--json", str(SEED), capsys=capsys)
    run_cli("extract", "--json", str(SEED), capsys=capsys)
    run_cli("profiles", "add", "--from", str(profile), capsys=capsys)
    for suffix in ("md", "txt", "docx", "pdf", "eml"):
        run_cli("draft", "--article", str(SEED), "--agency", "uspis", "--agency", "ice",
                "--out", str(out), "--format", suffix, capsys=capsys)

    from foia_desk.directory import load_directory
    from foia_desk.drafting import DraftOptions, RecordItem, render_letter
    from foia_desk.export import export_batch
    from foia_desk.profiles import find_profile

    agency = load_directory().get("uspis")
    letter = render_letter(agency, find_profile("Jane Q. Reporter")[1],
                           DraftOptions(records=[RecordItem("Mail cover records, 2024")]))
    export_batch([letter, letter], out / "batch", formats=("docx", "pdf", "eml", "md", "txt"))

    added = run_cli("requests", "add", "--agency", "uspis", "--subject", "Mail covers",
                    "--submitted", "2025-03-03", "--json", capsys=capsys)
    request_id = str(json.loads(added)["id"])
    run_cli("requests", "event", request_id, "--kind", "acknowledged", "--date", "2025-03-05",
            "--tracking-number", "2025-FOIA-1", capsys=capsys)
    run_cli("requests", "list", "--json", capsys=capsys)
    run_cli("requests", "show", request_id, capsys=capsys)
    run_cli("due", "--received", "2025-03-03", "--json", capsys=capsys)
    run_cli("export", "ics", str(out / "deadlines.ics"), capsys=capsys)
    run_cli("export", "csv", str(out / "tracker.csv"), capsys=capsys)
    run_cli("backup", capsys=capsys)


def test_main_flows_open_no_socket(no_network: list[str], isolated_data_dir: Path,
                                   tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_main_flows(isolated_data_dir, tmp_path / "out", capsys)
    assert no_network == []
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert any(name.endswith(".pdf") for name in written), written
    assert "deadlines.ics" in written and "tracker.csv" in written


def private_mode_problems(root: Path, *, files_only: bool = False) -> list[str]:
    problems = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink() or (files_only and path.is_dir()):
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode & 0o077:
            problems.append(f"{path.relative_to(root.parent)}: {oct(mode)} (want {oct(wanted)})")
    return problems


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_data_folder_and_outputs_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "fresh-home"  # does not exist yet: the app must create it privately
    monkeypatch.setenv("FOIA_DESK_HOME", str(home))
    old_umask = os.umask(0o022)  # a typical desktop umask; the app must not rely on a stricter one
    try:
        run_main_flows(home, tmp_path / "out", capsys)
    finally:
        os.umask(old_umask)
    assert home.is_dir()
    assert private_mode_problems(home) == []
    # Letters exported to a folder the user chose are private files too (the folder is theirs).
    assert private_mode_problems(tmp_path / "out", files_only=True) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_attachment_copied_into_tracker_is_private(isolated_data_dir: Path,
                                                   tmp_path: Path) -> None:
    from foia_desk.store import open_store

    source = tmp_path / "agency-letter.txt"
    source.write_text("Acknowledgement", encoding="utf-8")
    source.chmod(0o644)
    with open_store() as store:
        request = store.add_request("uspis", "Mail covers")
        store.attach_file(request.id, source)
    assert private_mode_problems(isolated_data_dir) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_window_start_leaves_only_private_files(tmp_path: Path) -> None:
    """Open the window on the seed article and quit, in a fresh data folder. (gui.ini, which
    QSettings writes rather than foia_desk.fileio, used to get the umask's mode, 0644.)"""
    import subprocess

    home = tmp_path / "gui-home"
    env = dict(os.environ, FOIA_DESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    old_umask = os.umask(0o022)
    try:
        result = subprocess.run([sys.executable, "-m", "foia_desk", "gui", "--open", str(SEED),
                                 "--quit-after-load"], env=env, capture_output=True, text=True,
                                timeout=120)
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    assert private_mode_problems(home) == []


NETWORK_MODULES = ("socket", "ssl", "urllib", "http", "ftplib", "smtplib", "imaplib", "poplib",
                   "xmlrpc", "asyncio", "requests", "httpx", "aiohttp", "websocket",
                   "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebSockets")


def test_no_module_of_the_app_imports_a_network_library() -> None:
    """The runtime guard above covers the flows it runs; this covers every module, the GUI
    included (Qt's own networking would bypass Python's socket module)."""
    import ast

    offenders = []
    for path in sorted((ROOT / "foia_desk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                if any(name == bad or name.startswith(bad + ".") for bad in NETWORK_MODULES):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert offenders == []
