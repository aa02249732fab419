"""The tracker table's queries: filter, search, sort and page over the cached columns.

Every filter and sort runs on indexed columns of ``requests`` (see schema v2) so a page of
100,000 requests comes back in milliseconds. Search uses the FTS5 table when the database
has one (prefix match on every word) and LIKE otherwise.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import Any

from foia_desk.errors import UserError
from foia_desk.status import check_status
from foia_desk.store.models import RequestFilter, RequestSummary
from foia_desk.store.requests import tags_for

_DEADLINE = [("r.next_deadline IS NULL", True), ("r.next_deadline", True), ("r.id", True)]
# Sort keys the API accepts; a leading "-" reverses the order.
ORDERS: dict[str, list[tuple[str, bool]]] = {
    "next_deadline": _DEADLINE,
    "updated": [("r.updated_at", False), ("r.id", False)],
    "created": [("r.id", False)],
    "id": [("r.id", True)],
    "submitted": [("r.submitted_on IS NULL", True), ("r.submitted_on", False),
                  ("r.id", False)],
    "agency": [("r.agency_name COLLATE NOCASE", True), *_DEADLINE],
    "status": [("r.status", True), *_DEADLINE],
    "subject": [("r.subject COLLATE NOCASE", True), ("r.id", True)],
}
MAX_PAGE = 10_000
_WORD = re.compile(r"\w+", re.UNICODE)


def order_clause(order: str) -> str:
    reverse = order.startswith("-")
    key = order.lstrip("-")
    if key not in ORDERS:
        raise UserError(f"Cannot sort by {order!r}.",
                        "Sort by one of: " + ", ".join(ORDERS) + " (prefix '-' to reverse).")
    terms = []
    for expression, ascending in ORDERS[key]:
        if expression.endswith("IS NULL"):
            terms.append(f"{expression} ASC")  # requests without a deadline stay last
            continue
        up = ascending != reverse
        terms.append(f"{expression} {'ASC' if up else 'DESC'}")
    return ", ".join(terms)


def fts_query(search: str) -> str | None:
    """Every word as a quoted prefix term, all required: 'mail cov' -> '"mail"* "cov"*'."""
    words = _WORD.findall(search)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def where_clause(conn: sqlite3.Connection, flt: RequestFilter | None, today: date,
                 search_mode: str) -> tuple[str, list[Any]]:
    flt = flt or RequestFilter()
    clauses: list[str] = []
    params: list[Any] = []
    if flt.status:
        check_status(flt.status)
        clauses.append("r.status = ?")
        params.append(flt.status)
    if flt.agency_id:
        clauses.append("r.agency_id = ?")
        params.append(flt.agency_id)
    if flt.tag:
        clauses.append("r.id IN (SELECT request_id FROM request_tags WHERE tag = ?)")
        params.append(flt.tag)
    if flt.overdue_only:
        clauses.append("r.next_deadline < ?")
        params.append(today.isoformat())
    search = (flt.search or "").strip()
    if search:
        match = fts_query(search) if search_mode == "fts5" else None
        if match:
            clauses.append("r.id IN (SELECT rowid FROM request_search "
                           "WHERE request_search MATCH ?)")
            params.append(match)
        else:
            words = _WORD.findall(search) or [search]
            for word in words:
                clauses.append(
                    "(r.subject LIKE ? ESCAPE '\\' OR r.agency_name LIKE ? ESCAPE '\\' "
                    "OR r.agency_id LIKE ? ESCAPE '\\' "
                    "OR r.tracking_number LIKE ? ESCAPE '\\' "
                    "OR r.appeal_tracking_number LIKE ? ESCAPE '\\')")
                pattern = "%" + re.sub(r"([%_\\])", r"\\\1", word) + "%"
                params.extend([pattern] * 5)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_SUMMARY_COLUMNS = (
    "r.id, r.agency_id, r.agency_name, r.subject, r.status, r.submitted_on, "
    "r.next_deadline, r.next_deadline_label, r.next_deadline_key, r.tracking_number, "
    "r.appeal_tracking_number, r.updated_at")


def list_requests(conn: sqlite3.Connection, flt: RequestFilter | None, *, offset: int,
                  limit: int, order: str, today: date, search_mode: str) -> list[RequestSummary]:
    if limit < 0 or offset < 0 or limit > MAX_PAGE:
        raise UserError(f"Page size must be between 0 and {MAX_PAGE} and the offset "
                        "not negative.")
    where, params = where_clause(conn, flt, today, search_mode)
    rows = conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM requests r{where} ORDER BY {order_clause(order)} "
        "LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return _summaries(conn, rows, today)


def summary_of(conn: sqlite3.Connection, request_id: int, today: date) -> RequestSummary | None:
    """One row of the table (for refreshing a single row after an edit)."""
    rows = conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM requests r WHERE r.id = ?",
                        (request_id,)).fetchall()
    found = _summaries(conn, rows, today)
    return found[0] if found else None


def _summaries(conn: sqlite3.Connection, rows: list[Any], today: date) -> list[RequestSummary]:
    tags = tags_for(conn, [row[0] for row in rows])
    result = []
    for (rid, agency_id, agency_name, subject, status, submitted, next_deadline, label, key,
         tracking, appeal_tracking, updated) in rows:
        due = date.fromisoformat(next_deadline) if next_deadline else None
        result.append(RequestSummary(
            id=rid, agency_id=agency_id, agency_name=agency_name, subject=subject,
            status=status, submitted=date.fromisoformat(submitted) if submitted else None,
            next_deadline=due, next_deadline_label=label,
            days_left=(due - today).days if due else None,
            overdue=bool(due and due < today),
            tracking_number=appeal_tracking or tracking, tags=tags.get(rid, ()),
            next_deadline_key=key, updated_at=updated))
    return result


def count_requests(conn: sqlite3.Connection, flt: RequestFilter | None, *, today: date,
                   search_mode: str) -> int:
    where, params = where_clause(conn, flt, today, search_mode)
    return int(conn.execute(f"SELECT count(*) FROM requests r{where}", params).fetchone()[0])
