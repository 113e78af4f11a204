"""Start the Qt application: fonts, theme, the home screen as the first frame, then everything else."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.config import SELF_SERVICE, Mode
from kiosk.errors import KioskError
from kiosk.i18n import Lang
from ui import theme
from ui.fonts import use_bundled_font
from ui.main_window import MainWindow
from ui.services import Services
from ui.widgets import after_first_paint

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.home_list import CardGroup
    from ui.backup_schedule import BackupSchedule
    from ui.context import AppContext
    from ui.lockdown import Lockdown
    from ui.qt_strings import QtStrings
    from ui.scan_input import ScanController
    from ui.session import SessionController
    from ui.sync_runner import SyncRunner

log = logging.getLogger("ui.app")
CATALOG_WAIT_S = 0.3  # longer than the bundled catalog takes to load; short enough to feel instant
RECHECK_MS = 3_000  # a paused kiosk looks again this often whether its problem was fixed (Paused.fixed)


@dataclass(frozen=True)
class Paused:
    """Why the kiosk cannot serve anyone (its data key missing, its database missing or damaged).

    `problem` says what happened and the operator's fix; `title_key` heads the screen ("Ki-ốt tạm
    ngừng: …"); `mode` is the terminal's (self-service adds the polite line for residents). With `fixed`
    and `exit_code`, the app checks `fixed()` every RECHECK_MS and ends with `exit_code` once it is true,
    so that the supervisor (or systemd) starts it again, this time whole.
    """

    problem: KioskError
    title_key: str
    mode: Mode | None
    fixed: Callable[[], bool] | None = None
    exit_code: int = 0


def show_paused(window: MainWindow, paused: Paused) -> None:
    """Cover the window with "Ki-ốt tạm ngừng: …", the problem and its fix for the operator (the one
    screen for every reason the kiosk stops serving); in self-service, residents read first that
    the kiosk is paused and that staff can help, with nothing on it they could act on."""
    log.error("the kiosk is paused: %s", paused.problem.key)
    window.status.hide()  # no connection, queue or sync to report while nothing can be read
    window.show_load_error(
        paused.problem, title_key=paused.title_key, self_service=paused.mode == SELF_SERVICE
    )


class CatalogLoader(QObject):
    """Runs a catalog loader on a worker thread; the result arrives on the UI thread as a signal."""

    catalog_did_load = Signal(object)  # Catalog
    catalog_did_fail = Signal(object)  # the exception

    def __init__(self, loader: Callable[[], Catalog], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._result: object = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="catalog")
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = _load(self._loader, self.catalog_did_load.emit, self.catalog_did_fail.emit)
        finally:
            self._done.set()

    def result_within(self, seconds: float) -> object | None:
        """The catalog (or the exception it failed with) if it is in within `seconds`, else None.

        The signal still follows; a receiver that used this result must ignore it.
        """
        if self._thread is None or not self._done.wait(seconds):
            return None
        return self._result

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()


def _load(
    loader: Callable[[], Catalog],
    done: Callable[[object], None],
    failed: Callable[[object], None],
) -> object:
    """Worker function: touches no widget; emitting from here queues the result to the UI thread."""
    try:
        catalog = loader()
    except Exception as exc:  # any failure must reach the screen, not vanish in a thread
        log.exception("catalog failed to load")
        failed(exc)
        return exc
    done(catalog)
    return catalog


def _application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (125 %, 150 % Windows displays) are used as they are, not rounded.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    # Fusion: the same look on every platform; the stylesheet does the rest. Given as an argument, not
    # by setStyle(), whose returned QStyle would make PySide build QStyle's enums before the first frame.
    app = QApplication([*argv, "-style", "fusion"])
    app.setApplicationName("DVC Kiosk")
    return app


def run_app(argv: Sequence[str], **options: Any) -> int:
    """Show the kiosk window and run until it closes; returns the exit code of the event loop.

    The options are start_app's; when the loop ends, what start_app built is shut down in order.
    """
    running = start_app(argv, **options)
    code = running.app.exec()
    running.shutdown()
    return code


def start_app(
    argv: Sequence[str],
    *,
    catalog_loader: Callable[[], Catalog],
    lang: Lang = "vi",
    text_scale: int = 100,
    high_contrast: bool = False,
    training: bool = False,
    on_ready: Callable[[MainWindow], None] | None = None,
    on_display_change: Callable[[Lang, int, bool], None] | None = None,
    services: Services | None = None,
    on_mode_change: Callable[[Mode], None] | None = None,
    kept_home: CardGroup | None = None,
    paused: Paused | None = None,
) -> RunningApp:
    """Build the app and show the kiosk window, without running the event loop (run_app runs it; the
    touch-only end-to-end test drives the window in its own process with pytest-qt instead).

    `catalog_loader` runs on a worker thread; when it is done within CATALOG_WAIT_S the first frame is
    the home screen, else "Đang tải…" until it is. With `kept_home` (the home screen's first category
    as the last start kept it, in `lang`) the first frame is that home screen and the catalog is only
    loaded after it. Agents, events, tracking, the session and sync are built just after the home
    screen's first paint. `on_ready` is called on the UI thread once all of that is in place (or the
    load error shows). `on_display_change` receives language, text scale and contrast whenever a
    person changes them. With `paused` (the app cannot open its data) the window shows only why and
    the fix (show_paused): no catalog, no services.
    """
    app = _application(argv)
    use_bundled_font(app, theme.point_size(100))
    window = MainWindow(
        None,
        lang=lang,
        text_scale=text_scale,
        high_contrast=high_contrast,
        training=training,
        features=False,  # installed once the home screen has painted
    )
    if on_display_change is not None:
        window.display_did_change.connect(on_display_change)
    context: AppContext | None = None
    if paused is not None:
        return _start_paused(app, window, paused, on_ready)

    def app_context() -> AppContext | None:
        """The store worker, the network pool and the app-level signals, made once: before the window
        shows when the first frame waits for the catalog, else just after the kept home's first frame
        (nothing can be filed before the catalog is in, and rest() runs as it arrives)."""
        nonlocal context
        if context is None and services is not None:
            from ui.context import AppContext

            context = window.context = AppContext.create(services)
        return context

    first_run = services is not None and services.config.mode is None
    parts = _Parts()
    from ui.lockdown import Lockdown  # full screen, only the operator PIN leaves, in self-service

    parts.lockdown = Lockdown(window, lambda: services.config.mode if services is not None else None)
    if first_run:  # the mode page comes first, so the session is needed before anything shows
        parts.add_session(window, app_context(), on_mode_change)

    delivered = False  # the catalog, or why it failed, reaches the window once
    kept = kept_home if not first_run else None  # the mode page comes first on a first run
    if kept is None:
        # The first frame waits for the catalog here, so the context costs it nothing; made now, no
        # filing or bundle opened from that home screen can find the window without it.
        app_context()

    def deliver(result: object) -> None:
        nonlocal delivered
        if delivered:
            return
        delivered = True
        from kiosk.catalog import Catalog  # loaded by now (the loader has returned)

        if not isinstance(result, Catalog):
            window.show_load_error(result if isinstance(result, BaseException) else RuntimeError(str(result)))
            if on_ready is not None:
                on_ready(window)
            return
        window.set_catalog(result, first_frame=not first_run and kept is None)
        if first_run or kept is not None:  # the mode page shows, or the home has painted: go on
            rest()
        else:
            assert window.home is not None
            after_first_paint(window.home.heading, rest)

    def rest() -> None:
        """Everything beyond the home screen, just after its first frame (fast start)."""
        from ui.qt_strings import install_qt_strings  # Qt's own dialogs (files, printing) in Vietnamese

        parts.qt_strings = install_qt_strings(app, lambda: window.lang)
        context = app_context()
        window.install_features()
        if parts.session is None:
            parts.add_session(window, context, on_mode_change)
        # CCCD cards on any screen (keyboard bursts, serial port); no card can be scanned before
        # there is a screen to fill.
        from ui.scan_input import ScanController

        parts.scanners.append(ScanController(window, context))
        # The 2025 provinces and wards, for the first address question (and the event form).
        from kiosk.rules.units import warm_up

        threading.Thread(target=warm_up, name="units-warm-up", daemon=True).start()
        if context is not None:
            watch_database(window, context)
            from ui.backup_schedule import BackupSchedule  # today's backup kept fresh while the app runs

            parts.backups = BackupSchedule(context, window)
        if parts.session is not None and parts.sync is not None:
            parts.session.start()
            parts.sync.start()  # the HTTP client loads only now, after the first frame
        # A kiosk's bare X session has no window manager to hand the keyboard over: ask for it, so
        # what a person types reaches the search box (with its focus ring) and Space no card.
        window.activateWindow()
        if on_ready is not None:
            on_ready(window)

    loader = CatalogLoader(catalog_loader, window)
    loader.catalog_did_load.connect(deliver)
    loader.catalog_did_fail.connect(deliver)
    if kept is not None:
        # The home screen as the last start left it is the first frame; the catalog (its import, its
        # files) loads just after, with the UI thread idle, and completes that home (MainWindow.set_catalog).
        window.show_kept_home(kept)
        assert window.home is not None
        after_first_paint(window.home.heading, loader.start)
    else:
        loader.start()
        # The UI thread waits a moment: a catalog that is in by then makes the home screen the very
        # first frame (the bundled one takes tens of ms); a slower one is announced by "Đang tải…".
        early = loader.result_within(CATALOG_WAIT_S)
        if early is not None:
            deliver(early)
        else:
            window.show_loading()
    parts.lockdown.show()  # maximized, or in self-service covering the screen with or without a WM
    return RunningApp(app, window, parts, loader, lambda: context)


def _start_paused(
    app: QApplication, window: MainWindow, paused: Paused, on_ready: Callable[[MainWindow], None] | None
) -> RunningApp:
    parts = _Parts()
    from ui.lockdown import Lockdown

    parts.lockdown = Lockdown(window, lambda: paused.mode)  # self-service: full screen, nothing to leave by
    show_paused(window, paused)
    fixed = paused.fixed
    if fixed is not None:

        def recheck() -> None:
            if fixed():
                log.info("the kiosk's problem is fixed (%s): the app ends to start again", paused.problem.key)
                app.exit(paused.exit_code)  # no close event: the self-service lockdown refuses those

        timer = QTimer(window)
        timer.setInterval(RECHECK_MS)
        timer.timeout.connect(recheck)
        timer.start()
    parts.lockdown.show()
    if on_ready is not None:
        on_ready(window)
    return RunningApp(app, window, parts, CatalogLoader(_no_catalog, window), lambda: None)


def _no_catalog() -> Catalog:
    raise RuntimeError("a paused kiosk loads no catalog")  # never started (_start_paused)


def watch_database(window: MainWindow, context: AppContext) -> None:
    """Open the store now on the store thread (PRAGMA quick_check, the marker's checks, the day's backup),
    and whenever a store task meets a missing, lost or damaged database, cover the window with what to do
    (kiosk.store.guard): no filing can go on, nothing is written."""
    path = context.services.data_dir / "kiosk.db"

    def failed(error: BaseException) -> None:
        from kiosk.store.guard import as_problem  # SQLAlchemy is loaded by then (the store thread)

        problem = as_problem(error, path)
        if problem is not None:
            show_paused(window, Paused(problem, "database.app_title", context.services.config.mode))

    context.tasks.on_store_error = failed
    context.tasks.run_store(lambda store: None, on_error=lambda error: None)


class RunningApp:
    """What start_app built and shows; shutdown() takes it down in order once the loop has ended."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        parts: _Parts,
        loader: CatalogLoader,
        context: Callable[[], AppContext | None],
    ) -> None:
        self.app = app
        self.window = window
        self.parts = parts
        self._loader = loader
        self._context = context

    @property
    def context(self) -> AppContext | None:
        """The store worker, network pool and app signals, once made (see start_app)."""
        return self._context()

    def shutdown(self) -> None:
        parts = self.parts
        if parts.lockdown is not None:
            parts.lockdown.remove()
        if parts.qt_strings is not None:
            self.app.removeTranslator(parts.qt_strings)
        for scanner in parts.scanners:
            scanner.remove()
        self._loader.wait()
        if parts.sync is not None:
            parts.sync.stop()
        if parts.session is not None:
            parts.session.shutdown()
        context = self._context()
        if context is not None:
            context.close()


class _Parts:
    """What run_app builds after the window: kept to be shut down in order when the loop ends."""

    def __init__(self) -> None:
        self.session: SessionController | None = None
        self.sync: SyncRunner | None = None
        self.scanners: list[ScanController] = []
        self.qt_strings: QtStrings | None = None
        self.lockdown: Lockdown | None = None
        self.backups: BackupSchedule | None = None

    def add_session(
        self, window: MainWindow, context: AppContext | None, on_mode_change: Callable[[Mode], None] | None
    ) -> None:
        """The session rules (modes, drafts, privacy) and background sync, when the app has services."""
        if context is None:
            return
        from ui.session import SessionController
        from ui.sync_runner import SyncRunner

        mode = context.services.config.mode
        self.session = SessionController(window, context, mode=mode, save_mode=on_mode_change)
        if self.lockdown is not None:  # self-service chosen or left: the window locks or unlocks
            self.session.mode_did_change.connect(self.lockdown.apply)
        self.sync = SyncRunner(window, context)


if __name__ == "__main__":  # a quick manual look: python -m ui.app
    from kiosk.catalog import bundled_catalog

    sys.exit(run_app(sys.argv, catalog_loader=bundled_catalog))
