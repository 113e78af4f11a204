"""Send ONE outbox item: attachments first (resumable), then the frozen body under the item's key.

Exactly-once rests on three rules kept here: the body is frozen (store.freeze_body) only once every
attachment is complete on the portal; every retry sends exactly that frozen body under the same
Idempotency-Key; and a retry after a possibly lost answer first asks the portal whether the dossier's
client_ref was already accepted. A new key only ever comes from the store (finalize after reopen_for_edit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.crypto import IntegrityError
from kiosk.store import AttachmentInfo, Dossier, OutboxItem, OutboxKind, OutboxState, Store
from sync.client import NotBefore, PortalClient, ProtocolProblem, Reply, Unreachable
from sync.clock import Clock
from sync.retry import RetryPolicy

log = logging.getLogger(__name__)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CHUNK_SIZE = 128 * 1024  # a cut line wastes at most one chunk; small enough for a flaky 3G link
# Consecutive breaks without progress before an upload is left for a later attempt.
MAX_STALLS = 3
# PATCH answers that took none of the bytes (204, offset unchanged) before the upload is left for later:
# the first may be a hiccup and is sent again once; the second is the portal not taking them.
MAX_IDLE_PATCHES = 2
TRANSIENT = frozenset({408, 425, 429})


class Outcome(StrEnum):
    SENT = "sent"
    RETRY_LATER = "retry_later"
    NEEDS_ATTENTION = "needs_attention"
    SKIPPED_NOT_DUE = "skipped_not_due"  # nothing was sent: the portal asked to wait, or a rating waits


@dataclass(frozen=True)
class SendResult:
    item_id: str
    client_ref: str
    kind: OutboxKind
    outcome: Outcome
    dossier_code: str | None = None
    code: str | None = None  # why (problem slug, transport failure), PII-free
    retry_at: datetime | None = None


@dataclass
class SendContext:
    store: Store
    client: PortalClient
    clock: Clock
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    cancel: Callable[[], bool] = lambda: False
    chunk_size: int = CHUNK_SIZE
    patch_bytes: int = 0  # bytes put into PATCH bodies (figures for tests and benches)


class Later(Exception):
    """Stop this attempt; try again at `when` (None: after the backoff)."""

    def __init__(self, code: str, when: datetime | None = None, *, not_sent: bool = False) -> None:
        super().__init__(code)
        self.code, self.when, self.not_sent = code, when, not_sent


class Attention(Exception):
    """Stop for good: a person must look (the portal's problem is kept for the agent)."""

    def __init__(self, problem: dict[str, Any]) -> None:
        super().__init__(str(problem.get("type", "")))
        self.problem = problem


class Cancelled(Exception):
    """The batch was cancelled between two requests."""


class Damaged(Exception):
    """Sealed data of the item failed its integrity check: the answers, or one document (its doc_type).

    Sending it again cannot help; a person scans the document again or re-enters the answers."""

    def __init__(self, part: str, doc_type: str | None = None) -> None:
        super().__init__(part)
        self.part, self.doc_type = part, doc_type

    def problem(self) -> dict[str, Any]:
        problem = local_problem(f"damaged-{self.part}")
        if self.doc_type is not None:
            problem["doc_type"] = self.doc_type
        return problem


def damage_of(store: Store, error: IntegrityError) -> Damaged:
    """Which part of a dossier a failed integrity check is about."""
    if error.where.startswith("attachment") and error.row is not None:
        return Damaged("document", store.attachment_doc_type(error.row))
    return Damaged("answers")


def _dossier(ctx: SendContext, client_ref: str) -> Dossier:
    try:
        return ctx.store.get_dossier(client_ref)
    except IntegrityError as error:
        raise damage_of(ctx.store, error) from error


def wire_time(value: datetime | None) -> str | None:
    """ISO 8601 with the +07:00 offset, as the contract's general rules show."""
    return value.astimezone(VN).isoformat(timespec="seconds") if value is not None else None


def local_problem(slug: str, status: int = 0) -> dict[str, Any]:
    return {"type": f"urn:dvc-kiosk:problem/{slug}", "status": status, "title": slug}


def _problem_of(reply: Reply) -> dict[str, Any]:
    return reply.problem.as_dict() if reply.problem else local_problem(str(reply.status), reply.status)


def check(reply: Reply | NotBefore) -> Reply:
    """A reply the caller must interpret further; NotBefore and transient answers become Later."""
    if isinstance(reply, NotBefore):
        raise Later("not-before", reply.when, not_sent=True)
    in_progress = reply.status == 409 and reply.slug == "request-in-progress"
    if reply.status in TRANSIENT or reply.status >= 500 or in_progress:
        raise Later(reply.slug or str(reply.status), reply.retry_after)
    return reply


# --- attachments ---------------------------------------------------------------------------------------
def upload_attachment(ctx: SendContext, att: AttachmentInfo) -> str:
    """Make `att` complete on the portal (resuming what is there); return its upload_id."""
    upload_id = att.upload_id
    data: bytes | None = None
    restarts = checksum_failures = stalls = rounds = 0
    best = -1
    while True:
        if ctx.cancel():
            raise Cancelled
        rounds += 1
        if rounds > 64:  # a portal that keeps moving the offset about: try again later
            raise Later("upload-no-progress")
        offset = 0
        if upload_id is not None:
            reply = check(ctx.client.head_upload(upload_id))
            if reply.status == 404:
                upload_id = None  # expired or discarded: start again
            elif reply.status in (200, 204) and reply.upload_offset is not None:
                offset = reply.upload_offset
                if offset > att.size:
                    raise ProtocolProblem("upload-offset")
                if offset > best:
                    best, stalls = offset, 0
            else:
                raise Attention(_problem_of(reply))
        if upload_id is None:
            restarts += 1
            if restarts > 3:
                raise Later("upload-restarts")
            reply = check(ctx.client.create_upload(att.sha256, att.size, att.media_type, att.filename))
            if reply.status not in (200, 201) or not isinstance(reply.json().get("upload_id"), str):
                raise Attention(_problem_of(reply))
            upload_id = str(reply.json()["upload_id"])
            if att.size > ctx.chunk_size:
                # Only an upload of several chunks can be resumed after a crash; a one-chunk upload is
                # whole or absent, and POST /uploads finds a whole one again: no write (fsync) needed.
                ctx.store.set_upload(att.id, upload_id)
            offset = int(reply.json().get("offset") or 0)
            if reply.status == 200 and reply.json().get("complete"):
                return upload_id
        if offset >= att.size:
            return upload_id
        if data is None:
            try:
                data = ctx.store.read_attachment(att.id)
            except IntegrityError as error:
                raise Damaged("document", att.doc_type) from error
        try:
            upload_id, done = _patch_from(ctx, upload_id, offset, data)
        except ProtocolProblem:
            raise
        except Unreachable:
            # The connection broke mid-body: HEAD tells what the portal kept, PATCH only the rest.
            stalls += 1
            if stalls >= MAX_STALLS:
                raise Later("upload-interrupted") from None
            continue
        except _ChecksumMismatch:
            checksum_failures += 1
            if checksum_failures > 1:
                raise Attention(local_problem("checksum-mismatch", 422)) from None
            upload_id = None
            continue
        if done and upload_id is not None:
            return upload_id


class _ChecksumMismatch(Exception):
    pass


def _patch_from(ctx: SendContext, upload_id: str, offset: int, data: bytes) -> tuple[str | None, bool]:
    """PATCH from `offset` to the end; (upload_id or None when it vanished, done?).

    The client checks that a 204's offset lies between the one sent and the end of the chunk; one that
    did not move is sent again once, then the upload is left for a later attempt (Later)."""
    idle = 0
    while offset < len(data):
        if ctx.cancel():
            raise Cancelled
        chunk = data[offset : offset + ctx.chunk_size]
        ctx.patch_bytes += len(chunk)
        reply = check(ctx.client.patch_upload(upload_id, offset, chunk))
        if reply.status == 204 and reply.upload_offset is not None:
            idle = idle + 1 if reply.upload_offset == offset else 0
            if idle >= MAX_IDLE_PATCHES:
                log.warning("upload %s: the portal took none of the bytes twice", upload_id[:64])
                raise Later("upload-no-progress")
            offset = reply.upload_offset
            continue
        if reply.status == 409 and reply.slug == "upload-offset-mismatch":
            return upload_id, False  # HEAD and resume
        if reply.status == 404:
            return None, False
        if reply.status == 422 and reply.slug == "checksum-mismatch":
            raise _ChecksumMismatch
        raise Attention(_problem_of(reply))
    return upload_id, True


def _upload_refs(ctx: SendContext, attachments: list[AttachmentInfo]) -> list[dict[str, str]]:
    return [{"doc_type": a.doc_type, "upload_id": upload_attachment(ctx, a)} for a in attachments]


# --- bodies --------------------------------------------------------------------------------------------
def dossier_body(dossier: Dossier, attachments: list[dict[str, str]]) -> dict[str, Any]:
    """The contract body from the stored dossier (applicant and answers are stored in contract form)."""
    summary, assisted, delivery = dossier.summary, dossier.assisted, dossier.delivery or {}
    return {
        "client_ref": summary.client_ref,
        "procedure_code": summary.procedure_code,
        "procedure_version": summary.procedure_version,
        "bundle_ref": summary.bundle_ref,
        "applicant": {k: v for k, v in dossier.applicant.items() if v is not None},
        "answers": dict(dossier.answers),
        "attachments": attachments,
        "channel": delivery.get("channel", 2),
        "assisted_by": {
            "kind": assisted.kind,
            "agent_id": assisted.agent_id,
            "authorization_ref": assisted.authorization_ref,
            "consent_at": wire_time(assisted.consent_at),
        },
        "result_delivery": {"method": delivery.get("method", "pickup"), "address": delivery.get("address")},
        "created_at": wire_time(summary.created_at),
        "submitted_at": wire_time(summary.finalized_at or summary.updated_at),
    }


def attachments_of(store: Store, item: OutboxItem, dossier: Dossier) -> list[AttachmentInfo]:
    """The attachments an item carries, in the order of its body's `attachments`.

    A dossier carries all of them; a supplement prepared as a draft carries the files listed on it.
    Otherwise: attachments only ever grow once a dossier is queued (oldest first),
    and each delivered body lists its attachments in that order, so a supplement carries those after
    the ones already delivered by the dossier and by earlier supplements.
    """
    if item.kind == OutboxKind.DOSSIER:
        return list(dossier.attachments)
    listed = store.supplement_attachments(item.id)
    if listed is not None:  # prepared as a draft: it names its own files
        return listed
    delivered = sum(
        len(other.body.get("attachments") or ())
        for other in store.outbox_items(item.client_ref)
        if other.id != item.id
        and other.state == OutboxState.DONE
        and other.body
        and other.kind in (OutboxKind.DOSSIER, OutboxKind.SUPPLEMENT)
    )
    return list(dossier.attachments[delivered:])


# --- one item ------------------------------------------------------------------------------------------
def send_item(ctx: SendContext, item: OutboxItem, damaged: Damaged | None = None) -> SendResult:
    """Send one leased item and record the outcome in the store (complete / fail). AuthError propagates.

    `damaged`: the item's frozen body failed its integrity check when it was leased (store.DamagedItem).
    """
    now = ctx.clock()
    try:
        try:
            if damaged is not None:
                raise damaged
            return _send(ctx, item)
        except Damaged as found:
            return _settle_damaged(ctx, item, found)
    except Later as later:
        when = (
            later.when
            if later.not_sent and later.when
            else ctx.policy.next_attempt(now, item.attempts, later.when)
        )
        ctx.store.fail(item.id, retry_at=when, problem=local_problem(later.code))
        outcome = Outcome.SKIPPED_NOT_DUE if later.not_sent else Outcome.RETRY_LATER
        log.info("outbox %s %s: %s, next at %s", item.kind, item.client_ref, later.code, when.isoformat())
        return SendResult(item.id, item.client_ref, item.kind, outcome, code=later.code, retry_at=when)
    except ProtocolProblem as problem:
        # The portal answered outside the contract (logged by the client, without values): nothing of it
        # was kept; the item keeps its key and is tried again after the backoff.
        code = "portal-protocol"
        when = ctx.policy.next_attempt(now, item.attempts)
        ctx.store.fail(item.id, retry_at=when, problem=local_problem(code))
        log.warning("outbox %s %s: %s (%s), next at %s", item.kind, item.client_ref, code, problem.code, when)
        return SendResult(item.id, item.client_ref, item.kind, Outcome.RETRY_LATER, code=code, retry_at=when)
    except Unreachable as lost:
        code = "response-lost" if lost.maybe_delivered else "unreachable"
        when = ctx.policy.next_attempt(now, item.attempts)
        ctx.store.fail(item.id, retry_at=when, problem=local_problem(code))
        log.info("outbox %s %s: %s, next at %s", item.kind, item.client_ref, code, when.isoformat())
        return SendResult(item.id, item.client_ref, item.kind, Outcome.RETRY_LATER, code=code, retry_at=when)
    except Attention as attention:
        ctx.store.fail(item.id, retry_at=None, problem=attention.problem)
        slug = str(attention.problem.get("type", "")).rsplit("/", 1)[-1]
        log.warning("outbox %s %s needs attention: %s", item.kind, item.client_ref, slug)
        return SendResult(item.id, item.client_ref, item.kind, Outcome.NEEDS_ATTENTION, code=slug)


def _settle_damaged(ctx: SendContext, item: OutboxItem, damaged: Damaged) -> SendResult:
    """Damaged sealed data: never retried. A dossier an earlier attempt may have delivered is first looked
    up on the portal (its acceptance is recorded, nothing else needed); otherwise it needs a person."""
    if item.kind == OutboxKind.DOSSIER and item.attempts > 1:
        found = check(ctx.client.find_dossier_by_client_ref(item.client_ref))
        items = found.json().get("items") if found.ok else None
        if isinstance(items, list) and items and isinstance(items[0], dict) and items[0].get("dossier_code"):
            view = items[0]
            receipt = {k: view[k] for k in ("dossier_code", "status", "due_at", "tracking_url") if k in view}
            ctx.store.complete(item.id, receipt)
            return SendResult(item.id, item.client_ref, item.kind, Outcome.SENT, str(view["dossier_code"]))
    problem = damaged.problem()
    ctx.store.fail(item.id, retry_at=None, problem=problem)
    slug = f"damaged-{damaged.part}"
    log.warning("outbox %s %s: sealed data damaged (%s)", item.kind, item.client_ref, damaged.part)
    return SendResult(item.id, item.client_ref, item.kind, Outcome.NEEDS_ATTENTION, code=slug)


def _send(ctx: SendContext, item: OutboxItem) -> SendResult:
    dossier = _dossier(ctx, item.client_ref)
    if item.kind == OutboxKind.DOSSIER:
        return _send_dossier(ctx, item, dossier)
    code = dossier.dossier_code
    if code is None:
        raise Later("waiting-for-dossier-code", not_sent=True)
    if item.kind == OutboxKind.RATING:
        reply = check(ctx.client.post_rating(code, item.idempotency_key, item.body or {}))
        return _finish(ctx, item, reply, {})
    body = item.body
    if body is None:
        # The draft's answers and note join the uploads in the body frozen under this item's key.
        new = attachments_of(ctx.store, item, dossier)
        body = ctx.store.freeze_supplement(item.id, _upload_refs(ctx, new))
    reply = _post_with_repair(
        ctx, item, dossier, body, lambda b: ctx.client.post_supplement(code, item.idempotency_key, b)
    )
    return _finish(ctx, item, reply, reply.json())


def _send_dossier(ctx: SendContext, item: OutboxItem, dossier: Dossier) -> SendResult:
    body = item.body
    if body is None:
        body = ctx.store.freeze_body(item.id, dossier_body(dossier, _upload_refs(ctx, dossier.attachments)))
    elif item.attempts > 1:
        recovered = _recover(ctx, item, body)
        if recovered is not None:
            return recovered
    reply = _post_with_repair(
        ctx, item, dossier, body, lambda b: ctx.client.create_dossier(item.idempotency_key, b)
    )
    return _finish(ctx, item, reply, reply.json())


def _recover(ctx: SendContext, item: OutboxItem, body: dict[str, Any]) -> SendResult | None:
    """After an earlier attempt (its answer may be lost): is this client_ref already on the portal?"""
    found = check(ctx.client.find_dossier_by_client_ref(item.client_ref))
    items = found.json().get("items") if found.ok else None
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        return None
    view = items[0]
    log.info("outbox dossier %s already accepted as %s", item.client_ref, view.get("dossier_code"))
    # The same key and body replay the full 201 (fee, payment); if that fails, the code is enough.
    try:
        replay = ctx.client.create_dossier(item.idempotency_key, body)
    except Unreachable:
        replay = None
    if isinstance(replay, Reply) and replay.ok and replay.json().get("dossier_code"):
        return _finish(ctx, item, replay, replay.json())
    receipt = {k: view[k] for k in ("dossier_code", "status", "due_at", "tracking_url") if k in view}
    ctx.store.complete(item.id, receipt)
    return SendResult(item.id, item.client_ref, item.kind, Outcome.SENT, str(view.get("dossier_code")))


def _post_with_repair(
    ctx: SendContext,
    item: OutboxItem,
    dossier: Dossier,
    body: dict[str, Any],
    post: Callable[[dict[str, Any]], Reply | NotBefore],
) -> Reply:
    reply = check(post(body))
    if reply.status == 422 and reply.slug == "upload-incomplete":
        # Nothing was stored under the key: finish the uploads, then the same key and body once more.
        carried = attachments_of(ctx.store, item, _dossier(ctx, item.client_ref))
        wanted = [str(r.get("upload_id")) for r in body.get("attachments") or () if isinstance(r, dict)]
        if len(carried) != len(wanted):
            raise Attention(_problem_of(reply))
        for att, upload_id in zip(carried, wanted, strict=True):
            if upload_attachment(ctx, att) != upload_id:
                # The frozen body names an upload the portal no longer has; it cannot change under
                # this key, so a person re-queues the dossier (a new key) after checking it.
                raise Attention(_problem_of(reply))
        reply = check(post(body))
        if reply.status == 422 and reply.slug == "upload-incomplete":
            raise Later("upload-incomplete")
    return reply


def _finish(ctx: SendContext, item: OutboxItem, reply: Reply, response: dict[str, Any]) -> SendResult:
    if reply.ok:
        ctx.store.complete(item.id, response)
        code = response.get("dossier_code")
        log.info("outbox %s %s delivered (%s)", item.kind, item.client_ref, code or reply.status)
        return SendResult(item.id, item.client_ref, item.kind, Outcome.SENT, str(code) if code else None)
    if reply.status == 422 and reply.slug == "idempotency-key-reused":
        # A client defect: this key was used with another body. Never retried; logged loudly.
        log.error("DEFECT: idempotency key of %s %s was reused with another body", item.kind, item.client_ref)
    raise Attention(_problem_of(reply))
