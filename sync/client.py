"""PortalClient: the kiosk's side of the portal contract over httpx (token, one re-auth, Retry-After gate).

Every method returns a `Reply` (any HTTP answer other than 401) or `NotBefore` (the portal asked us to
wait and no request was sent); transport failures raise `Unreachable`, a second 401 raises `AuthError`.
Only references (paths, ids, statuses, problem slugs) are logged: never tokens, secrets or bodies.

Bounded whatever the portal does: a body is read as a stream and given up past its cap (MAX_JSON_BYTES,
after gzip decoding), a request has an overall deadline (httpx's timeouts are per read; a body trickled a
byte at a time would never end), and a success answer is checked against its model (sync.contract) before
a caller sees it. An answer that breaks the contract raises `ProtocolProblem`, a kind of `Unreachable`:
whoever treats "no usable answer" keeps working, and the sender retries the item under its key.
"""

from __future__ import annotations

import email.utils
import json
import logging
import re
import ssl
import threading
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpcore
import httpx
from pydantic_core import from_json

from kiosk import PRODUCT, __version__
from kiosk.errors import KioskError
from sync import contract
from sync.clock import Clock
from sync.contract import MAX_CATALOG_BYTES, MAX_JSON_BYTES, InvalidAnswer, checked, is_dossier_code
from sync.pause import MemoryPause, Pause

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5, read=30, write=30, pool=5)
# The whole of one request (connect, send, headers, body): a 128 KiB PATCH at 3G speeds takes seconds,
# the catalog a few more; two minutes is far past either and bounds a portal that trickles its answer.
DEFAULT_DEADLINE = 120.0
# A portal may ask for a long pause; a day bounds what a wrong header could do to a terminal.
MAX_RETRY_AFTER = timedelta(days=1)
# Renew a little before the announced expiry so a token never dies in flight on a slow link.
TOKEN_MARGIN = timedelta(seconds=60)
MAX_TOKEN_LIFE = timedelta(days=1)
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


class ProtocolProblem(Unreachable):
    """The portal answered, but not as the contract says (too large, not JSON, a field out of bounds).

    Nothing of the answer is kept; `code` is what the log and the outbox record (never a value).
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, maybe_delivered=True)
        self.code, self.detail = code, detail


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
        """The `Upload-Offset` header when it is a plain non-negative number (not "-5", "+5", " 5")."""
        value = self.headers.get("upload-offset")
        if value is None or not re.fullmatch(r"[0-9]{1,12}", value):
            return None
        return int(value)

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
    """A Problem from a parsed body, checked (sync.contract.ProblemAnswer) before anything of it is kept;
    a body that is not a problem still gives a Problem named by its status."""
    try:
        raw = checked(contract.ProblemAnswer, body)
    except InvalidAnswer:
        return Problem(status, str(status))
    errors = raw.get("errors") or []
    return Problem(
        status=status,
        slug=slug_of(raw.get("type")) or str(status),
        title=str(raw.get("title") or ""),
        detail=str(raw.get("detail") or ""),
        errors=tuple(errors),
        raw=raw,
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


# --- the overall deadline -------------------------------------------------------------------------------
# httpx (0.28) has no total timeout (encode/httpx#1450: "the implementation would be in httpcore"), so the
# deadline lives where httpcore meets the socket: each connect, read, write and TLS handshake of a request
# waits at most until the request's deadline, which the calling thread sets (a sync client runs a request
# on its caller's thread). A trickled header or body ends at the deadline, whatever the per-read timeout.
_deadline = threading.local()


def _remaining(timeout: float | None, expired: type[Exception]) -> float | None:
    until: float | None = getattr(_deadline, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise expired("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        wait = _remaining(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _remaining(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_tcp(host, port, wait, local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _remaining(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, wait, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _bound_transports(http: httpx.Client) -> int:
    """Put the deadline under each of the client's httpx transports (also those of proxies from the
    environment); returns how many. httpcore's pools keep their backend in `_network_backend`: there is no
    public hook (httpx.HTTPTransport takes none), and tests/reliability/test_hostile_portal.py fails if an
    upgrade moves it."""
    bound = 0
    for transport in [http._transport, *http._mounts.values()]:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
            bound += 1
    return bound


@dataclass(frozen=True)
class Received:
    """An HTTP answer read within its bounds."""

    status: int
    headers: httpx.Headers
    content: bytes


class _TooLarge(Exception):
    pass


def _read_capped(response: httpx.Response, cap: int, until: float, counted: list[int]) -> bytes:
    """The body, decoded, or _TooLarge as soon as it passes `cap` bytes (declared, raw or decoded)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _TooLarge
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip"):
        raise ProtocolProblem("content-encoding")
    # Decoded here, with a bound on the output of each piece: a small gzip bomb never grows past the cap.
    inflate = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    body = bytearray()
    try:
        pieces: Iterable[bytes] = [response.content]  # a transport that answered from memory (tests)
    except httpx.ResponseNotRead:
        pieces = response.iter_raw()
    for raw in pieces:
        counted[0] += len(raw)
        if time.monotonic() > until:  # also for transports without a socket (tests' MockTransport)
            raise httpx.ReadTimeout("the request's deadline passed")
        if inflate is None:
            body += raw
        else:
            body += inflate.decompress(raw, cap + 1 - len(body)) if len(body) <= cap else b""
            if inflate.unconsumed_tail:
                raise _TooLarge
        if len(body) > cap:
            raise _TooLarge
    if inflate is not None and len(body) <= cap:
        body += inflate.flush(cap + 1 - len(body))
    if len(body) > cap:
        raise _TooLarge
    return bytes(body)


def _parse_json(content: bytes) -> Any:
    """JSON through pydantic-core (its recursion limit stops deeply nested input); None if it is not JSON."""
    try:
        return from_json(content, allow_inf_nan=False)
    except ValueError:
        return None


def _seg(value: str) -> str:
    """An opaque id as one path segment (the contract promises nothing about its characters)."""
    return quote(value, safe="")


def api_base(base_url: str) -> str:
    """`base_url` with the contract's `/api/v1` prefix exactly once, without a trailing slash."""
    base = base_url.rstrip("/")
    return base if base.endswith(API_PREFIX) else base + API_PREFIX


def health_only_client(
    base_url: str, kiosk_id: str, *, clock: Clock, transport: httpx.BaseTransport | None = None
) -> PortalClient:
    """A client for GET /health alone (no token: portal-api.md), with no terminal account: the clock
    can be measured (retention, `kiosk purge`) on a terminal that has a portal address but no account
    yet. Anything that needs a token is refused with "sync.no_client_id" before a request is sent.
    The caller checks the address first (kiosk.config.check_portal_url: http:// only to this machine)."""
    return PortalClient(base_url, "", "", kiosk_id, clock=clock, transport=transport)


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
        deadline: float = DEFAULT_DEADLINE,
        pause: Pause | None = None,
    ) -> None:
        self.base_url = api_base(base_url)
        self.deadline = deadline
        self.bytes_received = 0  # body bytes read from the portal, as they came (figures for tests)
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
            # gzip only: the one encoding read here with a bound on what it inflates to.
            headers={
                "User-Agent": f"{PRODUCT}/{__version__}",
                "X-Kiosk-Id": kiosk_id,
                "Accept-Encoding": "gzip",
            },
            follow_redirects=False,
        )
        _bound_transports(self._http)

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
        if not self._client_id:  # a health_only_client: no account to ask a token for
            raise KioskError("sync.no_client_id")
        gate = self._gate()
        if gate is not None:
            return gate
        response = self._transmit("POST", "/auth/token", data=form)
        return self._reply(response, contract.TokenAnswer if response.status == 200 else None)

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
        # Checked (1 s .. ~31 years) by contract.TokenAnswer; kept at most a day: a token may die sooner.
        expires_in = reply.json().get("expires_in")
        lifetime = min(timedelta(seconds=expires_in if isinstance(expires_in, int) else 300), MAX_TOKEN_LIFE)
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
        agent = body.get("agent")  # checked by contract.TokenAnswer
        if isinstance(agent, dict):
            return token, Agent(str(agent["id"]), str(agent["name"]), str(agent["office"]))
        return token, None

    # --- transport --------------------------------------------------------------------------------------
    def _transmit(self, method: str, path: str, *, cap: int = MAX_JSON_BYTES, **kwargs: Any) -> Received:
        """One request, its answer read whole within `cap` bytes and the client's deadline."""
        until = time.monotonic() + self.deadline
        counted = [0]
        _deadline.until = until
        try:
            request = self._http.build_request(method, path, **kwargs)
            response = self._http.send(request, stream=True)
            try:
                content = _read_capped(response, cap, until, counted)
            finally:
                response.close()
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            log.info("portal unreachable: %s %s (%s)", method, path, type(exc).__name__)
            raise Unreachable(type(exc).__name__, maybe_delivered=False) from None
        except httpx.TransportError as exc:
            # The request may have been read and committed before the answer was lost.
            log.info("portal answer lost: %s %s (%s)", method, path, type(exc).__name__)
            raise Unreachable(type(exc).__name__, maybe_delivered=True) from None
        except _TooLarge:
            log.warning("portal answer to %s %s refused: larger than %d bytes", method, path, cap)
            raise ProtocolProblem("body-too-large") from None
        except httpx.InvalidURL:
            # What was to be asked cannot be put in a URL (a code stored by an older version, say).
            log.warning("no request %s %s: not a valid URL", method, path[:80])
            raise ProtocolProblem("invalid-url") from None
        finally:
            _deadline.until = None
            self.bytes_received += counted[0]
        return Received(response.status_code, response.headers, content)

    def _reply(self, received: Received, answer: type[contract.Answer] | None = None) -> Reply:
        """A Reply; a success answer (2xx with a body model) is checked before a caller sees it."""
        body: Any = _parse_json(received.content) if received.content else None
        status = received.status
        problem = parse_problem(status, body) if status >= 400 else None
        retry_after = None
        gated = status in GATED_STATUSES or (
            status == 409 and problem is not None and problem.slug == "request-in-progress"
        )
        if gated:
            retry_after = parse_retry_after(received.headers.get("retry-after"), self._clock())
            if retry_after is not None:
                self._hold_until(retry_after)
        if answer is not None and 200 <= status < 300:
            try:
                body = checked(answer, body)
            except InvalidAnswer as invalid:
                _broke(answer.__name__, status, invalid.summary)
                raise ProtocolProblem("invalid-answer", invalid.summary) from None
        return Reply(status, body, received.headers, problem, retry_after)

    def _call(
        self,
        method: str,
        path: str,
        *,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        answer: type[contract.Answer] | None = None,
        cap: int = MAX_JSON_BYTES,
    ) -> Reply | NotBefore:
        """One authorised request; on 401 a fresh token and the same request once more, unchanged.

        A 2xx answer is checked against `answer` (ProtocolProblem when it does not fit)."""
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
                cap=cap,
            )
            if response.status == 401:
                self._forget_token(token)
                log.info("portal answered 401 to %s %s (attempt %d)", method, path, attempt)
                continue
            reply = self._reply(response, answer)
            log.debug("%s %s -> %s %s", method, path, reply.status, reply.slug or "")
            return reply
        log.warning("portal refused a fresh token: the batch stops")
        raise AuthError()

    @staticmethod
    def _json(body: dict[str, Any]) -> bytes:
        # Serialised once, so a repeat after 401 carries byte-for-byte the same body.
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()

    def _post_json(
        self, path: str, body: dict[str, Any], key: str | None, answer: type[contract.Answer] | None
    ) -> Reply | NotBefore:
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return self._call("POST", path, content=self._json(body), headers=headers, answer=answer)

    # --- the contract ---------------------------------------------------------------------------------
    def health(self) -> bool:
        """GET /health (never gated, no token): True when the portal answers 200 "ok"."""
        return self.health_info() is not None

    def health_info(self) -> Health | None:
        """GET /health: the portal's clock against ours, or None when it does not answer "ok"."""
        sent = self._clock()
        try:
            response = self._transmit("GET", "/health", cap=64 * 1024)
        except Unreachable:
            return None
        received = self._clock()
        if response.status != 200:
            return None
        try:
            body = checked(contract.HealthAnswer, _parse_json(response.content))
        except InvalidAnswer as invalid:
            log.info("portal health answer not understood: %s", invalid)
            return None
        if body.get("status") != "ok":
            return None
        skew: float | None = None
        try:
            portal_time = datetime.fromisoformat(str(body.get("time")))
        except ValueError:
            portal_time = None
        if portal_time is not None and portal_time.tzinfo is not None:
            try:
                portal_time.astimezone(UTC)
            except OverflowError:  # year 1 with a positive offset, year 9999 with a negative one
                portal_time = None
        if portal_time is not None and portal_time.tzinfo is not None:
            midpoint = sent + (received - sent) / 2
            skew = (midpoint - portal_time).total_seconds()
        return Health(skew_seconds=skew)

    def procedures(self, since: str | None) -> Reply | NotBefore:
        params = {"since": since} if since else None
        return self._call(
            "GET", "/procedures", params=params, answer=contract.CatalogAnswer, cap=MAX_CATALOG_BYTES
        )

    def create_upload(self, sha256: str, size: int, media_type: str, filename: str) -> Reply | NotBefore:
        body = {"sha256": sha256, "size": size, "media_type": media_type, "filename": filename}
        reply = self._post_json("/uploads", body, None, contract.UploadCreated)
        if isinstance(reply, Reply) and reply.ok:
            offset, complete = reply.json().get("offset", 0), reply.json().get("complete", False)
            if offset > size or (complete and offset != size):
                _broke("POST upload", reply.status, "offset")
                raise ProtocolProblem("upload-offset")
        return reply

    def head_upload(self, upload_id: str) -> Reply | NotBefore:
        reply = self._call("HEAD", f"/uploads/{_seg(upload_id)}")
        if isinstance(reply, Reply) and reply.ok and reply.upload_offset is None:
            _broke("HEAD upload", reply.status, "Upload-Offset")
            raise ProtocolProblem("upload-offset")
        return reply

    def patch_upload(self, upload_id: str, offset: int, chunk: bytes) -> Reply | NotBefore:
        """PATCH `chunk` at `offset`; a 204's new offset is checked to lie in [offset, offset + len]
        (the server's offset never decreases and never counts bytes it was not sent)."""
        if offset < 0:
            raise ValueError("an upload offset is never negative")
        headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        reply = self._call("PATCH", f"/uploads/{_seg(upload_id)}", content=chunk, headers=headers)
        if isinstance(reply, Reply) and reply.ok:
            moved = reply.upload_offset
            if moved is None or not offset <= moved <= offset + len(chunk):
                _broke("PATCH upload", reply.status, "Upload-Offset")
                raise ProtocolProblem("upload-offset")
        return reply

    def create_dossier(self, key: str, body: dict[str, Any]) -> Reply | NotBefore:
        return self._post_json("/dossiers", body, key, contract.DossierCreated)

    def find_dossier_by_client_ref(self, client_ref: str) -> Reply | NotBefore:
        return self._call("GET", "/dossiers", params={"client_ref": client_ref}, answer=contract.Found)

    def get_dossier(self, dossier_code: str) -> Reply | NotBefore:
        return self._call("GET", f"/dossiers/{_code_seg(dossier_code)}", answer=contract.DossierView)

    def post_supplement(self, dossier_code: str, key: str, body: dict[str, Any]) -> Reply | NotBefore:
        path = f"/dossiers/{_code_seg(dossier_code)}/supplements"
        return self._post_json(path, body, key, contract.DossierView)

    def post_rating(self, dossier_code: str, key: str, body: dict[str, Any]) -> Reply | NotBefore:
        return self._post_json(f"/dossiers/{_code_seg(dossier_code)}/rating", body, key, None)


def _broke(what: str, status: int, where: str) -> None:
    # A protocol problem of the portal: what and where, never a value (answers may hold personal data).
    log.warning("portal answer (%s, %s) broke the contract: %s", what, status, where)


def _code_seg(dossier_code: str) -> str:
    """A dossier code as a path segment; one that breaks sync.contract's pattern (stored by an older
    version, or typed) is never sent: ProtocolProblem, nothing asked."""
    if not is_dossier_code(dossier_code):
        raise ProtocolProblem("dossier-code")
    return _seg(dossier_code)
