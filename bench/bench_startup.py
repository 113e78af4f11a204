"""Process start → first painted home screen of `kiosk`, against a bare PySide6 window in the same run.

    .venv/bin/python bench/bench_startup.py [--runs 30]

Each run is a fresh process (offscreen). The parent notes time.monotonic() just before starting it; the
child prints time.monotonic() at the first paint event of the home screen (the real `kiosk` command on a
temporary data dir, key file and mode) or of a bare QApplication + QLabel. CLOCK_MONOTONIC is system-wide,
so the two readings compare across processes. The child also says whether the HTTP client (httpx), the
database layer (SQLAlchemy) and the catalog were loaded at that moment: the first frame must not wait for
them (the catalog loads just after it, the warm-up run having kept the home screen's first category);
and when the home screen was complete, the catalog in (reported, no goal).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("httpx", "sqlalchemy", "kiosk.catalog")


def _report(painted: float, loaded: dict[str, bool] | None = None, complete: float | None = None) -> None:
    if loaded is None:
        loaded = {name: name in sys.modules for name in HEAVY}
    print(json.dumps({"painted": painted, "loaded": loaded, "complete": complete}), flush=True)


def child_bare() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    window = QLabel("Ông/Bà cần làm thủ tục gì?")

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                _report(time.monotonic())
                watched.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    watch = Watch()
    window.installEventFilter(watch)
    window.resize(1366, 768)
    window.show()
    return app.exec()


def child_app() -> int:
    """The real `kiosk` command; the watcher goes on the first home screen's heading only.

    No application-wide Python event filter (every event of every widget would pass through Python,
    slowing the very start being measured) and no module imported out of `kiosk`'s own order: the
    watcher is put in place when `kiosk` turns to Qt (`ui.cli._run_app`), after what it does before.
    """
    sys.path.insert(0, str(ROOT))
    import ui.cli

    run_app = ui.cli._run_app

    def watched_run_app(argv: list[str], **options: Any) -> int:
        from PySide6.QtCore import QEvent, QObject, QTimer

        from ui.main_window import MainWindow

        # The first paint, what was loaded then, and when the home screen was complete (the catalog in:
        # at once without a kept home, just after the first frame with one); the window closes after both.
        seen: dict[str, Any] = {}

        def finish(window: MainWindow) -> None:
            if "painted" in seen and "complete" in seen:
                _report(seen["painted"], seen["loaded"], max(seen["painted"], seen["complete"]))
                QTimer.singleShot(0, window.close)

        class Watch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                window = self.window
                if event.type() == QEvent.Type.Paint and window.stack.currentWidget() is window.home:
                    seen["painted"] = time.monotonic()
                    seen["loaded"] = {name: name in sys.modules for name in HEAVY}
                    watched.removeEventFilter(self)
                    finish(window)
                return False

            def __init__(self, window: MainWindow) -> None:
                super().__init__(window)
                self.window = window

        set_catalog = MainWindow.set_catalog

        def set_catalog_watched(window: MainWindow, catalog: Any, **options: Any) -> None:
            set_catalog(window, catalog, **options)
            seen["complete"] = time.monotonic()
            finish(window)

        MainWindow.set_catalog = set_catalog_watched  # type: ignore[method-assign]

        show_home = MainWindow.show_home
        watched: set[int] = set()

        def show_home_watched(window: MainWindow) -> None:
            show_home(window)  # the first home: from the kept first category, or once the catalog is in
            if window.home is not None and id(window) not in watched:
                watched.add(id(window))
                window.home.heading.installEventFilter(Watch(window))

        MainWindow.show_home = show_home_watched  # type: ignore[method-assign]
        return run_app(argv, **options)

    ui.cli._run_app = watched_run_app
    return ui.cli.main([])


def _environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # A terminal runs with its bytecode cached (pip compiles on install; Python writes the rest on the
    # first start, here the warm-up run). Some shells set this to keep checkouts clean; it would make
    # every run recompile ~90 modules from source, which no kiosk does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_DATA_DIR=str(data_dir),
        KIOSK_KEY_FILE=str(data_dir / "data.key"),
        KIOSK_PORTAL_URL="",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare_data_dir(data_dir: Path) -> None:
    """A terminal already set up (mode chosen), so `kiosk` opens straight on the home screen."""
    sys.path.insert(0, str(ROOT))
    from kiosk.config import Config, save_config

    save_config(Config(mode="post_office"), data_dir)


def run_child(kind: str, data_dir: Path) -> tuple[float, dict[str, bool], float | None]:
    """Seconds from process start to the first painted frame, which heavy modules were loaded then, and
    (kiosk only) seconds to a complete home screen, the catalog in."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind],
        env=_environment(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            report = json.loads(line)
            complete = None if report["complete"] is None else report["complete"] - started
            return report["painted"] - started, report["loaded"], complete
    raise RuntimeError(f"{kind} run printed no paint time (exit {done.returncode}): {done.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)  # 10 pairs: medians moved by ~3 % between runs
    parser.add_argument("--child", choices=["app", "bare"])
    args = parser.parse_args()
    if args.child == "bare":
        return child_bare()
    if args.child == "app":
        return child_app()
    times: dict[str, list[float]] = {"bare": [], "app": [], "complete": []}
    heavy_at_paint: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp)
        prepare_data_dir(data_dir)
        run_child("app", data_dir)  # warm-up: the key file, the database, the OS file cache
        for _ in range(args.runs):
            for kind in ("bare", "app"):  # interleaved, so a slow moment hits both
                seconds, loaded, complete = run_child(kind, data_dir)
                times[kind].append(seconds)
                if kind == "app":
                    heavy_at_paint |= {name for name, was in loaded.items() if was}
                    assert complete is not None
                    times["complete"].append(complete)
    bare, app = statistics.median(times["bare"]), statistics.median(times["app"])
    print(f"runs: {args.runs} each, offscreen, Python {sys.version.split()[0]}")
    print(f"bare PySide6 window, first paint: median {bare * 1000:.0f} ms")
    print(f"kiosk home screen, first paint:   median {app * 1000:.0f} ms")
    ratio = app / bare
    print(f"ratio: {ratio:.3f}x (goal <= 1.5x: {'met' if ratio <= 1.5 else 'not met'})")
    heavy = ", ".join(sorted(heavy_at_paint)) or "none of " + ", ".join(HEAVY)
    print(f"loaded before the first home paint: {heavy}")
    complete = statistics.median(times["complete"])
    print(f"kiosk home screen complete (catalog in): median {complete * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
