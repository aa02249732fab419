"""The template context: plain dicts and lists built from agency, profile and options.

Prose lives in the templates; this module only gathers facts, works out derived ones (subject,
appeal timeliness, whether the records concern mail covers) and lists missing fields.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from foia_desk.drafting.contacts import (
    OGIS_ADDRESS,
    OGIS_EMAIL,
    OGIS_NAME,
    OGIS_PHONE,
    Addressee,
    appeal_addressee,
    foia_addressee,
    ogis_addressee,
)
from foia_desk.drafting.options import DraftOptions, RecordItem

if TYPE_CHECKING:
    from foia_desk.directory import Agency, Directory
    from foia_desk.profiles import RequesterProfile

SUBJECT_TOPIC_MAX = 110
SUBJECT_TOPIC_MIN = 25


def addressee_for(agency: Agency, kind: str, today: date | None = None) -> Addressee:
    if kind == "appeal":
        return appeal_addressee(agency, today)
    if kind == "mediation":
        return ogis_addressee()
    return foia_addressee(agency, today)


def short_name(agency: Agency) -> str:
    return agency.acronyms[0] if agency.acronyms else agency.name


def _topic_phrase(options: DraftOptions, profile: RequesterProfile) -> str:
    if options.subject_hint.strip():
        return " ".join(options.subject_hint.split())
    texts = [" ".join(r.text.split()) for r in options.records if r.text.strip()]
    if not texts:
        return f"records about {profile.name}" if options.kind == "privacy-act" else "records"
    topic = texts[0]
    cuts = [i for i in (topic.find(m) for m in (",", ";", " (", " including ", " such as "))
            if i >= SUBJECT_TOPIC_MIN]
    if cuts:  # keep the head of the description, not a sentence chopped mid-phrase
        topic = topic[:min(cuts)]
    if len(topic) > SUBJECT_TOPIC_MAX:
        topic = topic[:SUBJECT_TOPIC_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    first = topic.split(" ", 1)[0].casefold()
    if first in {"records", "all", "any", "documents", "copies", "communications"}:
        return topic[0].lower() + topic[1:]
    if len(topic) > 1 and topic[0].isupper() and topic[1].islower() and first in {
            "the", "a", "an"}:
        topic = topic[0].lower() + topic[1:]
    return f"records about {topic}"


def make_subject(agency: Agency, profile: RequesterProfile, options: DraftOptions) -> str:
    tracking = options.tracking_number.strip()
    kind = options.kind
    if kind == "foia":
        return f"Freedom of Information Act Request: {_topic_phrase(options, profile)}"
    if kind == "privacy-act":
        return ("Privacy Act and Freedom of Information Act Request: "
                f"{_topic_phrase(options, profile)}")
    if kind == "follow-up":
        return f"Status inquiry: Freedom of Information Act request {tracking}".rstrip()
    if kind == "appeal":
        return f"Freedom of Information Act Appeal: request {tracking}".rstrip()
    return f"Request for OGIS mediation: FOIA request {tracking} to {short_name(agency)}"


def _record(item: RecordItem) -> dict[str, Any]:
    # An item's own dates only; the overall range is stated once above the list.
    return {"text": " ".join(item.text.split()), "start": item.date_start, "end": item.date_end}


def appeal_deadline(agency: Agency, determination: date | None) -> date | None:
    """Last day to appeal under the agency's rule (never below 90 days), when computable."""
    if determination is None:
        return None
    days = agency.appeal.effective_days
    if agency.appeal.window_unit == "calendar":
        return determination + timedelta(days=days)
    from foia_desk.calendar import CalendarRangeError, FederalCalendar

    try:
        return FederalCalendar().add_working_days(determination, days)
    except CalendarRangeError:  # outside the years the calendar knows: give no date
        return None


_NO_ARTICLE_ENDINGS = ("Enforcement", "Protection", "Services")


def with_article(name: str) -> str:
    """"the Drug Enforcement Administration", "the U.S. Postal Inspection Service", but
    "U.S. Immigration and Customs Enforcement" (names ending in a mass noun take no article)."""
    if name.startswith(("The ", "the ")) or name.endswith(_NO_ARTICLE_ENDINGS):
        return name
    return f"the {name}"


def mentions(records: list[RecordItem], *phrases: str) -> bool:
    hay = " ".join(r.text.casefold() for r in records)
    return any(p in hay for p in phrases)


def requester_context(profile: RequesterProfile, fee_limit: Decimal) -> dict[str, Any]:
    contact = [x for x in (profile.email, profile.phone) if x.strip()]
    block = [profile.name, profile.organization, *profile.address_lines, *contact]
    return {
        "name": profile.name, "organization": profile.organization,
        "address": profile.address_lines, "email": profile.email, "phone": profile.phone,
        "block": [line for line in block if line.strip()],
        "category": profile.requester_category, "category_label": profile.category_label,
        "category_reason": profile.category_reason, "outlet": profile.outlet,
        "assignment": profile.assignment, "publications": list(profile.publications),
        "fee_limit": fee_limit,
    }


def representative_context(profile: RequesterProfile) -> dict[str, Any] | None:
    rep = profile.representative
    if rep is None:
        return None
    lines = [line.strip() for line in rep.address.splitlines() if line.strip()]
    return {"name": rep.name, "organization": rep.organization, "address": lines,
            "email": rep.email, "phone": rep.phone, "role": rep.role,
            "consent": rep.consent_to_release,
            "block": [x for x in (rep.name, rep.organization, *lines, rep.email, rep.phone)
                      if x.strip()]}


def agency_context(agency: Agency, directory: Directory | None) -> dict[str, Any]:
    parent = None
    if directory is not None and agency.parent:
        parent = directory.agencies.get(agency.parent)
    return {
        "id": agency.id, "name": agency.name, "short": short_name(agency),
        "the_name": with_article(agency.name),
        "family": agency.family, "regulation": agency.regulation,
        "privacy_regulation": agency.privacy_regulation or agency.regulation,
        "parent_name": parent.name if parent else "", "is_component": agency.parent is not None,
        "appeal_window_days": agency.appeal.effective_days,
        "appeal_window_unit": agency.appeal.window_unit, "appeal_rule": agency.appeal.rule,
    }


def build_context(agency: Agency, profile: RequesterProfile, options: DraftOptions,
                  addressee: Addressee, subject: str,
                  directory: Directory | None) -> dict[str, Any]:
    letter_date = options.letter_date or date.today()
    fee_limit = options.fee_limit if options.fee_limit is not None else profile.fee_limit
    waiver = profile.wants_fee_waiver if options.fee_waiver is None else options.fee_waiver
    expedite = profile.wants_expedited if options.expedite is None else options.expedite
    deadline = appeal_deadline(agency, options.determination_date)
    records = [_record(r) for r in options.records if r.text.strip()]
    return {
        "kind": options.kind,
        "letter_date": letter_date,
        "subject": subject,
        "requester": requester_context(profile, fee_limit),
        "representative": representative_context(profile),
        "agency": agency_context(agency, directory),
        "to": addressee.to_context(),
        "records": records,
        "date_start": options.date_start,
        "date_end": options.date_end,
        "mail_cover": agency.family == "usps" and mentions(options.records, "mail cover"),
        "background": options.background.strip(),
        "article": {"title": options.article_title.strip(),
                    "outlet": options.article_outlet.strip(), "date": options.article_date},
        "fees": {
            "limit": fee_limit, "waiver": waiver,
            "subject": options.waiver_subject.strip(),
            "informative": options.waiver_informative.strip(),
            "audience": options.waiver_audience.strip(),
            "significance": options.waiver_significance.strip(),
            "commercial": options.waiver_commercial.strip(),
        },
        "expedite": {"requested": expedite, "basis": options.expedite_basis,
                     "justification": options.expedite_justification.strip()},
        "format": {"preference": options.format_preference,
                   "notes": options.format_notes.strip()},
        "rolling_release": options.rolling_release,
        "case": {
            "tracking_number": options.tracking_number.strip(),
            "request_date": options.request_date,
            "determination_date": options.determination_date,
            "exemptions": [e.strip() for e in options.exemptions if e.strip()],
            "grounds": options.appeal_grounds.strip(),
            "due_date": options.due_date,
            "due_explanation": options.due_explanation.strip(),
            "due_passed": bool(options.due_date and options.due_date < letter_date),
            "dispute": options.dispute.strip(),
            "appeal_deadline": deadline,
            "appeal_timely": None if deadline is None else letter_date <= deadline,
        },
        "identity": {"date_of_birth": options.date_of_birth or "",
                     "place_of_birth": options.place_of_birth.strip(),
                     "other_names": options.other_names.strip(),
                     "outside_us": options.declaration_outside_us},
        "ogis": {"name": OGIS_NAME, "email": OGIS_EMAIL, "phone": OGIS_PHONE,
                 "address": list(OGIS_ADDRESS)},
    }


def missing_fields(agency: Agency, profile: RequesterProfile,
                   options: DraftOptions) -> list[str]:
    """Human-readable names of the fields this letter needs and does not have."""
    return [text for _key, text in missing_field_keys(agency, profile, options)]


def missing_field_keys(agency: Agency, profile: RequesterProfile,
                       options: DraftOptions) -> list[tuple[str, str]]:
    """(field key, words for the user) of each missing field, so a form can point at it.

    Keys: ``requester_name``, ``requester_address``, ``records``, ``date_of_birth``,
    ``place_of_birth``, ``tracking_number``, ``request_date``, ``determination_date``,
    ``appeal_grounds``, ``dispute``, ``expedite_justification``, ``agency_office``.
    """
    missing: list[tuple[str, str]] = []
    if not profile.name.strip():
        missing.append(("requester_name", "requester name"))
    if not profile.address_lines:
        missing.append(("requester_address", "requester mailing address"))
    kind = options.kind
    has_records = any(r.text.strip() for r in options.records)
    if kind in ("foia", "privacy-act") and not has_records:
        missing.append(("records", "records to request (at least one item in the records "
                                   "list)"))
    if kind == "privacy-act":
        if not str(options.date_of_birth or "").strip():
            missing.append(("date_of_birth", "date of birth (identity verification)"))
        if not options.place_of_birth.strip():
            missing.append(("place_of_birth", "place of birth (identity verification)"))
    if kind in ("follow-up", "appeal", "mediation") and not options.tracking_number.strip():
        missing.append(("tracking_number", "tracking number of the request"))
    if kind == "follow-up" and options.request_date is None:
        missing.append(("request_date", "date the request was sent"))
    if kind == "appeal":
        if options.determination_date is None:
            missing.append(("determination_date", "date of the agency's determination"))
        if not options.appeal_grounds.strip():
            missing.append(("appeal_grounds", "what the appeal challenges (grounds)"))
    if kind == "mediation" and not (options.dispute.strip() or options.appeal_grounds.strip()):
        missing.append(("dispute", "what the dispute with the agency is about"))
    expedite = profile.wants_expedited if options.expedite is None else options.expedite
    if (expedite and kind in ("foia", "privacy-act")
            and options.expedite_basis == "imminent-threat"
            and not options.expedite_justification.strip()):
        missing.append(("expedite_justification",
                        "why delay threatens someone's life or safety (expedited processing)"))
    if kind in ("foia", "privacy-act", "follow-up"):
        office = agency.foia_office
        if not (office.address or office.email or office.portal):
            missing.append(("agency_office",
                            f"a mailing address, email or portal for {agency.name}'s FOIA "
                            "office"))
    return missing
