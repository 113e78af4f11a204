"""The app's sync round on a terminal with a portal address and no terminal account yet: nothing can be
sent, but the clock is still measured against the portal's /health (no token needed), so retention can
trust it (kiosk/store/clock.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.crypto import training_key
from sync.clock import system_clock
from sync.sandbox.server import RunningSandbox, start_in_thread
from ui.services import Services
from ui.sync_runner import SyncEngine


@pytest.fixture(scope="module")
def portal() -> Iterator[RunningSandbox]:
    with start_in_thread() as sandbox:
        yield sandbox


def test_without_an_account_the_app_still_checks_its_clock(portal: RunningSandbox, tmp_path: Path) -> None:
    config = Config(mode="post_office", portal_url=portal.url)  # no client id, no secret
    services = Services(config=config, data_dir=tmp_path / "kiosk", key=training_key())
    engine = SyncEngine(services)
    try:
        result = engine.cycle(force=True)
        assert result.online is False  # nothing is sent without the account
        check = services.store.last_clock_check()
        assert check is not None, "the clock was not measured"
        assert check.fresh(system_clock()) and check.agrees()  # the sandbox runs on this machine's clock
    finally:
        engine.close()
        services.close()


def test_an_http_address_to_another_machine_is_not_asked_even_for_the_clock(tmp_path: Path) -> None:
    config = Config(mode="post_office", portal_url="http://192.0.2.1:8765")
    services = Services(config=config, data_dir=tmp_path / "kiosk", key=training_key())
    engine = SyncEngine(services)
    try:
        engine.cycle(force=True)
        assert services.store.last_clock_check() is None
        assert engine._health is None  # no client was made for it
    finally:
        engine.close()
        services.close()


def test_the_health_only_client_asks_no_token(portal: RunningSandbox) -> None:
    from kiosk.errors import KioskError
    from sync.client import health_only_client

    with health_only_client(portal.url, "KIOSK-TEST", clock=system_clock) as client:
        assert client.health_info() is not None
        with pytest.raises(KioskError) as refused:
            client.procedures(since=None)  # needs a token: refused before any request
    assert refused.value.key == "sync.no_client_id"


def test_a_missing_account_is_logged_once_not_with_a_traceback_every_round(
    portal: RunningSandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = Config(mode="post_office", portal_url=portal.url)  # no client id, no secret
    services = Services(config=config, data_dir=tmp_path / "kiosk", key=training_key())
    engine = SyncEngine(services)
    try:
        with caplog.at_level("INFO", logger="ui.sync_runner"):
            for _ in range(3):
                engine.cycle(force=True)
        said = [r for r in caplog.records if r.name == "ui.sync_runner" and "portal client" in r.getMessage()]
        assert len(said) == 1 and said[0].levelname == "WARNING" and said[0].exc_info is None
    finally:
        engine.close()
        services.close()
