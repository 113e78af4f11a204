"""PortalClient: the kiosk's side of the portal contract over httpx (token, one re-auth, Retry-After gate).

Every method returns a `Reply` (any HTTP answer other than 401) or `NotBefore` (the portal asked us to
wait and no request was sent); transport failures raise `Unreachable`, a second 401 raises `AuthError`.
Only references (paths, ids, statuses, problem slugs) are logged: never tokens, secrets or bodies.
"""

from __future__ import annotations

import email.utils
import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx

from kiosk import PRODUCT, __version__
from kiosk.errors import KioskError
from sync.clock import Clock
from sync.pause import MemoryPause, Pause

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5, read=30, write=30, pool=5)
# A portal may ask for a long pause; a day bounds what a wrong header could do to a terminal.
MAX_RETRY_AFTER = timedelta(days=1)
# Renew a little before the announced expiry so a token never dies in flight on a slow link.
TOKEN_MARGIN = timedelta(seconds=60)
GATED_STATUSES = frozenset({429, 503})


class AuthError(KioskError):
    """The portal refused the terminal's (or an agent's) credentials: the batch stops."""

    def __init__(self, key: str = "sync.auth_failed", /, **params: object) -> None:
        super().__init__(key, **params)


class Unreachable(Exception):
    """No HTTP answer: connection refused or cut, timeout, TLS failure.

    `maybe_delivered` is True when the request may have reached the portal (the answer was lost), so a
    create request may have been committed: the sender must retry under the same key, and may recover.
    """

    def __init__(self, reason: str, *, maybe_delivered: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.maybe_delivered = maybe_delivered


@dataclass(frozen=True)
class Problem:
    """An RFC 9457 problem; `slug` is the last path segment of `type` (what clients match on)."""

    status: int
    slug: str
    title: str = ""
    detail: str = ""
    errors: tuple[dict[str, Any], ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The problem as the portal sent it (what the store keeps sealed for the agent)."""
        return dict(self.raw) if self.raw else {"type": self.slug, "status": self.status}


@dataclass(frozen=True)
class Reply:
    """An HTTP answer other than 401."""

    status: int
    body: Any
    headers: httpx.Headers
    problem: Problem | None = None
    retry_after: datetime | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def slug(self) -> str | None:
        return self.problem.slug if self.problem else None

    @property
    def upload_offset(self) -> int | None:
        value = self.headers.get("upload-offset")
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    def json(self) -> dict[str, Any]:
        """The body as an object ({} when it is not one)."""
        return self.body if isinstance(self.body, dict) else {}


@dataclass(frozen=True)
class Health:
    """The portal answered its health check; `skew_seconds` is our clock minus the portal's (if it said)."""

    skew_seconds: float | None


@dataclass(frozen=True)
class NotBefore:
    """The portal asked for a pause (Retry-After): nothing was sent; try again at `when`."""

    when: datetime


@dataclass(frozen=True)
class Agent:
    id: str
    name: str
    office: str


def slug_of(problem_type: object) -> str:
    """The last path segment of a problem `type` URI ("" when there is none)."""
    if not isinstance(problem_type, str):
        return ""
    return problem_type.rstrip("/").rsplit("/", 1)[-1]


def parse_problem(status: int, body: Any) -> Problem:
    """A Problem from a parsed body; a non-JSON body still gives a Problem named by its status."""
    if not isinstance(body, dict):
        return Problem(status, str(status))
    errors = body.get("errors")
    return Problem(
        status=status,
        slug=slug_of(body.get("type")) or str(status),
        title=str(body.get("title") or ""),
        detail=str(body.get("detail") or ""),
        errors=tuple(e for e in errors if isinstance(e, dict)) if isinstance(errors, list) else (),
        raw=body,
    )


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """The instant a Retry-After header names (delta-seconds or HTTP-date), at most a day away."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    when: datetime | None
    if text.isdigit():
        when = now + timedelta(seconds=int(text[:9]))
    else:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    return min(when, now + MAX_RETRY_AFTER)


def _seg(value: str) -> str:
    """An opaque id as one path segment (the contract promises nothing about its characters)."""
    return quote(value, safe="")


def api_base(base_url: str) -> str:
    """`base_url` with the contract's `/api/v1` prefix exactly once, without a trailing slash."""
    base = base_url.rstrip("/")
    return base if base.endswith(API_PREFIX) else base + API_PREFIX


class PortalClient:
    """One portal, one terminal account. Thread-safe: the UI's probe and the worker may share it."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        kiosk_id: str,
        *,
        clock: Clock,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        pause: Pause | None = None,
    ) -> None:
        self.base_url = api_base(base_url)
        self._client_id = client_id
        self._client_secret = client_secret
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_until: datetime | None = None
        # The portal's Retry-After pause: in the store (sync.pause.StorePause) for every process to see,
        # or in this client only; bounded either way (sync.pause.MAX_PAUSE).
        self._pause: Pause = pause if pause is not None else MemoryPause()
        # TLS verification is httpx's default (True) and is never turned off here.
        self._http = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": f"{PRODUCT}/{__version__}", "X-Kiosk-Id": kiosk_id},
            follow_redirects=False,
        )

    # --- lifecycle -----------------------------------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- gate ------------------------------------------------------------------------------------------
    @property
    def not_before(self) -> datetime | None:
        """While set and in the future, no request other than /health is sent."""
        return self._pause.until(self._clock())

    def _gate(self) -> NotBefore | None:
        until = self._pause.until(self._clock())
        return NotBefore(until) if until is not None else None

    def _hold_until(self, when: datetime) -> None:
        self._pause.hold(when, self._clock())

    # --- tokens ---------------------------------------------------------------------------------------
    def _post_token(self, form: dict[str, str]) -> Reply | NotBefore:
        gate = self._gate()
        if gate is not None:
            return gate
        response = self._transmit("POST", "/auth/token", data=form)
        return self._reply(response)

    def _bearer(self) -> str | NotBefore:
        with self._lock:
            if self._token and self._token_until and self._clock() < self._token_until:
                return self._token
        reply = self._post_token(
            {
                "grant_type": "client_credentials",
                "client_id": self._client_id,
                "client_secret": self._client_secret,
            }
        )
        if isinstance(reply, NotBefore):
            return reply
        if reply.status in (401, 403):
            log.warning("portal refused the terminal account (%s)", reply.status)
            raise AuthError()
        token = reply.json().get("access_token")
        if reply.status != 200 or not isinstance(token, str) or not token:
            raise Unreachable(f"token endpoint answered {reply.status}", maybe_delivered=False)
        expires_in = reply.json().get("expires_in")
        lifetime = timedelta(seconds=expires_in if isinstance(expires_in, int) and expires_in > 0 else 300)
        with self._lock:
            self._token = token
            self._token_until = self._clock() + max(lifetime - TOKEN_MARGIN, lifetime / 2)
        return token

    def _forget_token(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token, self._token_until = None, None

    def sign_in_agent(self, username: str, password: str) -> tuple[str, Agent | None]:
        """Agent password grant: (agent token, agent). Wrong credentials or a locked account: AuthError."""
        reply = self._post_token(
            {
                "grant_type": "password",
                "username": username,
                "password": password,
                "client_id": self._client_id,
            }
        )
        if isinstance(reply, NotBefore):
            raise Unreachable("portal asked to wait", maybe_delivered=False)
        if reply.status == 401:
            raise AuthError("sync.agent_wrong_credentials")
        if reply.status == 403:
            raise AuthError("sync.agent_locked")
        body = reply.json()
        token = body.get("access_token")
        if reply.status != 200 or not isinstance(token, str):
            raise Unreachable(f"token endpoint answered {reply.status}", maybe_delivered=False)
        agent = body.get("agent")
        if isinstance(agent, dict):
            fields = (str(agent.get(name, "")) for name in ("id", "name", "office"))
            return token, Agent(*fields)
        return token, None

    # --- transport --------------------------------------------------------------------------------------
    def _transmit(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            log.info("portal unreachable: %s %s (%s)", method, path, type(exc).__name__)
            raise Unreachable(type(exc).__name__, maybe_delivered=False) from None
        except httpx.TransportError as exc:
            # The request may have been read and committed before the answer was lost.
            log.info("portal answer lost: %s %s (%s)", method, path, type(exc).__name__)
            raise Unreachable(type(exc).__name__, maybe_delivered=True) from None

    def _reply(self, response: httpx.Response) -> Reply:
        body: Any = None
        if response.content:
            try:
                body = response.json()
            except (json.JSONDecodeError, UnicodeDecodeError):
                body = None
        problem = parse_problem(response.status_code, body) if response.status_code >= 400 else None
        retry_after = None
        gated = response.status_code in GATED_STATUSES or (
            response.status_code == 409 and problem is not None and problem.slug == "request-in-progress"
        )
        if gated:
            retry_after = parse_retry_after(response.headers.get("retry-after"), self._clock())
            if retry_after is not None:
                self._hold_until(retry_after)
        return Reply(response.status_code, body, response.headers, problem, retry_after)

    def _call(
        self,
        method: str,
        path: str,
        *,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
    ) -> Reply | NotBefore:
        """One authorised request; on 401 a fresh token and the same request once more, unchanged."""
        for attempt in (1, 2):
            gate = self._gate()
            if gate is not None:
                return gate
            token = self._bearer()
            if isinstance(token, NotBefore):
                return token
            response = self._transmit(
                method,
                path,
                content=content,
                params=params,
                headers={**(headers or {}), "Authorization": f"Bearer {token}"},
            )
            if response.status_code == 401:
                self._forget_token(token)
                log.info("portal answered 401 to %s %s (attempt %d)", method, path, attempt)
                continue
            reply = self._reply(response)
            log.debug("%s %s -> %s %s", method, path, reply.status, reply.slug or "")
            return reply
        log.warning("portal refused a fresh token: the batch stops")
        raise AuthError()

    @staticmethod
    def _json(body: dict[str, Any]) -> bytes:
        # Serialised once, so a repeat after 401 carries byte-for-byte the same body.
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()

    def _post_json(self, path: str, body: dict[str, Any], key: str | None = None) -> Reply | NotBefore:
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return self._call("POST", path, content=self._json(body), headers=headers)

    # --- the contract ---------------------------------------------------------------------------------
    def health(self) -> bool:
        """GET /health (never gated, no token): True when the portal answers 200 "ok"."""
        return self.health_info() is not None

    def health_info(self) -> Health | None:
        """GET /health: the portal's clock against ours, or None when it does not answer "ok"."""
        sent = self._clock()
        try:
            response = self._transmit("GET", "/health")
        except Unreachable:
            return None
        received = self._clock()
        if response.status_code != 200:
            return None
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
        if not isinstance(body, dict) or body.get("status") != "ok":
            return None
        skew: float | None = None
        try:
            portal_time = datetime.fromisoformat(str(body.get("time")))
        except ValueError:
            portal_time = None
        if portal_time is not None and portal_time.tzinfo is not None:
            midpoint = sent + (received - sent) / 2
            skew = (midpoint - portal_time).total_seconds()
        return Health(skew_seconds=skew)

    def procedures(self, since: str | None) -> Reply | NotBefore:
        return self._call("GET", "/procedures", params={"since": since} if since else None)

    def create_upload(self, sha256: str, size: int, media_type: str, filename: str) -> Reply | NotBefore:
        body = {"sha256": sha256, "size": size, "media_type": media_type, "filename": filename}
        return self._post_json("/uploads", body)

    def head_upload(self, upload_id: str) -> Reply | NotBefore:
        return self._call("HEAD", f"/uploads/{_seg(upload_id)}")

    def patch_upload(self, upload_id: str, offset: int, chunk: bytes) -> Reply | NotBefore:
        headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        return self._call("PATCH", f"/uploads/{_seg(upload_id)}", content=chunk, headers=headers)

    def create_dossier(self, key: str, body: dict[str, Any]) -> Reply | NotBefore:
        return self._post_json("/dossiers", body, key)

    def find_dossier_by_client_ref(self, client_ref: str) -> Reply | NotBefore:
        return self._call("GET", "/dossiers", params={"client_ref": client_ref})

    def get_dossier(self, dossier_code: str) -> Reply | NotBefore:
        return self._call("GET", f"/dossiers/{_seg(dossier_code)}")

    def post_supplement(self, dossier_code: str, key: str, body: dict[str, Any]) -> Reply | NotBefore:
        return self._post_json(f"/dossiers/{_seg(dossier_code)}/supplements", body, key)

    def post_rating(self, dossier_code: str, key: str, body: dict[str, Any]) -> Reply | NotBefore:
        return self._post_json(f"/dossiers/{_seg(dossier_code)}/rating", body, key)
