"""The sandboxed Jinja2 environment and the translation of template errors into UserErrors.

User templates (in :func:`foia_desk.paths.user_templates_dir`) come first in a ChoiceLoader, so
a file there with the same name as a built-in template overrides it. Rendering happens in an
ImmutableSandboxedEnvironment with StrictUndefined; ``finalize`` escapes every interpolated
value as Markdown text (see foia_desk.drafting.markdown).
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foia_desk.errors import UserError

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE_SUFFIX = ".md.j2"
MAX_OUTPUT_CHARS = 2_000_000  # a runaway user template is stopped, not written out


class TemplateProblem(UserError):
    """A template could not be loaded or rendered (syntax error, sandbox refusal...)."""


def builtin_dir() -> Path:
    from foia_desk.paths import templates_dir

    return templates_dir()


def user_dir() -> Path:
    from foia_desk.paths import user_templates_dir

    return user_templates_dir()


def get_environment() -> Environment:
    """The environment for the current user-templates folder (cached per folder)."""
    return _environment(str(user_dir()), str(builtin_dir()))


@lru_cache(maxsize=8)
def _environment(user_path: str, builtin_path: str) -> Environment:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from foia_desk.drafting import markdown as md

    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(user_path), FileSystemLoader(builtin_path)]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=md.escape_value,
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.filters.update({
        "lines": md.lines_filter,
        "paragraphs": md.paragraphs_filter,
        "join_words": md.join_words,
        "long_date": md.long_date,
        "money": md.money,
        "md": md.md_escape,
    })
    env.globals.update({"br": md.MarkdownSafe(md.HARD_BREAK), "date_span": md.date_span})
    return env


def _template_location(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """Template name and line of the innermost template frame in ``exc``'s traceback."""
    lineno = getattr(exc, "lineno", None)
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    if lineno and name:
        return str(name), int(lineno)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(TEMPLATE_SUFFIX):
            return _short_name(frame.filename), frame.lineno
    return fallback, None


def _short_name(filename: str) -> str:
    path = Path(filename)
    for root in (Path(user_dir()), Path(builtin_dir())):
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    return path.name


def _origin(name: str) -> str:
    return "your template" if (user_dir() / name).is_file() else "built-in template"


def describe_template_error(exc: BaseException, template_name: str) -> TemplateProblem:
    """A plain-language UserError for any failure while loading or rendering a template."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    name, line = _template_location(exc, template_name)
    where = f"{_origin(name)} '{name}'" + (f", line {line}" if line else "")
    hint = f"Fix or remove it in {user_dir()}." if _origin(name) == "your template" else None
    if isinstance(exc, TemplateSyntaxError):
        return TemplateProblem(f"Syntax error in {where}: {exc.message}.", hint)
    if isinstance(exc, TemplateNotFound):
        return TemplateProblem(f"{where} includes a template that does not exist: "
                               f"'{exc.name}'. Templates can only include other templates.",
                               hint)
    if isinstance(exc, SecurityError):
        return TemplateProblem(f"{where} tried something templates are not allowed to do "
                               f"({str(exc).rstrip('.')}).", hint)
    if isinstance(exc, UndefinedError):
        return TemplateProblem(f"{where} uses a value that does not exist: {exc.message}.", hint)
    return TemplateProblem(f"{where} failed while drafting: {type(exc).__name__}: {exc}.", hint)


def render_template(name: str, context: dict[str, Any]) -> str:
    """Render ``name`` with ``context``; any template failure becomes a TemplateProblem."""
    from jinja2 import TemplateError

    env = get_environment()
    try:
        template = env.get_template(name)
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateProblem(f"Template '{name}' produced more than "
                                      f"{MAX_OUTPUT_CHARS:,} characters; stopped.")
            chunks.append(chunk)
    except TemplateProblem:
        raise
    except UserError:
        raise
    except (TemplateError, ArithmeticError, TypeError, ValueError, AttributeError,
            KeyError, IndexError, RecursionError, OverflowError) as exc:
        raise describe_template_error(exc, name) from None
    return "".join(chunks)
