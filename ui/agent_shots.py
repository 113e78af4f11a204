"""Screenshots of the agent screens (sign-in, PIN, header, lock, consent, events) for ui/screenshots.py."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from kiosk.agents import AgentIdentity
from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from kiosk.events_tally import CommunityEvent
from kiosk.i18n import t
from kiosk.journey import CHECK
from kiosk.session import Attempts
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import Services
from ui.shots import grab

SIZE = (1366, 768)
TRICH_LUC = "2.000635"
LAN = AgentIdentity("BD-0001", "Nguyễn Thị Lan", "Bưu điện Trung tâm Sài Gòn")
ANH = AgentIdentity("TN-0001", "Lê Minh Anh", "Tổ công nghệ số cộng đồng")
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def sample_event() -> CommunityEvent:
    """A ward's volunteer event under way: nine dossiers started, six of them filed, four already sent."""
    refs = {f"ref-{i}": code for i, code in enumerate(["1.001193"] * 5 + ["2.000635"] * 3 + ["1.004222"])}
    return CommunityEvent(
        "e1",
        "Ngày hội dịch vụ công phường Hoàn Kiếm",
        "01",
        "00070",
        date(2026, 11, 22),
        NOW,
        refs,
        frozenset(list(refs)[:6]),
        sent=frozenset(list(refs)[:4]),
    )


def _signature() -> list[list[QPointF]]:
    """A made-up scribble (no one's signature) in the pad's 0…1 coordinates."""
    first = [QPointF(0.08 + 0.03 * i, 0.55 + (0.12 if i % 2 else -0.12)) for i in range(9)]
    second = [QPointF(0.40 + 0.025 * i, 0.60 - 0.02 * i * (1 if i < 5 else -1)) for i in range(10)]
    return [first, second]


def _window(catalog: Catalog, context: AppContext, scale: int, high_contrast: bool) -> MainWindow:
    window = MainWindow(catalog, text_scale=scale, high_contrast=high_contrast, context=context)
    window.resize(*SIZE)
    window.show()
    return window


def render(catalog: Catalog, outdir: Path) -> list[Path]:
    """Each agent screen in Vietnamese at 100 % and 200 %, normal and high contrast."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    written: list[Path] = []
    temp = Path(tempfile.mkdtemp(prefix="dvc-agent-shots-"))
    contexts: dict[Mode, AppContext] = {}
    for mode in ("post_office", "community_team"):
        services = Services(config=Config(mode=mode), data_dir=temp / mode, key=training_key(), training=True)
        contexts[mode] = AppContext.create(services)
    try:
        for scale in (100, 200):
            for high_contrast in (False, True):
                suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
                written += _post_office(
                    catalog, contexts["post_office"], scale, high_contrast, outdir, suffix
                )
                written += _community(
                    catalog, contexts["community_team"], scale, high_contrast, outdir, suffix
                )
    finally:
        for context in contexts.values():
            context.close()
            context.services.close()
        shutil.rmtree(temp, ignore_errors=True)
    return written


def _post_office(
    catalog: Catalog, context: AppContext, scale: int, high_contrast: bool, outdir: Path, suffix: str
) -> list[Path]:
    written: list[Path] = []
    window = _window(catalog, context, scale, high_contrast)
    agents = window.agents
    agents.open_sign_in()
    agents.page.username.setText("buudien01")
    written.append(grab(window, outdir / f"agents-sign-in-{suffix}.png"))
    agents.page.show_form(offline=True, username="buudien01")
    agents.page.say(t("agents.pin_wrong", "vi", tries=2))
    written.append(grab(window, outdir / f"agents-sign-in-offline-{suffix}.png"))
    window.stack.setCurrentWidget(agents.pin_page)
    agents.pin_page.arrive()
    written.append(grab(window, outdir / f"agents-pin-{suffix}.png"))
    agents.desk.sign_in(LAN, "buudien01", "token", NOW)
    agents.retranslate()
    window.show_home()
    written.append(grab(window, outdir / f"agents-header-{suffix}.png"))
    # Check answers with the consent pad, a scribble drawn.
    window.start_journey(TRICH_LUC)
    journey = window.journey
    assert journey is not None
    journey.journey.goto(CHECK)
    journey.show_current()
    panel = journey.check.consent_panel
    panel.pad.strokes = _signature()
    panel.pad.update()
    journey.check.ensureWidgetVisible(panel.pad)
    written.append(grab(window, outdir / f"agents-consent-{suffix}.png", heading=False))
    # The lock screen over the journey.
    agents.desk.session.locked = False  # type: ignore[union-attr]
    agents.lock_screen.show_for(LAN.name, window.lang, Attempts())
    agents.lock_screen.show_problem(t("agents.pin_wrong", "vi", tries=2))
    written.append(grab(window, outdir / f"agents-lock-{suffix}.png", heading=False))
    agents.lock_screen.close_lock()
    agents.idle.stop()
    window.close()
    window.deleteLater()
    return written


def _community(
    catalog: Catalog, context: AppContext, scale: int, high_contrast: bool, outdir: Path, suffix: str
) -> list[Path]:
    written: list[Path] = []
    window = _window(catalog, context, scale, high_contrast)
    link = window.event_mode
    link._loaded = True  # the screenshots show made-up events, not the store's
    link.page.catalog = catalog
    window.stack.setCurrentWidget(link.page)
    link.page.show_event(None)
    link.page.arrive()
    written.append(grab(window, outdir / f"agents-event-form-{suffix}.png"))
    event = sample_event()
    window.agents.desk.sign_in(ANH, "tinhnguyen01", None, NOW)
    window.agents.retranslate()
    link._show(event)
    link.page.arrive()
    written.append(grab(window, outdir / f"agents-event-running-{suffix}.png"))
    window.show_home()
    written.append(grab(window, outdir / f"agents-event-home-{suffix}.png"))
    window.agents.idle.stop()
    window.close()
    window.deleteLater()
    return written
