"""A hostile (or buggy) portal: a real HTTP server in a thread, each misbehaviour of issue #12 a switch.

It speaks enough of the contract for queued dossiers to go through (token, health, uploads, dossiers,
status, supplements, ratings) and counts what it served, per route: requests, body bytes written and the
`Upload-Offset` headers it was sent. A test turns one switch on, lets the kiosk talk to it, and asserts a
bounded outcome on those figures (requests made, bytes read), never on time. Kept free of pytest so soak
runs and other tests can use it:

    with HostilePortal() as portal:
        portal.switches.stuck_patch = True
        client = PortalClient(portal.url, "kiosk-demo", "demo-secret", "kiosk-1", clock=clock)

Switches (all off by default: a well-behaved portal):
- `stuck_patch`: PATCH answers 204 with the offset it was sent (no progress, for ever).
- `upload_offset` / `head_offset`: POST /uploads answers this `offset`; HEAD this `Upload-Offset` text.
- `huge`: the route whose answer is an endless body (no Content-Length) of `huge_size` bytes.
- `trickle` / `trickle_headers`: the route whose answer body (or status line and headers) comes one
  byte every `trickle_every` seconds.
- `nested`: the route whose answer is JSON nested `nested_depth` deep.
- `gzip_bomb`: the route whose answer is a few KiB of gzip that inflate to `huge_size` bytes.
- `fields`: route -> {field: value} put into that route's JSON answer; the value `MISSING` leaves the
  field out (e.g. {"create_dossier": {"dossier_code": "x" * 5_000_000}}).
- `max_requests`: a safety valve for old code: past it every answer is a 503, so a client without bounds
  ends (and its test fails on the count) instead of hanging the suite.
Routes: token, health, procedures, create_upload, head_upload, patch, create_dossier, find, get_dossier,
supplement, rating.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

MISSING = object()
CHUNK = 64 * 1024


@dataclass
class Switches:
    stuck_patch: bool = False
    upload_offset: int | None = None
    head_offset: str | None = None
    huge: str | None = None
    huge_size: int = 400 * 1024 * 1024
    trickle: str | None = None
    trickle_headers: bool = False
    trickle_every: float = 0.02
    nested: str | None = None
    nested_depth: int = 100_000
    gzip_bomb: str | None = None
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_requests: int = 2000


@dataclass
class Figures:
    requests: Counter[str] = field(default_factory=Counter)  # route -> requests answered
    sent: Counter[str] = field(default_factory=Counter)  # route -> body bytes written
    offsets_received: list[str] = field(default_factory=list)  # Upload-Offset headers of PATCHes
    keys: list[str] = field(default_factory=list)  # Idempotency-Keys of POST /dossiers

    @property
    def total(self) -> int:
        return sum(self.requests.values())


class HostilePortal:
    """Start with `with HostilePortal() as portal:`; `portal.url` is the base URL (no /api/v1)."""

    def __init__(self, switches: Switches | None = None) -> None:
        self.switches = switches or Switches()
        self.figures = Figures()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.uploads: dict[str, dict[str, Any]] = {}
        self.dossiers: dict[str, dict[str, Any]] = {}  # client_ref -> created answer
        self.statuses: dict[str, int] = {}  # dossier_code -> status
        portal = self

        class Handler(_Handler):
            hostile = portal

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=lambda: self._server.serve_forever(poll_interval=0.05), name="hostile-portal", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> HostilePortal:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def count(self, route: str, sent: int = 0) -> None:
        with self._lock:
            self.figures.sent[route] += sent

    # --- the contract, minimally ----------------------------------------------------------------------
    def answer(self, route: str, method: str, path: str, query: dict[str, list[str]], body: bytes) -> Any:
        """(status, JSON answer or None, extra headers) of a well-behaved portal."""
        if route == "token":
            return 200, {"access_token": "tok", "token_type": "Bearer", "expires_in": 3600, "agent": None}, {}
        if route == "health":
            return 200, {"status": "ok", "time": "2026-11-22T09:00:00+07:00"}, {}
        if route == "procedures":
            return 304, None, {}  # the catalog the kiosk has is the current one
        if route == "create_upload":
            wanted = json.loads(body)
            upload_id = f"up_{len(self.uploads) + 1}"
            self.uploads[upload_id] = {"size": wanted["size"], "sha256": wanted["sha256"], "data": b""}
            return 201, {"upload_id": upload_id, "offset": 0}, {}
        upload_id = path.rsplit("/", 1)[-1]
        if route == "head_upload":
            if upload_id not in self.uploads:
                return 404, _problem(404, "not-found"), {}
            return 204, None, {"Upload-Offset": str(len(self.uploads[upload_id]["data"]))}
        if route == "patch":
            upload = self.uploads.get(upload_id)
            if upload is None:
                return 404, _problem(404, "not-found"), {}
            if self.switches.stuck_patch:
                return 204, None, {"Upload-Offset": str(len(upload["data"]))}
            upload["data"] += body
            return 204, None, {"Upload-Offset": str(len(upload["data"]))}
        if route == "create_dossier":
            wanted = json.loads(body)
            ref = wanted["client_ref"]
            if ref not in self.dossiers:
                code = f"G22.99-261122-{len(self.dossiers) + 1:04d}"
                self.statuses[code] = 1
                self.dossiers[ref] = {
                    "dossier_code": code,
                    "status": 1,
                    "received_at": "2026-11-22T09:00:00+07:00",
                    "due_at": "2026-11-25T17:00:00+07:00",
                    "tracking_url": None,
                    "fee": {"amount": 0, "currency": "VND"},
                    "payment": None,
                }
                return 201, dict(self.dossiers[ref]), {}
            return 200, dict(self.dossiers[ref]), {}
        if route == "find":
            ref = query.get("client_ref", [""])[0]
            found = self.dossiers.get(ref)
            items = [self.view(found["dossier_code"]) | {"client_ref": ref}] if found else []
            return 200, {"items": items}, {}
        code = path.split("/")[4] if path.count("/") >= 4 else ""
        if route == "get_dossier":
            if code not in self.statuses:
                return 404, _problem(404, "not-found"), {}
            return 200, self.view(code), {}
        if route == "supplement":
            return 200, self.view(code), {}
        if route == "rating":
            return 204, None, {}
        return 404, _problem(404, "not-found"), {}

    def view(self, code: str) -> dict[str, Any]:
        status = self.statuses.get(code, 1)
        return {
            "dossier_code": code,
            "procedure_code": "2.000815",
            "status": status,
            "status_label": "Mới đăng ký",
            "history": [{"status": 1, "at": "2026-11-22T09:00:00+07:00", "note": None}],
            "due_at": "2026-11-25T17:00:00+07:00",
            "result": None,
            "supplement_request": None,
        }


def _problem(status: int, slug: str) -> dict[str, Any]:
    return {"type": f"https://portal.example/problems/{slug}", "title": slug, "status": status}


def route_of(method: str, path: str) -> str:
    tail = path.removeprefix("/api/v1")
    if tail == "/auth/token":
        return "token"
    if tail == "/health":
        return "health"
    if tail == "/procedures":
        return "procedures"
    if tail == "/uploads":
        return "create_upload"
    if tail.startswith("/uploads/"):
        return "patch" if method == "PATCH" else "head_upload"
    if tail == "/dossiers":
        return "create_dossier" if method == "POST" else "find"
    if tail.endswith("/supplements"):
        return "supplement"
    if tail.endswith("/rating"):
        return "rating"
    return "get_dossier"


class _Handler(BaseHTTPRequestHandler):
    hostile: HostilePortal
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the figures say what happened

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def _serve(self) -> None:
        portal, switches = self.hostile, self.hostile.switches
        parts = urlsplit(self.path)
        route = route_of(self.command, parts.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with portal._lock:
            portal.figures.requests[route] += 1
            over = portal.figures.total > switches.max_requests
            if route == "patch":
                portal.figures.offsets_received.append(self.headers.get("Upload-Offset", ""))
            if route == "create_dossier":
                portal.figures.keys.append(self.headers.get("Idempotency-Key", ""))
        if over:
            self._send(route, 503, json.dumps(_problem(503, "unavailable")).encode(), {})
            return
        if switches.huge == route:
            self._huge(route)
            return
        if switches.gzip_bomb == route:
            inflated = b'{"pad": "' + b" " * switches.huge_size + b'"}'
            self._send(route, 200, gzip.compress(inflated, compresslevel=9), {"Content-Encoding": "gzip"})
            return
        if switches.nested == route:
            depth = switches.nested_depth
            self._send(route, 200, b"[" * depth + b"]" * depth, {})
            return
        with portal._lock:
            status, answer, headers = portal.answer(
                route, self.command, parts.path, parse_qs(parts.query), body
            )
        if route == "create_upload" and switches.upload_offset is not None:
            answer["offset"] = switches.upload_offset
        if route == "head_upload" and switches.head_offset is not None and status == 204:
            headers["Upload-Offset"] = switches.head_offset
        for name, value in switches.fields.get(route, {}).items():
            if isinstance(answer, dict):
                if value is MISSING:
                    answer.pop(name, None)
                else:
                    answer[name] = value
        content = json.dumps(answer).encode() if answer is not None else b""
        if switches.trickle == route:
            self._trickle(route, status, content, headers)
            return
        self._send(route, status, content, headers)

    def _head(self, status: int, headers: dict[str, str], length: int | None) -> bytes:
        lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if length is not None:
            lines.append(f"Content-Length: {length}")
            lines.append("Content-Type: application/json")
        else:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _send(self, route: str, status: int, content: bytes, headers: dict[str, str]) -> None:
        try:
            self.wfile.write(self._head(status, headers, len(content)))
            if self.command != "HEAD":
                self.wfile.write(content)
            self.wfile.flush()
            self.hostile.count(route, len(content))
        except OSError:
            self.close_connection = True

    def _huge(self, route: str) -> None:
        """An answer that never seems to end: written until the client hangs up (or `huge_size`)."""
        self.close_connection = True
        block = b" " * CHUNK
        try:
            self.wfile.write(self._head(200, {"Content-Type": "application/json"}, None))
            self.wfile.write(b'{"pad": "')
            left = self.hostile.switches.huge_size
            while left > 0 and not self.hostile.stopping.is_set():
                piece = block[: min(left, CHUNK)]
                self.wfile.write(piece)
                self.hostile.count(route, len(piece))
                left -= len(piece)
            self.wfile.flush()
        except OSError:
            pass  # the client stopped reading: what it was sent is counted

    def _trickle(self, route: str, status: int, content: bytes, headers: dict[str, str]) -> None:
        """The answer a byte at a time (the head too with `trickle_headers`), until the client hangs up."""
        self.close_connection = True
        every = self.hostile.switches.trickle_every
        head = self._head(status, headers, len(content))
        try:
            if self.hostile.switches.trickle_headers:
                stream = head + content  # `sent` counts the head's bytes too
            else:
                self.wfile.write(head)
                self.wfile.flush()
                stream = content
            for index in range(len(stream)):
                if self.hostile.stopping.wait(every):
                    return
                self.wfile.write(stream[index : index + 1])
                self.wfile.flush()
                self.hostile.count(route, 1)
        except OSError:
            pass


def wait_until(condition: Any, limit: float = 5.0) -> bool:
    """Poll `condition()` up to `limit` seconds (for figures written by the server's threads)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return bool(condition())
