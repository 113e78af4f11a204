"""Run the sandbox portal: blocking `serve()`, `start_in_thread()` for tests, and the command-line options."""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from kiosk.agents import DemoAccount
from kiosk.i18n import Lang, t
from sync.sandbox.app import create_app
from sync.sandbox.faults import FaultPolicy
from sync.sandbox.portal import Sandbox, SandboxConfig, default_db_path

ADMIN_TOKEN_ENV = "DVC_SANDBOX_ADMIN_TOKEN"  # noqa: S105 - the name of a variable, not a secret


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def admin_token_for(host: str, given: str | None = None, *, use_env: bool = True) -> str | None:
    """The token the /_sandbox admin area asks for: `given`, else $DVC_SANDBOX_ADMIN_TOKEN (unless
    `use_env` is off, as for tests' sandboxes), else a new random one when `host` is not loopback (the
    caller prints it), else None (open, loopback only)."""
    if given:
        return given
    from_env = os.environ.get(ADMIN_TOKEN_ENV, "").strip() if use_env else ""
    if from_env:
        return from_env
    return None if is_loopback(host) else secrets.token_urlsafe(24)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port), so a busy port shows before anything says "running".

    Raises OSError (EADDRINUSE for a busy port, socket.gaierror for an unknown host).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":
            # As uvicorn does: a restart may reuse a port in TIME_WAIT; a live listener still refuses us.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_config(
    *,
    db_path: Path | str | None = None,
    faults: float | FaultPolicy | None = None,
    seed: int = 0,
    latency_ms: int = 0,
    retry_after: int = 2,
    office_speed: float = 1.0,
    **overrides: Any,
) -> SandboxConfig:
    """A SandboxConfig from the runner's options; `overrides` sets any other SandboxConfig field."""
    if isinstance(faults, FaultPolicy):
        policy = faults
    else:
        policy = FaultPolicy(
            rate=float(faults or 0.0), seed=seed, retry_after=retry_after, latency_ms=latency_ms
        )
    if not 0.0 <= policy.rate <= 1.0:
        raise ValueError("fault rate must be between 0 and 1")
    return SandboxConfig(db_path=db_path, faults=policy, seed=seed, office_speed=office_speed, **overrides)


def _uvicorn_config(sandbox: Sandbox, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(sandbox=sandbox),
        host=host,
        port=port,
        http="h11",
        ws="none",
        lifespan="on",
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        server_header=False,
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    db_path: Path | str | None = None,
    faults: float | FaultPolicy | None = None,
    seed: int = 0,
    latency_ms: int = 0,
    retry_after: int = 2,
    office_speed: float = 1.0,
    sock: socket.socket | None = None,
    **overrides: Any,
) -> None:
    """Serve until interrupted. Loopback only unless `host` says otherwise; on `sock` when given (bound
    by `bind_socket`). Off loopback the admin area asks for a token: pass `admin_token` (from
    `admin_token_for`, printed by the caller) or one is made up that nobody knows."""
    overrides["admin_token"] = admin_token_for(host, overrides.get("admin_token"))
    config = make_config(
        db_path=db_path or default_db_path(),
        faults=faults,
        seed=seed,
        latency_ms=latency_ms,
        retry_after=retry_after,
        office_speed=office_speed,
        **overrides,
    )
    sandbox = Sandbox(config)
    try:
        uvicorn.Server(_uvicorn_config(sandbox, host, port)).run(sockets=[sock] if sock else None)
    finally:
        sandbox.store.close()


@dataclass
class RunningSandbox:
    """A sandbox portal serving from a background thread; stop() (or leaving the `with`) shuts it down."""

    url: str
    sandbox: Sandbox
    _server: uvicorn.Server
    _thread: threading.Thread
    _temp_dir: Path | None = None
    _stopped: bool = field(default=False)

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    @property
    def admin_token(self) -> str | None:
        """What /_sandbox asks for in `Authorization: Bearer ...` (None on loopback: open)."""
        return self.sandbox.config.admin_token

    def demo_accounts(self) -> tuple[DemoAccount, ...]:
        """The agent accounts this sandbox accepts, for training mode's sign-in page."""
        return tuple(
            DemoAccount(a.username, a.password, a.name, a.office, a.kind, a.locked)
            for a in self.sandbox.config.agents
        )

    def advance(self, seconds: float) -> int:
        """Move the sandbox's clock forward and let the clerk catch up; returns the steps played."""
        self.sandbox.clock.shift += timedelta(seconds=seconds)
        return self.sandbox.backoffice.advance(self.sandbox.now())

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.sandbox.store.close()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_in_thread(
    host: str = "127.0.0.1",
    port: int = 0,
    db_path: Path | str | None = None,
    faults: float | FaultPolicy | None = None,
    seed: int = 0,
    latency_ms: int = 0,
    retry_after: int = 2,
    office_speed: float = 1.0,
    **overrides: Any,
) -> RunningSandbox:
    """Start on a free port (port 0) in a daemon thread; without `db_path` the data lives in a temp dir."""
    temp_dir = None
    if db_path is None:
        temp_dir = Path(tempfile.mkdtemp(prefix="dvc-sandbox-"))
        db_path = temp_dir / "sandbox.sqlite3"
    # A test's sandbox does not depend on the shell it runs in: only an explicit admin_token, or none.
    overrides["admin_token"] = admin_token_for(host, overrides.get("admin_token"), use_env=False)
    config = make_config(
        db_path=db_path,
        faults=faults,
        seed=seed,
        latency_ms=latency_ms,
        retry_after=retry_after,
        office_speed=office_speed,
        **overrides,
    )
    sandbox = Sandbox(config)
    server = uvicorn.Server(_uvicorn_config(sandbox, host, port))
    thread = threading.Thread(target=server.run, name="sandbox-portal", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sandbox.store.close()
            raise RuntimeError("the sandbox portal did not start")
        time.sleep(0.01)
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    return RunningSandbox(f"http://{url_host}:{bound_port}", sandbox, server, thread, temp_dir)


def build_arg_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """The runner's options (`kiosk sandbox` reuses them by passing its own sub-parser)."""
    parser = parser or argparse.ArgumentParser(prog="python -m sync.sandbox", description="Sandbox portal")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--db", dest="db_path", type=Path, default=None, help="the sandbox's SQLite file")
    parser.add_argument(
        "--faults", type=float, default=0.0, metavar="RATE", help="share of requests that fail (0..1)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for faults and the back office")
    parser.add_argument("--latency-ms", type=int, default=0, help="added to every API request")
    parser.add_argument("--retry-after", type=int, default=2, help="seconds in Retry-After of 429/503")
    parser.add_argument("--office-speed", type=float, default=1.0, help="back-office speed multiplier")
    parser.add_argument("--tracking-base", default=None, help="base URL of tracking links (default: none)")
    return parser


def listening_lines(host: str, port: int, admin_token: str | None, lang: Lang = "vi") -> list[str]:
    """What the runner prints once the port is bound (kiosk.messages, Vietnamese first)."""
    url_host = f"[{host}]" if ":" in host else host
    lines = [t("cli.sandbox.listening", lang, url=f"http://{url_host}:{port}")]
    if admin_token is not None:
        if os.environ.get(ADMIN_TOKEN_ENV, "").strip() == admin_token:
            lines.append(t("cli.sandbox.admin_token_env", lang, env=ADMIN_TOKEN_ENV))
        else:
            lines.append(t("cli.sandbox.admin_token", lang, token=admin_token, env=ADMIN_TOKEN_ENV))
    return lines


def cannot_listen(host: str, port: int, error: OSError, lang: Lang = "vi") -> str:
    """One line saying why the port could not be opened and what to do."""
    import errno

    if error.errno == errno.EADDRINUSE:
        return t("cli.sandbox.port_busy", lang, host=host, port=port)
    return t("cli.sandbox.cannot_listen", lang, host=host, port=port, reason=error.strerror or str(error))


def run_from_args(args: argparse.Namespace, lang: Lang = "vi") -> int:
    """Bind, say where (and the admin token off loopback), serve. Exit 2 when the port cannot be opened."""
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as error:
        print(cannot_listen(args.host, args.port, error, lang), file=sys.stderr)
        return 2
    token = admin_token_for(args.host)
    for line in listening_lines(args.host, sock.getsockname()[1], token, lang):
        print(line, flush=True)
    serve(
        host=args.host,
        port=args.port,
        db_path=args.db_path,
        faults=args.faults,
        seed=args.seed,
        latency_ms=args.latency_ms,
        retry_after=args.retry_after,
        office_speed=args.office_speed,
        tracking_base=getattr(args, "tracking_base", None),
        sock=sock,
        admin_token=token,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_from_args(build_arg_parser().parse_args(argv))
