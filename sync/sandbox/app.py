"""The sandbox portal's ASGI app: contract routes, the /_sandbox admin area, OpenAPI and docs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from sync.sandbox import admin, dossiers, uploads
from sync.sandbox.backoffice import iso
from sync.sandbox.bodies import MAX_FORM_BYTES, BodyTooLarge, read_limited, too_large
from sync.sandbox.faults import FaultMiddleware
from sync.sandbox.openapi import docs_html, openapi_spec
from sync.sandbox.portal import Sandbox, SandboxConfig, sandbox_of
from sync.sandbox.problems import json_response, problem

log = logging.getLogger(__name__)


async def health(request: Request) -> Response:
    sandbox = sandbox_of(request)
    return json_response(200, {"status": "ok", "time": iso(sandbox.now())})


# RFC 6749 §5.1: a token (or the refusal of one) is never kept by a cache.
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


async def token(request: Request) -> Response:
    response = await _token(request)
    response.headers.update(_NO_STORE)
    return response


async def _token(request: Request) -> Response:
    sandbox = sandbox_of(request)
    sandbox.seen(request)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return problem(
            400, "bad-request", "Yêu cầu cấp mã truy cập phải gửi dạng form (x-www-form-urlencoded)."
        )
    try:
        raw, disconnected = await read_limited(request, MAX_FORM_BYTES)
    except BodyTooLarge:
        return too_large()
    if disconnected:
        raise ClientDisconnect
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
        return _password_grant(sandbox, request, form, wrong)
    return problem(
        400, "bad-request", "Kiểu cấp quyền (grant_type) không được hỗ trợ.", error="unsupported_grant_type"
    )


def _password_grant(sandbox: Sandbox, request: Request, form: dict[str, str], wrong: Response) -> Response:
    """An agent's sign-in, throttled per username and per client address before the password is looked at."""
    username = form.get("username", "")
    keys = sandbox.sign_ins.keys(username, request.client.host if request.client else "")
    now = sandbox.now().timestamp()
    wait = sandbox.sign_ins.retry_after(keys, now)
    if wait is not None:
        sandbox.store.bump("sign_in_throttled")
        return problem(
            429,
            "too-many-sign-in-attempts",
            f"Đăng nhập sai quá nhiều lần. Vui lòng chờ {wait} giây rồi thử lại.",
            headers={"Retry-After": str(wait)},
        )
    agent = sandbox.find_agent(username)
    if (
        form.get("client_id") != sandbox.config.client_id
        or agent is None
        or agent.password != form.get("password")
    ):
        sandbox.store.bump("token_refused")
        sandbox.sign_ins.failed(keys, now)
        return wrong
    sandbox.sign_ins.succeeded(keys[0])
    if agent.locked:
        return problem(403, "forbidden", "Tài khoản này đang bị khóa, vui lòng liên hệ quản trị viên.")
    sandbox.store.bump("tokens_issued")
    issued = sandbox.issue_token(f"agent:{agent.username}", agent.id)
    return json_response(200, {**issued, "agent": agent.public()})


async def procedures(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    catalog = sandbox.catalog()
    if request.query_params.get("since") == catalog.version:
        return Response(status_code=304)
    return json_response(200, {"catalog_version": catalog.version, "procedures": catalog.documents})


async def openapi_json(request: Request) -> Response:
    return json_response(200, openapi_spec(str(request.base_url).rstrip("/")))


async def docs(request: Request) -> Response:
    return HTMLResponse(docs_html(openapi_spec(str(request.base_url).rstrip("/"))))


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 as problems too (every error of the portal is problem+json); a 405 keeps
    the `Allow` header Starlette gives it (RFC 9110 §15.5.6)."""
    status = int(getattr(exc, "status_code", 400))
    headers = dict(getattr(exc, "headers", None) or {})
    if status == 404:
        return problem(404, "not-found", "Không có đường dẫn này.", headers=headers)
    if status == 405:
        allowed = headers.get("Allow", "")
        detail = f"Đường dẫn này không nhận phương thức {request.method}; chỉ nhận: {allowed}."
        return problem(405, "method-not-allowed", detail, headers=headers)
    return problem(status, "bad-request", "Yêu cầu không hợp lệ.", headers=headers)


async def client_gone(request: Request, exc: Exception) -> Response:
    """The client went away mid-request (a kiosk killed or cut off): nothing was stored, nobody to answer."""
    log.info("client disconnected during %s %s", request.method, request.url.path)
    return Response(status_code=400)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("sandbox request failed", exc_info=exc)
    return problem(500, "internal-error", "Lỗi hệ thống của cổng dịch vụ công sandbox.")


Endpoint = Callable[[Request], Awaitable[Response]]


def _route(path: str, **handlers: Endpoint) -> Route:
    """One route per path, whatever its methods: a 405 then lists all of them in `Allow`."""
    by_method = {method.upper(): handler for method, handler in handlers.items()}

    async def dispatch(request: Request) -> Response:
        return await by_method[request.method](request)

    dispatch.__name__ = "_".join(handler.__name__ for handler in by_method.values())
    return Route(path, dispatch, methods=list(by_method))


API = "/api/v1"
ROUTES = [
    _route(f"{API}/health", get=health),
    _route(f"{API}/auth/token", post=token),
    _route(f"{API}/procedures", get=procedures),
    _route(f"{API}/uploads", post=uploads.create_upload),
    _route(f"{API}/uploads/{{upload_id}}", head=uploads.head_upload, patch=uploads.patch_upload),
    _route(f"{API}/dossiers", get=dossiers.find_dossiers, post=dossiers.create_dossier),
    _route(f"{API}/dossiers/{{code}}", get=dossiers.get_dossier),
    _route(f"{API}/dossiers/{{code}}/supplements", post=dossiers.post_supplement),
    _route(f"{API}/dossiers/{{code}}/rating", post=dossiers.post_rating),
    *admin.ROUTES,
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
