"""The accessibility-tree check a screen-reader user relies on, read through AT-SPI from a real window.

What works here (Debian 12, as root, no desktop session), found by trying:
- Qt's AT-SPI bridge (built into libQt6Gui of the PySide6 wheels) needs the xcb platform
  (QT_QPA_PLATFORM=xcb on an Xvfb screen); the offscreen platform has no accessibility bridge.
- A private session bus: `dbus-daemon --session --nofork --print-address=FD` (package dbus-daemon,
  pulled in by `dbus`); `dbus-run-session -- CMD` would do too, but would have to wrap the test process.
- The accessibility bus: asking the session bus for it (`dbus-send … org.a11y.Bus.GetAddress`,
  package dbus-bin) activates /usr/libexec/at-spi-bus-launcher (at-spi2-core), which starts its own
  dbus-daemon and, on first use, at-spi2-registryd. Qt does NOT activate it: it only watches for
  org.a11y.Bus to appear, then also asks org.a11y.Status whether a screen reader is on. So the bus is
  activated first and its address handed over in AT_SPI_BUS_ADDRESS, which both Qt (it then connects
  at once, no status check) and libatspi honour; QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 as well, for the
  case the variable is dropped. Everything ends when the session bus is stopped.
- XDG_RUNTIME_DIR is a private 0700 directory: the launcher puts its socket there ("at-spi/bus_N" for
  DISPLAY :N). Without it the socket is ~/.cache/at-spi/bus for every test on the machine at once.
- The reader is tests/e2e/atspi_tree.py run by the SYSTEM Python with python3-gi and gir1.2-atspi-2.0
  (PyGObject does not build in the venv without a compiler and GLib headers). It runs as a separate
  process also because the app answers AT-SPI on its own UI thread: an in-process reader would wait for
  answers the blocked loop cannot give. read_tree() therefore runs it with QProcess inside a QEventLoop
  when the app is in this process, so the loop keeps answering.
- Qt prints one warning when libatspi asks the app for a private bus ("AtSpiAdaptor::applicationInterface
  does not implement GetApplicationBusAddress"): that is the reader's probe, not the app (QT_NOISE).

check() turns the tree into problems a person would meet: a control with no name (a screen reader says
only "button"), a target under 44×44 px (WCAG 2.5.8 asks 24; the house rule for elderly users is 44),
a horizontal scroll bar showing, or content wider than the scroll area showing it (the page slides
sideways and its left edge is cut, even with the scroll bar switched off).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
READER = Path(__file__).with_name("atspi_tree.py")
MIN_TARGET = 44
# Roles a person acts on (AT-SPI role names as libatspi prints them). "text" counts only when it can
# take focus: a read-only paragraph exposed as text is not a control.
INTERACTIVE = frozenset(
    {
        "push button",
        "toggle button",
        "check box",
        "radio button",
        "combo box",
        "entry",
        "password text",
        "spin button",
        "slider",
        "link",
        "list item",
        "tree item",
        "page tab",
        "menu item",
        "check menu item",
        "radio menu item",
    }
)
QT_NOISE = ('does not implement "GetApplicationBusAddress"',)


def missing_tools() -> list[str]:
    """What this machine lacks to read an accessibility tree (run.py's APT_PACKAGES installs it all)."""
    missing = [name for name in ("dbus-daemon", "dbus-send") if shutil.which(name) is None]
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        missing.append("at-spi2-core")
    code = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    probe = [SYSTEM_PYTHON, "-c", code]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(probe, capture_output=True, check=False).returncode:
        missing.append("python3-gi + gir1.2-atspi-2.0")
    return missing


class AccessibilityBus:
    """A private session bus with the accessibility bus started on it; `env` is what the app and the
    reader need (add it to their environment before the QApplication is made)."""

    def __init__(self, display: str | None) -> None:
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="kiosk-a11y-"))  # mkdtemp makes it 0700
        read, write = os.pipe()
        base = {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_dir)}
        if display:
            base["DISPLAY"] = display
        self.daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", f"--print-address={write}"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # "Failed to set fd limit" as root in a container: harmless
            env=base,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            address = pipe.readline().strip()
        if not address:
            self.close()
            raise RuntimeError("dbus-daemon --session did not start")
        base["DBUS_SESSION_BUS_ADDRESS"] = address
        asked = subprocess.run(
            ["dbus-send", "--session", "--print-reply=literal", "--dest=org.a11y.Bus", "/org/a11y/bus",
             "org.a11y.Bus.GetAddress"],
            env=base, capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        a11y = asked.stdout.strip()
        if asked.returncode != 0 or not a11y.startswith("unix:"):
            self.close()
            raise RuntimeError(f"the accessibility bus did not start: {asked.stderr.strip() or a11y!r}")
        self.env = {
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "DBUS_SESSION_BUS_ADDRESS": address,
            "AT_SPI_BUS_ADDRESS": a11y,
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        }

    def close(self) -> None:
        """Stops the session bus; the accessibility bus launcher and the registry end with it."""
        self.daemon.terminate()
        try:
            self.daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.daemon.kill()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


# ------------------------------------------------------------------------------------ the tree


@dataclass(frozen=True)
class Accessible:
    """One showing object as AT-SPI reports it; `extents` are screen pixels (x, y, width, height)."""

    index: int
    parent: int
    depth: int
    role: str
    name: str
    description: str
    states: frozenset[str]
    extents: tuple[int, int, int, int]
    id: str = ""  # Qt's accessible id: the objectName (or class) path, e.g. "…QWidget.procedure-1.004222"

    @property
    def width(self) -> int:
        return self.extents[2]

    @property
    def height(self) -> int:
        return self.extents[3]

    @property
    def interactive(self) -> bool:
        if self.role in INTERACTIVE:
            return True
        return self.role == "text" and ("editable" in self.states or "focusable" in self.states)

    def describe(self) -> str:
        """ "push button 'Tiếp tục' 40×38 px at (12, 600)"."""
        what = f"'{self.name}'" if self.name else "with no name"
        x, y, w, h = self.extents
        tail = self.id.rsplit(".", 2)[-2:] if self.id else []
        where = f" [{'.'.join(tail)}]" if tail else ""
        return f"{self.role} {what} {w}×{h} px at ({x}, {y}){where}"


@dataclass
class Tree:
    """An app's showing objects, parents before children."""

    app_name: str
    objects: list[Accessible] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # objects that went away while being read

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> Tree:
        tree = cls(str(document.get("app", {}).get("name", "")))
        for raw in document["objects"]:
            if "error" in raw:
                tree.errors.append(str(raw["error"]))
                continue
            x, y, w, h = (int(v) for v in raw["extents"])
            tree.objects.append(
                Accessible(
                    index=int(raw["index"]),
                    parent=int(raw["parent"]),
                    depth=int(raw["depth"]),
                    role=str(raw["role"]),
                    name=str(raw["name"]),
                    description=str(raw["description"]),
                    states=frozenset(raw["states"]),
                    extents=(x, y, w, h),
                    id=str(raw.get("id", "")),
                )
            )
        return tree

    def by_index(self, index: int) -> Accessible | None:
        for obj in self.objects:
            if obj.index == index:
                return obj
        return None

    def find(self, role: str | None = None, name: str | None = None) -> list[Accessible]:
        return [
            o for o in self.objects if (role is None or o.role == role) and (name is None or o.name == name)
        ]

    def ancestors(self, obj: Accessible) -> Iterable[Accessible]:
        parent = self.by_index(obj.parent)
        while parent is not None:
            yield parent
            parent = self.by_index(parent.parent)

    def context(self, obj: Accessible) -> str:
        """The nearest named ancestor, to tell where an unnamed control is."""
        for ancestor in self.ancestors(obj):
            if ancestor.name and ancestor.role != "application":
                return f" in {ancestor.role} '{ancestor.name}'"
        return ""


def check(tree: Tree, *, min_target: int = MIN_TARGET) -> list[str]:
    """Readable problems, one a line: unnamed controls, small targets, sideways scrolling."""
    problems: list[str] = []
    for obj in tree.objects:
        if obj.interactive:
            if not obj.name.strip():
                problems.append(f"no name: {obj.describe()}{tree.context(obj)}")
            if obj.width < min_target or obj.height < min_target:
                problems.append(f"under {min_target}×{min_target} px: {obj.describe()}")
        if obj.role == "scroll bar" and _horizontal(obj):
            problems.append(f"horizontal scroll bar showing: {obj.describe()}{tree.context(obj)}")
    problems.extend(_wider_than_viewport(tree))
    return problems


def _horizontal(obj: Accessible) -> bool:
    if "horizontal" in obj.states or "vertical" in obj.states:
        return "horizontal" in obj.states
    return obj.width > obj.height


def _wider_than_viewport(tree: Tree) -> list[str]:
    """A scroll area's content that is wider than the area (or starts left of it) is cut at one side."""
    found: list[str] = []
    for area in tree.find("scroll pane"):
        ax, _ay, aw, _ah = area.extents
        for child in tree.objects:
            if child.parent != area.index or child.role == "scroll bar":
                continue
            x, _y, w, _h = child.extents
            if x < ax - 1 or x + w > ax + aw + 1:
                found.append(f"wider than its scroll area ({aw} px wide at x={ax}): {child.describe()}")
    return found


# ------------------------------------------------------------------------------------ reading it


def read_tree(pid: int, *, timeout: float = 30.0, env: dict[str, str] | None = None) -> Tree:
    """The app's tree, read by atspi_tree.py. When a Qt application runs in this process the reader
    runs under a QEventLoop (the app answers AT-SPI on this thread); otherwise it is simply waited for."""
    command = [SYSTEM_PYTHON, str(READER), "--pid", str(pid), "--timeout", str(max(1.0, timeout - 5))]
    environment = {**os.environ, **(env or {})}
    # The venv's variables must not reach the system Python.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        environment.pop(name, None)
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        code, out, err = _run_with_qt_loop(command, environment, timeout)
    else:
        done = subprocess.run(
            command, env=environment, capture_output=True, text=True, timeout=timeout, check=False
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    if code != 0:
        raise RuntimeError(f"the AT-SPI reader failed ({code}): {err.strip()[-2000:]}")
    return Tree.from_json(json.loads(out))


def _run_with_qt_loop(command: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    from PySide6.QtCore import QEventLoop, QProcess, QProcessEnvironment, QTimer

    process = QProcess()
    environment = QProcessEnvironment()
    for key, value in env.items():
        environment.insert(key, value)
    process.setProcessEnvironment(environment)
    process.setProgram(command[0])
    process.setArguments(list(command[1:]))
    loop = QEventLoop()
    process.finished.connect(loop.quit)
    process.errorOccurred.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout * 1000))
    process.start()
    # A real event loop (not qWait's polling): each of the reader's hundreds of D-Bus questions is
    # answered as soon as it arrives.
    loop.exec()
    timer.stop()
    if process.state() != QProcess.ProcessState.NotRunning:
        process.kill()
        process.waitForFinished(5000)
        return -1, "", f"no answer within {timeout:.0f} s"
    out = bytes(process.readAllStandardOutput().data()).decode("utf-8")
    err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
    if process.exitStatus() != QProcess.ExitStatus.NormalExit:
        return -1, out, err or process.errorString()
    return process.exitCode(), out, err
