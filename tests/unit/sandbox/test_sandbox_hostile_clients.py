"""Sandbox portal under hostile or careless clients: bounded bodies, typed errors, scoped reads, throttled
sign-ins, uncached tokens, a guarded admin area, and a 405 that says what is allowed."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from sync.sandbox import RunningSandbox
from sync.sandbox.bodies import MAX_JSON_BYTES, MAX_JSON_DEPTH, nesting_depth
from sync.sandbox.server import admin_token_for, is_loopback

from .helpers import TERMINAL, authed, birth_body, key, slug, start

AGENT = {
    "grant_type": "password",
    "username": "buudien01",
    "password": "matkhau01",
    "client_id": "kiosk-demo",
}


def _fresh() -> httpx.Client:
    """One connection per request: a refused body may close the connection it came on."""
    return httpx.Client(timeout=30, limits=httpx.Limits(max_keepalive_connections=0))


def _raw_request(portal: RunningSandbox, head: str, chunks: list[bytes]) -> bytes:
    """Send a request's head and some chunks of a chunked body, never its end; return what comes back.

    A server that reads the whole body before answering never answers this (the socket times out).
    """
    host, port = portal.url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(head.encode() + b"Transfer-Encoding: chunked\r\n\r\n")
        for chunk in chunks:
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer:
            part = sock.recv(65536)
            if not part:
                break
            answer += part
        return answer


# --- bodies ------------------------------------------------------------------------------------------


def test_nesting_depth_skips_brackets_inside_strings() -> None:
    assert nesting_depth('{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert nesting_depth('"\\"[[["') == 0
    assert nesting_depth("[" * 100, stop_above=MAX_JSON_DEPTH) == MAX_JSON_DEPTH + 1


@pytest.mark.parametrize("route", ["/dossiers", "/uploads", "/dossiers/X/supplements", "/dossiers/X/rating"])
@pytest.mark.parametrize(
    "content", ["[" * 5000 + "]" * 5000, '{"a":' * 100 + "1" + "}" * 100, "1" * 5000], ids=str.__len__
)
def test_hostile_json_is_a_400_problem_and_the_portal_stays_up(
    sandbox: RunningSandbox, auth: dict[str, str], route: str, content: str
) -> None:
    with _fresh() as client:
        response = client.post(
            sandbox.api + route,
            content=content,
            headers={**auth, **key(), "Content-Type": "application/json"},
        )
        assert response.status_code == 400, response.text
        assert slug(response) == "bad-request"
        assert client.get(sandbox.api + "/health").status_code == 200


def test_a_json_body_over_the_limit_is_refused_before_it_ends(
    sandbox: RunningSandbox, auth: dict[str, str]
) -> None:
    head = (
        "POST /api/v1/dossiers HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\n"
        f"Authorization: {auth['Authorization']}\r\nIdempotency-Key: {key()['Idempotency-Key']}\r\n"
    )
    answer = _raw_request(sandbox, head, [b" " * 65536] * (MAX_JSON_BYTES // 65536 + 1))
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"connection: close" in answer.lower()


def test_a_chunked_patch_past_the_declared_size_is_refused_before_it_ends(
    sandbox: RunningSandbox, client: httpx.Client, auth: dict[str, str]
) -> None:
    data = b"%PDF-1.7 ten"
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "media_type": "application/pdf"}
    upload_id = client.post("/uploads", json={**meta, "filename": "a.pdf"}, headers=auth).json()["upload_id"]
    head = (
        f"PATCH /api/v1/uploads/{upload_id} HTTP/1.1\r\nHost: sandbox\r\n"
        f"Authorization: {auth['Authorization']}\r\nUpload-Offset: 0\r\n"
        "Content-Type: application/offset+octet-stream\r\n"
    )
    answer = _raw_request(sandbox, head, [data, b"x"])  # one byte past the declared size, never ended
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"connection: close" in answer.lower()
    # Nothing of the refused body was kept: the whole file still goes up from offset 0.
    offset = client.head(f"/uploads/{upload_id}", headers=auth).headers["upload-offset"]
    assert offset == "0"
    sent = client.patch(
        f"/uploads/{upload_id}",
        content=data,
        headers={**auth, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    assert sent.status_code == 204
    assert sent.headers["upload-offset"] == str(len(data))


def test_a_patch_with_a_stale_offset_is_409_without_reading_the_body(
    sandbox: RunningSandbox, client: httpx.Client, auth: dict[str, str]
) -> None:
    data = b"0123456789"
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "media_type": "image/png"}
    upload_id = client.post("/uploads", json={**meta, "filename": "a.png"}, headers=auth).json()["upload_id"]
    head = (
        f"PATCH /api/v1/uploads/{upload_id} HTTP/1.1\r\nHost: sandbox\r\n"
        f"Authorization: {auth['Authorization']}\r\nUpload-Offset: 4\r\n"
        "Content-Type: application/offset+octet-stream\r\n"
    )
    answer = _raw_request(sandbox, head, [b"abc"])
    assert answer.startswith(b"HTTP/1.1 409 "), answer[:200]
    assert b"upload-offset: 0" in answer.lower()


@pytest.mark.parametrize(
    "supplement",
    [
        {"attachments": 5},
        {"attachments": True},
        {"attachments": "giay_to"},
        {"attachments": {"doc_type": "x"}},
        {"attachments": [{"doc_type": ["x"], "upload_id": "u"}]},
        {"attachments": [{"doc_type": {"a": 1}}]},
        {"attachments": [], "answers": [1, 2]},
        {"attachments": [], "note": 7},
        [1, 2, 3],
        "text",
    ],
    ids=repr,
)
def test_a_supplement_with_wrong_types_is_validation_failed(
    sandbox: RunningSandbox, client: httpx.Client, auth: dict[str, str], supplement: Any
) -> None:
    code = client.post("/dossiers", json=birth_body(), headers={**auth, **key()}).json()["dossier_code"]
    assert httpx.post(f"{sandbox.url}/_sandbox/dossiers/{code}/request-supplement").status_code == 200
    response = client.post(f"/dossiers/{code}/supplements", json=supplement, headers={**auth, **key()})
    assert response.status_code == 422, response.text
    assert slug(response) == "validation-failed"
    assert response.json()["errors"][0]["message"]


# --- accounts ----------------------------------------------------------------------------------------


def test_dossier_reads_are_scoped_to_the_account_that_filed(
    sandbox: RunningSandbox, client: httpx.Client, auth: dict[str, str]
) -> None:
    body = birth_body()
    created = client.post("/dossiers", json=body, headers={**auth, **key()}).json()
    code = created["dossier_code"]
    other = authed(client, **AGENT)  # an agent's token is another account than the terminal's

    assert client.get(f"/dossiers/{code}", headers=auth).status_code == 200
    hidden = client.get(f"/dossiers/{code}", headers=other)
    assert hidden.status_code == 404
    assert slug(hidden) == "not-found"
    assert client.get("/dossiers", params={"client_ref": body["client_ref"]}, headers=other).json() == {
        "items": []
    }
    assert len(
        client.get("/dossiers", params={"client_ref": body["client_ref"]}, headers=auth).json()["items"]
    )
    assert (
        client.post(f"/dossiers/{code}/rating", json={"score": 5}, headers={**other, **key()}).status_code
        == 404
    )
    httpx.post(f"{sandbox.url}/_sandbox/dossiers/{code}/request-supplement").raise_for_status()
    supplement = client.post(
        f"/dossiers/{code}/supplements", json={"attachments": []}, headers={**other, **key()}
    )
    assert supplement.status_code == 404
    # The same client_ref from another account neither files a second dossier nor reveals the first.
    taken = client.post("/dossiers", json=body, headers={**other, **key()})
    assert taken.status_code == 422
    assert taken.json()["errors"][0]["field"] == "client_ref"
    assert code not in taken.text
    assert client.get(f"/dossiers/{code}", headers=auth).json()["dossier_code"] == code


# --- tokens ------------------------------------------------------------------------------------------


def test_token_answers_are_never_cached(client: httpx.Client) -> None:
    for form in (TERMINAL, {**TERMINAL, "client_secret": "sai"}, AGENT, {"grant_type": "implicit"}):
        response = client.post("/auth/token", data=form)
        assert response.headers["cache-control"] == "no-store", form
        assert response.headers["pragma"] == "no-cache", form


@pytest.fixture
def throttled() -> Iterator[RunningSandbox]:
    with start(sign_in_attempts=3, sign_in_attempts_per_address=5, sign_in_window=60) as running:
        yield running


def _sign_in(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/auth/token", data={**AGENT, "username": username, "password": password})


def test_password_guessing_is_throttled_per_account_even_for_the_right_password(
    throttled: RunningSandbox,
) -> None:
    with httpx.Client(base_url=throttled.api) as client:
        assert [_sign_in(client, "buudien01", "sai").status_code for _ in range(3)] == [401, 401, 401]
        refused = _sign_in(client, "buudien01", "matkhau01")
        assert refused.status_code == 429
        assert slug(refused) == "too-many-sign-in-attempts"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.headers["cache-control"] == "no-store"
        # Another agent on the same counter is not locked out by the first one's typing.
        assert _sign_in(client, "buudien02", "matkhau01").status_code == 200
        throttled.sandbox.clock.shift += timedelta(seconds=int(refused.headers["retry-after"]))
        assert _sign_in(client, "buudien01", "matkhau01").status_code == 200
        # A right password starts the account's count again.
        assert _sign_in(client, "buudien01", "sai").status_code == 401
        assert _sign_in(client, "buudien01", "matkhau01").status_code == 200


def test_password_guessing_is_throttled_per_client_address(throttled: RunningSandbox) -> None:
    with httpx.Client(base_url=throttled.api) as client:
        names = ["a1", "a2", "a3", "a4", "a5"]
        assert {_sign_in(client, name, "sai").status_code for name in names} == {401}
        refused = _sign_in(client, "buudien01", "matkhau01")
        assert refused.status_code == 429
        assert slug(refused) == "too-many-sign-in-attempts"
        # The terminal account's grant is not a guess at a person's password: it still works.
        assert client.post("/auth/token", data=TERMINAL).status_code == 200


def test_a_wrong_method_is_405_with_allow(sandbox: RunningSandbox) -> None:
    response = httpx.delete(sandbox.api + "/dossiers")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "POST"}
    assert slug(response) == "method-not-allowed"


# --- the admin area ------------------------------------------------------------------------------------


def test_admin_area_is_open_on_loopback_only() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10") and not is_loopback("kiosk.lan")
    assert admin_token_for("127.0.0.1") is None
    made_up = admin_token_for("0.0.0.0")
    assert made_up and len(made_up) >= 24
    assert admin_token_for("0.0.0.0") != made_up


def test_admin_token_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVC_SANDBOX_ADMIN_TOKEN", "tu-dat")
    assert admin_token_for("0.0.0.0") == "tu-dat"
    assert admin_token_for("127.0.0.1") == "tu-dat"


def test_admin_area_asks_for_its_token_when_one_is_set() -> None:
    with start(admin_token="quan-tri") as portal, httpx.Client(base_url=portal.url) as client:
        assert portal.admin_token == "quan-tri"
        for method, path in (
            ("GET", "/_sandbox/stats"),
            ("POST", "/_sandbox/faults"),
            ("POST", "/_sandbox/advance"),
            ("POST", "/_sandbox/revoke-tokens"),
            ("POST", "/_sandbox/reload-catalog"),
            ("POST", "/_sandbox/dossiers/X/request-supplement"),
        ):
            refused = client.request(method, path)
            assert refused.status_code == 401, path
            assert slug(refused) == "unauthorized"
            wrong = client.request(method, path, headers={"Authorization": "Bearer sai"})
            assert wrong.status_code == 401, path
        with httpx.Client(base_url=portal.api) as api:
            portal_token = authed(api)
        assert client.get("/_sandbox/stats", headers=portal_token).status_code == 401
        assert client.get("/_sandbox/stats", headers={"Authorization": "Bearer quan-tri"}).status_code == 200
        # The contract's own routes do not change.
        assert client.get("/api/v1/health").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"rate": "x"},
        {"rate": 2},
        {"seed": "x"},
        {"latency_ms": None},
        {"weights": {"nope": 1}},
        {"weights": [1]},
        {"include_health": "yes"},
    ],
    ids=repr,
)
def test_bad_admin_input_is_a_400_and_changes_nothing(sandbox: RunningSandbox, body: dict[str, Any]) -> None:
    before = httpx.get(sandbox.url + "/_sandbox/faults").json()
    response = httpx.post(sandbox.url + "/_sandbox/faults", json=body)
    assert response.status_code == 400
    assert slug(response) == "bad-request"
    assert httpx.get(sandbox.url + "/_sandbox/faults").json() == before
    assert httpx.post(sandbox.url + "/_sandbox/advance", json={"seconds": "x"}).status_code == 400
    assert httpx.post(sandbox.url + "/_sandbox/advance", content=b"[" * 5000).status_code == 400
