"""Helpers for the sandbox portal tests: start a server, get tokens, upload, build dossier bodies."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import httpx

from sync.sandbox import RunningSandbox, start_in_thread
from sync.sandbox.catalog import demo_catalog

TERMINAL = {"grant_type": "client_credentials", "client_id": "kiosk-demo", "client_secret": "demo-secret"}
HEADERS = {"User-Agent": "dvc-kiosk/0.1.0", "X-Kiosk-Id": "kiosk-test-01"}


def start(**options: Any) -> RunningSandbox:
    """A sandbox with the demo catalog and no background clerk (tests move time themselves)."""
    options.setdefault("catalog_provider", demo_catalog)
    options.setdefault("backoffice_tick", 0)
    return start_in_thread(**options)


def token(client: httpx.Client, **form: str) -> str:
    response = client.post("/auth/token", data=form or TERMINAL)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def authed(client: httpx.Client, **form: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(client, **form)}"}


def slug(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["type"]).rsplit("/", 1)[-1]


def upload(
    client: httpx.Client, auth: dict[str, str], data: bytes, media_type: str = "application/pdf"
) -> str:
    """Upload `data` completely and return its upload_id."""
    created = client.post(
        "/uploads",
        json={
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
            "media_type": media_type,
            "filename": "a",
        },
        headers=auth,
    )
    assert created.status_code in (200, 201), created.text
    upload_id = str(created.json()["upload_id"])
    if created.status_code == 201:
        sent = client.patch(
            f"/uploads/{upload_id}",
            content=data,
            headers={**auth, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
        )
        assert sent.status_code == 204, sent.text
    return upload_id


def birth_body(**changes: Any) -> dict[str, Any]:
    """A valid dossier for the demo birth registration (free of charge)."""
    body: dict[str, Any] = {
        "client_ref": str(uuid.uuid4()),
        "procedure_code": "1.001193",
        "procedure_version": "2026.11.1",
        "bundle_ref": None,
        "applicant": {
            "full_name": "Nguyễn Thị Mai",
            "id_number": "079190001234",
            "date_of_birth": "1990-03-04",
            "gender": "female",
            "phone": "0912345678",
            "email": None,
            "address": {"province_code": "79", "ward_code": "26734", "street": "12 Lê Lợi"},
        },
        "answers": {
            "ho_ten_tre": "Trần Minh An",
            "ngay_sinh_tre": "2026-11-01",
            "gioi_tinh_tre": "nam",
            "co_giay_chung_sinh": True,
        },
        "attachments": [],
        "channel": 2,
        "assisted_by": {
            "kind": "post_office",
            "agent_id": "BD-0001",
            "authorization_ref": None,
            "consent_at": None,
        },
        "result_delivery": {"method": "pickup", "address": None},
        "created_at": "2026-11-22T09:15:00+07:00",
        "submitted_at": "2026-11-22T09:20:00+07:00",
    }
    body.update(changes)
    return body


def residence_body(**changes: Any) -> dict[str, Any]:
    """A valid dossier for the demo permanent residence registration (with a fee)."""
    return birth_body(
        procedure_code="1.004222",
        answers={
            "dia_chi_moi": {"province_code": "01", "ward_code": "00004", "street": "5 Hàng Bài"},
            "so_dien_thoai_chu_ho": "0987654321",
            "so_cccd_chu_ho": "001080001234",
        },
        **changes,
    )


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}
