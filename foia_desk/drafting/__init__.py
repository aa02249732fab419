"""Drafting: turn an agency, a requester profile and options into a Markdown Letter.

Public API (stable): ``render_letter``, ``check_missing`` (``check_missing_keys``),
``DraftOptions``, ``RecordItem``, ``MissingFieldsError``, ``list_templates``,
``TemplateInfo``, ``TemplateProblem``, ``KINDS``.
Templates render in a sandbox; see foia_desk.drafting.environment and .markdown.
"""

from foia_desk.drafting.catalogue import TemplateInfo, list_templates
from foia_desk.drafting.environment import TemplateProblem
from foia_desk.drafting.options import (
    EXPEDITE_BASES,
    FORMATS,
    KIND_LABELS,
    KINDS,
    DraftOptions,
    MissingFieldsError,
    RecordItem,
)
from foia_desk.drafting.render import check_missing, check_missing_keys, render_letter

__all__ = [
    "EXPEDITE_BASES", "FORMATS", "KINDS", "KIND_LABELS", "DraftOptions", "MissingFieldsError",
    "RecordItem", "TemplateInfo", "TemplateProblem", "check_missing", "check_missing_keys",
    "list_templates", "render_letter",
]
