"""build.spec keeps up with the code: modules imported by name at run time are listed as hidden
imports, and the bundled folders are listed as data.

PyInstaller only follows ``import`` statements, so a command or exporter added to one of the
name-based registries but not to build.spec works from source and fails only in the desktop
bundle (this happened: ``draft --out X.docx`` failed in the first frozen build). The build
itself takes minutes and is run by tools/build_and_smoke.py, never by the test suite.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"


def hidden_imports() -> set[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "hiddenimports" for t in node.targets)):
            return {element.value for element in node.value.elts}  # type: ignore[attr-defined]
    raise AssertionError("build.spec has no hiddenimports list")


def test_every_cli_command_module_is_a_hidden_import() -> None:
    from foia_desk.cli import COMMAND_MODULES

    missing = {f"foia_desk.commands.{name}" for name in COMMAND_MODULES} - hidden_imports()
    assert not missing, f"add to build.spec hiddenimports: {sorted(missing)}"


def test_every_letter_exporter_is_a_hidden_import() -> None:
    from foia_desk.export import FORMATS

    missing = {module for module, _function in FORMATS.values()} - hidden_imports()
    assert not missing, f"add to build.spec hiddenimports: {sorted(missing)}"


def test_hidden_imports_exist_and_each_is_explained() -> None:
    import importlib.util

    text = SPEC.read_text(encoding="utf-8")
    block = text[text.index("hiddenimports = ["):]
    block = block[:block.index("\n]")]
    assert block.count("#") >= 3, "each group of hidden imports needs a comment saying why"
    for name in hidden_imports():
        assert importlib.util.find_spec(name) is not None, f"{name} does not exist"


def test_bundled_folders_and_docx_defaults_are_data() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert re.search(r'\(str\(ROOT / "templates"\), "templates"\)', text)
    resources = ROOT / "resources"
    block = text[text.index("RESOURCES = ["):]
    listed = set(re.findall(r'^    "([^"]+)",', block[:block.index("\n]")], re.M))
    on_disk = {p.relative_to(resources).as_posix() for p in resources.rglob("*") if p.is_file()}
    assert on_disk <= listed, f"add to RESOURCES in build.spec: {sorted(on_disk - listed)}"
    assert 'collect_data_files("docx"' in text  # python-docx's default.docx and parts
    import docx

    assert (Path(docx.__file__).parent / "templates" / "default.docx").is_file()
    version = re.search(r'__version__ = "([^"]+)"',
                        (ROOT / "foia_desk" / "__init__.py").read_text(encoding="utf-8"))
    assert version and "read_version()" in text
