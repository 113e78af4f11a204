"""Start the Qt application: fonts, theme, first frame at once, then the catalog off the UI thread."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.config import Mode
from kiosk.i18n import Lang
from ui import theme
from ui.context import AppContext
from ui.fonts import use_bundled_font
from ui.main_window import MainWindow
from ui.services import Services

if TYPE_CHECKING:
    from ui.scan_input import ScanController
    from ui.session import SessionController
    from ui.sync_runner import SyncRunner

log = logging.getLogger("ui.app")


class CatalogLoader(QObject):
    """Runs a catalog loader on a worker thread; the result arrives on the UI thread as a signal."""

    catalog_did_load = Signal(object)  # Catalog
    catalog_did_fail = Signal(object)  # the exception

    def __init__(self, loader: Callable[[], Catalog], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="catalog")

    def start(self) -> None:
        self._pool.submit(_load, self._loader, self.catalog_did_load.emit, self.catalog_did_fail.emit)
        # No more work for this pool; the thread ends once the catalog is in.
        self._pool.shutdown(wait=False)

    def wait(self) -> None:
        self._pool.shutdown(wait=True)


def _load(
    loader: Callable[[], Catalog],
    done: Callable[[object], None],
    failed: Callable[[object], None],
) -> None:
    """Worker function: touches no widget; emitting from here queues the result to the UI thread."""
    try:
        catalog = loader()
    except Exception as exc:  # any failure must reach the screen, not vanish in a thread
        log.exception("catalog failed to load")
        failed(exc)
    else:
        done(catalog)


def _application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (125 %, 150 % Windows displays) are used as they are, not rounded.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv))
    app.setApplicationName("DVC Kiosk")
    app.setStyle("Fusion")  # the same look on every platform; the stylesheet does the rest
    return app


def run_app(
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
) -> int:
    """Show the kiosk window and run until it closes; returns the exit code of the event loop.

    The window paints "Đang tải…" first; `catalog_loader` runs on a worker thread after the first
    frame. `on_ready` is called on the UI thread once the home screen (or the load error) shows.
    `on_display_change` receives language, text scale and contrast whenever a person changes them.
    """
    app = _application(argv)
    use_bundled_font(app, theme.point_size(100))
    context = AppContext.create(services) if services is not None else None
    window = MainWindow(
        None,
        lang=lang,
        text_scale=text_scale,
        high_contrast=high_contrast,
        training=training,
        context=context,
    )
    if on_display_change is not None:
        window.display_did_change.connect(on_display_change)
    loader = CatalogLoader(catalog_loader, window)
    session, sync = _session_and_sync(window, context, on_mode_change)
    scanners: list[ScanController] = []

    def loaded(catalog: object) -> None:
        assert isinstance(catalog, Catalog)
        window.set_catalog(catalog)
        # CCCD cards on any screen (keyboard bursts, serial port); its journey model loads after the first
        # frame, and no card can be scanned before there is a screen to fill.
        from ui.scan_input import ScanController

        scanners.append(ScanController(window, context))
        if session is not None:
            session.start()
        # A kiosk's bare X session has no window manager to hand the keyboard over: ask for it, so
        # what a person types reaches the search box (with its focus ring) and Space no card.
        window.activateWindow()
        if on_ready is not None:
            on_ready(window)

    def failed(error: object) -> None:
        window.show_load_error(error if isinstance(error, BaseException) else RuntimeError(str(error)))
        if on_ready is not None:
            on_ready(window)

    loader.catalog_did_load.connect(loaded)
    loader.catalog_did_fail.connect(failed)
    window.resize(1366, 768)
    window.showMaximized()
    # Queued behind the first paint: the person sees the window before anything heavy starts.
    QTimer.singleShot(0, loader.start)
    code = app.exec()
    for scanner in scanners:
        scanner.remove()
    loader.wait()
    if sync is not None:
        sync.stop()
    if session is not None:
        session.shutdown()
    if context is not None:
        context.close()
    return code


def _session_and_sync(
    window: MainWindow, context: AppContext | None, on_mode_change: Callable[[Mode], None] | None
) -> tuple[SessionController | None, SyncRunner | None]:
    """The session rules (modes, drafts, privacy) and background sync, when the app has services."""
    if context is None:
        return None, None
    from ui.session import SessionController
    from ui.sync_runner import SyncRunner

    session = SessionController(window, context, mode=context.services.config.mode, save_mode=on_mode_change)
    sync = SyncRunner(window, context)
    session.first_paint_did_pass.connect(sync.start)  # the HTTP client loads after the first frame
    return session, sync


if __name__ == "__main__":  # a quick manual look: python -m ui.app
    from kiosk.catalog import bundled_catalog

    sys.exit(run_app(sys.argv, catalog_loader=bundled_catalog))
