"""Where FOIA Desk finds its bundled files and keeps the user's data.

Bundled files (``templates/``, ``resources/``) are found in three layouts through one function,
:func:`bundled_dir`: inside an installed wheel (``foia_desk/_bundled/``), in the source tree
(the repository root, also used by editable installs), and in a PyInstaller bundle
(``sys._MEIPASS``).

User data lives in the platformdirs user data directory unless ``FOIA_DESK_HOME`` or the
CLI's ``--data-dir`` points elsewhere (tests, portable use). The folder is created readable
by the user only, because requester profiles and letters are personal data.
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "foia-desk"
ENV_HOME = "FOIA_DESK_HOME"
DB_FILENAME = "foia-desk.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent
_override: Path | None = None


@cache
def bundled_dir(name: str) -> Path:
    """Return the folder holding bundled ``name`` ("templates" or "resources")."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(_PACKAGE_DIR / "_bundled" / name)
    candidates.append(_PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"FOIA Desk cannot find its bundled '{name}' folder (looked in: "
        + ", ".join(str(c) for c in candidates) + "). The installation is incomplete."
    )


def resource_path(*parts: str) -> Path:
    """Path of a file under the bundled ``resources/`` folder."""
    return bundled_dir("resources").joinpath(*parts)


def templates_dir() -> Path:
    """The bundled Jinja2 templates folder."""
    return bundled_dir("templates")


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Point all user data at ``path`` (the CLI's --data-dir); ``None`` clears the override."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir(create: bool = True) -> Path:
    """The user data folder: --data-dir, else $FOIA_DESK_HOME, else the platform's data dir."""
    if _override is not None:
        path = _override
    elif os.environ.get(ENV_HOME):
        path = Path(os.environ[ENV_HOME]).expanduser().resolve()
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False)
    if create:
        ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, readable and writable by the user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    return path


def database_path() -> Path:
    """The tracker's SQLite file."""
    return data_dir() / DB_FILENAME


def user_templates_dir() -> Path:
    """Where users add their own templates or override the built-in ones."""
    return ensure_private_dir(data_dir() / "templates")


def profiles_dir() -> Path:
    """Requester profiles saved as TOML files."""
    return ensure_private_dir(data_dir() / "profiles")


def attachments_dir() -> Path:
    """Attachments copied into the data folder."""
    return ensure_private_dir(data_dir() / "attachments")


def backups_dir() -> Path:
    """Automatic and manual database backups."""
    return ensure_private_dir(data_dir() / "backups")


def location_pointer() -> Path:
    """The file remembering a data folder chosen in Settings (read at start-up)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "data-folder.txt"


def apply_chosen_data_folder() -> None:
    """Use the data folder picked in Settings unless --data-dir or FOIA_DESK_HOME decide."""
    if _override is not None or os.environ.get(ENV_HOME):
        return
    try:
        chosen = location_pointer().read_text(encoding="utf-8").strip()
    except OSError:
        return
    if chosen:
        set_data_dir(chosen)
