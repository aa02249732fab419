"""Store methods beyond requests and events: closure days, reminders, attachments,
backups and bulk import. Mixed into :class:`foia_desk.store.store.Store`."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from foia_desk.errors import UserError
from foia_desk.store import clockcache, db, schema
from foia_desk.store import closures as closure_repo
from foia_desk.store import events as event_repo
from foia_desk.store import reminders as reminder_repo
from foia_desk.store import requests as request_repo
from foia_desk.store.guard import api
from foia_desk.store.models import Attachment, Closure, DueReminder, Reminder, RequestRecord
from foia_desk.store.values import (
    check_method,
    check_request_kind,
    clean_subject,
    clean_tags,
    parse_date,
)


class TrackerExtras:
    """Closures, reminders, attachments, backups (needs the Store's conn and helpers)."""

    conn: Any
    locations: db.StoreLocations

    # -- closures ---------------------------------------------------------------------
    @api
    def add_closure(self, day: date | str, note: str = "") -> Closure:
        with db.write(self.conn):
            closure = closure_repo.add_closure(self.conn, day, note)
            self._recompute(scope=clockcache.closure_scope(closure.day))
        return closure

    @api
    def remove_closure(self, day: date | str) -> Closure:
        with db.write(self.conn):
            closure = closure_repo.remove_closure(self.conn, day)
            self._recompute(scope=clockcache.closure_scope(closure.day))
        return closure

    @api
    def list_closures(self) -> list[Closure]:
        return closure_repo.list_closures(self.conn)

    # -- reminders --------------------------------------------------------------------
    @api
    def add_reminder(self, request_id: int, due: date | str, text: str) -> Reminder:
        with db.write(self.conn):
            reminder_id = reminder_repo.add_reminder(self.conn, request_id, due, text,
                                                     db.utc_now())
        return reminder_repo.get_reminder(self.conn, reminder_id)

    @api
    def mark_done(self, reminder_id: int, done: bool = True) -> Reminder:
        with db.write(self.conn):
            return reminder_repo.set_done(self.conn, reminder_id, done)

    @api
    def list_due(self, until: date | str | None = None, *, days: int | None = None,
                 ) -> list[DueReminder]:
        """Reminders due by ``until`` (default: today + ``days``, default 7): user ones not
        done and automatic ones ahead of each open deadline."""
        today = self.today()
        if until is None:
            until = today + timedelta(days=7 if days is None else days)
        return reminder_repo.due_reminders(self.conn, self.engine, self.agency, today=today,
                                           until=parse_date(until, "reminder horizon"))

    @api
    def open_deadlines(self, *, until: date | None = None,
                       since: date | None = None) -> list[reminder_repo.OpenDeadline]:
        """Every open deadline of the requests whose first open deadline (the cached one)
        falls between ``since`` and ``until`` (for calendar export). A request's later
        deadlines follow its first within weeks, so ``since`` a couple of months back
        still finds every upcoming deadline while skipping long-stale requests."""
        return list(reminder_repo.open_deadlines(
            self.conn, self.engine, self.agency, today=self.today(), latest_first_due=until,
            earliest_first_due=since))

    @api
    def user_reminders(self, *, include_done: bool = False) -> list[Reminder]:
        sql = "SELECT id, request_id, due, text, done, created_at FROM reminders"
        if not include_done:
            sql += " WHERE done = 0"
        return [request_repo.reminder_from_row(r) for r in self.conn.execute(
            sql + " ORDER BY due, id")]

    # -- attachments ------------------------------------------------------------------
    @api
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

    @api
    def remove_attachment(self, attachment_id: int) -> None:
        """Forget an attachment; its copy is deleted once no other record uses it."""
        row = self.conn.execute("SELECT request_id, relpath FROM attachments WHERE id = ?",
                                (attachment_id,)).fetchone()
        if row is None:
            raise UserError(f"There is no attachment with id {attachment_id}.")
        request_id, relpath = row
        with db.write(self.conn):
            self.conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            request_repo.touch(self.conn, request_id, db.utc_now())
            still_used = self.conn.execute("SELECT 1 FROM attachments WHERE relpath = ?",
                                           (relpath,)).fetchone()
        if not still_used:
            (self.locations.attachments / relpath).unlink(missing_ok=True)

    # -- backups ----------------------------------------------------------------------
    @api
    def backup(self, path: str | Path | None = None) -> Path:
        """Write a consistent copy of the database (default: a new file in the backups
        folder) and return its path."""
        from foia_desk.store.backup import backup_connection

        if path:
            return backup_connection(self.conn, Path(path).expanduser(), reason="manual")
        return backup_connection(self.conn, self.locations.backups, reason="manual",
                                 into_folder=True)

    @api
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

    # -- bulk import ------------------------------------------------------------------
    @api
    def import_records(self, records: list[RequestRecord]) -> list[int]:
        """Add whole requests (with their events and reminders) in ONE transaction: a bad
        record raises UserError and nothing is imported. Returns the new ids."""
        ids: list[int] = []
        now = db.utc_now()
        with db.write(self.conn):
            for number, record in enumerate(records, start=1):
                try:
                    ids.append(self._import_one(record, now))
                except UserError as exc:
                    raise UserError(f"Record {number} ({record.subject[:40]!r}): {exc}",
                                    "Nothing was imported.") from exc
            for request_id in ids:
                self._refresh(request_id)
        return ids

    def _import_one(self, record: RequestRecord, now: str) -> int:
        from foia_desk.status import check_status

        agency = self._require_agency(record.agency_id)
        check_status(record.status)
        request_id = request_repo.insert_request(
            self.conn, agency_id=agency.id, agency_name=agency.name,
            subject=clean_subject(record.subject), kind=check_request_kind(record.kind),
            status="draft", method=check_method(record.method), expedited=record.expedited,
            profile=record.profile, letter_markdown=record.letter_markdown,
            letter_files=list(record.letter_files), tracking_number=None,
            appeal_tracking_number=None, now=record.updated_at or now,
            created_at=record.created_at or now)
        request_repo.set_tags(self.conn, request_id, clean_tags(record.tags))
        for event in record.events:
            event_repo.insert_event(
                self.conn, request_id, str(event.get("kind", "")), event.get("date"),
                tracking_number=event.get("tracking_number"), note=event.get("note"),
                details=event.get("details") or {}, now=now,
                created_at=event.get("created_at"), move_status=False, today=self.today())
        for reminder in record.reminders:
            reminder_id = reminder_repo.add_reminder(
                self.conn, request_id, reminder.get("due"), str(reminder.get("text", "")),
                str(reminder.get("created_at") or now))
            if reminder.get("done"):
                reminder_repo.set_done(self.conn, reminder_id, True)
        self.conn.execute(
            "UPDATE requests SET status = ?, tracking_number = coalesce(?, tracking_number), "
            "appeal_tracking_number = coalesce(?, appeal_tracking_number) WHERE id = ?",
            (record.status, event_repo.clean_tracking(record.tracking_number),
             event_repo.clean_tracking(record.appeal_tracking_number), request_id))
        return request_id
