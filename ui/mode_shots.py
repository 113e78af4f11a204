"""Screenshots of every terminal mode with the training banner, at 1366×768 and 1920×1080, 100 % and 200 %.

Each mode's real header (the session's buttons, a signed-in agent, a running volunteer event), the
training banner, and the screens a person goes through: home (and home with what folded behind "Thêm"
shown), the question with the longest options in the catalog, the check page and the confirmation.
`grab` (ui/shots.py) notes anything cut off, any sideways scrolling and a heading hidden under the
header and banner; `python3 run.py screenshots` fails on them. `SUBSET` is the part the test suite
renders (tests/ui/test_no_clipping.py runs `ui/screenshots.py --modes=subset`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.agents import AgentIdentity
from kiosk.catalog import Catalog, Question
from kiosk.config import MODES, SELF_SERVICE, Config, Mode
from kiosk.crypto import training_key
from kiosk.journey import CHECK
from ui.agent_shots import sample_event
from ui.context import AppContext
from ui.journey import shots as journey_shots
from ui.main_window import MainWindow
from ui.services import Services
from ui.session import SessionController
from ui.shots import grab

SIZES: tuple[tuple[int, int], ...] = ((1366, 768), (1920, 1080))
SCREENS = ("home", "question", "check", "confirmation")  # and "home-more" where actions folded
KHAI_SINH = "1.001193"  # the check page and confirmation, with the journey shots' answers
AGENTS: dict[Mode, AgentIdentity] = {
    "post_office": AgentIdentity("BD-0001", "Nguyễn Thị Lan", "Bưu điện Trung tâm Sài Gòn"),
    "community_team": AgentIdentity("TN-0001", "Lê Minh Anh", "Tổ công nghệ số cộng đồng"),
}
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Variant:
    """One window: a mode, a screen size, a text size, a contrast, with or without the banner."""

    mode: Mode
    size: tuple[int, int]
    scale: int
    high_contrast: bool
    training: bool = True

    def name(self, screen: str) -> str:
        width, height = self.size
        contrast = "high-contrast" if self.high_contrast else "normal"
        banner = "" if self.training else "-no-banner"
        return f"modes-{self.mode}-{width}x{height}-{screen}-{self.scale}-{contrast}{banner}.png"


def variants() -> list[Variant]:
    """The full matrix: every mode, both screen sizes, 100 % and 200 %, both contrasts, with the
    banner; and at 1366×768 and 200 % without it."""
    found = [
        Variant(mode, size, scale, high_contrast)
        for mode in MODES
        for size in SIZES
        for scale in (100, 200)
        for high_contrast in (False, True)
    ]
    found += [Variant(mode, SIZES[0], 200, False, training=False) for mode in MODES]
    return found


# What the test suite renders (tests/ui/test_no_clipping.py): every mode at 1366×768, 200 % with the
# banner (the tightest), and self-service at 100 %; the run renders all of `variants()`.
SUBSET = [Variant(mode, SIZES[0], 200, False) for mode in MODES] + [
    Variant(SELF_SERVICE, SIZES[0], 100, False)
]


def longest_options(catalog: Catalog) -> tuple[str, Question]:
    """The procedure code and question whose longest option (in Vietnamese) is the longest in the catalog."""
    found = [
        (max(len(option.label.vi) for option in question.options), code, question)
        for code, procedure in sorted(catalog.procedures.items())
        for question in procedure.questions()
        if question.options
    ]
    _length, code, question = max(found, key=lambda row: row[0])
    return code, question


def render(catalog: Catalog, outdir: Path, chosen: Iterable[Variant] | None = None) -> list[Path]:
    """Each screen of each variant (all of `variants()` by default) to `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    temp = Path(tempfile.mkdtemp(prefix="dvc-mode-shots-"))
    contexts: dict[Mode, AppContext] = {}
    written: list[Path] = []
    try:
        for variant in variants() if chosen is None else chosen:
            if variant.mode not in contexts:
                services = Services(
                    config=Config(mode=variant.mode),
                    data_dir=temp / variant.mode,
                    key=training_key(),
                    training=True,
                )
                contexts[variant.mode] = AppContext.create(services)
            written += _render(catalog, contexts[variant.mode], variant, outdir)
    finally:
        for context in contexts.values():
            context.close()
            context.services.close()
        shutil.rmtree(temp, ignore_errors=True)
    return written


def _render(catalog: Catalog, context: AppContext, variant: Variant, outdir: Path) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(
        catalog,
        text_scale=variant.scale,
        high_contrast=variant.high_contrast,
        training=variant.training,
        context=context,
    )
    window.resize(*variant.size)
    window.show()
    session = SessionController(window, context, mode=variant.mode)
    session.apply_mode(variant.mode)
    session.idle.stop()
    agent = AGENTS.get(variant.mode)
    if agent is not None:
        window.agents.desk.sign_in(agent, "canbo01", "token", NOW)
        window.agents.retranslate()
    if variant.mode == "community_team":
        _run_event(window, catalog)
    written: list[Path] = []

    def shot(screen: str) -> None:
        app.processEvents()
        written.append(grab(window, outdir / variant.name(screen)))

    window.show_home()
    shot("home")
    more = window.header_folding.more
    if more.isVisible():  # what folded behind "Thêm", shown
        more.click()
        shot("home-more")
        more.click()
    code, question = longest_options(catalog)
    window.start_journey(code)
    view = window.journey
    assert view is not None
    view.journey.goto(question.id)
    view.show_current()
    shot("question")
    window.start_journey(KHAI_SINH)
    view = window.journey
    assert view is not None
    journey_shots._fill(view)
    view.journey.goto(CHECK)
    view.show_current()
    shot("check")
    view.confirmation.show_dossier(view.procedure, journey_shots._dossier(view), window.lang)
    view.stack.setCurrentWidget(view.confirmation)
    view.confirmation.arrive()
    shot("confirmation")
    session.idle.stop()
    window.agents.idle.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    return written


def _run_event(window: MainWindow, catalog: Catalog) -> None:
    """A volunteer event under way, as at a ward's event: its strip shows under the header."""
    link = window.event_mode
    link._loaded = True  # a made-up event, not the store's
    link.page.catalog = catalog
    event = sample_event()
    link._show(event)
