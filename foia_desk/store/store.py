"""The :class:`Store`: the one way the CLI and the GUI read and change the tracker.

One Store (one SQLite connection) per thread: every public method checks the calling
thread and refuses another one with a clear error. Every change is one transaction, so a
crash or a kill -9 leaves either all of it or none of it. sqlite3 errors come out as
:class:`~foia_desk.store.db.StoreError` messages a user can act on.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from foia_desk.directory import Agency, load_directory
from foia_desk.errors import UserError
from foia_desk.status import check_status, check_transition
from foia_desk.store import clockcache, db, query, schema
from foia_desk.store import closures as closure_repo
from foia_desk.store import events as event_repo
from foia_desk.store import reminders as reminder_repo
from foia_desk.store import requests as request_repo
from foia_desk.store.models import (
    Attachment,
    Closure,
    DueReminder,
    Event,
    Reminder,
    RequestDetail,
    RequestFilter,
    RequestSummary,
)
from foia_desk.store.values import (
    check_method,
    check_request_kind,
    clean_subject,
    clean_tags,
    optional_date,
    parse_date,
)

F = TypeVar("F", bound=Callable[..., Any])
_UNSET: Any = object()


def _api(method: F) -> F:
    """Check the calling thread and translate sqlite3 errors for a public Store method."""
    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        self._check_usable()
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise db.translate(exc, self.locations) from exc
    return wrapper  # type: ignore[return-value]


class Store:
    """The tracker database. Create with :func:`open_store`."""

    def __init__(self, locations: db.StoreLocations, *, engine: Any = None,
                 today: Callable[[], date] = date.today,
                 agencies: Callable[[str], Agency | None] | None = None) -> None:
        self.locations = locations
        self.engine: clockcache.ClockEngine = engine or clockcache.ClockEngine()
        self._today = today
        self._agency_lookup = agencies
        self._thread = threading.get_ident()
        self._conn: sqlite3.Connection | None = db.connect(locations)
        try:
            self.opened_at_version = schema.ensure_schema(self._conn, locations)
            self.search_mode = self._meta("search") or "like"
            self.instance_id = self._meta("instance_id") or "0"
            if self._conn.execute("SELECT 1 FROM requests WHERE clocks_stale = 1 "
                                  "LIMIT 1").fetchone():
                self._recompute(only_stale=True)
        except sqlite3.Error as exc:
            self.close()
            raise db.translate(exc, locations) from exc
        except BaseException:
            self.close()
            raise

    # -- plumbing ---------------------------------------------------------------------
    def _check_usable(self) -> None:
        if threading.get_ident() != self._thread:
            raise db.StoreError("This tracker connection belongs to another thread.",
                                "Open a separate Store with open_store() in each thread.")
        if self._conn is None:
            raise db.StoreError("This tracker connection is closed.")

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection (for benchmarks and tests; the app uses the methods)."""
        self._check_usable()
        assert self._conn is not None
        return self._conn

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def today(self) -> date:
        return self._today()

    def agency(self, agency_id: str) -> Agency | None:
        if self._agency_lookup is not None:
            return self._agency_lookup(agency_id)
        return load_directory().agencies.get(agency_id)

    def _require_agency(self, agency_id: str) -> Agency:
        agency = self.agency(agency_id)
        if agency is None:
            raise UserError(f"No agency with id {agency_id!r} in the directory.",
                            "Run 'foia-desk agencies QUERY' to find the right id.")
        return agency

    def _refresh(self, request_id: int) -> Any:
        return clockcache.refresh_request(self.conn, self.engine, request_id,
                                          agencies=self.agency, today=self.today())

    def _recompute(self, *, only_stale: bool,
                   progress: clockcache.ProgressCallback | None = None) -> int:
        return clockcache.recompute_all(self.conn, self.engine, agencies=self.agency,
                                        today=self.today(), only_stale=only_stale,
                                        progress=progress)

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------
    @_api
    def add_request(self, agency_id: str, subject: str, *, kind: str = "foia",
                    status: str | None = None, submitted: date | str | None = None,
                    received: date | str | None = None, method: str | None = None,
                    tags: Iterable[str] = (), letter_markdown: str | None = None,
                    letter_files: Iterable[str] = (), profile: str | None = None,
                    expedited: bool = False, tracking_number: str | None = None,
                    ) -> RequestDetail:
        """Record a new request. ``submitted``/``received`` dates become events (and move a
        draft to "submitted"); an explicit ``status`` is applied after them."""
        agency = self._require_agency(agency_id)
        values = dict(subject=clean_subject(subject), kind=check_request_kind(kind),
                      method=check_method(method), tags=clean_tags(tags),
                      submitted=optional_date(submitted, "submission date"),
                      received=optional_date(received, "date received"))
        if status is not None:
            check_status(status)
        now = db.utc_now()
        with db.write(self.conn):
            request_id = request_repo.insert_request(
                self.conn, agency_id=agency.id, agency_name=agency.name,
                subject=values["subject"], kind=values["kind"], status="draft",
                method=values["method"], expedited=expedited, profile=profile,
                letter_markdown=letter_markdown, letter_files=list(letter_files),
                tracking_number=event_repo.clean_tracking(tracking_number),
                appeal_tracking_number=None, now=now)
            request_repo.set_tags(self.conn, request_id, values["tags"])
            for kind_, day in (("submitted", values["submitted"]),
                               ("received", values["received"])):
                if day is not None:
                    event_repo.insert_event(self.conn, request_id, kind_, day,
                                            tracking_number=None, note=None, details=None,
                                            now=now)
            if status is not None:
                self.conn.execute("UPDATE requests SET status = ? WHERE id = ?",
                                  (status, request_id))
            report = self._refresh(request_id)
        return self._detail(request_id, report)

    @_api
    def update_request(self, request_id: int, *, subject: str = _UNSET,
                       agency_id: str = _UNSET, kind: str = _UNSET, method: str | None = _UNSET,
                       tags: Iterable[str] = _UNSET, letter_markdown: str | None = _UNSET,
                       letter_files: Iterable[str] = _UNSET, profile: str | None = _UNSET,
                       expedited: bool = _UNSET, tracking_number: str | None = _UNSET,
                       appeal_tracking_number: str | None = _UNSET) -> RequestDetail:
        """Change the given fields (status has its own method, :meth:`set_status`)."""
        changes: dict[str, Any] = {}
        if subject is not _UNSET:
            changes["subject"] = clean_subject(subject)
        if agency_id is not _UNSET:
            agency = self._require_agency(agency_id)
            changes.update(agency_id=agency.id, agency_name=agency.name)
        if kind is not _UNSET:
            changes["kind"] = check_request_kind(kind)
        if method is not _UNSET:
            changes["method"] = check_method(method)
        for name, value in (("letter_markdown", letter_markdown), ("profile", profile),
                            ("expedited", expedited)):
            if value is not _UNSET:
                changes[name] = value
        if letter_files is not _UNSET:
            changes["letter_files"] = [str(p) for p in letter_files]
        for name, value in (("tracking_number", tracking_number),
                            ("appeal_tracking_number", appeal_tracking_number)):
            if value is not _UNSET:
                changes[name] = event_repo.clean_tracking(value)
        new_tags = clean_tags(tags) if tags is not _UNSET else None
        with db.write(self.conn):
            request_repo.require_request(self.conn, request_id)
            request_repo.update_columns(self.conn, request_id, changes, db.utc_now())
            if new_tags is not None:
                request_repo.set_tags(self.conn, request_id, new_tags)
            report = self._refresh(request_id) if {"agency_id", "expedited"} & set(
                changes) else None
        return self._detail(request_id, report)

    @_api
    def set_status(self, request_id: int, status: str) -> RequestDetail:
        """Move a request to ``status``; illegal moves are refused, naming the allowed ones."""
        with db.write(self.conn):
            current = request_repo.request_row(self.conn, request_id)[5]
            check_transition(current, status)
            request_repo.update_columns(self.conn, request_id, {"status": status},
                                        db.utc_now())
        return self._detail(request_id)

    @_api
    def delete_request(self, request_id: int) -> None:
        """Delete a request with its events, reminders and attachment records."""
        with db.write(self.conn):
            request_repo.require_request(self.conn, request_id)
            self.conn.execute("DELETE FROM requests WHERE id = ?", (request_id,))

    @_api
    def get_request(self, request_id: int) -> RequestDetail:
        """A request with its events, attachments, reminders and today's clocks."""
        return self._detail(request_id)

    def _detail(self, request_id: int, report: Any = None) -> RequestDetail:
        row = request_repo.request_row(self.conn, request_id)
        if report is None:
            report = clockcache.compute_report(
                self.conn, self.engine, request_id, agency=self.agency(row[1]),
                expedited=bool(row[9]), today=self.today())
        return request_repo.detail_from_row(self.conn, row, report)

    @_api
    def clocks(self, request_id: int) -> Any:
        """Today's ClockReport of one request."""
        return self._detail(request_id).clocks

    @_api
    def list_requests(self, filter: RequestFilter | None = None, offset: int = 0,
                      limit: int = 100, order: str = "next_deadline") -> list[RequestSummary]:
        return query.list_requests(self.conn, filter, offset=offset, limit=limit, order=order,
                                   today=self.today(), search_mode=self.search_mode)

    @_api
    def count_requests(self, filter: RequestFilter | None = None) -> int:
        return query.count_requests(self.conn, filter, today=self.today(),
                                    search_mode=self.search_mode)

    @_api
    def distinct_tags(self) -> list[str]:
        return request_repo.distinct_tags(self.conn)

    @_api
    def agencies_in_use(self) -> list[tuple[str, str, int]]:
        return request_repo.agencies_in_use(self.conn)

    # -- events -----------------------------------------------------------------------
    @_api
    def add_event(self, request_id: int, kind: str, date: date | str, *,
                  tracking_number: str | None = None, note: str | None = None,
                  details: dict[str, Any] | None = None) -> Event:
        """Record an event; it may set a tracking number and move the status (see status.py)."""
        now = db.utc_now()
        with db.write(self.conn):
            event_id = event_repo.insert_event(self.conn, request_id, kind, date,
                                               tracking_number=tracking_number, note=note,
                                               details=details, now=now)
            request_repo.touch(self.conn, request_id, now)
            self._refresh(request_id)
        return event_repo.get_event(self.conn, event_id)

    @_api
    def update_event(self, event_id: int, *, date: date | str | None = None,
                     note: str | None = None, details: dict[str, Any] | None = None,
                     tracking_number: str | None = None) -> Event:
        with db.write(self.conn):
            event = event_repo.update_event(self.conn, event_id, day=date, note=note,
                                            details=details, tracking_number=tracking_number)
            request_repo.touch(self.conn, event.request_id, db.utc_now())
            self._refresh(event.request_id)
        return event

    @_api
    def delete_event(self, event_id: int) -> None:
        with db.write(self.conn):
            request_id = event_repo.delete_event(self.conn, event_id)
            request_repo.touch(self.conn, request_id, db.utc_now())
            self._refresh(request_id)

    @_api
    def recompute_all_clocks(self, progress: clockcache.ProgressCallback | None = None) -> int:
        """Recompute every request's cached deadline in one transaction; returns the count."""
        return self._recompute(only_stale=False, progress=progress)

    # -- closures ---------------------------------------------------------------------
    @_api
    def add_closure(self, day: date | str, note: str = "") -> Closure:
        with db.write(self.conn):
            closure = closure_repo.add_closure(self.conn, day, note)
            self._recompute(only_stale=False)
        return closure

    @_api
    def remove_closure(self, day: date | str) -> Closure:
        with db.write(self.conn):
            closure = closure_repo.remove_closure(self.conn, day)
            self._recompute(only_stale=False)
        return closure

    @_api
    def list_closures(self) -> list[Closure]:
        return closure_repo.list_closures(self.conn)

    # -- reminders --------------------------------------------------------------------
    @_api
    def add_reminder(self, request_id: int, due: date | str, text: str) -> Reminder:
        with db.write(self.conn):
            reminder_id = reminder_repo.add_reminder(self.conn, request_id, due, text,
                                                     db.utc_now())
        return reminder_repo.get_reminder(self.conn, reminder_id)

    @_api
    def mark_done(self, reminder_id: int, done: bool = True) -> Reminder:
        with db.write(self.conn):
            return reminder_repo.set_done(self.conn, reminder_id, done)

    @_api
    def list_due(self, until: date | str | None = None, *, days: int | None = None,
                 ) -> list[DueReminder]:
        """Reminders due by ``until`` (default: today + ``days``, default 7): user ones not
        done and automatic ones ahead of each open deadline."""
        today = self.today()
        if until is None:
            until = today + timedelta(days=7 if days is None else days)
        return reminder_repo.due_reminders(self.conn, self.engine, self.agency, today=today,
                                           until=parse_date(until, "reminder horizon"))

    @_api
    def open_deadlines(self, *, until: date | None = None) -> list[reminder_repo.OpenDeadline]:
        """Every open deadline of every request (for calendar export)."""
        return list(reminder_repo.open_deadlines(self.conn, self.engine, self.agency,
                                                 today=self.today(), latest_first_due=until))

    @_api
    def user_reminders(self, *, include_done: bool = False) -> list[Reminder]:
        sql = "SELECT id, request_id, due, text, done, created_at FROM reminders"
        if not include_done:
            sql += " WHERE done = 0"
        return [request_repo.reminder_from_row(r) for r in self.conn.execute(
            sql + " ORDER BY due, id")]

    # -- attachments ------------------------------------------------------------------
    @_api
    def attach_file(self, request_id: int, path: str | Path, *,
                    event_id: int | None = None) -> Attachment:
        """Copy ``path`` into the attachments folder and record it (sha256 kept)."""
        from foia_desk.store.attachments import copy_into

        request_repo.require_request(self.conn, request_id)
        if event_id is not None and event_repo.get_event(self.conn, event_id).request_id \
                != request_id:
            raise UserError(f"Event {event_id} belongs to another request.")
        relpath, sha, size, fresh = copy_into(Path(path), self.locations.attachments,
                                              request_id)
        try:
            with db.write(self.conn):
                cursor = self.conn.execute(
                    "INSERT INTO attachments (request_id, event_id, name, relpath, sha256, "
                    "size, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (request_id, event_id, Path(path).name, relpath, sha, size, db.utc_now()))
                request_repo.touch(self.conn, request_id, db.utc_now())
        except BaseException:
            if fresh:
                (self.locations.attachments / relpath).unlink(missing_ok=True)
            raise
        return next(a for a in request_repo.attachments_of(self.conn, request_id)
                    if a.id == cursor.lastrowid)

    def attachment_path(self, attachment: Attachment) -> Path:
        return self.locations.attachments / attachment.relpath

    # -- backups ----------------------------------------------------------------------
    @_api
    def backup(self, path: str | Path | None = None) -> Path:
        """Write a consistent copy of the database (default: a new file in the backups
        folder) and return its path."""
        from foia_desk.store.backup import backup_connection

        target = Path(path).expanduser() if path else self.locations.backups
        return backup_connection(self.conn, target, reason="manual")

    @_api
    def restore(self, backup_path: str | Path) -> Path | None:
        """Replace this tracker with a backup (the current file is kept beside it)."""
        from foia_desk.store.backup import restore_database, verify_backup

        verify_backup(Path(backup_path))
        self.close()
        moved = restore_database(self.locations, Path(backup_path))
        self._conn = db.connect(self.locations)
        schema.ensure_schema(self._conn, self.locations)
        self.search_mode = self._meta("search") or "like"
        self.instance_id = self._meta("instance_id") or "0"
        self._recompute(only_stale=True)
        return moved
