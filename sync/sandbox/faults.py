"""Fault injection for the sandbox portal: dropped connections, 5xx, 429, slow and partial responses."""

from __future__ import annotations

import asyncio
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.sandbox.problems import PROBLEM_MEDIA_TYPE, problem_body

API_PREFIX = "/api/v1"
HEALTH_PATH = API_PREFIX + "/health"
FAULT_SCOPE_KEY = "sandbox.fault"


class FaultKind(StrEnum):
    DROP_BEFORE = "drop_before"  # the connection dies before the portal looks at the request
    DROP_AFTER = "drop_after"  # the portal commits, then the connection dies: the response is lost
    ERROR_500 = "error_500"
    RATE_LIMITED = "rate_limited"  # 429 with Retry-After
    UNAVAILABLE = "unavailable"  # 503 with Retry-After
    SLOW = "slow"  # the response comes, late
    PARTIAL_UPLOAD = "partial_upload"  # PATCH keeps part of the bytes, then the connection dies


@dataclass
class FaultPolicy:
    """Which requests fail and how: `rate` of them, kinds drawn by `weights` from a seeded RNG."""

    rate: float = 0.0
    seed: int | None = None
    weights: dict[FaultKind, float] = field(default_factory=lambda: dict.fromkeys(FaultKind, 1.0))
    retry_after: int = 2
    latency_ms: int = 0  # added to every API request (not /health unless include_health)
    slow_ms: int = 1500
    include_health: bool = False
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)  # noqa: S311 - reproducible faults

    def reseed(self, seed: int | None) -> None:
        self.seed = seed
        self._rng = random.Random(seed)  # noqa: S311 - reproducible faults

    def applies_to(self, path: str) -> bool:
        if not path.startswith(API_PREFIX):
            return False
        return self.include_health or path != HEALTH_PATH

    def decide(self, method: str, path: str) -> FaultKind | None:
        """One draw per request, so a seed gives the same sequence of faults for the same requests."""
        if not self.applies_to(path) or self.rate <= 0 or self._rng.random() >= self.rate:
            return None
        is_patch = method == "PATCH" and path.startswith(API_PREFIX + "/uploads/")
        kinds = [k for k, w in self.weights.items() if w > 0 and (k != FaultKind.PARTIAL_UPLOAD or is_patch)]
        if not kinds:
            return None
        kind = self._rng.choices(kinds, weights=[self.weights[k] for k in kinds])[0]
        self.counts[kind.value] += 1
        return kind

    def partial_fraction(self) -> float:
        return self._rng.uniform(0.1, 0.9)


async def drop_connection(send: Send) -> None:
    """Close the client's socket without a response byte.

    Raising from an ASGI app makes uvicorn answer 500, so reach the transport behind uvicorn's `send`
    and abort it; uvicorn then sees the cycle as disconnected and sends nothing.
    """
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise ConnectionAbortedError("sandbox fault: drop the connection")
    transport.abort()
    # Let the event loop run connection_lost so uvicorn marks the cycle disconnected.
    for _ in range(3):
        await asyncio.sleep(0)


class FaultMiddleware:
    """Outermost ASGI layer: draws a fault per request and plays it around the inner app."""

    def __init__(self, app: ASGIApp, policy: FaultPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        policy = self.policy
        if policy.latency_ms and policy.applies_to(path):
            await asyncio.sleep(policy.latency_ms / 1000)
        kind = policy.decide(scope["method"], path)
        if kind is None:
            await self.app(scope, receive, send)
            return
        if kind == FaultKind.DROP_BEFORE:
            await drop_connection(send)
            return
        if kind in (FaultKind.ERROR_500, FaultKind.RATE_LIMITED, FaultKind.UNAVAILABLE):
            await self._problem(kind, send)
            return
        if kind == FaultKind.SLOW:
            await asyncio.sleep(policy.slow_ms / 1000)
            await self.app(scope, receive, send)
            return
        # DROP_AFTER and PARTIAL_UPLOAD: run the request to its commit, hold the response, then drop.
        state: dict[str, Any] = {"kind": kind.value, "drop": kind == FaultKind.DROP_AFTER}
        scope[FAULT_SCOPE_KEY] = state
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        if state["drop"]:
            await drop_connection(send)
            return
        for message in held:
            await send(message)

    async def _problem(self, kind: FaultKind, send: Send) -> None:
        status, slug = {
            FaultKind.ERROR_500: (500, "internal-error"),
            FaultKind.RATE_LIMITED: (429, "rate-limited"),
            FaultKind.UNAVAILABLE: (503, "unavailable"),
        }[kind]
        body = json.dumps(problem_body(status, slug), ensure_ascii=False).encode()
        headers = [
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
        ]
        if status != 500:
            headers.append((b"retry-after", str(self.policy.retry_after).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
