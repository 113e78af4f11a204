"""A CCCD card from a scanner in serial mode, through a real pseudo-terminal pair (no mock)."""

from __future__ import annotations

import os
import tty
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.journey import APPLICANT
from kiosk.rules.cccd import CccdCard, build_cccd_qr
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.scan_input import ScanController
from ui.scan_serial import SerialScanner
from ui.services import Services

TODAY = date(2026, 11, 22)
CARD = CccdCard(
    id_number="079195000321",
    old_id_number=None,
    full_name="Phạm Thị Hồng Nhung",
    date_of_birth=date(1995, 3, 8),
    gender="female",
    address="Số 12, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
    issued_on=date(2022, 7, 1),
)


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """(master fd the "scanner" writes to, slave path the kiosk opens as its serial port)."""
    master, slave = os.openpty()
    tty.setraw(master)
    try:
        yield master, os.ttyname(slave)
    finally:
        os.close(slave)
        os.close(master)


def test_lines_arrive_as_utf8_text_with_every_vietnamese_letter(
    pty_pair: tuple[int, str], qtbot: Any
) -> None:
    master, path = pty_pair
    scanner = SerialScanner(path)
    assert scanner.start()
    got: list[str] = []
    scanner.payload_did_arrive.connect(got.append)
    payload = build_cccd_qr(CARD)
    data = payload.encode("utf-8")
    os.write(master, data[:40])  # a scanner's bytes may arrive in pieces, even mid-letter
    os.write(master, data[40:] + b"\r\n")
    os.write(master, b"\n\r\n")  # empty lines are nothing
    qtbot.waitUntil(lambda: len(got) >= 1)
    qtbot.wait(50)
    assert got == [payload]
    scanner.stop()


def test_bytes_that_are_not_utf8_are_refused_not_mangled(pty_pair: tuple[int, str], qtbot: Any) -> None:
    master, path = pty_pair
    scanner = SerialScanner(path)
    assert scanner.start()
    got: list[str] = []
    failed: list[bool] = []
    scanner.payload_did_arrive.connect(got.append)
    scanner.text_did_fail.connect(lambda: failed.append(True))
    os.write(master, build_cccd_qr(CARD).encode("cp1258", errors="replace") + b"\r")
    qtbot.waitUntil(lambda: bool(failed))
    assert got == []
    scanner.stop()


def test_a_port_that_does_not_exist_is_reported_not_fatal(tmp_path: Path) -> None:
    scanner = SerialScanner(str(tmp_path / "no-such-tty"))
    assert not scanner.start()


def test_a_serial_scan_fills_the_open_journey_with_accents_intact(
    pty_pair: tuple[int, str], make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    master, path = pty_pair
    config = Config(mode="post_office", scanner_port=path)
    services = Services(config=config, data_dir=tmp_path / "kiosk", key=training_key())
    context = AppContext.create(services)
    window = make_window(context=context)
    controller = ScanController(window, context, today=lambda: TODAY)
    try:
        window.show_prepare("2.000635")
        assert window.prepare is not None
        window.prepare.start.click()
        assert window.journey is not None
        journey = window.journey
        os.write(master, build_cccd_qr(CARD).encode("utf-8") + b"\r\n")
        qtbot.waitUntil(lambda: journey.journey.value(APPLICANT + "full_name") is not None)
        assert journey.journey.applicant()["full_name"] == "Phạm Thị Hồng Nhung"
        assert journey.journey.applicant()["address"] == {
            "province_code": "79",
            "ward_code": "26740",  # Phường Sài Gòn
            "street": "Số 12",
        }
        # Bad data from the port changes nothing and says so.
        os.write(master, b"079195000321|x|y\r\n")
        qtbot.waitUntil(journey.notice.isVisible)
        assert "Không đọc được thẻ căn cước" in journey.notice.text()
        assert journey.journey.applicant()["full_name"] == "Phạm Thị Hồng Nhung"
    finally:
        controller.remove()
        context.close()
        services.close()
