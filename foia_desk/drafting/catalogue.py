"""Which letter templates exist (built-in and the user's own) and which one a letter uses.

A letter template is a top-level ``NAME.md.j2`` file whose first lines are a Jinja comment:

    {#- kind: foia
        description: One line saying what the template is for. -#}

Files under ``parts/`` are building blocks that letter templates include; a user file with
the same relative path overrides the built-in part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from foia_desk.drafting.environment import TEMPLATE_SUFFIX, TemplateProblem, builtin_dir, user_dir
from foia_desk.drafting.options import KINDS

_HEADER = re.compile(r"\A\s*\{#-?(?P<body>.*?)-?#\}", re.DOTALL)
_FIELD = re.compile(r"^\s*(kind|description)\s*:\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class TemplateInfo:
    """One template as ``foia-desk templates`` and the GUI list it."""

    name: str  # e.g. "foia" (file foia.md.j2) or "parts/fees"
    kind: str  # foia | privacy-act | follow-up | appeal | mediation | part | "" (undeclared)
    source: str  # "built-in" | "user" | "user (overrides built-in)"
    path: Path
    description: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind, "source": self.source,
                "path": str(self.path), "description": self.description}


def read_header(path: Path) -> tuple[str, str]:
    """(kind, description) from a template's header comment; blanks when absent."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return "", ""
    match = _HEADER.match(head)
    if not match:
        return "", ""
    found = {k: v for k, v in _FIELD.findall(match.group("body"))}
    return found.get("kind", ""), found.get("description", "")


def _template_files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(root.rglob(f"*{TEMPLATE_SUFFIX}")):
        relative = path.relative_to(root).as_posix()
        found[relative[: -len(TEMPLATE_SUFFIX)]] = path
    return found


def list_templates(*, include_parts: bool = False) -> list[TemplateInfo]:
    """Letter templates, built-in and user; user parts that override built-ins are listed too."""
    builtin = _template_files(builtin_dir())
    user = _template_files(user_dir())
    infos: list[TemplateInfo] = []
    for name in sorted(set(builtin) | set(user)):
        is_part = "/" in name
        if is_part and not include_parts and name not in user:
            continue
        path = user.get(name) or builtin[name]
        if name in user:
            source = "user (overrides built-in)" if name in builtin else "user"
        else:
            source = "built-in"
        kind, description = read_header(path)
        if is_part:
            kind = "part"
        infos.append(TemplateInfo(name=name, kind=kind, source=source, path=path,
                                  description=description))
    return infos


def template_file_name(name: str) -> str:
    """``foia`` or ``foia.md.j2`` -> ``foia.md.j2``; refuses paths outside the folders."""
    clean = name.strip().replace("\\", "/")
    if clean.endswith(TEMPLATE_SUFFIX):
        clean = clean[: -len(TEMPLATE_SUFFIX)]
    if not clean or clean.startswith("/") or ".." in clean.split("/"):
        raise TemplateProblem(f"{name!r} is not a template name.",
                              "Run 'foia-desk templates' to see the available templates.")
    return clean + TEMPLATE_SUFFIX


def choose_template(kind: str, override: str | None) -> str:
    """The template file for a letter of ``kind``, honouring a named override."""
    if not override:
        return f"{kind}{TEMPLATE_SUFFIX}"
    file_name = template_file_name(override)
    stem = file_name[: -len(TEMPLATE_SUFFIX)]
    available = {info.name: info for info in list_templates()}
    info = available.get(stem)
    if info is None:
        raise TemplateProblem(f"No template named {override!r}.",
                              "Run 'foia-desk templates' to see the available templates.")
    if info.kind and info.kind in KINDS and info.kind != kind:
        raise TemplateProblem(f"Template {stem!r} is for {info.kind} letters, not {kind}.",
                              f"Choose a {kind} template or change the letter kind.")
    return file_name
