"""Terminal configuration: a TOML file in the data dir, overridden by KIOSK_* environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

import platformdirs

from kiosk.atomic import write_atomic
from kiosk.errors import KioskError

APP_NAME = "dvc-kiosk"
CONFIG_FILE = "config.toml"
CATALOG_DIR = "catalog"  # in the data dir: the portal's catalog, the kept bundled one, the kept first screen
Mode = Literal["post_office", "community_team", "self_service"]
SELF_SERVICE: Mode = "self_service"  # citizens alone at the terminal
ASSISTED_MODES: tuple[Mode, ...] = ("post_office", "community_team")  # an agent or volunteer files
MODES: tuple[Mode, ...] = ("post_office", "community_team", "self_service")
ONSCREEN_KEYBOARD = ("auto", "on", "off")
# Plain http:// to a portal that is not on this machine, for a test portal only: `kiosk --insecure-http`
# sets it for one command (and what it starts); a task or unit may set it for the app. Deliberately not
# a config.toml setting, which a test would leave behind on a terminal.
INSECURE_HTTP_ENV = "KIOSK_INSECURE_HTTP"


def data_dir() -> Path:
    """The data dir: `KIOSK_DATA_DIR` when set, else the platform's per-user data dir."""
    override = os.environ.get("KIOSK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _new_kiosk_id() -> str:
    import uuid  # with `platform` behind it: only a terminal's first start makes an id

    return str(uuid.uuid4())


@dataclass(frozen=True)
class Config:
    """What an operator sets once per terminal. Secrets never live here (they go to the keyring)."""

    kiosk_id: str = field(default_factory=_new_kiosk_id)
    mode: Mode | None = None
    lang: Literal["vi", "en"] = "vi"
    portal_url: str = ""
    client_id: str = ""
    key_file: str = ""
    text_scale: int = 100
    high_contrast: bool = False
    retention_days: int = 30
    agent_lock_minutes: int = 5  # a signed-in agent's screen locks after this long without input
    status_poll_minutes: int = 15
    scanner_port: str = ""
    scanner_folder: str = ""  # where a document scanner saves its files; empty: "Từ máy quét" is off
    # The on-screen keyboard outside self-service (where it always shows): "auto" when no hardware
    # keyboard is seen (kiosk.input_devices), "on", "off".
    onscreen_keyboard: Literal["auto", "on", "off"] = "auto"
    # Not stored: filled from the environment only.
    client_secret: str = field(default="", repr=False, compare=False)

    @property
    def key_path(self) -> Path | None:
        return Path(self.key_file) if self.key_file else None


_STORED = tuple(name for name in Config.__dataclass_fields__ if name != "client_secret")


def load_config(directory: Path | None = None) -> Config:
    """Read the config file (creating defaults in memory when absent) and apply environment overrides."""
    directory = directory or data_dir()
    path = directory / CONFIG_FILE
    values: dict[str, object] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise KioskError("config.unreadable", path=str(path), reason=type(exc).__name__) from exc
        unknown = sorted(set(raw) - set(_STORED))
        if unknown:
            raise KioskError("config.unknown_keys", path=str(path), keys=", ".join(unknown))
        values.update(raw)
    if values.get("mode") not in (None, *MODES):
        raise KioskError("config.bad_mode", path=str(path), value=str(values.get("mode")))
    if values.get("onscreen_keyboard", "auto") not in ONSCREEN_KEYBOARD:
        raise KioskError("keyboard.bad_setting", path=str(path), value=str(values.get("onscreen_keyboard")))
    config = Config(**values)  # type: ignore[arg-type]
    env = os.environ
    return replace(
        config,
        portal_url=env.get("KIOSK_PORTAL_URL", config.portal_url),
        client_id=env.get("KIOSK_CLIENT_ID", config.client_id),
        client_secret=env.get("KIOSK_CLIENT_SECRET", ""),
        key_file=env.get("KIOSK_KEY_FILE", config.key_file),
    )


def save_config(config: Config, directory: Path | None = None) -> Path:
    """Write the stored fields atomically; environment-only values and secrets are never written."""
    directory = directory or data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stored = {key: value for key, value in asdict(config).items() if key in _STORED and value is not None}
    path = directory / CONFIG_FILE
    import tomli_w  # writing is rare (first run, a setting changed): not on the start's path

    from kiosk.diskspace import disk_full_as_error  # logging and shutil: not on the start's path either

    # Atomic and durable: a power cut mid-write must not leave a terminal that cannot read its config.
    with disk_full_as_error(directory):
        write_atomic(directory, CONFIG_FILE, tomli_w.dumps(stored).encode("utf-8"))
    return path


def insecure_http_allowed() -> bool:
    """Whether `--insecure-http` (or KIOSK_INSECURE_HTTP=1) allows http:// to a portal elsewhere."""
    return os.environ.get(INSECURE_HTTP_ENV, "").strip().lower() in ("1", "true", "yes")


def is_loopback_host(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (also written as an IPv4-mapped address); no name is looked up."""
    import ipaddress  # only when a portal client is built: not on the first frame's path

    host = host.rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def check_portal_url(url: str, *, insecure_http: bool = False) -> None:
    """KioskError unless `url` is https://, or http:// to this machine (the sandbox), or http:// to
    another host with `insecure_http` (a test portal): personal data never crosses a network in clear."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        scheme, host = parts.scheme.lower(), parts.hostname
        _ = parts.port  # a port that is not a number raises ValueError
    except ValueError:
        scheme, host = "", None
    if scheme not in ("https", "http") or not host:
        raise KioskError("config.portal_url_bad", url=url)
    if scheme == "http" and not insecure_http and not is_loopback_host(host):
        raise KioskError("config.portal_http", url=url, host=host)
