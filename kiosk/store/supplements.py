"""Supplements ("yêu cầu bổ sung") and satisfaction ratings of a filed dossier, until the outbox sends them.

A supplement is prepared as a draft: the documents the portal asked for (attachments of the dossier,
listed by id on the draft, in the order they were added), answers and a note, sealed like every other
personal value. `queue_supplement` turns it into an outbox item in ONE transaction (a new
Idempotency-Key, as `Store.enqueue` gives), so a crash never leaves an item without its content.
`freeze_supplement` (sync, after every upload is complete) writes the contract body under that key and
clears the draft's own copy: from then on the frozen outbox body is the only copy, and retention clears
it with the dossier's other outbox bodies.

A rating may be given before the dossier has a code (queued offline): its item waits in the outbox
(sync sends ratings only once the dossier has its code). The last rating wins: a new one retires an
unsent one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from kiosk.errors import KioskError
from kiosk.store import files
from kiosk.store.audit import append_entry
from kiosk.store.base import StoreBase
from kiosk.store.models import (
    AttachmentInfo,
    AttachmentRow,
    DossierState,
    OutboxItem,
    OutboxKind,
    OutboxRow,
    OutboxState,
    now_utc,
    utc_text,
)

RATING_SCORES = range(1, 6)
# A supplement or a rating belongs to a dossier the citizen has filed (sent or still waiting to be).
_FILED = (DossierState.QUEUED.value, DossierState.SUBMITTED.value, DossierState.NEEDS_ATTENTION.value)


@dataclass(frozen=True)
class SupplementDraft:
    """The supplement being prepared for a dossier at status 5 (decrypted; keep it on screen only)."""

    id: str
    client_ref: str
    answers: dict[str, Any]
    note: str | None
    attachments: list[AttachmentInfo]
    updated_at: datetime


class SupplementOps(StoreBase):
    """Supplement drafts and ratings; each method is one transaction."""

    # --- drafts ------------------------------------------------------------------------------------
    def supplement_draft(self, client_ref: str) -> SupplementDraft | None:
        """The open supplement draft of a dossier, or None."""
        with self._read() as session:
            row = self._open_draft_row(session, client_ref)
            if row is None:
                return None
            ids: list[str] = json.loads(row[2])
            rows = {
                a.id: a for a in session.exec(select(AttachmentRow).where(col(AttachmentRow.id).in_(ids)))
            }
        content = self._open("supplement", "content", row[0], row[3]) or {}
        return SupplementDraft(
            id=row[0],
            client_ref=client_ref,
            answers=dict(content.get("answers") or {}),
            note=content.get("note"),
            attachments=[self._info(rows[i]) for i in ids if i in rows],
            updated_at=datetime.fromisoformat(row[4].replace("Z", "+00:00")),
        )

    def save_supplement(
        self, client_ref: str, answers: dict[str, Any], note: str | None, actor: str
    ) -> SupplementDraft:
        """Create or update the open draft (answers and note sealed). Refused while one is being sent."""
        with self._write() as session:
            draft_id = self._draft_for_edit(session, client_ref, actor)
            content = self._seal(
                "supplement", "content", draft_id, {"answers": answers, "note": note or None}
            )
            session.connection().exec_driver_sql(
                "UPDATE supplement SET content = ?, updated_at = ? WHERE id = ?",
                (content, utc_text(now_utc()), draft_id),
            )
        found = self.supplement_draft(client_ref)
        assert found is not None
        return found

    def add_supplement_attachment(
        self, client_ref: str, doc_type: str, data: bytes, filename: str, media_type: str, actor: str
    ) -> AttachmentInfo:
        """Keep a checked file sealed and list it on the dossier's open draft, in one transaction."""
        row = self._seal_attachment(client_ref, doc_type, data, filename, media_type)
        try:
            with self._write() as session:
                draft_id = self._draft_for_edit(session, client_ref, actor)
                session.add(row)
                session.flush()
                self._set_draft_attachments(session, draft_id, lambda ids: [*ids, row.id])
        except BaseException:
            files.remove(self.attachments_dir, [row.file_name])
            raise
        return self._info(row)

    def remove_supplement_attachment(self, client_ref: str, attachment_id: str) -> None:
        """Take a file off the open draft (a wrong scan) and delete it; files already sent stay."""
        with self._write() as session:
            found = self._open_draft_row(session, client_ref)
            if found is None or attachment_id not in json.loads(found[2]):
                raise KioskError("store.attachment_not_found", ref=attachment_id)
            row = session.get(AttachmentRow, attachment_id)
            name = row.file_name if row is not None else None
            if row is not None:
                session.delete(row)
                session.flush()
            self._set_draft_attachments(session, found[0], lambda ids: [i for i in ids if i != attachment_id])
        if name is not None:
            files.remove(self.attachments_dir, [name])

    def discard_supplement(self, client_ref: str, actor: str) -> None:
        """Forget the open draft: its sealed content and its files."""
        names: list[str] = []
        with self._write() as session:
            found = self._open_draft_row(session, client_ref)
            if found is None:
                return
            for attachment_id in json.loads(found[2]):
                row = session.get(AttachmentRow, attachment_id)
                if row is not None:
                    names.append(row.file_name)
                    session.delete(row)
            session.flush()
            conn = session.connection()
            conn.exec_driver_sql(
                "UPDATE supplement SET state = 'discarded', content = NULL, attachments = '[]',"
                " updated_at = ? WHERE id = ?",
                (utc_text(now_utc()), found[0]),
            )
            append_entry(conn, actor, "supplement.discarded", client_ref)
        files.remove(self.attachments_dir, names)

    def queue_supplement(self, client_ref: str, actor: str) -> OutboxItem:
        """The draft goes to the outbox with a new Idempotency-Key (one transaction, as `enqueue`)."""
        with self._write() as session:
            dossier = self._dossier_row(session, client_ref)
            self._require_state(dossier, DossierState.SUBMITTED)
            found = self._open_draft_row(session, client_ref)
            if found is None:
                raise KioskError("tracking.supplement.empty")
            content = self._open("supplement", "content", found[0], found[3]) or {}
            if not json.loads(found[2]) and not content.get("answers") and not content.get("note"):
                raise KioskError("tracking.supplement.empty")
            self._retire_pending(session, client_ref, OutboxKind.SUPPLEMENT)
            item = self._new_outbox_row(session, OutboxKind.SUPPLEMENT, client_ref)
            session.flush()
            conn = session.connection()
            conn.exec_driver_sql(
                "UPDATE supplement SET state = 'queued', outbox_id = ?, updated_at = ? WHERE id = ?",
                (item.id, utc_text(now_utc()), found[0]),
            )
            append_entry(conn, actor, "supplement.queued", client_ref, on_behalf_of=dossier.authorization_ref)
            return self._item(item)

    def supplement_pending(self, client_ref: str) -> OutboxItem | None:
        """The supplement item still waiting to be delivered, if any."""
        statement = select(OutboxRow).where(
            col(OutboxRow.client_ref) == client_ref,
            col(OutboxRow.kind) == OutboxKind.SUPPLEMENT.value,
            col(OutboxRow.state) == OutboxState.PENDING.value,
        )
        with self._read() as session:
            row = session.exec(statement).first()
        return self._item(row) if row is not None else None

    # --- for sync ----------------------------------------------------------------------------------
    def supplement_attachments(self, item_id: str) -> list[AttachmentInfo] | None:
        """The files a supplement item carries, in order; None when the item has no draft behind it."""
        with self._read() as session:
            found = (
                session.connection()
                .exec_driver_sql("SELECT attachments FROM supplement WHERE outbox_id = ?", (item_id,))
                .first()
            )
            if found is None:
                return None
            ids: list[str] = json.loads(found[0])
            rows = {
                a.id: a for a in session.exec(select(AttachmentRow).where(col(AttachmentRow.id).in_(ids)))
            }
        return [self._info(rows[i]) for i in ids if i in rows]

    def freeze_supplement(self, item_id: str, attachments: list[dict[str, str]]) -> dict[str, Any]:
        """Freeze the contract body of a supplement item (once; later calls return the same body).

        The draft's answers and note move into the frozen body and leave the draft row.
        """
        with self._write() as session:
            row = self._outbox_row(session, item_id)
            if row.body is None:
                conn = session.connection()
                found = conn.exec_driver_sql(
                    "SELECT id, content FROM supplement WHERE outbox_id = ?", (item_id,)
                ).first()
                content = (self._open("supplement", "content", found[0], found[1]) if found else None) or {}
                body = {
                    "attachments": attachments,
                    "answers": dict(content.get("answers") or {}),
                    "note": content.get("note"),
                }
                row.body = self._seal("outbox", "body", item_id, body)
                session.add(row)
                if found is not None:
                    conn.exec_driver_sql("UPDATE supplement SET content = NULL WHERE id = ?", (found[0],))
            frozen: dict[str, Any] = self._open("outbox", "body", item_id, row.body)
            return frozen

    # --- ratings -----------------------------------------------------------------------------------
    def rate(self, client_ref: str, score: int, actor: str) -> OutboxItem:
        """Queue a satisfaction rating (1–5); it replaces an unsent one and waits for the dossier code."""
        if isinstance(score, bool) or score not in RATING_SCORES:
            raise ValueError("a rating is 1 to 5")
        with self._write() as session:
            dossier = self._dossier_row(session, client_ref)
            if dossier.state not in _FILED:
                raise KioskError("store.wrong_state", ref=client_ref, state=dossier.state)
            self._retire_pending(session, client_ref, OutboxKind.RATING)
            row = self._new_outbox_row(
                session, OutboxKind.RATING, client_ref, {"score": score, "comment": None}
            )
            session.flush()
            append_entry(session.connection(), actor, "rating.queued", client_ref)
            return self._item(row)

    def last_rating(self, client_ref: str) -> int | None:
        """The score of the newest rating not replaced by another (sent or waiting)."""
        statement = (
            select(OutboxRow)
            .where(
                col(OutboxRow.client_ref) == client_ref,
                col(OutboxRow.kind) == OutboxKind.RATING.value,
                col(OutboxRow.state) != OutboxState.SUPERSEDED.value,
            )
            .order_by(col(OutboxRow.created_at).desc())
            .limit(1)
        )
        with self._read() as session:
            row = session.exec(statement).first()
        body = self._open("outbox", "body", row.id, row.body) if row is not None else None
        score = body.get("score") if isinstance(body, dict) else None
        return score if isinstance(score, int) else None

    # --- helpers -----------------------------------------------------------------------------------
    def _info(self, row: AttachmentRow) -> AttachmentInfo:
        return AttachmentInfo(
            id=row.id,
            client_ref=row.client_ref,
            doc_type=row.doc_type,
            size=row.size,
            media_type=row.media_type,
            filename=self._open("attachment", "filename", row.id, row.filename),
            sha256=self._open("attachment", "sha256", row.id, row.sha256),
            upload_id=row.upload_id,
        )

    @staticmethod
    def _open_draft_row(session: Session, client_ref: str) -> Any:
        return (
            session.connection()
            .exec_driver_sql(
                "SELECT id, client_ref, attachments, content, updated_at FROM supplement"
                " WHERE client_ref = ? AND state = 'draft'",
                (client_ref,),
            )
            .first()
        )

    def _draft_for_edit(self, session: Session, client_ref: str, actor: str) -> str:
        """The open draft's id, created when there is none; only a submitted dossier takes one."""
        dossier = self._dossier_row(session, client_ref)
        self._require_state(dossier, DossierState.SUBMITTED)
        found = self._open_draft_row(session, client_ref)
        if found is not None:
            return str(found[0])
        pending = session.exec(
            select(OutboxRow.id).where(
                col(OutboxRow.client_ref) == client_ref,
                col(OutboxRow.kind) == OutboxKind.SUPPLEMENT.value,
                col(OutboxRow.state) == OutboxState.PENDING.value,
            )
        ).first()
        if pending is not None:
            # Its body may already be on the portal: a second supplement would only wait behind it.
            raise KioskError("tracking.supplement.already_queued")
        draft_id = str(uuid.uuid4())
        now = utc_text(now_utc())
        conn = session.connection()
        conn.exec_driver_sql(
            "INSERT INTO supplement (id, client_ref, state, attachments, created_at, updated_at)"
            " VALUES (?, ?, 'draft', '[]', ?, ?)",
            (draft_id, client_ref, now, now),
        )
        append_entry(conn, actor, "supplement.started", client_ref, on_behalf_of=dossier.authorization_ref)
        return draft_id

    @staticmethod
    def _set_draft_attachments(session: Session, draft_id: str, change: Any) -> None:
        conn = session.connection()
        current = conn.exec_driver_sql(
            "SELECT attachments FROM supplement WHERE id = ?", (draft_id,)
        ).scalar_one()
        conn.exec_driver_sql(
            "UPDATE supplement SET attachments = ?, updated_at = ? WHERE id = ?",
            (json.dumps(change(json.loads(current))), utc_text(now_utc()), draft_id),
        )
