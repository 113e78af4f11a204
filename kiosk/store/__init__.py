"""Encrypted local store (SQLite, WAL, synchronous=FULL): dossiers, attachments, outbox, audit log.

API as in docs/ARCHITECTURE.md "Store (kiosk.store)"; every personal-data value is sealed with AES-GCM
bound to (table, column, row). Additions beyond the documented API:

- ``Store.close()`` / context manager: dispose of the engine.
- ``Store.delete_draft(client_ref, actor="kiosk")``: the actor is recorded in the audit log.
- ``Store.delete_attachment(attachment_id)``: remove a wrong scan from a draft (file included).
- ``Store.enqueue(client_ref, kind, actor, body=None) -> OutboxItem``: queue a ``supplement`` or
  ``rating`` of a submitted dossier with a new Idempotency-Key; a rating's body is frozen at once,
  a supplement's is frozen by ``freeze_body`` after its uploads; a newer supplement retires an unsent one.
- ``Store.outbox_items(client_ref=None) -> list[OutboxItem]``: all items oldest first (status, doctor).
- ``Store.find_by_id_number(id_number) -> list[DossierSummary]`` and ``Store.counts_by_state()``.
- ``Dossier.receipt``: the portal's 201 body stored by ``complete`` (dossier_code, due_at, fee, payment).
- Semantics: ``lease_next`` counts an attempt (``attempts``); ``release`` gives it back. It takes over at
  once the leases of a sender of this machine that no longer runs (``kiosk.owner``), and honours no lease
  further than ``lease_for`` nor any retry time further than ``retry_cap`` from now. ``fail`` stores
  only a PII-free ``last_error_code`` (the problem type's slug); with ``retry_at=None`` a dossier item turns
  the dossier ``needs_attention`` and keeps the problem sealed (``Dossier.problem``). ``queued_count`` counts
  pending outbox items. Outbox item states: pending, done, failed, superseded (retired by reopen).
- ``Store.portal_pause(now, longest)`` / ``Store.hold_portal(until, now, longest)``: the portal's
  Retry-After pause, shared by every process (``sync.pause``), never further than ``longest`` from now.
- ``DossierSummary.local_ref``: ``kiosk.references.local_reference(client_ref)``, stored at creation.
"""

from __future__ import annotations

from kiosk.store.audit import AuditChainError, AuditEntry, AuditLog
from kiosk.store.models import (
    Assisted,
    AttachmentInfo,
    Dossier,
    DossierState,
    DossierSummary,
    OutboxItem,
    OutboxKind,
    OutboxState,
)
from kiosk.store.resume import Display
from kiosk.store.schema import SCHEMA_VERSION
from kiosk.store.store import DB_NAME, Store

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "Assisted",
    "AttachmentInfo",
    "AuditChainError",
    "AuditEntry",
    "AuditLog",
    "Display",
    "Dossier",
    "DossierState",
    "DossierSummary",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "Store",
]
