"""Sandbox portal: health, tokens (terminal, agents, locked, revoked, expired) and the catalog route."""

from __future__ import annotations

from datetime import timedelta

import httpx

from sync.sandbox import RunningSandbox
from sync.sandbox.catalog import kiosk_catalog_provider

from .helpers import HEADERS, TERMINAL, authed, slug, start


def test_health_needs_no_token_and_reports_time(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["time"].endswith("+07:00")


def test_terminal_token_is_a_bearer_that_opens_the_api(client: httpx.Client) -> None:
    response = client.post("/auth/token", data=TERMINAL)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["agent"] is None
    assert client.post("/auth/token", data=TERMINAL).json()["access_token"] != body["access_token"]
    catalog = client.get("/procedures", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert catalog.status_code == 200


def test_wrong_secret_is_401_problem(client: httpx.Client) -> None:
    response = client.post("/auth/token", data={**TERMINAL, "client_secret": "nope"})
    assert response.status_code == 401
    assert slug(response) == "unauthorized"


def test_agent_sign_in_returns_the_agent_and_a_locked_account_is_403(client: httpx.Client) -> None:
    form = {
        "grant_type": "password",
        "username": "buudien01",
        "password": "matkhau01",
        "client_id": "kiosk-demo",
    }
    response = client.post("/auth/token", data=form)
    assert response.status_code == 200
    assert response.json()["agent"]["office"].startswith("Bưu điện")
    volunteer = client.post("/auth/token", data={**form, "username": "tinhnguyen01"})
    assert volunteer.json()["agent"]["id"] == "TN-0001"
    assert client.post("/auth/token", data={**form, "password": "sai"}).status_code == 401
    locked = client.post("/auth/token", data={**form, "username": "khoa01"})
    assert locked.status_code == 403
    assert slug(locked) == "forbidden"


def test_unsupported_grant_is_400(client: httpx.Client) -> None:
    response = client.post("/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 400
    assert slug(response) == "bad-request"


def test_missing_or_revoked_token_is_401_until_a_new_one(
    sandbox: RunningSandbox, client: httpx.Client
) -> None:
    assert slug(client.get("/procedures")) == "unauthorized"
    auth = authed(client)
    assert client.get("/procedures", headers=auth).status_code == 200
    revoked = httpx.post(sandbox.url + "/_sandbox/revoke-tokens").json()["revoked"]
    assert revoked >= 1
    after = client.get("/procedures", headers=auth)
    assert after.status_code == 401
    assert after.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/procedures", headers=authed(client)).status_code == 200


def test_token_expires_after_its_lifetime() -> None:
    with start(token_ttl=60) as sandbox, httpx.Client(base_url=sandbox.api) as client:
        auth = authed(client)
        assert client.post("/auth/token", data=TERMINAL).json()["expires_in"] == 60
        assert client.get("/procedures", headers=auth).status_code == 200
        sandbox.sandbox.clock.shift += timedelta(seconds=61)
        assert client.get("/procedures", headers=auth).status_code == 401


def test_catalog_304_when_unchanged_and_whole_catalog_otherwise(client: httpx.Client) -> None:
    auth = authed(client)
    full = client.get("/procedures", headers=auth)
    version = full.json()["catalog_version"]
    assert {p["code"] for p in full.json()["procedures"]} == {"1.001193", "1.004222"}
    assert client.get("/procedures", params={"since": version}, headers=auth).status_code == 304
    older = client.get("/procedures", params={"since": "2020.1.1"}, headers=auth)
    assert older.status_code == 200
    assert older.json() == full.json()


def test_default_provider_serves_the_kiosk_catalog_that_the_kiosk_accepts() -> None:
    from kiosk.catalog import catalog_from_documents

    snapshot = kiosk_catalog_provider()
    assert snapshot.procedures
    rebuilt = catalog_from_documents(snapshot.version, snapshot.documents)
    assert set(rebuilt.procedures) == set(snapshot.procedures)


def test_kiosk_id_and_user_agent_are_recorded(sandbox: RunningSandbox, client: httpx.Client) -> None:
    client.get("/procedures", headers=authed(client))
    clients = httpx.get(sandbox.url + "/_sandbox/stats").json()["clients"]
    assert any(
        c["kiosk_id"] == HEADERS["X-Kiosk-Id"] and c["user_agent"] == HEADERS["User-Agent"] for c in clients
    )
