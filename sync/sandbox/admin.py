"""The sandbox's /_sandbox admin area (tests, demos, soak runs): stats, faults, time, tokens, supplements.

Open on loopback; when the sandbox listens elsewhere it asks for `Authorization: Bearer <admin token>`
(`SandboxConfig.admin_token`, set by server.py from DVC_SANDBOX_ADMIN_TOKEN or made up and printed).
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from sync.sandbox.backoffice import iso
from sync.sandbox.bodies import MAX_FORM_BYTES, BadJson, BodyTooLarge, parse_json, read_limited
from sync.sandbox.dossiers import dossier_view
from sync.sandbox.faults import FaultKind
from sync.sandbox.portal import Sandbox, sandbox_of
from sync.sandbox.problems import json_response, problem

TEN_YEARS = 10 * 366 * 86400.0
Handler = Callable[[Request], Awaitable[Response]]


class AdminInputError(Exception):
    """A value in an admin request that the sandbox cannot use: answered 400 with `detail`."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def guarded(handler: Handler) -> Handler:
    """`handler` behind the admin token (when one is set), with bad input answered 400, never 500."""

    async def guard(request: Request) -> Response:
        expected = sandbox_of(request).config.admin_token
        if expected is not None:
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), expected):
                return problem(
                    401,
                    "unauthorized",
                    "Khu quản trị /_sandbox cần mã quản trị: gửi tiêu đề Authorization: Bearer <mã> "
                    "(mã in ra khi cổng thử nghiệm khởi động, hoặc đặt bằng DVC_SANDBOX_ADMIN_TOKEN).",
                    headers={"WWW-Authenticate": 'Bearer realm="sandbox-admin"'},
                )
        try:
            return await handler(request)
        except AdminInputError as error:
            return problem(400, "bad-request", error.detail)

    return guard


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        raw, disconnected = await read_limited(request, MAX_FORM_BYTES)
    except BodyTooLarge:
        raise AdminInputError("Nội dung yêu cầu quá lớn.") from None
    if disconnected:
        raise ClientDisconnect
    if not raw:
        return {}
    try:
        value = parse_json(raw)
    except BadJson as error:
        raise AdminInputError(error.detail) from None
    if not isinstance(value, dict):
        raise AdminInputError("Nội dung yêu cầu phải là một đối tượng JSON.")
    return value


def _number(body: dict[str, Any], name: str, low: float, high: float) -> float:
    value = body[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AdminInputError(f"`{name}` phải là một con số.")
    if not low <= value <= high:
        raise AdminInputError(f"`{name}` phải nằm trong khoảng {low:g} đến {high:g}.")
    return float(value)


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


def _apply_faults(sandbox: Sandbox, body: dict[str, Any]) -> None:
    """Check every value first, then change the policy: a bad request changes nothing."""
    changes: dict[str, Any] = {}
    if "rate" in body:
        changes["rate"] = _number(body, "rate", 0.0, 1.0)
    if "seed" in body:
        seed = body["seed"]
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise AdminInputError("`seed` phải là số nguyên hoặc null.")
        changes["seed"] = seed
    for name in ("retry_after", "latency_ms", "slow_ms"):
        if name in body:
            changes[name] = int(_number(body, name, 0, 86_400_000))
    if "include_health" in body:
        if not isinstance(body["include_health"], bool):
            raise AdminInputError("`include_health` phải là true hoặc false.")
        changes["include_health"] = body["include_health"]
    if "weights" in body:
        weights = body["weights"]
        if not isinstance(weights, dict) or not set(weights) <= {kind.value for kind in FaultKind}:
            kinds = ", ".join(kind.value for kind in FaultKind)
            raise AdminInputError(f"`weights` phải là một đối tượng với các loại lỗi: {kinds}.")
        changes["weights"] = {FaultKind(k): _number(weights, k, 0.0, 1e6) for k in weights}
    policy = sandbox.faults
    for name, value in changes.items():
        if name == "seed":
            policy.reseed(value)
        else:
            setattr(policy, name, value)


async def admin_faults(request: Request) -> Response:
    sandbox = sandbox_of(request)
    if request.method == "POST":
        _apply_faults(sandbox, await _json_body(request))
    policy = sandbox.faults
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
    seconds = _number(body, "seconds", -TEN_YEARS, TEN_YEARS) if "seconds" in body else 0.0
    sandbox.clock.shift += timedelta(seconds=seconds)
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


ROUTES = [
    Route("/_sandbox/stats", guarded(admin_stats), methods=["GET"]),
    Route("/_sandbox/faults", guarded(admin_faults), methods=["GET", "POST"]),
    Route("/_sandbox/advance", guarded(admin_advance), methods=["POST"]),
    Route("/_sandbox/revoke-tokens", guarded(admin_revoke), methods=["POST"]),
    Route("/_sandbox/reload-catalog", guarded(admin_reload_catalog), methods=["POST"]),
    Route(
        "/_sandbox/dossiers/{code}/request-supplement", guarded(admin_request_supplement), methods=["POST"]
    ),
]
