"""render_letter: agency + requester profile + options -> a Markdown Letter."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from foia_desk.drafting.catalogue import choose_template
from foia_desk.drafting.context import (
    addressee_for,
    build_context,
    make_subject,
    missing_field_keys,
    missing_fields,
)
from foia_desk.drafting.environment import render_template
from foia_desk.drafting.markdown import tidy
from foia_desk.drafting.notes import pre_send_notes
from foia_desk.drafting.options import DraftOptions, MissingFieldsError
from foia_desk.letter import Letter

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Directory
    from foia_desk.profiles import RequesterProfile


def check_missing(agency: Agency, profile: RequesterProfile,
                  options: DraftOptions) -> list[str]:
    """What a letter still needs, in words for the user (empty when ready); for the GUI."""
    return missing_fields(agency, profile, options)


def check_missing_keys(agency: Agency, profile: RequesterProfile,
                       options: DraftOptions) -> list[tuple[str, str]]:
    """``check_missing`` with a key per field (see ``context.missing_field_keys``), so the
    GUI can mark the field itself."""
    return missing_field_keys(agency, profile, options)


def render_letter(agency: Agency, profile: RequesterProfile, options: DraftOptions, *,
                  directory: Directory | None = None) -> Letter:
    """Draft one letter. Raises MissingFieldsError before rendering when fields are missing,
    and TemplateProblem (a UserError naming template and line) when a template fails."""
    options.validate()
    missing = missing_fields(agency, profile, options)
    if missing:
        raise MissingFieldsError(missing, agency_name=agency.name)
    if directory is None:
        from foia_desk.directory import load_directory

        directory = load_directory()  # a broken directory file is an error the user sees
    template_file = choose_template(options.kind, options.template)
    addressee = addressee_for(agency, options.kind, options.letter_date or date.today())
    subject = make_subject(agency, profile, options)
    context = build_context(agency, profile, options, addressee, subject, directory)
    markdown = tidy(render_template(template_file, context))
    notes = pre_send_notes(agency, profile, options.kind, addressee, context)
    letter_date: date = context["letter_date"]
    return Letter(
        markdown=markdown,
        subject=subject,
        agency_id=agency.id,
        agency_name=agency.name,
        kind=options.kind,
        template_name=template_file.removesuffix(".md.j2"),
        author=profile.name,
        from_email=profile.email,
        to_email=addressee.email,
        portal=addressee.portal,
        unverified_contacts=tuple(addressee.unverified),
        meta={"date": letter_date.isoformat(), "pre_send_notes": "\n".join(notes),
              "addressee": addressee.name},
    )
