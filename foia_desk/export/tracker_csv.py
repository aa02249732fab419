"""The tracker as a CSV file, and back.

Columns follow MuckRock's request export where they overlap (title, agency, status,
tracking id, date submitted, date due) so the file reads well in a spreadsheet; the
``events_json`` and ``reminders_json`` columns carry the whole event log, so exporting and
importing again loses nothing but attachments (files stay in the data folder) and ids
(imported requests get new ones). ``date_due``/``due_label`` are informative only: deadlines
are recomputed from the events on import.

Import checks every row first and reports each bad one by line number; if any row is bad,
nothing is imported.

Spreadsheet safety: a text cell starting with = + - @ (which Excel would run as a formula)
is written with a leading apostrophe, and the apostrophe is removed again on import.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from foia_desk import fileio
from foia_desk.errors import UserError

COLUMNS = (
    "id", "title", "agency", "agency_id", "status", "tracking_id", "appeal_tracking_id",
    "date_submitted", "date_due", "due_label", "kind", "method", "expedited", "profile",
    "tags", "created", "updated", "letter_markdown", "letter_files", "events_json",
    "reminders_json",
)
REQUIRED = ("title",)
MAX_IMPORT_BYTES = 200 * 1024 * 1024
MAX_REPORTED_ERRORS = 25
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"1", "true", "yes", "y"}
_FALSE = {"", "0", "false", "no", "n"}


def _guard(text: str | None) -> str:
    text = text or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _unguard(text: str | None) -> str:
    text = text or ""
    if text.startswith("'") and text[1:2] and text[1:2] in _FORMULA_START:
        return text[1:]
    return text


def _row_for(detail: Any) -> dict[str, str]:
    events = [{"kind": e.kind, "date": e.date.isoformat(), "tracking_number": e.tracking_number,
               "note": e.note, "details": e.details, "created_at": e.created_at}
              for e in detail.events]
    reminders = [{"due": r.due.isoformat(), "text": r.text, "done": r.done,
                  "created_at": r.created_at} for r in detail.reminders]
    return {
        "id": str(detail.id), "title": _guard(detail.subject),
        "agency": _guard(detail.agency_name), "agency_id": detail.agency_id,
        "status": detail.status, "tracking_id": _guard(detail.tracking_number),
        "appeal_tracking_id": _guard(detail.appeal_tracking_number),
        "date_submitted": detail.submitted.isoformat() if detail.submitted else "",
        "date_due": detail.next_deadline.isoformat() if detail.next_deadline else "",
        "due_label": detail.next_deadline_label or "", "kind": detail.kind,
        "method": detail.method or "", "expedited": "yes" if detail.expedited else "no",
        "profile": _guard(detail.profile), "tags": _guard("; ".join(detail.tags)),
        "created": detail.created_at, "updated": detail.updated_at,
        "letter_markdown": _guard(detail.letter_markdown),
        "letter_files": json.dumps(list(detail.letter_files), ensure_ascii=False),
        "events_json": json.dumps(events, ensure_ascii=False, sort_keys=True),
        "reminders_json": json.dumps(reminders, ensure_ascii=False, sort_keys=True),
    }


def export_tracker_csv(store: Any, path: str | os.PathLike[str], *,
                       overwrite: bool = False) -> int:
    """Write every request to ``path`` (UTF-8 with BOM so Excel reads accents); return the
    number of rows."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    offset = 0
    while True:
        page = store.list_requests(offset=offset, limit=1000, order="id")
        if not page:
            break
        for summary in page:
            writer.writerow(_row_for(store.get_request(summary.id, clocks=False)))
            count += 1
        offset += len(page)
    fileio.write_text(Path(path), "\ufeff" + buffer.getvalue(), overwrite=overwrite)
    return count


def _json_list(text: str, column: str) -> list[Any]:
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{column} is not valid JSON ({exc.msg}).") from None
    if not isinstance(value, list):
        raise UserError(f"{column} must be a JSON list.")
    return value


def _flag(text: str, column: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise UserError(f"{column} should be yes or no, not {text!r}.")


def _record_from_row(row: dict[str, str], directory: Any) -> Any:
    """Check one row and build its RequestRecord (raises UserError)."""
    from foia_desk.status import check_status
    from foia_desk.store.models import RequestRecord
    from foia_desk.store.values import (
        check_event_kind,
        check_method,
        check_request_kind,
        clean_details,
        clean_subject,
        clean_tags,
        parse_date,
    )

    subject = clean_subject(_unguard(row.get("title")))
    agency_text = (row.get("agency_id") or "").strip() or _unguard(row.get("agency")).strip()
    if not agency_text:
        raise UserError("the agency is missing (agency_id or agency column).")
    agency_id = directory.resolve(agency_text).id
    status = (row.get("status") or "").strip() or "draft"
    check_status(status)
    events = _json_list(row.get("events_json") or "", "events_json")
    for number, event in enumerate(events, start=1):
        if not isinstance(event, dict):
            raise UserError(f"event {number} in events_json is not an object.")
        check_event_kind(str(event.get("kind", "")))
        parse_date(event.get("date"), f"date of event {number}")
        clean_details(str(event.get("kind")), event.get("details") or {})
    submitted = (row.get("date_submitted") or "").strip()
    if not events and submitted:
        events = [{"kind": "submitted", "date": parse_date(submitted, "date_submitted")
                   .isoformat()}]
    reminders = _json_list(row.get("reminders_json") or "", "reminders_json")
    for number, reminder in enumerate(reminders, start=1):
        if not isinstance(reminder, dict) or not str(reminder.get("text", "")).strip():
            raise UserError(f"reminder {number} in reminders_json needs a text.")
        parse_date(reminder.get("due"), f"date of reminder {number}")
    kind = (row.get("kind") or "").strip() or "foia"
    return RequestRecord(
        agency_id=agency_id, subject=subject, status=status, kind=check_request_kind(kind),
        method=check_method((row.get("method") or "").strip() or None),
        expedited=_flag(row.get("expedited") or "", "expedited"),
        profile=_unguard(row.get("profile")).strip() or None,
        letter_markdown=_unguard(row.get("letter_markdown")) or None,
        letter_files=tuple(str(p) for p in _json_list(row.get("letter_files") or "",
                                                       "letter_files")),
        tags=clean_tags(t for t in _unguard(row.get("tags")).split(";")),
        tracking_number=_unguard(row.get("tracking_id")).strip() or None,
        appeal_tracking_number=_unguard(row.get("appeal_tracking_id")).strip() or None,
        created_at=(row.get("created") or "").strip() or None,
        updated_at=(row.get("updated") or "").strip() or None,
        events=tuple(events), reminders=tuple(reminders))


def read_tracker_csv(path: str | os.PathLike[str]) -> list[Any]:
    """Read and check every row; raise one UserError listing each bad row by line number."""
    from foia_desk.directory import load_directory

    source = Path(path)
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:
            raise UserError(f"{source} is larger than {MAX_IMPORT_BYTES // 1024**2} MB.")
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"There is no file {source}.") from None
    except UnicodeDecodeError:
        raise UserError(f"{source} is not UTF-8 text.",
                        "Save the spreadsheet as 'CSV UTF-8' and try again.") from None
    except OSError as exc:
        raise UserError(f"Cannot read {source}: {exc.strerror or exc}.") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing or not ({"agency", "agency_id"} & set(header)):
        raise UserError(f"{source} does not look like a tracker export: the header lacks "
                        + ", ".join(missing + ([] if {"agency", "agency_id"} & set(header)
                                               else ["agency"])) + ".",
                        "Export one with 'foia-desk export csv FILE' to see the columns.")
    directory = load_directory()
    records: list[Any] = []
    errors: list[str] = []
    line = reader.line_num + 1
    for row in reader:
        try:
            if None in row:
                raise UserError("the row has more cells than the header.")
            records.append(_record_from_row(row, directory))
        except UserError as exc:
            errors.append(f"line {line}: " + str(exc).replace("\n", " "))
        line = reader.line_num + 1
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        raise UserError(f"{len(errors)} row(s) of {source.name} have problems; nothing was "
                        "imported.\n" + "\n".join(shown)
                        + (f"\n... and {more} more." if more else ""))
    return records


def import_tracker_csv(store: Any, path: str | os.PathLike[str], *,
                       dry_run: bool = False) -> list[int]:
    """Import every row in one transaction; return the new ids (none with ``dry_run``)."""
    records = read_tracker_csv(path)
    if dry_run:
        return []
    return store.import_records(records)
