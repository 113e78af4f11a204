"""The real kiosk in a real X window, driven by a finger, checked through AT-SPI: fixtures for touch tests.

A test that asks for `self_service` (or `real_window`) runs in a FRESH Python process of its own
(tests/e2e/conftest.py re-runs its node id there): the app's QApplication must be made on the xcb
platform of a private Xvfb screen, with a private session bus and accessibility bus, while the rest of
the suite shares one offscreen QApplication that can neither be replaced nor switched. The process that
pytest started keeps the screen and the buses (so they go away even if the fresh process dies) and
reports the fresh process's result as the test's own (its output and failure shots under tmp_path/run).

    def test_x(self_service: SelfServiceKiosk) -> None:
        kiosk = self_service
        kiosk.tap_named("Đăng ký thường trú", within=kiosk.window.home, kind=Card)  # scrolls to it
        kiosk.wait_until(lambda: kiosk.page() is kiosk.window.prepare)
        kiosk.check_accessibility("prepare")  # AT-SPI: names, 44×44 targets, no sideways scrolling
        kiosk.shot("prepare")  # <shots_dir>/self-service-prepare.png
        kiosk.portal.down(); kiosk.sync_now(); kiosk.wait_until(lambda: kiosk.online is False)
        kiosk.portal.up()  # the same port and database
        assert kiosk.keys.seen == [], kiosk.keys.report()
        print(kiosk.finger.taps, kiosk.finger.drags, kiosk.elapsed)  # the README's touches and time

Screenshots go to tmp_path/screenshots, or to $SELF_SERVICE_SHOTS (e.g. docs/screenshots) when set;
each AT-SPI tree read is kept as tmp_path/atspi/<step>.json; on a failure, tmp_path/failure.png.

`self_service` is the app as `kiosk` builds it (ui.cli's composition root: services, catalog, session,
sync), started in this process on a data dir in self-service mode at 200 % text and high contrast
(`@pytest.mark.parametrize("kiosk_config", [{...}], indirect=True)` changes it), with the sandbox portal
on loopback. Ask only for `self_service` (it carries `qtbot`): a fixture that made a QApplication
before it would give the app one without the kiosk's style.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.accessibility import QT_NOISE, AccessibilityBus, Tree, check, missing_tools, read_tree
from tests.e2e.keyboard_driver import Screen
from tests.e2e.keyboard_driver import missing_binaries as missing_screen_binaries

FRESH = "KIOSK_E2E_FRESH_PROCESS"  # set in the fresh process that runs one real-window test
SHOTS_ENV = "SELF_SERVICE_SHOTS"  # a directory: screenshots go there (e.g. docs/screenshots) instead of tmp
FRESH_TIMEOUT_S = 480  # the headline run takes ~3 min on a quiet 2-core machine; CI may be busier
DEFAULT_CONFIG: dict[str, Any] = {
    "mode": "self_service",
    "lang": "vi",
    "text_scale": 200,
    "high_contrast": True,
}


def in_fresh_process() -> bool:
    return os.environ.get(FRESH) == "1"


# ------------------------------------------------------------- the process pytest started


def run_in_fresh_process(item: pytest.Function) -> None:
    """Run `item` again in a new Python process on its own Xvfb screen and buses; fail as it failed."""
    missing = missing_screen_binaries() + missing_tools()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (python3 run.py installs them)")
    base = Path(str(item.funcargs["tmp_path"])) if "tmp_path" in item.funcargs else None
    if base is None:
        base = item.config._tmp_path_factory.mktemp("fresh")  # type: ignore[attr-defined]
    screen = Screen()
    bus: AccessibilityBus | None = None
    try:
        bus = AccessibilityBus(screen.display)
        env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
        env.update(bus.env)
        env.update({"DISPLAY": screen.display, "QT_QPA_PLATFORM": "xcb", FRESH: "1"})
        command = [
            sys.executable, "-m", "pytest", item.nodeid,
            "-p", "no:cacheprovider", "-q", "-rs", f"--basetemp={base / 'run'}",
            f"--timeout={FRESH_TIMEOUT_S}",
        ]  # fmt: skip
        shown = item.config.getoption("capture") == "no"  # `pytest -s`: the test's prints, as they come
        if shown:
            command.append("-s")
        done = subprocess.run(
            command,
            cwd=item.config.rootpath,
            env=env,
            capture_output=True,
            text=True,
            timeout=FRESH_TIMEOUT_S + 30,
            check=False,
        )
    finally:
        if bus is not None:
            bus.close()
        screen.close()
    output = done.stdout + done.stderr
    (base / "fresh-process.log").write_text(output, encoding="utf-8")
    if shown:
        print(output)
    if done.returncode == 0 and " passed" in done.stdout:
        return
    if done.returncode == 0 and " skipped" in done.stdout:
        reason = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
        pytest.skip(reason[0] if reason else "skipped in the fresh process")
    pytest.fail(
        f"in its own process ({base / 'fresh-process.log'}):\n" + "\n".join(output.splitlines()[-120:]),
        pytrace=False,
    )


# ------------------------------------------------------------- the fresh process


@pytest.fixture
def real_window() -> Iterator[None]:
    """Marks a test that needs a real X window and AT-SPI; in the fresh process, checks it got them."""
    if in_fresh_process():
        from PySide6.QtWidgets import QApplication

        existing = QApplication.instance()
        assert existing is None or QApplication.platformName() == "xcb", "made on another platform"
        assert os.environ.get("QT_QPA_PLATFORM") == "xcb" and os.environ.get("AT_SPI_BUS_ADDRESS")
    yield  # in the process pytest started, the test is run elsewhere (conftest's pytest_pyfunc_call)


class Portal:
    """The sandbox portal on one loopback port, which can go down and come back up on that same port."""

    def __init__(self, directory: Path) -> None:
        self.db_path = directory / "portal.sqlite3"
        self.port = 0
        self._running: Any = None
        self.up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_up(self) -> bool:
        return self._running is not None

    def up(self) -> None:
        from sync.sandbox.server import start_in_thread

        if self._running is None:
            # office_speed: the back office works fast, so a code comes back on the first answer.
            self._running = start_in_thread(port=self.port, db_path=self.db_path, office_speed=600)
            self.port = int(self._running.url.rsplit(":", 1)[1])

    def down(self) -> None:
        """Stop answering: the next request is refused (connection refused), as with a portal outage."""
        if self._running is not None:
            self._running.stop()
            self._running = None

    def dossiers(self) -> list[tuple[str, str, str]]:
        """(code, client_ref, procedure_code) of every dossier the portal holds, from its own records."""
        with sqlite3.connect(self.db_path) as db:
            rows = db.execute("SELECT code, client_ref, procedure_code FROM dossiers").fetchall()
        return [(str(a), str(b), str(c)) for a, b, c in rows]


class SelfServiceKiosk:
    """The running app and what a test does with it: a finger, a key-event guard, the portal, shots."""

    def __init__(self, qtbot: Any, running: Any, services: Any, portal: Portal, tmp: Path) -> None:
        from tests.e2e.touch import Finger, KeyEventGuard

        self.qtbot = qtbot
        self.running = running  # ui.app.RunningApp: .window, .parts.session, .parts.sync, .context
        self.services = services
        self.portal = portal
        self.data_dir: Path = services.data_dir
        self.finger = Finger()
        self.keys: KeyEventGuard = running.key_guard
        self.tmp = tmp
        shots = os.environ.get(SHOTS_ENV)
        self.shots_dir = Path(shots) if shots else tmp / "screenshots"
        self.shots_dir.mkdir(parents=True, exist_ok=True)
        self.shots: list[Path] = []
        self.trees: dict[str, Tree] = {}
        self.started = time.monotonic()

    @property
    def window(self) -> Any:
        return self.running.window

    def page(self) -> Any:
        """What the window shows now (its stack's current widget)."""
        return self.window.stack.currentWidget()

    def wait_until(self, condition: Callable[[], object], timeout: float = 10.0) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=int(timeout * 1000))

    def named(self, name: str, within: Any = None, kind: Any = None) -> Any:
        """The one shown widget whose accessible name is `name` (what a screen reader says), in the
        window or `within` a part of it, of class `kind` if given (the home screen has a card and a
        bundle's link both named "Đăng ký thường trú"); the on-screen keyboard's keys alike."""
        from PySide6.QtWidgets import QWidget

        root = within if within is not None else self.window
        found = [
            w for w in root.findChildren(kind or QWidget) if w.isVisible() and w.accessibleName() == name
        ]
        assert len(found) == 1, f"{len(found)} shown widgets named {name!r}: {found}"
        return found[0]

    def tap_named(self, name: str, within: Any = None, kind: Any = None) -> None:
        """Scroll to the control a screen reader calls `name` and tap it, as a person finds a button."""
        widget = self.named(name, within, kind)
        self.finger.bring_into_view(widget)
        self.finger.tap(widget)

    @property
    def online(self) -> bool | None:
        """What the app last found of the portal (None before its first sync cycle)."""
        sync = self.running.parts.sync
        return None if sync is None else sync.online

    def sync_now(self) -> None:
        """A sync cycle now rather than at the next 30 s tick (what the app's timer does, sooner)."""
        sync = self.running.parts.sync
        assert sync is not None, "the app has no sync runner (no portal configured?)"
        sync.kick(force=True)

    def settle(self, ms: int = 150) -> None:
        self.qtbot.wait(ms)

    @property
    def elapsed(self) -> float:
        """Seconds since the window was ready (the README's "time")."""
        return time.monotonic() - self.started

    def shot(self, name: str) -> Path:
        """What the screen shows now (dialogs included), as <shots_dir>/self-service-<name>.png."""
        from PySide6.QtGui import QGuiApplication

        self.qtbot.wait(50)  # the last repaint
        path = self.shots_dir / f"self-service-{name}.png"
        screen = QGuiApplication.primaryScreen()
        assert screen.grabWindow(0).save(str(path)), path
        self.shots.append(path)
        return path

    def accessibility(self, step: str) -> list[str]:
        """The AT-SPI tree of the app now (kept in tmp/atspi/<step>.json) and its problems, if any."""
        self.qtbot.wait(50)  # the page's layout done before it is read
        tree = read_tree(os.getpid())
        self.trees[step] = tree
        folder = self.tmp / "atspi"
        folder.mkdir(exist_ok=True)
        (folder / f"{step}.json").write_text(
            json.dumps([o.__dict__ | {"states": sorted(o.states)} for o in tree.objects], ensure_ascii=False),
            encoding="utf-8",
        )
        return check(tree)

    def check_accessibility(self, step: str) -> Tree:
        problems = self.accessibility(step)
        assert not problems, f"{step}: accessibility problems through AT-SPI:\n" + "\n".join(problems)
        return self.trees[step]


def write_config(directory: Path, settings: dict[str, Any]) -> None:
    import tomli_w

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")


@pytest.fixture
def kiosk_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The terminal's config.toml (self-service, 200 %, high contrast); indirect parametrize changes it."""
    return {**DEFAULT_CONFIG, **getattr(request, "param", {})}


@pytest.fixture
def self_service(
    real_window: None,
    kiosk_config: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[SelfServiceKiosk | None]:
    if not in_fresh_process():
        yield None  # conftest's pytest_pyfunc_call runs the test in a fresh process instead
        return
    portal = Portal(tmp_path)
    data = tmp_path / "data"
    write_config(data, kiosk_config)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.setenv("KIOSK_KEY_FILE", str(tmp_path / "kiosk.key"))
    monkeypatch.setenv("KIOSK_PORTAL_URL", portal.url)
    monkeypatch.setenv("KIOSK_CLIENT_ID", "kiosk-demo")
    monkeypatch.setenv("KIOSK_CLIENT_SECRET", "demo-secret")
    qtlog = request.getfixturevalue("qtlog")  # Qt's messages during the test (checked at the end)
    started: list[Any] = []
    try:
        running, services = _start_app(monkeypatch, started)
        qtbot = request.getfixturevalue("qtbot")  # after the app's QApplication: pytest-qt reuses it
        qtbot.waitUntil(lambda: running.ready, timeout=30000)
        yield SelfServiceKiosk(qtbot, running, services, portal, tmp_path)
    except BaseException:
        _save_failure(tmp_path)
        raise
    finally:
        failed = getattr(request.node, "report_call", None)
        if failed is not None and failed.failed:
            _save_failure(tmp_path)  # what the screen showed when the test failed
        for running in started:
            running.key_guard.remove()
            # Hidden, not closed: a locked-down self-service window refuses to close without the PIN.
            running.window.hide()
            running.shutdown()
            running.window.deleteLater()
            running.services.close()
        portal.down()
    _fail_on_qt_warnings(qtlog)


def _start_app(monkeypatch: pytest.MonkeyPatch, started: list[Any]) -> tuple[Any, Any]:
    """`kiosk` as ui.cli opens it (_open_window: config, kept home, callbacks), with start_app in place of
    run_app: the window shows and the event loop is left to the test (pytest-qt's waits)."""
    import ui.app
    import ui.cli
    from tests.e2e.touch import KeyEventGuard
    from ui.services import open_services

    app = ui.app._application(["kiosk"])  # the app's own (style, name); start_app reuses it
    guard = KeyEventGuard(app)  # before the window exists: no key event can slip past it
    services = open_services()

    def start(argv: list[str], **options: Any) -> int:
        ready = options.pop("on_ready", None)

        def on_ready(window: Any) -> None:
            if ready is not None:
                ready(window)
            running.ready = True

        running = ui.app.start_app(argv, on_ready=on_ready, **options)
        running.ready = False
        running.key_guard = guard
        running.services = services
        started.append(running)
        return 0

    monkeypatch.setattr(ui.cli, "_run_app", start)
    ui.cli._open_window(services)
    return started[0], services


def _save_failure(tmp_path: Path) -> None:
    print(f"the screen at the failure: {tmp_path / 'failure.png'}", file=sys.stderr)
    try:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            screen.grabWindow(0).save(str(tmp_path / "failure.png"))
    except Exception as exc:  # the failure itself matters more than its picture
        print(f"no failure screenshot: {exc}", file=sys.stderr)


def _fail_on_qt_warnings(qtlog: Any) -> None:
    from PySide6.QtCore import QtMsgType

    bad = [
        record.message
        for record in qtlog.records
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(noise in record.message for noise in QT_NOISE)
    ]
    if bad:
        pytest.fail("Qt warnings:\n" + "\n".join(bad))
