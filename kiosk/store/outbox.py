"""The outbox half of the store: leases, frozen bodies, outcomes, portal statuses (used by sync).

What every delivered dossier goes through (lease_next, freeze_body, complete) is written as plain SQL on
a bare connection: the same statements and the same single transaction each, without the ORM's loads and
unit of work, which cost more than the work itself (see the drain benchmark in bench/).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection
from sqlmodel import col, func, select

from kiosk.crypto import IntegrityError
from kiosk.diskspace import DiskFullError
from kiosk.errors import KioskError
from kiosk.owner import owner_gone
from kiosk.statuses import FINAL_STATUSES, portal_final_time
from kiosk.store.audit import append_entry
from kiosk.store.base import OUTBOX_COLUMNS
from kiosk.store.clock import AHEAD_SLACK, ClockOps
from kiosk.store.models import (
    DossierState,
    OutboxItem,
    OutboxKind,
    OutboxRow,
    OutboxState,
    now_utc,
    utc_text,
)

log = logging.getLogger(__name__)

_SYNC_ACTOR = "system:sync"
_NEVER = "9999-12-31T23:59:59"  # a bound no stored time reaches (utc_text's form)
_PORTAL_ACTOR = "system:portal"
# What sync.send records when the portal could not be reached at all (no answer, or the answer was lost).
NETWORK_CODES = frozenset({"unreachable", "response-lost", "upload-interrupted"})

# Oldest due first. A lease is free when its time ran out, when it reaches further than `lease_for` from
# now (taken under a clock that has since been put back: no sender leases for longer), or when its sender
# is known to be dead (cleared just before, see `lease_next`). A retry time further than the backoff cap
# from now was likewise written under a clock that was ahead: the item is due. So a clock corrected
# backwards strands nothing. One UPDATE … RETURNING inside BEGIN IMMEDIATE: two processes can never lease
# the same item.
_LEASE_SQL = f"""
UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
WHERE id = (
    SELECT id FROM outbox
    WHERE state = 'pending'
      AND (next_attempt_at IS NULL OR next_attempt_at <= ? OR next_attempt_at > ?)
      AND (lease_until IS NULL OR lease_until <= ? OR lease_until > ?)
    ORDER BY created_at, id
    LIMIT 1
)
RETURNING {OUTBOX_COLUMNS}
"""  # noqa: S608 -- fixed column names


def problem_code(problem: dict[str, Any] | None) -> str | None:
    """A short, PII-free code for a portal problem: the slug of its type, else its HTTP status."""
    if not problem:
        return None
    kind = problem.get("type")
    if isinstance(kind, str) and kind.strip("/"):
        slug = kind.rstrip("/").rsplit("/", 1)[-1].lower()
        cleaned = re.sub(r"[^a-z0-9._-]", "", slug)[:64]
        if cleaned:
            return cleaned
    status = problem.get("status")
    return str(status) if isinstance(status, int) else "unknown"


class DamagedItem(Exception):
    """A leased item whose frozen body fails its integrity check; `item` is it without its body."""

    def __init__(self, item: OutboxItem, where: str) -> None:
        super().__init__(where)
        self.item, self.where = item, where


class PendingTime(NamedTuple):
    """When a pending item may go next, and why it waits (nothing decrypted, no personal data)."""

    next_attempt_at: datetime | None  # its retry time (backoff or the portal's pause), None: at once
    lease_owner: str | None
    lease_until: datetime | None  # a sender holds it until then
    last_error_code: str | None


class OutboxOps(ClockOps):
    """Outbox operations; each is one transaction."""

    def lease_next(
        self, owner: str, now: datetime, lease_for: timedelta, retry_cap: timedelta | None = None
    ) -> OutboxItem | None:
        """Lease the oldest due item for `lease_for` (counts one attempt), or None when nothing is due.

        Leases held by a sender of this machine that no longer runs (kiosk.owner.owner_gone: killed,
        crashed, a power cut) are taken over at once, whatever their time. `retry_cap` is the longest
        delay the retry policy ever sets (sync.retry.RetryPolicy.cap); None: no retry time is questioned.
        """
        now_text = utc_text(now)
        lease_bound = utc_text(now + lease_for)
        retry_bound = utc_text(now + retry_cap) if retry_cap is not None else _NEVER
        with self._write_sql() as conn:
            self._free_dead_leases(conn, owner, now_text)
            leased = conn.exec_driver_sql(
                _LEASE_SQL, (owner, lease_bound, now_text, retry_bound, now_text, lease_bound)
            ).first()
        if leased is None:
            return None
        try:
            return self._item_of(leased)
        except IntegrityError as exc:
            # Leased (committed above): the sender decides what becomes of it (sync.send.send_item).
            raise DamagedItem(self._item_of(leased, with_body=False), exc.where) from exc

    @staticmethod
    def _free_dead_leases(conn: Connection, owner: str, now_text: str) -> None:
        """Clear the live leases whose sender is known to be dead (in the caller's transaction).

        The dead sender's attempt stays counted: its request may have reached the portal, so the next
        attempt asks the portal first (sync.send._recover).
        """
        holders = conn.exec_driver_sql(
            "SELECT DISTINCT lease_owner FROM outbox WHERE state = 'pending' AND lease_owner IS NOT NULL"
            " AND lease_owner != ? AND lease_until > ?",
            (owner, now_text),
        ).all()
        for (holder,) in holders:
            if owner_gone(holder):
                freed = conn.exec_driver_sql(
                    "UPDATE outbox SET lease_owner = NULL, lease_until = NULL"
                    " WHERE state = 'pending' AND lease_owner = ?",
                    (holder,),
                ).rowcount
                log.info("took over %d lease(s) of a sender that no longer runs: %s", freed, holder)

    def freeze_body(self, item_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Store the body sent under this item's key; if one is already frozen, return it unchanged."""
        sealed = self._seal("outbox", "body", item_id, body)
        with self._write_sql() as conn:
            found = conn.exec_driver_sql("SELECT body FROM outbox WHERE id = ?", (item_id,)).first()
            if found is None:
                raise KioskError("store.outbox_not_found", ref=item_id)
            if found[0] is None:
                conn.exec_driver_sql("UPDATE outbox SET body = ? WHERE id = ?", (sealed, item_id))
            else:
                sealed = found[0]
        # What was sealed, read back: the caller sends exactly the stored body, as every retry will.
        frozen: dict[str, Any] = self._open("outbox", "body", item_id, sealed)
        return frozen

    def wake_unreachable(self, now: datetime, codes: frozenset[str] = NETWORK_CODES) -> int:
        """Make due now the waiting items whose last try failed only because the portal could not be
        reached (the portal is back, or a person pressed "Gửi ngay"); returns how many.

        Their backoff was for the network, not for the portal's answer: once /health answers again it
        only delays what the person was told would go "khi có mạng". Items the portal answered (5xx, a
        protocol fault) keep their backoff, and the portal's pause is honoured by the sender as before.
        """
        marks = ", ".join("?" for _ in codes)
        with self._write_sql() as conn:
            woken = conn.exec_driver_sql(
                "UPDATE outbox SET next_attempt_at = NULL WHERE state = 'pending'"  # noqa: S608 -- marks only
                f" AND next_attempt_at > ? AND last_error_code IN ({marks})",
                (utc_text(now), *sorted(codes)),
            ).rowcount
        return woken

    def release(self, item_id: str) -> None:
        """Give a leased item back untried (cancelled): its attempt is not counted."""
        with self._write() as session:
            row = self._outbox_row(session, item_id)
            row.lease_owner = None
            row.lease_until = None
            row.attempts = max(row.attempts - 1, 0)
            session.add(row)

    def complete(self, item_id: str, response: dict[str, Any]) -> None:
        """Record the portal's accepting response; a dossier becomes submitted with its dossier_code.

        One transaction: the item is done, the dossier holds its dossier_code and receipt, and the audit
        entry is chained, all or nothing. It is the first write after the portal's answer; when the disk
        is full the space reserve is given back and it is tried once more, so an acceptance is not lost
        to a full disk (sync sends nothing when too little space is left for this, see `space_low`).
        """
        try:
            self._complete(item_id, response)
        except DiskFullError:
            self.make_room()
            self._complete(item_id, response)

    def _complete(self, item_id: str, response: dict[str, Any]) -> None:
        now = now_utc()
        now_text = utc_text(now)
        with self._write_sql() as conn:
            item = conn.exec_driver_sql(
                "SELECT kind, client_ref, lease_owner FROM outbox WHERE id = ?", (item_id,)
            ).first()
            if item is None:
                raise KioskError("store.outbox_not_found", ref=item_id)
            kind, client_ref = OutboxKind(item.kind), str(item.client_ref)
            actor = item.lease_owner or _SYNC_ACTOR
            conn.exec_driver_sql(
                "UPDATE outbox SET state = ?, lease_owner = NULL, lease_until = NULL, last_error_code = NULL"
                " WHERE id = ?",
                (OutboxState.DONE.value, item_id),
            )
            dossier = conn.exec_driver_sql(
                "SELECT status_details, portal_status, submitted_at, final_status_at FROM dossier"
                " WHERE client_ref = ?",
                (client_ref,),
            ).first()
            if dossier is None:
                raise KioskError("store.not_found", ref=client_ref)
            details = self._open("dossier", "status_details", client_ref, dossier.status_details) or {}
            changes: dict[str, Any] = {}
            if kind == OutboxKind.DOSSIER:
                details["receipt"] = response
                changes["state"] = DossierState.SUBMITTED.value
                changes["dossier_code"] = str(response["dossier_code"])
                changes["submitted_at"] = dossier.submitted_at or now_text
                changes["problems"] = None
            elif kind == OutboxKind.SUPPLEMENT:
                changes["problems"] = None
                for key in ("history", "supplement_request", "result"):
                    if key in response:
                        details[key] = response[key]
            status = response.get("status")
            if kind != OutboxKind.RATING and isinstance(status, int):
                self._set_status(conn, client_ref, dossier.portal_status, status, now)
                changes["portal_status"] = status
                if status in FINAL_STATUSES and dossier.final_status_at is None:
                    changes["final_status_at"] = utc_text(self._final_time(details, now))
            changes["status_details"] = self._seal("dossier", "status_details", client_ref, details)
            changes["updated_at"] = now_text
            sets = ", ".join(f"{name} = ?" for name in changes)
            conn.exec_driver_sql(
                f"UPDATE dossier SET {sets} WHERE client_ref = ?",  # noqa: S608 -- fixed column names
                (*changes.values(), client_ref),
            )
            append_entry(conn, actor, f"{kind.value}.submitted", client_ref, at=now)

    def fail(self, item_id: str, *, retry_at: datetime | None, problem: dict[str, Any] | None) -> None:
        """Retry at `retry_at`; or, when None, stop: the dossier needs a person (problem kept sealed)."""
        now = now_utc()
        with self._write() as session:
            row = self._outbox_row(session, item_id)
            actor = row.lease_owner or _SYNC_ACTOR
            row.lease_owner, row.lease_until = None, None
            row.last_error_code = problem_code(problem)
            if retry_at is not None:
                row.next_attempt_at = retry_at
                session.add(row)
                return
            row.state = OutboxState.FAILED.value
            session.add(row)
            dossier = self._dossier_row(session, row.client_ref)
            if problem is not None:
                dossier.problems = self._seal("dossier", "problems", dossier.client_ref, problem)
            if row.kind == OutboxKind.DOSSIER:
                dossier.state = DossierState.NEEDS_ATTENTION.value
            dossier.updated_at = now
            session.add(dossier)
            session.flush()
            append_entry(session.connection(), actor, f"{row.kind}.needs_attention", row.client_ref, at=now)

    def enqueue(
        self, client_ref: str, kind: OutboxKind, actor: str, body: dict[str, Any] | None = None
    ) -> OutboxItem:
        """Queue a supplement or rating of a submitted dossier (a rating's body is known now: frozen here)."""
        if kind == OutboxKind.DOSSIER:
            raise ValueError("dossiers are queued by finalize()")
        with self._write() as session:
            dossier = self._dossier_row(session, client_ref)
            self._require_state(dossier, DossierState.SUBMITTED)
            if kind == OutboxKind.SUPPLEMENT:
                self._retire_pending(session, client_ref, kind)
            row = self._new_outbox_row(session, kind, client_ref, body)
            session.flush()
            append_entry(session.connection(), actor, f"{kind.value}.queued", client_ref)
            return self._item(row)

    def outbox_items(self, client_ref: str | None = None) -> list[OutboxItem]:
        """Items oldest first (for `kiosk status` / doctor); bodies decrypted."""
        statement = select(OutboxRow).order_by(col(OutboxRow.created_at), col(OutboxRow.id))
        if client_ref is not None:
            statement = statement.where(col(OutboxRow.client_ref) == client_ref)
        with self._read() as session:
            return [self._item(row) for row in session.exec(statement).all()]

    def pending_by_dossier(self) -> dict[str, int]:
        """How many items wait to be delivered, per dossier that has any (one query, nothing decrypted)."""
        statement = (
            select(OutboxRow.client_ref, func.count())
            .where(col(OutboxRow.state) == "pending")
            .group_by(col(OutboxRow.client_ref))
        )
        with self._read() as session:
            return {str(ref): int(count) for ref, count in session.exec(statement).all()}

    def queued_count(self) -> int:
        """Items still waiting to be delivered (dossiers, supplements, ratings)."""
        statement = select(func.count()).select_from(OutboxRow).where(col(OutboxRow.state) == "pending")
        with self._read() as session:
            return int(session.exec(statement).one())

    def pending_times(self) -> list[PendingTime]:
        """Each pending item's retry time and lease, oldest first (`kiosk sync` decides how long to wait)."""
        statement = (
            select(
                OutboxRow.next_attempt_at,
                OutboxRow.lease_owner,
                OutboxRow.lease_until,
                OutboxRow.last_error_code,
            )
            .where(col(OutboxRow.state) == "pending")
            .order_by(col(OutboxRow.created_at), col(OutboxRow.id))
        )
        with self._read() as session:
            return [PendingTime(*row) for row in session.exec(statement).all()]

    def record_status(
        self,
        client_ref: str,
        status: int,
        history: list[dict[str, Any]],
        supplement_request: dict[str, Any] | None,
        result: dict[str, Any] | None,
        *,
        now: datetime | None = None,
    ) -> None:
        """Store a polled portal status; free text (notes, requests, results) stays sealed.

        `now` is the poller's clock (the system's by default). A first final status is stamped with the
        portal's time for it (see _final_time), not with `now`: retention counts from it.
        """
        now = now or now_utc()
        with self._write() as session:
            dossier = self._dossier_row(session, client_ref)
            if dossier.dossier_code is None:
                raise KioskError("store.wrong_state", ref=client_ref, state=dossier.state)
            details = self._open("dossier", "status_details", client_ref, dossier.status_details) or {}
            details.update(history=history, supplement_request=supplement_request, result=result)
            changed = self._set_status(session.connection(), client_ref, dossier.portal_status, status, now)
            dossier.portal_status = status
            if status in FINAL_STATUSES and dossier.final_status_at is None:
                dossier.final_status_at = self._final_time(details, now)
            dossier.status_details = self._seal("dossier", "status_details", client_ref, details)
            dossier.updated_at = now
            session.add(dossier)
            session.flush()
            if changed:
                append_entry(session.connection(), _PORTAL_ACTOR, f"status.{status}", client_ref, at=now)

    def _final_time(self, details: dict[str, Any], now: datetime) -> datetime:
        """When a dossier reached its final status: the portal's own time from its history when it gives
        one, else the portal's time now by the last measured skew (when recent), else `now`.

        Retention runs from this time, so a clock that was wrong when the status came must not move it:
        a clock 2 years behind would otherwise make a dossier closed minutes ago look closed for 2 years.
        A stated time later than the portal's own clock (by the measured skew) is not believed.
        """
        check = self.last_clock_check()
        portal_now = check.portal_now(now) if check is not None and check.fresh(now) else None
        stated = portal_final_time(details)
        if stated is not None and (portal_now is None or stated <= portal_now + AHEAD_SLACK):
            return stated
        return portal_now or now

    @staticmethod
    def _set_status(conn: Connection, client_ref: str, old: int | None, new: int, now: datetime) -> bool:
        """A new portal status goes into the dossier's history (in the caller's transaction); True if new."""
        if old == new:
            return False
        conn.exec_driver_sql(
            "INSERT INTO status_history (client_ref, status, recorded_at) VALUES (?, ?, ?)",
            (client_ref, new, utc_text(now)),
        )
        return True
