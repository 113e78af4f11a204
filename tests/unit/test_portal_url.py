"""The portal's address: https://, or http:// only to this machine (the sandbox) unless --insecure-http."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.assets import samples_dir
from kiosk.config import INSECURE_HTTP_ENV, Config, check_portal_url, is_loopback_host
from kiosk.crypto import training_key
from kiosk.errors import KioskError
from sync.sandbox.server import RunningSandbox, start_in_thread
from ui.services import Services, training_services

ACCEPTED = [
    "https://dichvucong.example.gov.vn",
    "https://10.1.2.3:8443/api/v1",
    "http://127.0.0.1:8765",
    "http://127.5.6.7",
    "http://localhost:8765/",
    "http://LOCALHOST.",
    "http://[::1]:8765",
    "http://[::ffff:127.0.0.1]:8765",
]
PLAIN_HTTP_ELSEWHERE = [
    "http://192.168.1.20:8765",
    "http://dichvucong.example.gov.vn",
    "http://[fd00::2]:8765",
    "http://127.0.0.1.example.vn",
    "HTTP://10.0.0.1",
]
NOT_A_PORTAL = ["dichvucong.example.gov.vn", "localhost:8765", "ftp://10.0.0.1", "http://", "http://h:port"]


@pytest.fixture(autouse=True)
def no_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(INSECURE_HTTP_ENV, raising=False)


@pytest.mark.parametrize("url", ACCEPTED)
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    check_portal_url(url)


@pytest.mark.parametrize("url", PLAIN_HTTP_ELSEWHERE)
def test_plain_http_to_another_machine_is_refused_unless_allowed(url: str) -> None:
    with pytest.raises(KioskError) as raised:
        check_portal_url(url)
    assert raised.value.key == "config.portal_http"
    message = raised.value.message("vi")
    assert url in message and "https://" in message and "--insecure-http" in message
    check_portal_url(url, insecure_http=True)  # a test portal, said so


@pytest.mark.parametrize("url", NOT_A_PORTAL)
def test_an_address_that_is_no_web_address_is_refused(url: str) -> None:
    with pytest.raises(KioskError) as raised:
        check_portal_url(url, insecure_http=True)
    assert raised.value.key == "config.portal_url_bad"


def test_loopback_is_read_from_the_address_and_no_name_is_looked_up() -> None:
    assert is_loopback_host("127.0.0.1") and is_loopback_host("::1") and is_loopback_host("localhost")
    assert not is_loopback_host("ip6-localhost")  # ::1 in /etc/hosts, but only "localhost" is trusted
    assert not is_loopback_host("0.0.0.0")


def _services(url: str) -> Services:
    config = Config(portal_url=url, client_id="kiosk-demo", client_secret="demo-secret", mode="post_office")
    return Services(config=config, data_dir=Path("/nonexistent"), key=training_key())


def test_the_portal_client_is_not_built_for_plain_http_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KioskError) as raised:
        _services("http://192.168.1.20:8765").portal_client()
    assert raised.value.key == "config.portal_http"
    monkeypatch.setenv(INSECURE_HTTP_ENV, "1")
    _services("http://192.168.1.20:8765").portal_client().close()


def test_the_demo_on_the_built_in_sandbox_still_reaches_it() -> None:
    with start_in_thread() as sandbox, training_services(sandbox.url) as services:
        assert sandbox.url.startswith("http://127.0.0.1:")
        client = services.portal_client()
        try:
            assert client.health_info() is not None
        finally:
            client.close()


def _address_elsewhere() -> str | None:
    """This machine's address on its network (not loopback), or None when it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if is_loopback_host(address) else address


@pytest.fixture(scope="module")
def portal_elsewhere() -> Iterator[RunningSandbox]:
    address = _address_elsewhere()
    if address is None:
        pytest.skip("this machine has no address besides loopback")
    with start_in_thread(host=address, office_speed=600) as sandbox:
        yield sandbox


def kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_kiosk_sync_refuses_plain_http_elsewhere_and_sends_with_insecure_http(
    portal_elsewhere: RunningSandbox, tmp_path: Path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != INSECURE_HTTP_ENV},
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
        "KIOSK_PORTAL_URL": portal_elsewhere.url,
        "KIOSK_CLIENT_ID": "kiosk-demo",
        "KIOSK_CLIENT_SECRET": "demo-secret",
    }
    assert not portal_elsewhere.url.startswith("http://127.")
    assert kiosk("import", str(samples_dir() / "import-example.json"), env=env).returncode == 0

    refused = kiosk("sync", env=env)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"Địa chỉ cổng dịch vụ công {portal_elsewhere.url} dùng http:// không mã hoá" in refused.stderr
    assert "Đã gửi" not in refused.stdout

    sent = kiosk("--insecure-http", "sync", env=env)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "Đã gửi 5 hồ sơ." in sent.stdout
