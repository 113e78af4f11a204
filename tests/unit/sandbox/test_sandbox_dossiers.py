"""Sandbox portal: dossier creation exactly once, validation, reads, supplements and ratings."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from typing import Any

import httpx
import pytest

from sync.sandbox import RunningSandbox

from .helpers import HEADERS, authed, birth_body, key, residence_body, slug, start, upload


def _post(client: httpx.Client, auth: dict[str, str], body: Any, idem: dict[str, str]) -> httpx.Response:
    return client.post("/dossiers", json=body, headers={**auth, **idem})


def test_created_dossier_has_the_contract_shape(client: httpx.Client, auth: dict[str, str]) -> None:
    free = _post(client, auth, birth_body(), key())
    assert free.status_code == 201
    body = free.json()
    assert body["status"] == 1
    assert body["dossier_code"].startswith("G22.99-")
    assert body["received_at"].endswith("+07:00")
    assert body["due_at"] > body["received_at"]
    assert body["fee"] == {"amount": 0, "currency": "VND"}
    assert body["payment"] is None
    assert body["tracking_url"] is None
    paid = _post(client, auth, residence_body(), key()).json()
    assert paid["fee"] == {"amount": 20000, "currency": "VND"}
    reference = paid["payment"]["reference"]
    assert reference.isascii()
    assert len(reference) <= 25
    assert paid["payment"]["bank_bin"] == "970415"
    assert paid["dossier_code"] != body["dossier_code"]


def test_same_key_same_body_replays_the_first_response(client: httpx.Client, auth: dict[str, str]) -> None:
    body = birth_body()
    idem = key()
    first = _post(client, auth, body, idem)
    # Same JSON value, other key order and 1 written as 1.0: still the same body.
    reordered = json.dumps({**dict(reversed(list(body.items()))), "channel": 2.0})
    again = client.post(
        "/dossiers", content=reordered, headers={**auth, **idem, "Content-Type": "application/json"}
    )
    assert again.status_code == first.status_code == 201
    assert again.json() == first.json()


def test_same_key_different_body_is_key_reused(client: httpx.Client, auth: dict[str, str]) -> None:
    body = birth_body()
    idem = key()
    assert _post(client, auth, body, idem).status_code == 201
    changed = _post(client, auth, {**body, "channel": 3}, idem)
    assert changed.status_code == 422
    assert slug(changed) == "idempotency-key-reused"
    bool_for_int = _post(client, auth, {**body, "channel": True}, idem)
    assert slug(bool_for_int) == "idempotency-key-reused"


def test_new_key_for_an_accepted_client_ref_returns_the_original(
    client: httpx.Client, auth: dict[str, str]
) -> None:
    body = birth_body()
    first = _post(client, auth, body, key())
    other = _post(client, auth, {**body, "answers": {}}, key())
    assert other.status_code == 200
    assert other.json() == first.json()
    found = client.get("/dossiers", params={"client_ref": body["client_ref"]}, headers=auth).json()["items"]
    assert len(found) == 1


def test_missing_or_malformed_key_is_400(client: httpx.Client, auth: dict[str, str]) -> None:
    assert slug(_post(client, auth, birth_body(), {})) == "bad-request"
    assert _post(client, auth, birth_body(), {"Idempotency-Key": "not-a-uuid"}).status_code == 400


def test_validation_failed_lists_fields_with_vietnamese_messages(
    client: httpx.Client, auth: dict[str, str]
) -> None:
    body = birth_body(client_ref="abc", channel=1)
    body["applicant"] = {**body["applicant"], "id_number": "12345", "phone": "12345", "gender": "x"}
    body["assisted_by"] = {"kind": "robot"}
    body["answers"] = {"ho_ten_tre": "An", "gioi_tinh_tre": "khac", "co_giay_chung_sinh": False, "la": 1}
    response = _post(client, auth, body, key())
    assert response.status_code == 422
    assert slug(response) == "validation-failed"
    errors = {e["field"]: e for e in response.json()["errors"]}
    expected = {
        "client_ref",
        "channel",
        "applicant.id_number",
        "applicant.phone",
        "applicant.gender",
        "assisted_by.kind",
        "answers.ngay_sinh_tre",
        "answers.gioi_tinh_tre",
        "answers.ly_do_khong_co_giay",  # required only because co_giay_chung_sinh is false
        "answers.la",
    }
    assert expected <= set(errors)
    assert "12 chữ số" in errors["applicant.id_number"]["message"]


def test_required_fields_and_unknown_procedure(client: httpx.Client, auth: dict[str, str]) -> None:
    response = _post(client, auth, {"procedure_code": "9.999999"}, key())
    fields = {e["field"] for e in response.json()["errors"]}
    assert {
        "client_ref",
        "procedure_version",
        "applicant",
        "answers",
        "attachments",
        "channel",
        "assisted_by.kind",
        "created_at",
    } <= fields
    assert "procedure_code" in fields


def test_validation_failure_is_stored_under_its_key(client: httpx.Client, auth: dict[str, str]) -> None:
    body = birth_body(channel=1)
    idem = key()
    assert _post(client, auth, body, idem).status_code == 422
    assert slug(_post(client, auth, {**body, "channel": 2}, idem)) == "idempotency-key-reused"


def test_upload_incomplete_stores_nothing_and_the_same_key_succeeds_later(
    client: httpx.Client, auth: dict[str, str]
) -> None:
    data = os.urandom(64)
    import hashlib

    meta = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": 64,
        "media_type": "application/pdf",
        "filename": "f",
    }
    upload_id = client.post("/uploads", json=meta, headers=auth).json()["upload_id"]
    body = birth_body(attachments=[{"doc_type": "giay_chung_sinh", "upload_id": upload_id}])
    idem = key()
    early = _post(client, auth, body, idem)
    assert early.status_code == 422
    assert slug(early) == "upload-incomplete"
    headers = {**auth, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
    client.patch(f"/uploads/{upload_id}", content=data, headers=headers)
    assert _post(client, auth, body, idem).status_code == 201


def test_attachments_of_another_account_are_incomplete(client: httpx.Client, auth: dict[str, str]) -> None:
    agent = authed(
        client, grant_type="password", username="tinhnguyen01", password="matkhau01", client_id="kiosk-demo"
    )
    foreign = upload(client, agent, os.urandom(32))
    body = birth_body(attachments=[{"doc_type": "giay_chung_sinh", "upload_id": foreign}])
    assert slug(_post(client, auth, body, key())) == "upload-incomplete"


def test_a_5xx_stores_nothing_under_the_key(sandbox: RunningSandbox, client: httpx.Client) -> None:
    auth = authed(client)
    policy = sandbox.sandbox.faults
    policy.weights = {kind: 0.0 for kind in policy.weights}
    policy.weights[next(k for k in policy.weights if k.value == "error_500")] = 1.0
    policy.rate = 1.0
    idem = key()
    try:
        failed = _post(client, auth, birth_body(), idem)
    finally:
        policy.rate = 0.0
    assert failed.status_code == 500
    # The key was never bound: a different body under it is a fresh request.
    assert _post(client, auth, birth_body(), idem).status_code == 201


def test_concurrent_same_key_is_409_and_different_body_422() -> None:
    with (
        start(processing_delay=1.0) as sandbox,
        httpx.Client(base_url=sandbox.api, headers=HEADERS) as client,
    ):
        auth = authed(client)
        body = birth_body()
        idem = key()
        results: list[httpx.Response] = []
        first = threading.Thread(target=lambda: results.append(_post(client, auth, body, idem)))
        first.start()
        deadline = time.monotonic() + 5
        while (
            not sandbox.sandbox.store.key_in_flight(idem["Idempotency-Key"]) and time.monotonic() < deadline
        ):
            time.sleep(0.005)
        busy = _post(client, auth, body, idem)
        other = _post(client, auth, {**body, "channel": 3}, idem)
        first.join()
        assert busy.status_code == 409
        assert slug(busy) == "request-in-progress"
        assert int(busy.headers["retry-after"]) >= 1
        assert other.status_code == 422
        assert slug(other) == "idempotency-key-reused"
        assert results[0].status_code == 201
        replay = _post(client, auth, body, idem)
        assert replay.json()["dossier_code"] == results[0].json()["dossier_code"]


def test_read_by_code_and_by_client_ref(client: httpx.Client, auth: dict[str, str]) -> None:
    body = birth_body()
    code = _post(client, auth, body, key()).json()["dossier_code"]
    dossier = client.get(f"/dossiers/{code}", headers=auth).json()
    assert dossier["status"] == 1
    assert dossier["status_label"] == "Mới đăng ký"
    assert dossier["history"][0]["status"] == 1
    assert dossier["result"] is None
    assert dossier["supplement_request"] is None
    items = client.get("/dossiers", params={"client_ref": body["client_ref"]}, headers=auth).json()["items"]
    assert items == [{**dossier, "client_ref": body["client_ref"]}]
    assert client.get("/dossiers", params={"client_ref": str(uuid.uuid4())}, headers=auth).json() == {
        "items": []
    }
    assert slug(client.get("/dossiers/G22.99-000000-9999", headers=auth)) == "not-found"


def test_supplement_only_in_status_5_and_moves_to_4(
    sandbox: RunningSandbox, client: httpx.Client, auth: dict[str, str]
) -> None:
    code = _post(client, auth, birth_body(), key()).json()["dossier_code"]
    early = client.post(
        f"/dossiers/{code}/supplements", json={"attachments": [], "note": None}, headers={**auth, **key()}
    )
    assert early.status_code == 409
    assert slug(early) == "invalid-state"
    asked = httpx.post(f"{sandbox.url}/_sandbox/dossiers/{code}/request-supplement").json()
    assert asked["status"] == 5
    wanted = asked["supplement_request"]["documents"][0]["doc_type"]
    assert asked["supplement_request"]["note"]
    missing = client.post(
        f"/dossiers/{code}/supplements", json={"attachments": []}, headers={**auth, **key()}
    )
    assert slug(missing) == "validation-failed"
    upload_id = upload(client, auth, os.urandom(40))
    supplement = {
        "attachments": [{"doc_type": wanted, "upload_id": upload_id}],
        "answers": {},
        "note": "Đã chụp lại",
    }
    idem = key()
    done = client.post(f"/dossiers/{code}/supplements", json=supplement, headers={**auth, **idem})
    assert done.status_code == 200
    assert done.json()["status"] == 4
    assert done.json()["supplement_request"] is None
    assert [h["status"] for h in done.json()["history"]][-2:] == [5, 4]
    replay = client.post(f"/dossiers/{code}/supplements", json=supplement, headers={**auth, **idem})
    assert replay.status_code == 200
    assert replay.json() == done.json()


@pytest.mark.parametrize("score", [0, 6, "5", True])
def test_rating_rejects_bad_scores(client: httpx.Client, auth: dict[str, str], score: object) -> None:
    code = _post(client, auth, birth_body(), key()).json()["dossier_code"]
    response = client.post(f"/dossiers/{code}/rating", json={"score": score}, headers={**auth, **key()})
    assert slug(response) == "validation-failed"


def test_rating_is_204_and_needs_a_key(client: httpx.Client, auth: dict[str, str]) -> None:
    code = _post(client, auth, birth_body(), key()).json()["dossier_code"]
    rated = client.post(
        f"/dossiers/{code}/rating", json={"score": 5, "comment": "Nhanh"}, headers={**auth, **key()}
    )
    assert rated.status_code == 204
    assert rated.content == b""
    assert client.post(f"/dossiers/{code}/rating", json={"score": 4}, headers=auth).status_code == 400
    unknown = client.post("/dossiers/none/rating", json={"score": 4}, headers={**auth, **key()})
    assert unknown.status_code == 404
