"""Sandbox portal: resumable, content-addressed uploads exactly as the contract says."""

from __future__ import annotations

import hashlib
import os

import httpx

from .helpers import authed, slug, upload

PATCH_TYPE = {"Content-Type": "application/offset+octet-stream"}


def _create(client: httpx.Client, auth: dict[str, str], data: bytes, **changes: object) -> httpx.Response:
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "media_type": "image/jpeg"}
    return client.post("/uploads", json={**meta, "filename": "scan.jpg", **changes}, headers=auth)


def _patch(
    client: httpx.Client, auth: dict[str, str], upload_id: str, offset: int, chunk: bytes
) -> httpx.Response:
    headers = {**auth, **PATCH_TYPE, "Upload-Offset": str(offset)}
    return client.patch(f"/uploads/{upload_id}", content=chunk, headers=headers)


def _offset(client: httpx.Client, auth: dict[str, str], upload_id: str) -> int | None:
    response = client.head(f"/uploads/{upload_id}", headers=auth)
    if response.status_code == 404:
        return None
    assert response.status_code == 204
    return int(response.headers["upload-offset"])


def test_upload_in_chunks_with_resume_after_an_offset_mismatch(
    client: httpx.Client, auth: dict[str, str]
) -> None:
    data = os.urandom(3000)
    created = _create(client, auth, data)
    assert created.status_code == 201
    upload_id = created.json()["upload_id"]
    assert created.json()["offset"] == 0
    assert _offset(client, auth, upload_id) == 0
    first = _patch(client, auth, upload_id, 0, data[:1000])
    assert first.status_code == 204
    assert first.headers["upload-offset"] == "1000"
    # A client that thinks it is elsewhere is told so, and nothing moves.
    mismatch = _patch(client, auth, upload_id, 500, data[500:1500])
    assert mismatch.status_code == 409
    assert slug(mismatch) == "upload-offset-mismatch"
    assert _offset(client, auth, upload_id) == 1000
    resumed = _patch(client, auth, upload_id, 1000, data[1000:])
    assert resumed.headers["upload-offset"] == "3000"
    assert _offset(client, auth, upload_id) == 3000
    # The offset never goes back, even for a PATCH that starts from zero again.
    assert _patch(client, auth, upload_id, 0, data).status_code == 409
    assert _offset(client, auth, upload_id) == 3000


def test_same_content_dedupes_per_account_never_across(client: httpx.Client, auth: dict[str, str]) -> None:
    data = os.urandom(500)
    upload_id = upload(client, auth, data)
    again = _create(client, auth, data)
    assert again.status_code == 200
    assert again.json() == {"upload_id": upload_id, "offset": 500, "complete": True}
    agent = authed(
        client, grant_type="password", username="buudien01", password="matkhau01", client_id="kiosk-demo"
    )
    elsewhere = _create(client, agent, data)
    assert elsewhere.status_code == 201
    assert elsewhere.json()["upload_id"] != upload_id
    # Another account cannot even see this account's upload.
    assert _offset(client, agent, upload_id) is None


def test_checksum_mismatch_discards_the_upload(client: httpx.Client, auth: dict[str, str]) -> None:
    data = os.urandom(800)
    upload_id = _create(client, auth, data).json()["upload_id"]
    assert _patch(client, auth, upload_id, 0, data[:400]).status_code == 204
    wrong = _patch(client, auth, upload_id, 400, bytes(400))
    assert wrong.status_code == 422
    assert slug(wrong) == "checksum-mismatch"
    assert _offset(client, auth, upload_id) is None
    assert slug(_patch(client, auth, upload_id, 0, data)) == "not-found"


def test_size_limits_and_media_types(client: httpx.Client, auth: dict[str, str]) -> None:
    data = b"x" * 10
    assert slug(_create(client, auth, data, size=20 * 1024 * 1024 + 1)) == "too-large"
    assert _create(client, auth, data, size=0).status_code == 413
    assert _create(client, auth, data, size=20 * 1024 * 1024).status_code == 201
    gif = _create(client, auth, data, media_type="image/gif")
    assert gif.status_code == 415
    assert slug(gif) == "unsupported-media-type"
    for media_type in ("application/pdf", "image/png"):
        assert _create(client, auth, data, media_type=media_type).status_code == 201


def test_bytes_past_the_declared_size_are_refused(client: httpx.Client, auth: dict[str, str]) -> None:
    data = os.urandom(100)
    upload_id = _create(client, auth, data).json()["upload_id"]
    too_much = _patch(client, auth, upload_id, 0, data + b"extra")
    assert too_much.status_code == 413
    assert slug(too_much) == "too-large"
    assert _offset(client, auth, upload_id) == 0


def test_unknown_upload_and_wrong_content_type(client: httpx.Client, auth: dict[str, str]) -> None:
    assert client.head("/uploads/up_nothing", headers=auth).status_code == 404
    assert slug(_patch(client, auth, "up_nothing", 0, b"abc")) == "not-found"
    upload_id = _create(client, auth, b"abc").json()["upload_id"]
    wrong_type = client.patch(
        f"/uploads/{upload_id}",
        content=b"abc",
        headers={**auth, "Upload-Offset": "0", "Content-Type": "text/plain"},
    )
    assert wrong_type.status_code == 415
