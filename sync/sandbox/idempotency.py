"""Idempotency-Key handling: keys bound to their first body, first final response stored and replayed."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sync.sandbox.bodies import BadJson, BodyTooLarge, read_json, too_large
from sync.sandbox.portal import Sandbox
from sync.sandbox.problems import PROBLEM_MEDIA_TYPE, json_response, problem, problem_body
from sync.sandbox.validation import is_uuid


@dataclass(frozen=True)
class Outcome:
    """A handler's answer before it becomes a response (so it can be stored exactly)."""

    status: int
    payload: Any = None
    problem_slug: str | None = None
    retry_after: int | None = None

    @classmethod
    def problem(cls, status: int, slug: str, detail: str | None = None, **extra: Any) -> Outcome:
        return cls(status, problem_body(status, slug, detail, **extra), slug)

    @property
    def media_type(self) -> str:
        return PROBLEM_MEDIA_TYPE if self.problem_slug else "application/json"

    def storable(self) -> bool:
        """The first *final* response: 2xx, or 4xx other than 401, 409, 429 and upload-incomplete."""
        if 200 <= self.status < 300:
            return True
        return (
            400 <= self.status < 500
            and self.status not in (401, 409, 429)
            and (self.problem_slug != "upload-incomplete")
        )

    def response(self) -> Response:
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else None
        return json_response(self.status, self.payload, media_type=self.media_type, headers=headers)


def _canonical(value: Any) -> Any:
    """JSON value semantics: key order and 1 vs 1.0 do not matter, true is not 1."""
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def json_digest(value: Any) -> str:
    """A digest that is equal for equal JSON values; the sandbox keeps it instead of the body."""
    text = json.dumps(_canonical(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


Handler = Callable[[Any], Awaitable[Outcome]]


async def run_idempotent(sandbox: Sandbox, request: Request, handler: Handler) -> Response:
    """Apply the contract's exactly-once rules around `handler(body)` (the caller has authenticated)."""
    key = request.headers.get("idempotency-key", "").strip()
    if not is_uuid(key):
        return problem(400, "bad-request", "Thiếu hoặc sai khóa Idempotency-Key (phải là một UUID).")
    key = key.lower()
    try:
        body = await read_json(request)
    except BodyTooLarge:
        return too_large()
    except BadJson as error:
        return problem(400, "bad-request", error.detail)
    store = sandbox.store
    store.count_key_request(key)
    target = f"{request.method} {request.url.path}"
    digest = json_digest(body)
    bound = store.claim_key(key, target, digest, sandbox.now().timestamp())
    if bound is not None:
        if bound.target != target or bound.digest != digest:
            store.bump("idempotency_key_reused")
            return problem(
                422, "idempotency-key-reused", "Khóa Idempotency-Key này đã được dùng cho một nội dung khác."
            )
        if bound.in_flight:
            store.bump("request_in_progress")
            return problem(
                409,
                "request-in-progress",
                "Yêu cầu trước với cùng khóa đang được xử lý, vui lòng thử lại sau.",
                headers={"Retry-After": "1"},
            )
        store.bump("idempotent_replays")
        content = (bound.response or "").encode()
        return Response(content, status_code=bound.status or 200, media_type=bound.media_type)
    try:
        if sandbox.config.processing_delay > 0:
            await asyncio.sleep(sandbox.config.processing_delay)
        outcome = await handler(body)
    except BaseException:
        store.release_key(key)
        raise
    if outcome.storable():
        text = None if outcome.payload is None else json.dumps(outcome.payload, ensure_ascii=False)
        store.finish_key(key, outcome.status, outcome.media_type if text is not None else None, text)
    else:
        store.release_key(key)
    return outcome.response()
