"""PortalClient protocol details over httpx.MockTransport: tokens, one re-auth, the Retry-After gate."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kiosk import __version__
from sync.client import (
    AuthError,
    NotBefore,
    PortalClient,
    ProtocolProblem,
    Reply,
    Unreachable,
    parse_retry_after,
    slug_of,
)
from sync.clock import FakeClock
from sync.contract import MAX_JSON_BYTES

KEY = "6f1c1d8e-3a5b-4c2d-9e7f-0a1b2c3d4e5f"
BODY = {"client_ref": "0b5b0f3e-1111-4222-8333-944455556666", "answers": {"ten": "Trần Minh Khôi"}}
Handler = Callable[[httpx.Request], httpx.Response]


class Portal:
    """A scripted portal: records every request; `api` answers the non-token requests."""

    def __init__(self, api: Handler, *, token_status: int = 200, expires_in: int = 3600) -> None:
        self.api = api
        self.token_status = token_status
        self.expires_in = expires_in
        self.requests: list[httpx.Request] = []
        self.tokens_issued = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if request.url.path.endswith("/auth/token"):
            if self.token_status != 200:
                return problem(self.token_status, "unauthorized")
            self.tokens_issued += 1
            return httpx.Response(
                200,
                json={
                    "access_token": f"tok-{self.tokens_issued}",
                    "token_type": "Bearer",
                    "expires_in": self.expires_in,
                    "agent": None,
                },
            )
        return self.api(request)

    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if not r.url.path.endswith("/auth/token")]


def problem(status: int, slug: str, headers: dict[str, str] | None = None, **extra: object) -> httpx.Response:
    body = {"type": f"https://portal.example/problems/{slug}", "title": slug, "status": status, **extra}
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"content-type": "application/problem+json", **(headers or {})},
    )


def make_client(portal: Portal, clock: FakeClock) -> PortalClient:
    return PortalClient(
        "https://portal.example",
        "kiosk-demo",
        "demo-secret",
        "kiosk-7",
        clock=clock,
        transport=httpx.MockTransport(portal),
    )


def created(_: httpx.Request) -> httpx.Response:
    return httpx.Response(201, json={"dossier_code": "G22.99-261122-0001", "status": 1})


def test_sends_identity_headers_and_a_bearer_token() -> None:
    portal = Portal(created)
    client = make_client(portal, FakeClock())
    reply = client.create_dossier(KEY, BODY)
    assert isinstance(reply, Reply) and reply.status == 201
    sent = portal.api_requests()[0]
    assert sent.url.path == "/api/v1/dossiers"
    assert sent.headers["user-agent"] == f"DVCKiosk/{__version__}"
    assert sent.headers["x-kiosk-id"] == "kiosk-7"
    assert sent.headers["authorization"] == "Bearer tok-1"
    assert sent.headers["idempotency-key"] == KEY
    assert json.loads(sent.content) == BODY
    token_form = portal.requests[0].content.decode()
    assert "grant_type=client_credentials" in token_form and "client_id=kiosk-demo" in token_form


def test_token_is_cached_until_it_expires() -> None:
    portal = Portal(created, expires_in=600)
    clock = FakeClock()
    client = make_client(portal, clock)
    client.create_dossier(KEY, BODY)
    client.create_dossier(KEY, BODY)
    assert portal.tokens_issued == 1
    clock.advance(minutes=10)
    client.create_dossier(KEY, BODY)
    assert portal.tokens_issued == 2


def test_a_401_gets_a_new_token_and_repeats_the_request_once_unchanged() -> None:
    answers = iter([httpx.Response(401), httpx.Response(201, json={"dossier_code": "X-1", "status": 1})])
    portal = Portal(lambda _: next(answers))
    client = make_client(portal, FakeClock())
    reply = client.create_dossier(KEY, BODY)
    assert isinstance(reply, Reply) and reply.json()["dossier_code"] == "X-1"
    first, second = portal.api_requests()
    assert first.content == second.content
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == KEY
    assert (first.headers["authorization"], second.headers["authorization"]) == (
        "Bearer tok-1",
        "Bearer tok-2",
    )


def test_a_second_401_with_a_fresh_token_is_an_auth_error() -> None:
    portal = Portal(lambda _: httpx.Response(401))
    client = make_client(portal, FakeClock())
    with pytest.raises(AuthError):
        client.create_dossier(KEY, BODY)
    assert len(portal.api_requests()) == 2
    assert portal.tokens_issued == 2


def test_refused_terminal_credentials_are_an_auth_error() -> None:
    portal = Portal(created, token_status=401)
    with pytest.raises(AuthError):
        make_client(portal, FakeClock()).create_dossier(KEY, BODY)
    assert portal.api_requests() == []


def test_retry_after_seconds_holds_every_request_but_health() -> None:
    clock = FakeClock()
    calls = iter([problem(429, "rate-limited", {"Retry-After": "120"})])
    portal = Portal(
        lambda r: (
            httpx.Response(200, json={"status": "ok"})
            if r.url.path.endswith("/health")
            else next(calls, created(r))
        )
    )
    client = make_client(portal, clock)
    first = client.create_dossier(KEY, BODY)
    assert isinstance(first, Reply) and first.status == 429
    assert first.retry_after == clock() + timedelta(seconds=120)
    sent_before = len(portal.requests)
    clock.advance(119)
    held = client.get_dossier("X-1")
    assert held == NotBefore(first.retry_after)
    assert isinstance(client.create_upload("ab" * 32, 10, "application/pdf", "a.pdf"), NotBefore)
    assert client.health() is True  # the health check is never held
    assert len(portal.requests) == sent_before + 1
    clock.advance(1)
    again = client.create_dossier(KEY, BODY)
    assert isinstance(again, Reply) and again.status == 201


def test_retry_after_as_http_date_and_on_409_in_progress() -> None:
    clock = FakeClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))
    portal = Portal(
        lambda _: problem(409, "request-in-progress", {"Retry-After": "Sun, 22 Nov 2026 02:05:00 GMT"})
    )
    client = make_client(portal, clock)
    reply = client.create_dossier(KEY, BODY)
    assert isinstance(reply, Reply) and reply.slug == "request-in-progress"
    assert reply.retry_after == datetime(2026, 11, 22, 2, 5, tzinfo=UTC)
    clock.advance(minutes=4, seconds=59)
    assert isinstance(client.create_dossier(KEY, BODY), NotBefore)
    assert len(portal.api_requests()) == 1


def test_a_409_of_another_kind_does_not_hold_the_portal() -> None:
    portal = Portal(lambda _: problem(409, "invalid-state", {"Retry-After": "60"}))
    client = make_client(portal, FakeClock())
    client.post_supplement("X-1", KEY, {"attachments": []})
    assert isinstance(client.post_supplement("X-1", KEY, {"attachments": []}), Reply)


def test_problems_are_matched_on_the_last_segment_of_their_type() -> None:
    errors = [{"field": "applicant.phone", "code": "invalid", "message": "Số điện thoại không đúng"}]
    portal = Portal(lambda _: problem(422, "validation-failed", errors=errors))
    reply = make_client(portal, FakeClock()).create_dossier(KEY, BODY)
    assert isinstance(reply, Reply) and reply.problem is not None
    assert reply.problem.slug == "validation-failed"
    assert reply.problem.errors[0]["field"] == "applicant.phone"
    assert slug_of("urn:problem:x/idempotency-key-reused/") == "idempotency-key-reused"


def test_connection_failures_say_whether_the_request_may_have_arrived() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    def cut(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed", request=request)

    with pytest.raises(Unreachable) as refused:
        make_client(Portal(refuse), FakeClock()).create_dossier(KEY, BODY)
    assert refused.value.maybe_delivered is False
    with pytest.raises(Unreachable) as lost:
        make_client(Portal(cut), FakeClock()).create_dossier(KEY, BODY)
    assert lost.value.maybe_delivered is True


def test_opaque_ids_stay_one_path_segment() -> None:
    portal = Portal(lambda _: httpx.Response(204, headers={"Upload-Offset": "5"}))
    reply = make_client(portal, FakeClock()).head_upload("a/b c")
    assert isinstance(reply, Reply) and reply.upload_offset == 5
    assert portal.api_requests()[0].url.raw_path == b"/api/v1/uploads/a%2Fb%20c"


def test_agent_sign_in_returns_the_agent_and_maps_refusals() -> None:
    def token(request: httpx.Request) -> httpx.Response:
        form = request.content.decode()
        if "username=khoa01" in form:
            return problem(403, "account-locked")
        if "password=matkhau01" not in form:
            return problem(401, "invalid-grant")
        agent = {"id": "BD-0001", "name": "Nguyễn Thị Lan", "office": "Bưu điện"}
        return httpx.Response(200, json={"access_token": "agent-tok", "expires_in": 3600, "agent": agent})

    client = PortalClient(
        "https://portal.example/api/v1/",
        "kiosk-demo",
        "s",
        "k",
        clock=FakeClock(),
        transport=httpx.MockTransport(token),
    )
    token_value, agent = client.sign_in_agent("buudien01", "matkhau01")
    assert token_value == "agent-tok" and agent is not None and agent.id == "BD-0001"
    with pytest.raises(AuthError) as wrong:
        client.sign_in_agent("buudien01", "sai")
    assert wrong.value.key == "sync.agent_wrong_credentials"
    with pytest.raises(AuthError) as locked:
        client.sign_in_agent("khoa01", "matkhau01")
    assert locked.value.key == "sync.agent_locked"


def test_retry_after_parsing_bounds() -> None:
    now = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    assert parse_retry_after("0", now) == now
    assert parse_retry_after("not a date", now) is None
    assert parse_retry_after("99999999999", now) == now + timedelta(days=1)


@pytest.mark.parametrize("moved", ["4", "5", "9", "+9", "-1", " 9", "12", "9.0", ""])
def test_a_patch_answer_must_move_the_offset_within_what_was_sent(moved: str) -> None:
    # Sent: 4 bytes at offset 5. A plain number in [5, 9] is an answer; anything else breaks the contract.
    portal = Portal(lambda _: httpx.Response(204, headers={"Upload-Offset": moved}))
    client = make_client(portal, FakeClock())
    if moved in ("5", "9"):
        reply = client.patch_upload("up_1", 5, b"abcd")
        assert isinstance(reply, Reply) and reply.upload_offset == int(moved)
        return
    with pytest.raises(ProtocolProblem) as refused:
        client.patch_upload("up_1", 5, b"abcd")
    assert refused.value.code == "upload-offset" and refused.value.maybe_delivered


def test_a_negative_offset_is_never_sent() -> None:
    portal = Portal(lambda _: httpx.Response(204, headers={"Upload-Offset": "0"}))
    with pytest.raises(ValueError):
        make_client(portal, FakeClock()).patch_upload("up_1", -5, b"abcd")
    assert portal.api_requests() == []


def test_a_head_offset_that_is_not_a_plain_number_is_a_protocol_problem() -> None:
    portal = Portal(lambda _: httpx.Response(204, headers={"Upload-Offset": "-5"}))
    with pytest.raises(ProtocolProblem):
        make_client(portal, FakeClock()).head_upload("up_1")


def test_a_declared_length_past_the_cap_is_refused_before_reading() -> None:
    huge = httpx.Response(
        200, headers={"Content-Length": str(MAX_JSON_BYTES + 1)}, stream=httpx.ByteStream(b"{}")
    )
    client = make_client(Portal(lambda _: huge), FakeClock())
    with pytest.raises(ProtocolProblem) as refused:
        client.get_dossier("G22.99-261122-0001")
    assert refused.value.code == "body-too-large"


def test_a_problem_is_kept_only_as_far_as_it_fits_its_model() -> None:
    errors = [{"field": "applicant.phone", "code": "invalid_phone", "message": "Số điện thoại không đúng."}]
    good = problem(422, "validation-failed", errors=errors, instance="/x" * 10)
    reply = make_client(Portal(lambda _: good), FakeClock()).create_dossier(KEY, BODY)
    assert isinstance(reply, Reply) and reply.problem is not None
    assert reply.slug == "validation-failed" and reply.problem.errors == tuple(errors)
    assert "instance" not in reply.problem.as_dict()  # only the fields the model names are kept
    bad = problem(422, "validation-failed", errors=[{"field": 7}], detail="x" * 100_000)
    reply = make_client(Portal(lambda _: bad), FakeClock()).create_dossier(KEY, BODY)
    assert isinstance(reply, Reply) and reply.problem is not None
    assert reply.slug == "422" and reply.problem.as_dict() == {"type": "422", "status": 422}


def test_a_long_lived_token_is_renewed_after_a_day() -> None:
    portal = Portal(created, expires_in=10**9)
    clock = FakeClock()
    client = make_client(portal, clock)
    client.create_dossier(KEY, BODY)
    clock.advance(hours=23)
    client.create_dossier(KEY, BODY)
    assert portal.tokens_issued == 1
    clock.advance(hours=2)
    client.create_dossier(KEY, BODY)
    assert portal.tokens_issued == 2


def test_a_stored_code_that_breaks_the_pattern_is_never_put_in_a_url() -> None:
    portal = Portal(created)
    with pytest.raises(ProtocolProblem):
        make_client(portal, FakeClock()).get_dossier("x" * 5_000_000)
    assert portal.requests == []
