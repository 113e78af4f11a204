"""Five faces after submission: one tap queues a rating (offline too); a second tap replaces an unsent one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store import OutboxKind, OutboxState, Store
from tests.ui.test_find_dossier import file_dossier
from ui.context import AppContext
from ui.journey.confirmation import ConfirmationPage
from ui.rating import RatingPanel
from ui.services import Services


@pytest.fixture
def context(request: pytest.FixtureRequest, tmp_path: Path) -> AppContext:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "data", key=training_key())
    made = AppContext.create(services)
    request.addfinalizer(services.close)
    request.addfinalizer(made.close)
    return made


class Host(QMainWindow):
    """Stands for the journey view: it holds the context, the confirmation page does not."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.page = ConfirmationPage()
        self.setCentralWidget(self.page)
        self.setMinimumSize(1024, 640)  # as the kiosk window: size hints never change once shown


def ratings(store: Store, ref: str) -> list[tuple[OutboxState, int]]:
    return [
        (i.state, int((i.body or {})["score"]))
        for i in store.outbox_items(ref)
        if i.kind == OutboxKind.RATING
    ]


def test_one_tap_queues_a_rating_offline_and_the_last_tap_wins(qtbot: QtBot, context: AppContext) -> None:
    ref = context.tasks.run_store(lambda store: file_dossier(store, None)).result(30)  # not sent yet
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result(30)
    host = Host(context)
    qtbot.addWidget(host)
    host.resize(1366, 768)
    host.show()
    panel = host.page.rating
    panel.show_for(ref, "vi")
    assert [panel.faces[s].accessibleName() for s in (1, 5)] == ["Rất không hài lòng", "Rất hài lòng"]
    assert all(f.height() >= 44 and f.width() >= 44 for f in panel.faces.values())
    del dossier

    qtbot.mouseClick(panel.faces[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.score == 2, timeout=5000)
    assert "Không hài lòng" in panel.status.text() and panel.faces[2].title.text().startswith("✓")
    panel.faces[4].setFocus()
    qtbot.keyClick(panel.faces[4], Qt.Key.Key_Return)  # by keyboard too
    qtbot.waitUntil(lambda: panel.score == 4, timeout=5000)
    found = context.tasks.run_store(lambda store: ratings(store, ref)).result(30)
    assert found == [(OutboxState.SUPERSEDED, 2), (OutboxState.PENDING, 4)]

    panel.retranslate("en")
    assert panel.faces[5].accessibleName() == "Very satisfied" and "Satisfied" in panel.status.text()


def test_a_new_dossier_starts_with_no_face_chosen(qtbot: QtBot) -> None:
    panel = RatingPanel()
    qtbot.addWidget(panel)
    panel.show_for("00000000-0000-4000-8000-000000000001", "vi")
    panel.score = 3
    panel.show_for("00000000-0000-4000-8000-000000000002", "vi")
    assert panel.score is None and not any(f.title.text().startswith("✓") for f in panel.faces.values())
