"""The :class:`Store`: the one way the CLI and the GUI read and change the tracker.

One Store (one SQLite connection) per thread: every public method checks the calling
thread and refuses another one with a clear error. Every change is one transaction, so a
crash or a kill -9 leaves either all of it or none of it. sqlite3 errors come out as
:class:`~foia_desk.store.db.StoreError` messages a user can act on.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from foia_desk.directory import Agency, load_directory
from foia_desk.errors import UserError
from foia_desk.status import (
    AWAITING_RESPONSE_STATUSES,
    RESPONSE_STATUSES,
    check_status,
    check_transition,
)
from foia_desk.store import clockcache, db, query, schema
from foia_desk.store import events as event_repo
from foia_desk.store import requests as request_repo
from foia_desk.store.extras import TrackerExtras
from foia_desk.store.guard import api
from foia_desk.store.models import (
    Event,
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
)

_UNSET: Any = object()


class Store(TrackerExtras):
    """The tracker database. Create with :func:`open_store`."""

    def __init__(self, locations: db.StoreLocations, *, engine: Any = None,
                 today: Callable[[], date] = date.today,
                 agencies: Callable[[str], Agency | None] | None = None) -> None:
        self.locations = locations
        self.engine: clockcache.ClockEngine = engine or clockcache.default_engine()
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
            self._follow_directory_changes()
            self._catch_up_with_today()
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

    def _recompute(self, *, only_stale: bool = False, scope: Any = None,
                   progress: clockcache.ProgressCallback | None = None) -> int:
        today = self.today()
        with db.write(self.conn):
            count = clockcache.recompute_all(self.conn, self.engine, agencies=self.agency,
                                             today=today, only_stale=only_stale, scope=scope,
                                             progress=progress)
            if not only_stale and scope is None:
                self._set_meta("clocks_as_of", today.isoformat())
        return count

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                          (key, value))

    def _follow_directory_changes(self) -> None:
        """Recompute every clock once after the app or its agency directory changed (an
        update may correct an agency's appeal rule or a counting rule)."""
        if self._agency_lookup is not None:
            return
        from foia_desk import __version__
        from foia_desk.paths import resource_path

        try:
            digest = hashlib.sha256(resource_path("agencies.toml").read_bytes()
                                    + __version__.encode()).hexdigest()
        except OSError:
            return
        seen = self._meta("directory_sha256")
        if seen == digest:
            return
        with db.write(self.conn):
            if seen is not None:
                self.conn.execute("UPDATE requests SET clocks_stale = 1")
                clockcache.recompute_all(self.conn, self.engine, agencies=self.agency,
                                         today=self.today(), only_stale=True)
            self._set_meta("directory_sha256", digest)

    def _catch_up_with_today(self) -> int:
        """Recompute the requests whose cached deadline fell due since the cache was last
        brought up to date: a deadline that passes can change which one is next (e.g. an
        appeal window that closes). Cheap: only those rows. Returns how many."""
        today = self.today()
        as_of_text = self._meta("clocks_as_of")
        as_of = date.fromisoformat(as_of_text) if as_of_text else None
        if as_of is not None and as_of >= today:
            return 0
        count = 0
        with db.write(self.conn):
            if as_of is not None:
                since = date.fromordinal(as_of.toordinal() - 1)
                count = clockcache.recompute_all(
                    self.conn, self.engine, agencies=self.agency, today=today,
                    scope=clockcache.overdue_scope(since, today))
            elif self.conn.execute("SELECT 1 FROM requests LIMIT 1").fetchone():
                count = clockcache.recompute_all(self.conn, self.engine,
                                                 agencies=self.agency, today=today)
            self._set_meta("clocks_as_of", today.isoformat())
        return count

    @api
    def data_version(self) -> int:
        """A number that changes when another connection (a CLI command, a second window)
        commits a change: the GUI polls it to know when to reload its table."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    @api
    def refresh_for_today(self) -> int:
        """Bring cached deadlines up to date after midnight (the GUI calls this when the
        day changes; opening a Store does it too). Returns how many were recomputed."""
        return self._catch_up_with_today()

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------
    @api
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
                                            now=now, today=self.today())
            if status is not None:
                self.conn.execute("UPDATE requests SET status = ? WHERE id = ?",
                                  (status, request_id))
            report = self._refresh(request_id)
        return self._detail(request_id, report)

    @api
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

    @api
    def set_status(self, request_id: int, status: str) -> RequestDetail:
        """Move a request to ``status``; illegal moves are refused, naming the allowed ones.

        The deadlines come from the event log, so a status that changes them must come with
        its event: withdrawing records a "withdrawn" event dated today (the user's own act,
        which stops every clock), and an outcome status (complete, partly released, no
        records, denied) needs the agency's response recorded first, because the appeal
        window runs from the response's date, which FOIA Desk must not guess.
        """
        with db.write(self.conn):
            current = request_repo.request_row(self.conn, request_id)[5]
            check_transition(current, status)
            kinds = {row[0] for row in self.conn.execute(
                "SELECT DISTINCT kind FROM events WHERE request_id = ?", (request_id,))}
            if (status in RESPONSE_STATUSES and current in AWAITING_RESPONSE_STATUSES
                    and "response" not in kinds):
                raise UserError(
                    f"Record the agency's response instead of setting '{status}' directly.",
                    "Log a response event with its date and outcome (in the window: Log "
                    "event ▸ Response; on the command line: requests event ID --kind response "
                    "--date YYYY-MM-DD --outcome ...). It sets the status and starts the "
                    "appeal clock from the right date.")
            now = db.utc_now()
            if status == "withdrawn" and "withdrawn" not in kinds:
                event_repo.insert_event(self.conn, request_id, "withdrawn", self.today(),
                                        tracking_number=None,
                                        note="Recorded when the status was set to withdrawn.",
                                        details=None, now=now, today=self.today())
            request_repo.update_columns(self.conn, request_id, {"status": status}, now)
            self._refresh(request_id)
        return self._detail(request_id)

    @api
    def delete_request(self, request_id: int) -> None:
        """Delete a request with its events, reminders and attachments (the copies in the
        data folder; the user's original files are not touched)."""
        with db.write(self.conn):
            request_repo.require_request(self.conn, request_id)
            self.conn.execute("DELETE FROM requests WHERE id = ?", (request_id,))
        import shutil

        shutil.rmtree(self.locations.attachments / str(int(request_id)), ignore_errors=True)

    @api
    def get_request(self, request_id: int, *, clocks: bool = True) -> RequestDetail:
        """A request with its events, attachments, reminders and today's clocks
        (``clocks=False`` skips computing them: ``detail.clocks`` is then ``None``)."""
        return self._detail(request_id, with_clocks=clocks)

    def _detail(self, request_id: int, report: Any = None, *,
                with_clocks: bool = True) -> RequestDetail:
        row = request_repo.request_row(self.conn, request_id)
        if report is None and with_clocks:
            report = clockcache.compute_report(
                self.conn, self.engine, request_id, agency=self.agency(row[1]),
                expedited=bool(row[9]), today=self.today())
        return request_repo.detail_from_row(self.conn, row, report)

    @api
    def clocks(self, request_id: int) -> Any:
        """Today's ClockReport of one request."""
        return self._detail(request_id).clocks

    @api
    def list_requests(self, filter: RequestFilter | None = None, offset: int = 0,
                      limit: int = 100, order: str = "next_deadline") -> list[RequestSummary]:
        return query.list_requests(self.conn, filter, offset=offset, limit=limit, order=order,
                                   today=self.today(), search_mode=self.search_mode)

    @api
    def summary(self, request_id: int) -> RequestSummary:
        """The tracker-table row of one request (to refresh that row after a change)."""
        found = query.summary_of(self.conn, request_id, self.today())
        if found is None:
            raise request_repo.not_found(request_id)
        return found

    @api
    def count_requests(self, filter: RequestFilter | None = None) -> int:
        return query.count_requests(self.conn, filter, today=self.today(),
                                    search_mode=self.search_mode)

    @api
    def distinct_tags(self) -> list[str]:
        return request_repo.distinct_tags(self.conn)

    @api
    def agencies_in_use(self) -> list[tuple[str, str, int]]:
        return request_repo.agencies_in_use(self.conn)

    # -- events -----------------------------------------------------------------------
    @api
    def add_event(self, request_id: int, kind: str, date: date | str, *,
                  tracking_number: str | None = None, note: str | None = None,
                  details: dict[str, Any] | None = None) -> Event:
        """Record an event; it may set a tracking number and move the status (see status.py)."""
        now = db.utc_now()
        with db.write(self.conn):
            event_id = event_repo.insert_event(self.conn, request_id, kind, date,
                                               tracking_number=tracking_number, note=note,
                                               details=details, now=now,
                                               today=self.today())
            request_repo.touch(self.conn, request_id, now)
            self._refresh(request_id)
        return event_repo.get_event(self.conn, event_id)

    @api
    def update_event(self, event_id: int, *, date: date | str | None = None,
                     note: str | None = None, details: dict[str, Any] | None = None,
                     tracking_number: str | None = None) -> Event:
        with db.write(self.conn):
            event = event_repo.update_event(self.conn, event_id, day=date, note=note,
                                            details=details, tracking_number=tracking_number,
                                            today=self.today())
            request_repo.touch(self.conn, event.request_id, db.utc_now())
            self._refresh(event.request_id)
        return event

    @api
    def delete_event(self, event_id: int) -> None:
        with db.write(self.conn):
            request_id = event_repo.delete_event(self.conn, event_id)
            request_repo.touch(self.conn, request_id, db.utc_now())
            self._refresh(request_id)

    @api
    def recompute_all_clocks(self, progress: clockcache.ProgressCallback | None = None) -> int:
        """Recompute every request's cached deadline in one transaction; returns the count."""
        return self._recompute(progress=progress)
