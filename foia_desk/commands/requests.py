"""`foia-desk requests`: add, list, show and update tracked requests and their events.

Also holds the small helpers the other tracker commands share (opening the store, dates
typed on the command line, JSON output).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from foia_desk.errors import UserError

# Deadline names short enough for the list table.
SHORT_LABELS = {"latest_start": "clock start", "response_due": "response due",
                "extended_due": "extended response", "expedited_decision_due":
                "expedite decision", "appeal_by": "appeal by", "appeal_decision_due":
                "appeal decision"}


# -- helpers shared by the tracker commands ---------------------------------------------
def open_tracker():
    """The tracker in the current data folder (``--data-dir`` / FOIA_DESK_HOME)."""
    from foia_desk.store import open_store

    return open_store()


def cli_date(text: str) -> date:
    """A date typed on the command line (YYYY-MM-DD, 'today' or 'yesterday'), as an argparse
    ``type=``: a bad one becomes a usage message, not a traceback (see foia_desk.dates)."""
    from foia_desk.dates import cli_date_argument

    return cli_date_argument(text)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def resolve_agency_id(text: str) -> str:
    from foia_desk.directory import load_directory

    return load_directory().resolve(text).id


def _days_text(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left == 0:
        return "today"
    return f"in {days_left} d" if days_left > 0 else f"{-days_left} d late"


# -- registration -----------------------------------------------------------------------
def register(subparsers: argparse._SubParsersAction) -> None:
    from foia_desk.store.models import APPEAL_OUTCOMES, EVENT_KINDS, RESPONSE_OUTCOMES

    parser = subparsers.add_parser(
        "requests", help="track requests: add, list, show, record events, change status",
        description="Track requests and their deadlines. Dates are YYYY-MM-DD (or 'today').")
    sub = parser.add_subparsers(dest="requests_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="start tracking a request")
    add.add_argument("--agency", required=True, help="agency id or name (see foia-desk agencies)")
    add.add_argument("--subject", required=True, help="what the request asks for, briefly")
    add.add_argument("--submitted", type=cli_date, metavar="YYYY-MM-DD",
                     help="date the request was sent")
    add.add_argument("--received", type=cli_date, metavar="YYYY-MM-DD",
                     help="date the agency received it")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--method", help="email, portal, mail or fax")
    add.add_argument("--kind", default="foia", help="foia, privacy-act or foia-privacy-act")
    add.add_argument("--expedited", action="store_true", help="expedited processing requested")
    add.add_argument("--profile", help="requester profile name used for the letter")
    add.add_argument("--letter", metavar="FILE", help="the letter as sent (Markdown text file)")
    add.add_argument("--json", action="store_true", help="print the new request as JSON")
    add.set_defaults(func=run_add)

    lst = sub.add_parser("list", help="list requests, next deadline first")
    lst.add_argument("--status", help="only this status")
    lst.add_argument("--agency", help="only this agency (id or name)")
    lst.add_argument("--search", help="words in the subject, agency or tracking number")
    lst.add_argument("--tag", help="only requests with this tag")
    lst.add_argument("--overdue", action="store_true", help="only requests past a deadline")
    lst.add_argument("--order", default="next_deadline",
                     help="next_deadline (default), updated, created, submitted, agency, "
                          "status or subject; prefix '-' to reverse")
    lst.add_argument("--limit", type=int, default=100, help="show at most this many (default 100)")
    lst.add_argument("--offset", type=int, default=0, help="skip this many first")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)

    show = sub.add_parser("show", help="one request with every deadline and its explanation")
    show.add_argument("id", type=int, help="request id")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=run_show)

    event = sub.add_parser("event", help="record something that happened",
                           description="Kinds: " + ", ".join(EVENT_KINDS) + ".")
    event.add_argument("id", type=int, help="request id")
    event.add_argument("--kind", required=True, help="event kind (see above)")
    event.add_argument("--date", required=True, type=cli_date, metavar="YYYY-MM-DD",
                       help="when it happened (the date on the agency's letter)")
    event.add_argument("--tracking-number", help="tracking number the agency gave")
    event.add_argument("--note", help="free text kept with the event")
    event.add_argument("--promised-date", type=cli_date, metavar="YYYY-MM-DD",
                       help="extension: the date the agency promised")
    event.add_argument("--outcome", help="response: " + ", ".join(RESPONSE_OUTCOMES)
                       + "; appeal-decision: " + ", ".join(APPEAL_OUTCOMES))
    event.add_argument("--exemption", action="append", default=[],
                       help="exemption cited, e.g. b5 or b7c (repeatable)")
    event.add_argument("--amount", help="fee-notice: the amount asked")
    event.add_argument("--json", action="store_true",
                       help="print the new event and the updated request as JSON")
    event.set_defaults(func=run_event)

    status = sub.add_parser("status", help="change a request's status")
    status.add_argument("id", type=int, help="request id")
    status.add_argument("status", help="new status, e.g. processing, complete, withdrawn")
    status.add_argument("--json", action="store_true", help="print the updated request as JSON")
    status.set_defaults(func=run_status)

    attach = sub.add_parser("attach", help="copy a file (agency letter, records) into the "
                                           "tracker")
    attach.add_argument("id", type=int, help="request id")
    attach.add_argument("file", help="the file to copy in")
    attach.set_defaults(func=run_attach)

    delete = sub.add_parser("delete", help="delete a request and its events")
    delete.add_argument("id", type=int, help="request id")
    delete.add_argument("--yes", action="store_true", help="really delete")
    delete.set_defaults(func=run_delete)


# -- actions ----------------------------------------------------------------------------
def run_add(args: argparse.Namespace) -> int:
    letter = None
    if args.letter:
        try:
            with open(args.letter, encoding="utf-8") as handle:
                letter = handle.read()
        except OSError as exc:
            raise UserError(f"Cannot read the letter {args.letter}: "
                            f"{(exc.strerror or str(exc)).lower()}.",
                            "Give the Markdown or plain-text file of the letter as sent.") \
                from exc
        except UnicodeDecodeError as exc:
            raise UserError(f"Cannot read the letter {args.letter}: it is not UTF-8 text.",
                            "Give the Markdown or plain-text file of the letter as sent.") \
                from exc
    with open_tracker() as store:
        detail = store.add_request(
            resolve_agency_id(args.agency), args.subject, kind=args.kind,
            submitted=args.submitted, received=args.received, method=args.method,
            tags=args.tag, letter_markdown=letter, profile=args.profile,
            expedited=args.expedited)
    if args.json:
        print_json(detail.to_dict())
    else:
        print(f"Added request {detail.id}: {detail.agency_name}: {detail.subject}")
        _print_next(detail)
    return 0


def _print_next(detail: Any) -> None:
    if detail.next_deadline:
        print(f"Next deadline: {detail.next_deadline_label}: "
              f"{detail.next_deadline.isoformat()}")


def run_list(args: argparse.Namespace) -> int:
    from foia_desk.store import RequestFilter

    agency_id = resolve_agency_id(args.agency) if args.agency else None
    flt = RequestFilter(search=args.search or "", status=args.status, agency_id=agency_id,
                        tag=args.tag, overdue_only=args.overdue)
    with open_tracker() as store:
        rows = store.list_requests(flt, offset=args.offset, limit=args.limit, order=args.order)
        total = store.count_requests(flt)
    if args.json:
        print_json([row.to_dict() for row in rows])
        return 0
    if not rows:
        print("No requests match." if total == 0 else "No requests on this page.")
        return 0
    print(f"{'ID':>5}  {'STATUS':<16} {'NEXT DEADLINE':<29} {'LEFT':<10} "
          f"{'AGENCY':<28} SUBJECT")
    for row in rows:
        deadline = (f"{row.next_deadline.isoformat()} "
                    f"{SHORT_LABELS.get(row.next_deadline_key or '', '')}"
                    if row.next_deadline else "-")
        flag = "!" if row.overdue else " "
        print(f"{row.id:>5}{flag} {row.status:<16} {deadline:<29} "
              f"{_days_text(row.days_left):<10} {_clip(row.agency_name, 28):<28} {row.subject}")
    if total > len(rows):
        print(f"({len(rows)} of {total} shown; use --offset/--limit for more)")
    return 0


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[:width - 1] + "…"


def run_show(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        detail = store.get_request(args.id)
        today = store.today()
    if args.json:
        print_json(detail.to_dict())
        return 0
    print(f"Request {detail.id}: {detail.agency_name}: {detail.subject}")
    print(f"  Status: {detail.status}   Kind: {detail.kind}   Method: {detail.method or '-'}"
          f"   Expedited requested: {'yes' if detail.expedited else 'no'}")
    print(f"  Tracking number: {detail.tracking_number or '-'}   Appeal tracking number: "
          f"{detail.appeal_tracking_number or '-'}")
    if detail.tags:
        print("  Tags: " + ", ".join(detail.tags))
    clocks = detail.clocks
    print("Deadlines:")
    if clocks is None or not clocks.deadlines:
        print("  none yet (record when the request was submitted or received)")
    else:
        for deadline in clocks.deadlines:
            due = deadline.due.isoformat() if deadline.due else "not set"
            left = _days_text((deadline.due - today).days) \
                if deadline.due and deadline.state in ("pending", "overdue") else ""
            approx = " (approximate)" if deadline.approximate else ""
            print(f"  {deadline.label}: {due}{approx}  [{deadline.state}] {left}")
            for line in str(deadline.explanation).splitlines():
                print(f"      {line}")
        for note in getattr(clocks, "notes", ()) or ():
            print(f"  Note: {note}")
    print("Events:")
    for event in detail.events or ():
        extra = ", ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}"
                          for k, v in event.details.items())
        tracking = f" [{event.tracking_number}]" if event.tracking_number else ""
        print(f"  {event.date.isoformat()}  {event.kind}{tracking}"
              + (f"  ({extra})" if extra else "") + (f"  {event.note}" if event.note else ""))
    if not detail.events:
        print("  none")
    for reminder in detail.reminders:
        print(f"Reminder {reminder.id}: {reminder.due.isoformat()} {reminder.text}"
              + (" (done)" if reminder.done else ""))
    for attachment in detail.attachments:
        print(f"Attachment: {attachment.name} ({attachment.size} bytes)")
    return 0


def run_event(args: argparse.Namespace) -> int:
    details: dict[str, Any] = {}
    if args.promised_date:
        details["promised_date"] = args.promised_date.isoformat()
    if args.outcome:
        details["outcome"] = args.outcome
    if args.exemption:
        details["exemptions"] = args.exemption
    if args.amount:
        details["amount"] = args.amount
    with open_tracker() as store:
        event = store.add_event(args.id, args.kind, args.date,
                                tracking_number=args.tracking_number, note=args.note,
                                details=details)
        detail = store.get_request(args.id)
    if args.json:
        print_json({"event": event.to_dict(), "request": detail.to_dict()})
    else:
        print(f"Recorded {event.kind} on {event.date.isoformat()} for request {args.id}; "
              f"status: {detail.status}.")
        _print_next(detail)
    return 0


def run_status(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        detail = store.set_status(args.id, args.status)
    if args.json:
        print_json(detail.to_dict())
    else:
        print(f"Request {detail.id} is now {detail.status}.")
        dated = {e.kind for e in detail.events} & {"submitted", "received"}
        if not dated and detail.status not in ("draft", "withdrawn"):
            print("No submission or receipt date is recorded, so no deadline can be computed. "
                  f"Record it with: foia-desk requests event {detail.id} --kind submitted "
                  "--date YYYY-MM-DD")
    return 0


def run_attach(args: argparse.Namespace) -> int:
    with open_tracker() as store:
        attachment = store.attach_file(args.id, args.file)
    print(f"Attached {attachment.name} to request {args.id} (sha256 {attachment.sha256}).")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        raise UserError("Deleting a request removes its whole event log.",
                        "Add --yes to confirm (a backup first is wise: foia-desk backup).")
    with open_tracker() as store:
        store.delete_request(args.id)
    print(f"Deleted request {args.id}.")
    return 0
