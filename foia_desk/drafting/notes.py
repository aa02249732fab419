""""Before you send" notes: advice to the requester that never goes into the letter body.

They travel in ``Letter.meta["pre_send_notes"]`` (one note per line, plain text) so that the
preview can show them and every exporter can leave them out of what reaches the agency.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foia_desk.drafting.contacts import Addressee
from foia_desk.drafting.markdown import long_date

if TYPE_CHECKING:
    from foia_desk.directory import Agency
    from foia_desk.profiles import RequesterProfile


def _family_notes(agency: Agency, kind: str, context: dict) -> list[str]:
    notes: list[str] = []
    family = agency.family
    if family == "usps" and kind in ("foia", "privacy-act"):
        notes.append("If you mail this letter, write \"Freedom of Information Act Request\" on "
                     "the envelope as well as on the letter (39 CFR 265.3).")
        if agency.id == "usps" and any("inspection service" in r["text"].casefold()
                                       or "uspis" in r["text"].casefold()
                                       for r in context["records"]):
            notes.append("Records held by the Postal Inspection Service are answered by its "
                         "Office of Counsel; consider drafting to agency 'uspis' as well.")
    if family == "dhs" and kind in ("foia", "privacy-act"):
        if agency.id == "dhs":
            notes.append("DHS components answer their own requests. The DHS Privacy Office "
                         "can route a request, but routing adds time: send it to the "
                         "component that holds the records when you know which one.")
        notes.append("DHS components prefer requests through the SecureRelease portal; paste "
                     "the whole letter there so no section is lost.")
    if family == "doj" and kind in ("foia", "privacy-act") and agency.id == "doj":
        notes.append("DOJ components answer their own requests (28 CFR 16.3(a)). If you do "
                     "not know which component holds the records, the FOIA/PA Mail Referral "
                     "Unit (MRUFOIA.Requests@usdoj.gov) will forward the request.")
    if family == "irs" and kind in ("foia", "privacy-act"):
        notes.append("Records the IRS provides through routine channels (for example tax "
                     "transcripts) should be requested there, not under FOIA "
                     "(26 CFR 601.702(d)).")
    if kind == "appeal" and family in ("dhs", "doj", "usps"):
        notes.append("Write \"Freedom of Information Act Appeal\" on the envelope as well as "
                     "on the letter, and enclose copies of your request and the determination.")
    elif kind == "appeal":
        notes.append("Enclose copies of your request and the determination letter.")
    return notes


def _case_notes(agency: Agency, kind: str, context: dict) -> list[str]:
    notes: list[str] = []
    case = context["case"]
    if kind == "appeal":
        unit = agency.appeal.window_unit
        window = f"{agency.appeal.effective_days} {unit} days"
        rule = f" ({agency.appeal.rule})" if agency.appeal.rule else ""
        deadline = case["appeal_deadline"]
        if deadline is not None:
            notes.append(f"Appeal deadline: {long_date(deadline)}, {window} after the "
                         f"determination{rule}.")
            if case["appeal_timely"] is False:
                notes.append("That deadline has passed. The appeal office may still accept a "
                             "late appeal, but the letter does not claim it is on time.")
        else:
            notes.append(f"The appeal must be sent within {window} of the determination"
                         f"{rule}.")
    if kind == "follow-up" and case["due_date"] is None:
        notes.append("No due date was given, so the letter cites the 20-working-day rule "
                     "without a date.")
    if kind == "privacy-act":
        notes.append("Sign and date the declaration before sending. Some agencies ask for "
                     "their own identity form (DOJ-361 at DOJ, a Certification of Identity at "
                     "ICE and CBP); attach it if they do.")
    return notes


def _profile_notes(profile: RequesterProfile, kind: str, context: dict) -> list[str]:
    notes: list[str] = []
    if kind not in ("foia", "privacy-act"):
        return notes
    rep = profile.representative
    if rep is not None and not rep.consent_to_release:
        notes.append(f"Your profile names {rep.name} as representative without consent to "
                     "release, so the letter does not authorize release to them.")
    if kind == "foia" and profile.requester_category == "news_media" and not (
            profile.outlet or profile.assignment or profile.publications):
        notes.append("You claim news-media status without an outlet, assignment or past "
                     "publications; agencies often ask for them.")
    fees = context["fees"]
    if kind == "foia" and fees["waiver"]:
        generic = [label for key, label in (("subject", "government operations"),
                                            ("informative", "informative value"),
                                            ("audience", "audience and dissemination"),
                                            ("significance", "significance"))
                   if not fees[key]]
        if generic:
            notes.append("The fee-waiver section uses general wording for: "
                         + ", ".join(generic) + ". Agencies decide waivers on specifics; add "
                         "your own facts where you can.")
        if profile.requester_category == "commercial":
            notes.append("A fee waiver is hard to obtain for a commercial-use requester: the "
                         "disclosure must not be primarily in your commercial interest.")
    expedite = context["expedite"]
    if expedite["requested"] and expedite["basis"] == "urgency-to-inform":
        if profile.requester_category != "news_media":
            notes.append("Expedited processing for urgency to inform requires that you be "
                         "primarily engaged in disseminating information; say how in the "
                         "justification.")
        if not expedite["justification"]:
            notes.append("The expedited-processing section uses general wording; a specific "
                         "reason why the public needs the records now is more persuasive.")
    return notes


def pre_send_notes(agency: Agency, profile: RequesterProfile, kind: str,
                   addressee: Addressee, context: dict) -> list[str]:
    notes = [f"Check before sending: {u}." for u in addressee.unverified]
    notes.extend(addressee.notes)
    notes.extend(_family_notes(agency, kind, context))
    notes.extend(_case_notes(agency, kind, context))
    notes.extend(_profile_notes(profile, kind, context))
    return notes
