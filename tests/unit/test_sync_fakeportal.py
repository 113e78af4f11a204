"""An in-memory portal for httpx.MockTransport (precise protocol tests), and the store fixtures they share."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.crypto import Sealer
from kiosk.store import Assisted, Store
from sync.client import PortalClient
from sync.clock import FakeClock

KEY = bytes(range(32))
T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}
ANSWERS = {"document_name": "Bằng tốt nghiệp", "page_count": 2, "copy_count": 1}


def problem(status: int, slug: str, headers: dict[str, str] | None = None, **extra: Any) -> httpx.Response:
    body = {"type": f"https://portal.example/problems/{slug}", "title": slug, "status": status, **extra}
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"content-type": "application/problem+json", **(headers or {})},
    )


@dataclass
class Rule:
    """Answer (or break) the next `times` requests matching the method and containing `suffix`."""

    method: str
    suffix: str
    action: Callable[[httpx.Request], httpx.Response] | str  # a response, "drop_before" or "drop_after"
    times: int = 1


@dataclass
class FakePortal:
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    keys: dict[str, tuple[str, int, dict[str, Any]]] = field(default_factory=dict)
    created: dict[str, dict[str, Any]] = field(default_factory=dict)  # client_ref -> 201 body
    status: dict[str, int] = field(default_factory=dict)  # dossier_code -> status
    requests: list[httpx.Request] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    bodies_per_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    patch_bytes: int = 0
    forget_keys: bool = False  # a portal whose key records expired

    def on(self, method: str, suffix: str, action: Any, times: int = 1) -> None:
        self.rules.append(Rule(method, suffix, action, times))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        path = request.url.path.removeprefix("/api/v1")
        for rule in self.rules:
            if rule.times > 0 and request.method == rule.method and rule.suffix in path:
                rule.times -= 1
                if rule.action == "drop_before":
                    raise httpx.ConnectError("dropped", request=request)
                if rule.action == "drop_after":
                    self._handle(request, path)
                    raise httpx.RemoteProtocolError("answer lost", request=request)
                assert callable(rule.action)
                return rule.action(request)
        return self._handle(request, path)

    def api(self, method: str, suffix: str = "") -> list[httpx.Request]:
        return [
            r
            for r in self.requests
            if r.method == method and r.url.path.endswith(suffix) and not r.url.path.endswith("/auth/token")
        ]

    # --- the contract, minimally ----------------------------------------------------------------------
    def _handle(self, request: httpx.Request, path: str) -> httpx.Response:
        if path == "/auth/token":
            return httpx.Response(200, json={"access_token": "tok", "expires_in": 3600, "agent": None})
        if path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        if path == "/uploads" and request.method == "POST":
            return self._create_upload(json.loads(request.content))
        if path.startswith("/uploads/"):
            return self._upload(request, path.rsplit("/", 1)[-1])
        if path == "/dossiers" and request.method == "POST":
            return self._create_dossier(request)
        if path == "/dossiers" and request.method == "GET":
            ref = request.url.params["client_ref"]
            items = [self._view(self.created[ref]) | {"client_ref": ref}] if ref in self.created else []
            return httpx.Response(200, json={"items": items})
        if path.startswith("/dossiers/") and path.endswith("/rating"):
            return httpx.Response(204)
        if path.startswith("/dossiers/") and path.endswith("/supplements"):
            code = path.split("/")[2]
            self.status[code] = 2
            return httpx.Response(200, json=self._view({"dossier_code": code}))
        if path.startswith("/dossiers/") and request.method == "GET":
            code = path.rsplit("/", 1)[-1]
            if code not in self.status:
                return problem(404, "not-found")
            return httpx.Response(200, json=self._view({"dossier_code": code}))
        return problem(404, "not-found")

    def _view(self, created: dict[str, Any]) -> dict[str, Any]:
        code = created["dossier_code"]
        status = self.status[code]
        return {
            "dossier_code": code,
            "procedure_code": "2.000815",
            "status": status,
            "status_label": "x",
            "history": [
                {"status": s, "at": "2026-11-22T09:00:00+07:00", "note": ""} for s in range(1, status + 1)
            ],
            "due_at": "2026-11-23T17:00:00+07:00",
            "result": None,
            "supplement_request": None,
        }

    def _create_upload(self, body: dict[str, Any]) -> httpx.Response:
        for upload_id, upload in self.uploads.items():
            if upload["sha256"] == body["sha256"] and upload["complete"]:
                return httpx.Response(
                    200, json={"upload_id": upload_id, "offset": upload["size"], "complete": True}
                )
        upload_id = f"up_{len(self.uploads) + 1}"
        self.uploads[upload_id] = {
            "sha256": body["sha256"],
            "size": body["size"],
            "data": b"",
            "complete": False,
        }
        return httpx.Response(201, json={"upload_id": upload_id, "offset": 0})

    def _upload(self, request: httpx.Request, upload_id: str) -> httpx.Response:
        upload = self.uploads.get(upload_id)
        if upload is None:
            return httpx.Response(404) if request.method == "HEAD" else problem(404, "not-found")
        offset = len(upload["data"])
        if request.method == "HEAD":
            return httpx.Response(204, headers={"Upload-Offset": str(offset)})
        if int(request.headers["upload-offset"]) != offset:
            return problem(409, "upload-offset-mismatch")
        self.patch_bytes += len(request.content)
        upload["data"] += request.content
        if len(upload["data"]) == upload["size"]:
            if hashlib.sha256(upload["data"]).hexdigest() != upload["sha256"]:
                del self.uploads[upload_id]
                return problem(422, "checksum-mismatch")
            upload["complete"] = True
        return httpx.Response(204, headers={"Upload-Offset": str(len(upload["data"]))})

    def _create_dossier(self, request: httpx.Request) -> httpx.Response:
        key = request.headers["idempotency-key"]
        body = json.loads(request.content)
        canonical = json.dumps(body, sort_keys=True)
        self.bodies_per_key[key].add(canonical)
        if key in self.keys and not self.forget_keys:
            first, status, response = self.keys[key]
            if first != canonical:
                return problem(422, "idempotency-key-reused")
            return httpx.Response(status, json=response)
        ref = body["client_ref"]
        if ref in self.created:
            return httpx.Response(200, json=self.created[ref])
        for attachment in body["attachments"]:
            upload = self.uploads.get(attachment["upload_id"])
            if upload is None or not upload["complete"]:
                return problem(422, "upload-incomplete")
        code = f"G22.99-261122-{len(self.created) + 1:04d}"
        response = {
            "dossier_code": code,
            "status": 1,
            "received_at": "2026-11-22T09:00:00+07:00",
            "due_at": "2026-11-23T17:00:00+07:00",
            "tracking_url": None,
            "fee": {"amount": 2000, "currency": "VND"},
            "payment": {
                "payee_name": "UBND",
                "bank_bin": "970415",
                "account": "1130",
                "reference": f"DVC {code}",
            },
        }
        self.created[ref] = response
        self.status[code] = 1
        self.keys[key] = (canonical, 201, response)
        return httpx.Response(201, json=response)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def portal() -> FakePortal:
    return FakePortal()


@pytest.fixture
def client(portal: FakePortal, clock: FakeClock) -> Iterator[PortalClient]:
    with PortalClient(
        "https://portal.example",
        "kiosk",
        "secret",
        "kiosk-1",
        clock=clock,
        transport=httpx.MockTransport(portal),
    ) as made:
        yield made


def queued_dossier(store: Store, *scans: bytes, answers: dict[str, Any] | None = None) -> str:
    """A finalised dossier with one PDF attachment per scan."""
    ref = store.create_draft("2.000815", "2026.11.1", Assisted("post_office", "BD-0001", None, T0))
    store.save_answers(ref, dict(APPLICANT), dict(answers or ANSWERS), {"method": "pickup", "channel": 2})
    for index, scan in enumerate(scans):
        store.add_attachment(ref, "ban_chinh", scan, f"ban-chinh-{index}.pdf", "application/pdf")
    store.finalize(ref, "BD-0001")
    return ref


def test_the_fake_portal_keeps_a_key_bound_to_its_first_body(portal: FakePortal) -> None:
    transport = httpx.MockTransport(portal)
    with httpx.Client(transport=transport, base_url="https://p/api/v1") as http:
        body = {"client_ref": "r1", "attachments": []}
        first = http.post("/dossiers", json=body, headers={"Idempotency-Key": "k"})
        again = http.post("/dossiers", json=body, headers={"Idempotency-Key": "k"})
        other = http.post("/dossiers", json=body | {"x": 1}, headers={"Idempotency-Key": "k"})
    assert first.status_code == again.status_code == 201
    assert other.status_code == 422
