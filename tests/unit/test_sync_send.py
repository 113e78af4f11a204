"""Sending one outbox item against an in-memory portal: uploads, frozen body, keys, every 422, recovery."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import httpx
import test_sync_fakeportal as fake
from test_sync_fakeportal import FakePortal, problem, queued_dossier

from kiosk.store import DossierState, OutboxKind, OutboxState, Store
from sync.client import PortalClient
from sync.clock import FakeClock
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.send import Outcome, SendContext, upload_attachment

store, client, portal, clock = fake.store, fake.client, fake.portal, fake.clock  # shared fixtures
SCAN = b"%PDF-1.7 " + random.Random(1).randbytes(3000)


def run(store: Store, client: PortalClient, clock: FakeClock, **kw: object):  # type: ignore[no-untyped-def]
    policy = RetryPolicy(base=1, cap=60, rng=random.Random(0))
    return drain(store, client, owner="test", clock=clock, policy=policy, **kw)  # type: ignore[arg-type]


def dossier_posts(portal: FakePortal) -> list[httpx.Request]:
    return portal.api("POST", "/dossiers")


def later(clock: FakeClock) -> None:
    clock.advance(hours=1)


def test_uploads_first_then_the_body_and_the_receipt_is_kept(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN, SCAN[::-1])
    report = run(store, client, clock)
    assert [r.outcome for r in report.results] == [Outcome.SENT]
    kinds = [(r.method, r.url.path.rsplit("/", 1)[-1]) for r in portal.requests if "token" not in r.url.path]
    assert kinds[-1] == ("POST", "dossiers") and sum(1 for k in kinds if k[0] == "PATCH") == 2
    body = json.loads(dossier_posts(portal)[0].content)
    assert [a["upload_id"] for a in body["attachments"]] == ["up_1", "up_2"]
    assert body["client_ref"] == ref and body["channel"] == 2 and body["assisted_by"]["kind"] == "post_office"
    assert body["created_at"].endswith("+07:00") and "doc" not in body["answers"]
    dossier = store.get_dossier(ref)
    assert dossier.state is DossierState.SUBMITTED and dossier.dossier_code == "G22.99-261122-0001"
    assert dossier.receipt is not None and dossier.receipt["payment"]["reference"] == "DVC G22.99-261122-0001"
    assert store.queued_count() == 0


def test_body_is_frozen_and_identical_across_retries(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    portal.on("POST", "/dossiers", lambda _: problem(503, "unavailable"))
    portal.on("POST", "/dossiers", lambda _: problem(500, "internal-error"))
    assert run(store, client, clock).results[0].outcome is Outcome.RETRY_LATER
    assert run(store, client, clock).results == []  # not due yet: nothing is sent
    later(clock)
    assert run(store, client, clock).results[0].outcome is Outcome.RETRY_LATER
    later(clock)
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    posts = dossier_posts(portal)
    assert len(posts) == 3
    assert len({p.content for p in posts}) == 1
    assert len({p.headers["idempotency-key"] for p in posts}) == 1
    (item,) = store.outbox_items(ref)
    assert item.body == json.loads(posts[0].content)
    assert len(portal.api("POST", "/uploads")) == 1  # the attachment was not uploaded again


def test_validation_failed_needs_attention_and_only_a_reopen_brings_a_new_key(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    errors = [{"field": "applicant.phone", "code": "invalid_phone", "message": "Số điện thoại không đúng."}]
    portal.on("POST", "/dossiers", lambda _: problem(422, "validation-failed", errors=errors))
    assert run(store, client, clock).results[0].outcome is Outcome.NEEDS_ATTENTION
    dossier = store.get_dossier(ref)
    assert dossier.state is DossierState.NEEDS_ATTENTION
    assert (
        dossier.problem is not None and dossier.problem["errors"][0]["message"] == "Số điện thoại không đúng."
    )
    later(clock)
    assert run(store, client, clock).results == []  # never retried until a person changes it
    store.reopen_for_edit(ref, "BD-0001")
    store.finalize(ref, "BD-0001")
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    first, second = dossier_posts(portal)
    assert first.headers["idempotency-key"] != second.headers["idempotency-key"]


def test_key_reused_is_a_defect_never_retried(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock, caplog: object
) -> None:
    ref = queued_dossier(store)
    portal.on("POST", "/dossiers", lambda _: problem(422, "idempotency-key-reused"))
    assert run(store, client, clock).results[0].outcome is Outcome.NEEDS_ATTENTION
    later(clock)
    assert run(store, client, clock).results == []
    assert store.get_dossier(ref).state is DossierState.NEEDS_ATTENTION
    assert len(dossier_posts(portal)) == 1


def test_upload_incomplete_uploads_again_then_retries_with_the_same_key(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    queued_dossier(store, SCAN)

    def lose_the_tail(request: httpx.Request) -> httpx.Response:
        upload = portal.uploads["up_1"]
        upload["data"], upload["complete"] = upload["data"][:1000], False
        return problem(422, "upload-incomplete")

    portal.on("POST", "/dossiers", lose_the_tail)
    assert run(store, client, clock, chunk_size=1024).results[0].outcome is Outcome.SENT
    posts = dossier_posts(portal)
    assert len(posts) == 2 and posts[0].content == posts[1].content
    assert posts[0].headers["idempotency-key"] == posts[1].headers["idempotency-key"]
    assert portal.patch_bytes == len(SCAN) + len(SCAN) - 1000  # only the missing bytes went again


def test_in_progress_and_rate_limits_honour_retry_after(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    queued_dossier(store)
    portal.on("POST", "/dossiers", lambda _: problem(409, "request-in-progress", {"Retry-After": "120"}))
    result = run(store, client, clock).results[0]
    assert result.outcome is Outcome.RETRY_LATER
    assert result.retry_at is not None and result.retry_at >= clock() + timedelta(seconds=120)
    clock.advance(119)
    queued_dossier(store)  # another dossier is due, but the portal asked for a pause
    report = run(store, client, clock)
    assert report.stopped == "not_before" and len(dossier_posts(portal)) == 1
    clock.advance(3600)
    assert [r.outcome for r in run(store, client, clock).results] == [Outcome.SENT, Outcome.SENT]


def test_lost_answer_is_recovered_by_client_ref_without_a_second_dossier(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    portal.on("POST", "/dossiers", "drop_after")
    result = run(store, client, clock).results[0]
    assert (result.outcome, result.code) == (Outcome.RETRY_LATER, "response-lost")
    portal.forget_keys = True  # e.g. the key expired meanwhile
    later(clock)
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    assert len(portal.api("GET", "/dossiers")) == 1  # asked by client_ref first
    assert len(portal.created) == 1
    dossier = store.get_dossier(ref)
    assert dossier.dossier_code == portal.created[ref]["dossier_code"]
    assert dossier.receipt is not None and dossier.receipt["fee"]["amount"] == 2000


def test_recovery_keeps_the_code_even_when_the_replay_fails(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store)
    portal.on("POST", "/dossiers", "drop_after")
    run(store, client, clock)
    portal.on("POST", "/dossiers", lambda _: problem(422, "validation-failed", errors=[]))
    later(clock)
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    assert store.get_dossier(ref).dossier_code == portal.created[ref]["dossier_code"]


def test_resumable_upload_sends_only_the_missing_bytes(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    scan = random.Random(2).randbytes(1_000_000)
    ref = queued_dossier(store, scan)

    def keep_part_then_cut(request: httpx.Request) -> httpx.Response:
        upload = portal.uploads["up_1"]
        upload["data"] += request.content[:50_000]
        raise httpx.RemoteProtocolError("cut", request=request)

    portal.on("PATCH", "/uploads/up_1", "drop_after")  # first chunk arrives whole, its answer is lost
    portal.on("PATCH", "/uploads/up_1", keep_part_then_cut)  # the second one only in part
    ctx = SendContext(store, client, clock, chunk_size=256 * 1024)
    (attachment,) = store.get_dossier(ref).attachments
    assert upload_attachment(ctx, attachment) == "up_1"
    assert portal.uploads["up_1"]["complete"] and portal.uploads["up_1"]["data"] == scan
    assert ctx.patch_bytes == len(scan) + (256 * 1024 - 50_000)
    assert len(portal.api("HEAD")) == 2


def test_offset_mismatch_heads_and_resumes_and_a_vanished_upload_starts_again(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    portal.on("PATCH", "/uploads/up_1", lambda _: problem(409, "upload-offset-mismatch"))
    portal.on("HEAD", "/uploads/up_1", lambda _: httpx.Response(404))
    ctx = SendContext(store, client, clock, chunk_size=1024)
    (attachment,) = store.get_dossier(ref).attachments
    assert upload_attachment(ctx, attachment) == "up_2"
    assert store.get_dossier(ref).attachments[0].upload_id == "up_2"


def test_a_crashed_upload_resumes_from_the_stored_upload_id(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    portal.on("PATCH", "/uploads/up_1", "drop_before", times=4)  # three breaks in a row without progress
    assert run(store, client, clock, chunk_size=1024).results[0].outcome is Outcome.RETRY_LATER
    assert store.get_dossier(ref).attachments[0].upload_id == "up_1"
    later(clock)
    assert run(store, client, clock, chunk_size=1024).results[0].outcome is Outcome.SENT
    assert len(portal.api("POST", "/uploads")) == 1
    assert store.get_dossier(ref).state is DossierState.SUBMITTED


def test_checksum_mismatch_restarts_once_then_needs_attention(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    portal.on("PATCH", "/uploads/", lambda _: problem(422, "checksum-mismatch"), times=2)
    assert run(store, client, clock).results[0].outcome is Outcome.NEEDS_ATTENTION
    assert len(portal.api("POST", "/uploads")) == 2
    assert dossier_posts(portal) == []
    assert store.get_dossier(ref).state is DossierState.NEEDS_ATTENTION
    other = queued_dossier(store, SCAN[:2000])
    portal.on("PATCH", "/uploads/", lambda _: problem(422, "checksum-mismatch"), times=1)
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    assert store.get_dossier(other).state is DossierState.SUBMITTED


def test_a_rating_is_sent_under_its_own_key_once_the_dossier_has_its_code(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store)
    run(store, client, clock)
    rating = store.enqueue(ref, OutboxKind.RATING, "kiosk", {"score": 5, "comment": None})
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    (sent,) = portal.api("POST", "/rating")
    assert sent.headers["idempotency-key"] == rating.idempotency_key
    assert sent.headers["idempotency-key"] != dossier_posts(portal)[0].headers["idempotency-key"]
    assert json.loads(sent.content) == {"score": 5, "comment": None}
    states = {i.kind: i.state for i in store.outbox_items(ref)}
    assert states == {OutboxKind.DOSSIER: OutboxState.DONE, OutboxKind.RATING: OutboxState.DONE}


def test_a_supplement_carries_only_the_documents_added_since(
    store: Store, client: PortalClient, portal: FakePortal, clock: FakeClock
) -> None:
    ref = queued_dossier(store, SCAN)
    run(store, client, clock)
    store.add_attachment(ref, "giay_bo_sung", SCAN[::-1], "bo-sung.pdf", "application/pdf")
    item = store.enqueue(ref, OutboxKind.SUPPLEMENT, "BD-0001")
    assert run(store, client, clock).results[0].outcome is Outcome.SENT
    (sent,) = portal.api("POST", "/supplements")
    assert sent.headers["idempotency-key"] == item.idempotency_key
    assert [a["doc_type"] for a in json.loads(sent.content)["attachments"]] == ["giay_bo_sung"]
    assert store.get_dossier(ref).summary.portal_status == 2
