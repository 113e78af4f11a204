"""State of one sandbox portal: its settings, database, clock, catalog, clerk, faults and accounts."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import Response

from sync.sandbox.backoffice import BackOffice, Clock, OfficeRules, SandboxClock, system_clock
from sync.sandbox.catalog import CatalogProvider, CatalogSnapshot, default_catalog_provider
from sync.sandbox.faults import FaultPolicy
from sync.sandbox.problems import problem
from sync.sandbox.store import SandboxStore
from sync.sandbox.throttle import SignInThrottle


@dataclass(frozen=True)
class Agent:
    username: str
    password: str
    id: str
    name: str
    office: str
    kind: str
    locked: bool = False

    def public(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "office": self.office}


DEMO_AGENTS: tuple[Agent, ...] = (
    Agent("buudien01", "matkhau01", "BD-0001", "Nguyễn Thị Lan", "Bưu điện Trung tâm Sài Gòn", "post_office"),
    Agent("buudien02", "matkhau01", "BD-0002", "Trần Văn Hùng", "Bưu điện Hà Đông", "post_office"),
    Agent(
        "tinhnguyen01", "matkhau01", "TN-0001", "Lê Minh Anh", "Tổ công nghệ số cộng đồng", "community_team"
    ),
    Agent("khoa01", "matkhau01", "BD-0099", "Phạm Văn Khóa", "Bưu điện Cầu Giấy", "post_office", locked=True),
)


def default_db_path() -> Path:
    """Outside the kiosk's data dir: the sandbox is another system with its own data."""
    return Path(tempfile.gettempdir()) / "dvc-kiosk-sandbox" / "sandbox.sqlite3"


@dataclass
class SandboxConfig:
    db_path: Path | str | None = None
    client_id: str = "kiosk-demo"
    client_secret: str = "demo-secret"  # noqa: S105 - a published demo credential of the sandbox
    agents: tuple[Agent, ...] = DEMO_AGENTS
    token_ttl: int = 3600
    seed: int = 0
    office_speed: float = 1.0
    reject_rate: float = 0.08
    supplement_rate: float = 0.2
    faults: FaultPolicy = field(default_factory=FaultPolicy)
    tracking_base: str | None = None
    processing_delay: float = 0.0  # seconds a dossier request stays in flight (to observe 409s)
    agency_code: str = "G22.99"
    payee_name: str = "UBND PHUONG SAI GON"
    bank_bin: str = "970415"
    bank_account: str = "113000099999"
    max_upload_size: int = 20 * 1024 * 1024
    clock: Clock = system_clock
    catalog_provider: CatalogProvider = default_catalog_provider
    backoffice_tick: float = 1.0  # seconds between background clerk rounds; 0 turns them off
    # Agent sign-ins (password grant): failures allowed per username and per client address in the window.
    sign_in_attempts: int = 5
    sign_in_attempts_per_address: int = 20
    sign_in_window: float = 300.0
    # Bearer token the /_sandbox admin area asks for; None leaves it open (loopback only: see server.py).
    admin_token: str | None = None


class Sandbox:
    """Everything a request handler needs, reached through `request.app.state.sandbox`."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.store = SandboxStore(config.db_path or default_db_path())
        self.clock = SandboxClock(config.clock)
        self.faults = config.faults
        self._catalog: CatalogSnapshot | None = None
        self.sign_ins = SignInThrottle(
            config.sign_in_attempts, config.sign_in_attempts_per_address, config.sign_in_window
        )
        self.backoffice = BackOffice(
            self.store,
            self.catalog,
            OfficeRules(config.seed, config.office_speed, config.reject_rate, config.supplement_rate),
        )

    def catalog(self) -> CatalogSnapshot:
        if self._catalog is None:
            self._catalog = self.config.catalog_provider()
        return self._catalog

    def reload_catalog(self) -> CatalogSnapshot:
        self._catalog = None
        return self.catalog()

    def now(self) -> datetime:
        return self.clock()

    # --- accounts and tokens ------------------------------------------------------------------------
    def issue_token(self, account: str, agent_id: str | None) -> dict[str, Any]:
        token = secrets.token_urlsafe(32)
        self.store.add_token(token, account, agent_id, self.now().timestamp() + self.config.token_ttl)
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.config.token_ttl}

    def find_agent(self, username: str) -> Agent | None:
        return next((a for a in self.config.agents if a.username == username), None)

    def seen(self, request: Request) -> None:
        """Record who calls (X-Kiosk-Id, User-Agent): the contract asks clients to send both."""
        kiosk_id = request.headers.get("x-kiosk-id", "")
        user_agent = request.headers.get("user-agent", "")
        self.store.record_client(kiosk_id[:200], user_agent[:200], self.now().timestamp())

    def authenticate(self, request: Request) -> str | Response:
        """The account behind the bearer token, or the 401 problem to answer with."""
        self.seen(request)
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        account = None
        if scheme.lower() == "bearer" and token.strip():
            account = self.store.token_account(token.strip(), self.now().timestamp())
        if account is None:
            self.store.bump("unauthorized")
            return problem(
                401,
                "unauthorized",
                "Phiên làm việc của máy đã hết hạn hoặc không hợp lệ, vui lòng đăng nhập lại.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return account


def sandbox_of(request: Request) -> Sandbox:
    return cast(Sandbox, request.app.state.sandbox)
