"""The sandbox portal's ASGI app: contract routes, the /_sandbox admin area, OpenAPI and docs."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from sync.sandbox import dossiers, uploads
from sync.sandbox.backoffice import iso
from sync.sandbox.dossiers import dossier_view
from sync.sandbox.faults import FaultKind, FaultMiddleware
from sync.sandbox.openapi import docs_html, openapi_spec
from sync.sandbox.portal import Sandbox, SandboxConfig, sandbox_of
from sync.sandbox.problems import json_response, problem

log = logging.getLogger(__name__)


async def health(request: Request) -> Response:
    sandbox = sandbox_of(request)
    return json_response(200, {"status": "ok", "time": iso(sandbox.now())})


async def token(request: Request) -> Response:
    sandbox = sandbox_of(request)
    sandbox.seen(request)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return problem(
            400, "bad-request", "Yêu cầu cấp mã truy cập phải gửi dạng form (x-www-form-urlencoded)."
        )
    raw = await request.body()
    try:
        form = {k: v[0] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
    except UnicodeDecodeError:
        return problem(400, "bad-request", "Dữ liệu form không hợp lệ.")
    config = sandbox.config
    grant = form.get("grant_type")
    wrong = problem(401, "unauthorized", "Sai tên đăng nhập hoặc mật khẩu.", error="invalid_client")
    if grant == "client_credentials":
        if form.get("client_id") != config.client_id or form.get("client_secret") != config.client_secret:
            sandbox.store.bump("token_refused")
            return wrong
        sandbox.store.bump("tokens_issued")
        return json_response(200, {**sandbox.issue_token(f"client:{config.client_id}", None), "agent": None})
    if grant == "password":
        agent = sandbox.find_agent(form.get("username", ""))
        if (
            form.get("client_id") != config.client_id
            or agent is None
            or agent.password != form.get("password")
        ):
            sandbox.store.bump("token_refused")
            return wrong
        if agent.locked:
            return problem(403, "forbidden", "Tài khoản này đang bị khóa, vui lòng liên hệ quản trị viên.")
        sandbox.store.bump("tokens_issued")
        issued = sandbox.issue_token(f"agent:{agent.username}", agent.id)
        return json_response(200, {**issued, "agent": agent.public()})
    return problem(
        400, "bad-request", "Kiểu cấp quyền (grant_type) không được hỗ trợ.", error="unsupported_grant_type"
    )


async def procedures(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    catalog = sandbox.catalog()
    if request.query_params.get("since") == catalog.version:
        return Response(status_code=304)
    return json_response(200, {"catalog_version": catalog.version, "procedures": catalog.documents})


# --- the admin area (tests, demos, soak runs) -------------------------------------------------------


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    value = json.loads(raw)
    return value if isinstance(value, dict) else {}


def stats_of(sandbox: Sandbox) -> dict[str, Any]:
    per_key = sandbox.store.key_request_counts()
    histogram = Counter(per_key.values())
    return {
        **sandbox.store.dossier_stats(),
        "counters": sandbox.store.counters(),
        "faults": dict(sandbox.faults.counts),
        "requests_per_key": {
            "keys": len(per_key),
            "max": max(per_key.values(), default=0),
            "histogram": {str(k): v for k, v in sorted(histogram.items())},
        },
        "clients": sandbox.store.clients(),
        "now": iso(sandbox.now()),
    }


async def admin_stats(request: Request) -> Response:
    return json_response(200, stats_of(sandbox_of(request)))


async def admin_faults(request: Request) -> Response:
    policy = sandbox_of(request).faults
    if request.method == "POST":
        body = await _json_body(request)
        if "rate" in body:
            policy.rate = min(max(float(body["rate"]), 0.0), 1.0)
        if "seed" in body:
            policy.reseed(None if body["seed"] is None else int(body["seed"]))
        for name in ("retry_after", "latency_ms", "slow_ms"):
            if name in body:
                setattr(policy, name, int(body[name]))
        if "include_health" in body:
            policy.include_health = bool(body["include_health"])
        if "weights" in body:
            policy.weights = {FaultKind(k): float(v) for k, v in dict(body["weights"]).items()}
    return json_response(
        200,
        {
            "rate": policy.rate,
            "seed": policy.seed,
            "retry_after": policy.retry_after,
            "latency_ms": policy.latency_ms,
            "slow_ms": policy.slow_ms,
            "include_health": policy.include_health,
            "weights": {k.value: v for k, v in policy.weights.items()},
            "counts": dict(policy.counts),
        },
    )


async def admin_advance(request: Request) -> Response:
    sandbox = sandbox_of(request)
    body = await _json_body(request)
    sandbox.clock.shift += timedelta(seconds=float(body.get("seconds", 0)))
    moved = sandbox.backoffice.advance(sandbox.now())
    return json_response(200, {"moved": moved, "now": iso(sandbox.now())})


async def admin_revoke(request: Request) -> Response:
    return json_response(200, {"revoked": sandbox_of(request).store.revoke_tokens()})


async def admin_request_supplement(request: Request) -> Response:
    sandbox = sandbox_of(request)
    record = sandbox.store.get_dossier(request.path_params["code"])
    if record is None:
        return problem(404, "not-found", "Không tìm thấy hồ sơ với mã này.")
    sandbox.backoffice.request_supplement(record, sandbox.now())
    updated = sandbox.store.get_dossier(record["code"])
    return json_response(200, dossier_view(updated or record, with_client_ref=True))


async def admin_reload_catalog(request: Request) -> Response:
    catalog = sandbox_of(request).reload_catalog()
    return json_response(200, {"catalog_version": catalog.version, "procedures": len(catalog.procedures)})


async def openapi_json(request: Request) -> Response:
    return json_response(200, openapi_spec(str(request.base_url).rstrip("/")))


async def docs(request: Request) -> Response:
    return HTMLResponse(docs_html(openapi_spec(str(request.base_url).rstrip("/"))))


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 as problems too: every error of the portal is problem+json."""
    status = int(getattr(exc, "status_code", 400))
    return problem(
        status, "not-found" if status == 404 else "bad-request", "Không có đường dẫn hoặc phương thức này."
    )


async def client_gone(request: Request, exc: Exception) -> Response:
    """The client went away mid-request (a kiosk killed or cut off): nothing was stored, nobody to answer."""
    log.info("client disconnected during %s %s", request.method, request.url.path)
    return Response(status_code=400)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("sandbox request failed", exc_info=exc)
    return problem(500, "internal-error", "Lỗi hệ thống của cổng dịch vụ công sandbox.")


API = "/api/v1"
ROUTES = [
    Route(f"{API}/health", health, methods=["GET"]),
    Route(f"{API}/auth/token", token, methods=["POST"]),
    Route(f"{API}/procedures", procedures, methods=["GET"]),
    Route(f"{API}/uploads", uploads.create_upload, methods=["POST"]),
    Route(f"{API}/uploads/{{upload_id}}", uploads.head_upload, methods=["HEAD"]),
    Route(f"{API}/uploads/{{upload_id}}", uploads.patch_upload, methods=["PATCH"]),
    Route(f"{API}/dossiers", dossiers.create_dossier, methods=["POST"]),
    Route(f"{API}/dossiers", dossiers.find_dossiers, methods=["GET"]),
    Route(f"{API}/dossiers/{{code}}", dossiers.get_dossier, methods=["GET"]),
    Route(f"{API}/dossiers/{{code}}/supplements", dossiers.post_supplement, methods=["POST"]),
    Route(f"{API}/dossiers/{{code}}/rating", dossiers.post_rating, methods=["POST"]),
    Route("/_sandbox/stats", admin_stats, methods=["GET"]),
    Route("/_sandbox/faults", admin_faults, methods=["GET", "POST"]),
    Route("/_sandbox/advance", admin_advance, methods=["POST"]),
    Route("/_sandbox/revoke-tokens", admin_revoke, methods=["POST"]),
    Route("/_sandbox/reload-catalog", admin_reload_catalog, methods=["POST"]),
    Route("/_sandbox/dossiers/{code}/request-supplement", admin_request_supplement, methods=["POST"]),
    Route("/openapi.json", openapi_json, methods=["GET"]),
    Route("/docs", docs, methods=["GET"]),
]


async def _clerk_rounds(sandbox: Sandbox) -> None:
    while True:
        await asyncio.sleep(sandbox.config.backoffice_tick)
        try:
            sandbox.backoffice.advance(sandbox.now())
            cutoff = sandbox.now().timestamp() - uploads.INCOMPLETE_LIFETIME_S
            sandbox.store.purge_incomplete_uploads(cutoff)
        except Exception:
            log.exception("back office round failed")


def create_app(config: SandboxConfig | None = None, *, sandbox: Sandbox | None = None) -> ASGIApp:
    """The sandbox portal as an ASGI app (faults outermost, so a dropped response is really dropped)."""
    portal = sandbox or Sandbox(config or SandboxConfig())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = None
        if portal.config.backoffice_tick > 0:
            task = asyncio.create_task(_clerk_rounds(portal))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = Starlette(
        routes=ROUTES,
        lifespan=lifespan,
        exception_handlers={
            HTTPException: http_error,
            ClientDisconnect: client_gone,
            Exception: internal_error,
        },
    )
    app.state.sandbox = portal
    return FaultMiddleware(app, portal.faults)
