"""Sandbox portal: injected faults as a client sees them, and the simulated back office."""

from __future__ import annotations

import os
from collections import Counter

import httpx
import pytest

from sync.sandbox import FaultKind, FaultPolicy, RunningSandbox

from .helpers import HEADERS, authed, birth_body, key, residence_body, slug, start, upload


def only(kind: FaultKind, rate: float = 1.0, **options: object) -> FaultPolicy:
    weights = dict.fromkeys(FaultKind, 0.0)
    weights[kind] = 1.0
    return FaultPolicy(rate=rate, seed=1, weights=weights, **options)  # type: ignore[arg-type]


@pytest.fixture
def faulty() -> RunningSandbox:
    sandbox = start()
    yield sandbox  # type: ignore[misc]
    sandbox.stop()


def _client(sandbox: RunningSandbox) -> httpx.Client:
    return httpx.Client(base_url=sandbox.api, headers=HEADERS, timeout=10)


def test_response_lost_after_commit_then_recovered_by_client_ref_and_replay(faulty: RunningSandbox) -> None:
    with _client(faulty) as client:
        auth = authed(client)
        body = birth_body()
        idem = key()
        faulty.sandbox.faults.__dict__.update(only(FaultKind.DROP_AFTER).__dict__)
        with pytest.raises(httpx.TransportError):
            client.post("/dossiers", json=body, headers={**auth, **idem})
        faulty.sandbox.faults.rate = 0.0
        found = client.get("/dossiers", params={"client_ref": body["client_ref"]}, headers=auth).json()[
            "items"
        ]
        assert len(found) == 1
        replay = client.post("/dossiers", json=body, headers={**auth, **idem})
        assert replay.status_code == 201
        assert replay.json()["dossier_code"] == found[0]["dossier_code"]
        stats = httpx.get(faulty.url + "/_sandbox/stats").json()
        assert stats["duplicate_client_refs"] == 0
        assert stats["dossiers"] == 1


def test_connection_dropped_before_processing_changes_nothing(faulty: RunningSandbox) -> None:
    with _client(faulty) as client:
        auth = authed(client)
        body = birth_body()
        faulty.sandbox.faults.__dict__.update(only(FaultKind.DROP_BEFORE).__dict__)
        with pytest.raises(httpx.TransportError):
            client.post("/dossiers", json=body, headers={**auth, **key()})
        faulty.sandbox.faults.rate = 0.0
        assert (
            client.get("/dossiers", params={"client_ref": body["client_ref"]}, headers=auth).json()["items"]
            == []
        )


@pytest.mark.parametrize(("kind", "status"), [(FaultKind.RATE_LIMITED, 429), (FaultKind.UNAVAILABLE, 503)])
def test_429_and_503_carry_retry_after(kind: FaultKind, status: int) -> None:
    with start(faults=only(kind, retry_after=7)) as sandbox, _client(sandbox) as client:
        response = client.post("/auth/token", data={"grant_type": "client_credentials"})
        assert response.status_code == status
        assert response.headers["retry-after"] == "7"
        assert slug(response) in ("rate-limited", "unavailable")
        # Health is left alone unless asked, so connectivity checks still work.
        assert client.get("/health").status_code == 200


def test_partial_upload_keeps_a_prefix_then_the_client_resumes(faulty: RunningSandbox) -> None:
    with _client(faulty) as client:
        auth = authed(client)
        data = os.urandom(5000)
        import hashlib

        meta = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": 5000,
            "media_type": "image/png",
            "filename": "p",
        }
        upload_id = client.post("/uploads", json=meta, headers=auth).json()["upload_id"]
        headers = {**auth, "Content-Type": "application/offset+octet-stream"}
        faulty.sandbox.faults.__dict__.update(only(FaultKind.PARTIAL_UPLOAD).__dict__)
        with pytest.raises(httpx.TransportError):
            client.patch(f"/uploads/{upload_id}", content=data, headers={**headers, "Upload-Offset": "0"})
        faulty.sandbox.faults.rate = 0.0
        offset = int(client.head(f"/uploads/{upload_id}", headers=auth).headers["upload-offset"])
        assert 0 < offset < 5000
        rest = client.patch(
            f"/uploads/{upload_id}", content=data[offset:], headers={**headers, "Upload-Offset": str(offset)}
        )
        assert rest.status_code == 204
        assert rest.headers["upload-offset"] == "5000"


def test_a_seeded_policy_gives_the_configured_mix_reproducibly() -> None:
    def draws(seed: int) -> list[FaultKind | None]:
        policy = FaultPolicy(rate=0.3, seed=seed)
        return [policy.decide("POST", "/api/v1/dossiers") for _ in range(2000)]

    first = draws(5)
    assert first == draws(5)
    assert first != draws(6)
    counts = Counter(first)
    failed = 2000 - counts[None]
    assert 500 < failed < 700  # 30 % of 2000, give or take
    assert FaultKind.PARTIAL_UPLOAD not in counts  # only PATCHes of uploads get partial uploads
    assert {FaultKind.DROP_AFTER, FaultKind.DROP_BEFORE, FaultKind.ERROR_500, FaultKind.SLOW} <= set(counts)
    assert FaultPolicy(rate=1.0, seed=1).decide("GET", "/api/v1/health") is None
    assert FaultPolicy(rate=1.0, seed=1, include_health=True).decide("GET", "/api/v1/health") is not None


def test_fault_rate_can_be_set_at_runtime(faulty: RunningSandbox) -> None:
    settings = httpx.post(
        faulty.url + "/_sandbox/faults", json={"rate": 1.0, "weights": {"unavailable": 1}}
    ).json()
    assert settings["rate"] == 1.0
    with _client(faulty) as client:
        assert client.post("/auth/token", data={}).status_code == 503
    httpx.post(faulty.url + "/_sandbox/faults", json={"rate": 0})
    assert httpx.get(faulty.url + "/_sandbox/stats").json()["faults"] == {"unavailable": 1}


def _history(client: httpx.Client, auth: dict[str, str], code: str) -> list[int]:
    return [h["status"] for h in client.get(f"/dossiers/{code}", headers=auth).json()["history"]]


def test_back_office_moves_a_free_dossier_to_10_with_a_result() -> None:
    with start(reject_rate=0.0, supplement_rate=0.0, token_ttl=10**6) as sandbox, _client(sandbox) as client:
        auth = authed(client)
        code = client.post("/dossiers", json=birth_body(), headers={**auth, **key()}).json()["dossier_code"]
        assert sandbox.advance(60) == 0
        assert _history(client, auth, code) == [1]
        sandbox.advance(10 * 60)
        assert _history(client, auth, code)[:3] == [1, 2, 4]
        sandbox.advance(60 * 60)
        dossier = client.get(f"/dossiers/{code}", headers=auth).json()
        assert [h["status"] for h in dossier["history"]] == [1, 2, 4, 9, 10]
        assert dossier["status_label"] == "Đã trả kết quả"
        assert dossier["result"]["issued_at"]
        assert dossier["result"]["documents"]


def test_fee_dossiers_pass_status_6_and_supplements_wait_in_5() -> None:
    with start(reject_rate=0.0, supplement_rate=1.0, token_ttl=10**6) as sandbox, _client(sandbox) as client:
        auth = authed(client)
        code = client.post("/dossiers", json=residence_body(), headers={**auth, **key()}).json()[
            "dossier_code"
        ]
        sandbox.advance(3 * 3600)
        dossier = client.get(f"/dossiers/{code}", headers=auth).json()
        assert [h["status"] for h in dossier["history"]] == [1, 2, 6, 4, 5]
        request = dossier["supplement_request"]
        assert request["documents"][0]["doc_type"] == "giay_to_cho_o"
        assert request["questions"] == []
        assert request["note"]
        upload_id = upload(client, auth, os.urandom(20))
        supplement = {"attachments": [{"doc_type": "giay_to_cho_o", "upload_id": upload_id}], "answers": {}}
        client.post(f"/dossiers/{code}/supplements", json=supplement, headers={**auth, **key()})
        sandbox.advance(3600)
        assert _history(client, auth, code) == [1, 2, 6, 4, 5, 4, 9, 10]


def test_office_speed_shortens_the_minutes() -> None:
    with (
        start(reject_rate=0.0, supplement_rate=0.0, office_speed=60.0) as sandbox,
        _client(sandbox) as client,
    ):
        auth = authed(client)
        code = client.post("/dossiers", json=birth_body(), headers={**auth, **key()}).json()["dossier_code"]
        sandbox.advance(20)  # 20 s at 60x = 20 office minutes
        assert client.get(f"/dossiers/{code}", headers=auth).json()["status"] == 10


def test_paths_are_reproducible_from_the_seed_and_some_are_refused(faulty: RunningSandbox) -> None:
    office = faulty.sandbox.backoffice
    refs = [f"00000000-0000-4000-8000-{n:012d}" for n in range(300)]
    plans = [tuple(office.plan(ref, 0)) for ref in refs]
    assert plans == [tuple(office.plan(ref, 0)) for ref in refs]
    kinds = Counter("3" if p == (3,) else "5" if 5 in p else "ok" for p in plans)
    assert kinds["3"] > 0
    assert kinds["5"] > 0
    assert kinds["ok"] > kinds["5"] > 0
    office.rules.seed = 99
    assert [tuple(office.plan(ref, 0)) for ref in refs] != plans
