"""The real app in a real X window (Xvfb), a dossier filed with the keyboard alone, delivered to a portal.

No mouse and no Qt internals: xdotool presses keys, the screen is read back only to wait for it (and
saved on failure), and the outcome is read where a person or an operator would: `kiosk status --json`
in the same data dir and the portal's own records.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.sandbox.server import RunningSandbox, start_in_thread
from tests.e2e.keyboard_driver import Screen, missing_binaries, wait_for

PROCEDURE = "2.000635"  # Cấp bản sao trích lục hộ tịch
CHECK_ROWS = 14  # one "Sửa" per answer on "Kiểm tra lại thông tin" (the progress says "Bước n/14")
FOCUSED_TEXT_BOX = (0xFF, 0xF7, 0xBF)  # ui/theme.py: a focused text box's fill (normal contrast)
FOCUSED_BUTTON = (0xFF, 0xDD, 0x00)  # ui/theme.py: a focused button's fill

pytestmark = pytest.mark.skipif(
    bool(missing_binaries()), reason=f"needs {', '.join(missing_binaries())} (python3 run.py installs them)"
)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[RunningSandbox]:
    # office_speed: the clerk works fast, but the code comes back on the first answer anyway.
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", office_speed=600) as sandbox:
        yield sandbox


@pytest.fixture
def screen() -> Iterator[Screen]:
    display = Screen()
    yield display
    display.close()


@pytest.fixture
def env(tmp_path: Path, portal: RunningSandbox, screen: Screen) -> dict[str, str]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text('mode = "post_office"\n', encoding="utf-8")  # no first-run page
    return {
        **os.environ,
        "DISPLAY": screen.display,
        "QT_QPA_PLATFORM": "xcb",
        "KIOSK_DATA_DIR": str(data),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
        "KIOSK_PORTAL_URL": portal.url,
        "KIOSK_CLIENT_ID": "kiosk-demo",
        "KIOSK_CLIENT_SECRET": "demo-secret",
    }


def status(env: dict[str, str]) -> dict[str, Any]:
    """`kiosk status --json`, as an operator runs it beside the open window."""
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "status", "--json"],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def dossiers_in(env: dict[str, str], state: str) -> list[dict[str, Any]] | None:
    found = [d for d in status(env)["dossiers"] if d["state"] == state]
    return found or None


def file_by_keyboard(screen: Screen, env: dict[str, str]) -> None:
    """The whole visit, key by key; each step waits for what a person would wait for."""
    # The home screen: the search box has the keyboard (its focused fill shows) without anyone
    # clicking or a window manager handing focus over.
    wait_for(lambda: screen.window("DVC Kiosk"), 60, "the kiosk window")
    wait_for(lambda: screen.shows(FOCUSED_TEXT_BOX), 60, "the search box to have keyboard focus")
    screen.type("trich luc")
    screen.settle()
    screen.key("Tab", "Return")  # the first result: "Cấp bản sao trích lục hộ tịch" → "Chuẩn bị"
    screen.settle()
    screen.key("Tab", "Return")  # "Quay lại" has focus; Tab → "Bắt đầu"
    drafts = wait_for(lambda: dossiers_in(env, "draft"), 60, "the draft to be created")
    assert [d["procedure_code"] for d in drafts] == [PROCEDURE]

    def answer(text: str | None = None, *keys: str) -> None:
        if text:
            screen.type(text)
        screen.key(*keys, "Return")  # Enter continues from anywhere on a question page
        screen.settle(quiet=0.15)

    answer("Nguyễn Văn An")  # full name
    answer("001090012345")  # CCCD
    answer("05/09/1990")  # date of birth
    answer(None, "space")  # gender: "Nam" has focus, Space chooses it
    answer("0912345678")  # phone
    answer()  # email (optional): left empty
    # Address: Enter takes the one matching province and moves on to the ward, then to the street.
    screen.type("ha noi")
    screen.key("Return")
    screen.type("ba dinh")
    screen.key("Return")
    answer("Số 1 phố Đội Cấn")
    answer(None, "space")  # which record: "Khai sinh"
    answer("Nguyễn Văn Bình")  # the person on the record
    answer("02/03/1950")  # their date of birth
    answer("UBND xã Hòa Bình")  # where it was registered
    answer("1950")  # year registered
    answer("2")  # copies (the e-mail for the electronic copy is the applicant's, asked once above)
    answer(None, "space")  # delivery: pick up at the office

    # "Kiểm tra lại thông tin": focus on "Quay lại", then every "Sửa", then the declaration,
    # the consent and "Nộp hồ sơ", in the order they are shown.
    screen.key(*["Tab"] * (CHECK_ROWS + 1), "space")  # the declaration
    screen.key("Tab", "space")  # the consent
    screen.key("Tab")  # "Nộp hồ sơ": scrolled into view, in its focus colour
    wait_for(lambda: screen.shows(FOCUSED_BUTTON, 800), 10, "the focused submit button to be in view")
    screen.key("Return")
    queued_or_sent = wait_for(
        lambda: dossiers_in(env, "queued") or dossiers_in(env, "submitted"), 60, "the dossier to be queued"
    )
    assert len(queued_or_sent) == 1 and queued_or_sent[0]["local_ref"]
    screen.settle()


def test_a_dossier_is_filed_by_keyboard_alone_and_reaches_the_portal(
    tmp_path: Path, portal: RunningSandbox, screen: Screen, env: dict[str, str]
) -> None:
    log = (tmp_path / "kiosk.log").open("wb")
    app = subprocess.Popen([sys.executable, "-m", "ui.cli"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        file_by_keyboard(screen, env)
        # The app's background sync delivers it; the portal's code replaces the local reference.
        sent = wait_for(lambda: dossiers_in(env, "submitted"), 60, "the dossier to reach the portal")
        screen.settle()
        screen.save(tmp_path / "confirmation.png")  # to look at: the code replaced the local reference
    except BaseException:
        screen.save(tmp_path / "failure.png")  # what the person saw when it went wrong
        raise
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
        log.close()
    assert len(sent) == 1 and sent[0]["procedure_code"] == PROCEDURE
    assert sent[0]["dossier_code"], sent
    with sqlite3.connect(tmp_path / "portal.sqlite3") as db:
        rows = db.execute("SELECT code, client_ref, procedure_code FROM dossiers").fetchall()
    assert rows == [(sent[0]["dossier_code"], sent[0]["client_ref"], PROCEDURE)]
