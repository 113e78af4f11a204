"""Screenshots of the session screens (mode, PIN, operator, drafts, dialogs) for ui/screenshots.py."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.i18n import t
from ui.context import AppContext
from ui.drafts import CodeDialog, DraftRow, ReopenDialog
from ui.main_window import MainWindow
from ui.modes import PinDialog
from ui.privacy import ConfirmDialog, Dialog, IdleWarning
from ui.services import Services
from ui.session import SessionController
from ui.shots import grab

SIZE = (1366, 768)
NOW = datetime(2026, 11, 22, 3, 15, tzinfo=UTC)
ROWS = [
    DraftRow("3f2b6c1e-8a41-4f0e-9a57-0c1d2e3f4a5b", "1.001193", "7KQ2-M9XD", NOW, "Nguyễn Thị Bích Ngọc"),
    DraftRow("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "1.004222", "H3TW-0PZA", NOW - timedelta(hours=3), ""),
]


def _dialog(dialog: Dialog, path: Path) -> Path:
    dialog.open()
    written = grab(dialog, path)
    dialog.reject()
    dialog.deleteLater()
    return written


def render(catalog: Catalog, outdir: Path) -> list[Path]:
    """Each session screen in Vietnamese at 100 % and 200 %, normal and high contrast."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    written: list[Path] = []
    temp = Path(tempfile.mkdtemp(prefix="dvc-session-shots-"))
    services = Services(config=Config(mode=None), data_dir=temp, key=training_key(), training=True)
    context = AppContext.create(services)  # the screens below never reach the store
    try:
        for scale in (100, 200):
            for high_contrast in (False, True):
                suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
                window = MainWindow(catalog, text_scale=scale, high_contrast=high_contrast, context=context)
                window.resize(*SIZE)
                session = SessionController(window, context, mode=None)
                window.show()
                session._show(session.mode_page)
                written.append(grab(window, outdir / f"session-mode-{suffix}.png"))
                session._show(session.pin_page)
                written.append(grab(window, outdir / f"session-pin-{suffix}.png"))
                session.mode = "post_office"
                session.apply_mode("post_office")
                session.drafts_page.show_rows(ROWS, crashed=True)
                session._show(session.drafts_page)
                written.append(grab(window, outdir / f"session-drafts-{suffix}.png"))
                session.operator_page.show_mode("self_service")
                session._show(session.operator_page)
                written.append(grab(window, outdir / f"session-operator-{suffix}.png"))
                session.idle.stop()
                session.mode = "self_service"
                session._update_bar()
                window.show_home()
                written.append(grab(window, outdir / f"session-self-service-home-{suffix}.png"))
                lang = window.lang
                dialogs: list[tuple[str, Dialog]] = [
                    ("idle", IdleWarning(window, lang, 27)),
                    ("pin-exit", PinDialog(window, lang, session.pin_attempts)),
                    ("code", CodeDialog(window, lang, "7KQ2-M9XD")),
                    ("reopen", ReopenDialog(window, lang, session.reopen_attempts)),
                    (
                        "discard",
                        ConfirmDialog(
                            window,
                            t("session.discard.title", lang),
                            t("session.discard.text", lang),
                            t("session.discard.yes", lang),
                            t("session.discard.no", lang),
                        ),
                    ),
                ]
                for name, dialog in dialogs:
                    written.append(_dialog(dialog, outdir / f"session-dialog-{name}-{suffix}.png"))
                session.idle.stop()
                window.close()
                window.deleteLater()
                app.processEvents()
    finally:
        context.close()
        shutil.rmtree(temp, ignore_errors=True)
    return written
