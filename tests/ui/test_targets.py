"""Every control on every journey page is at least 44×44 px at 100 % and has an accessible name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import Services

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
KHAI_SINH = "1.001193"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


def controls(root: QWidget, window: MainWindow) -> list[QWidget]:
    found: list[QWidget] = []
    for kind in CONTROLS:
        found += [w for w in root.findChildren(kind) if w.isVisibleTo(window) and w.isEnabled()]
    return found


def problems(window: MainWindow, root: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    found = []
    for widget in controls(root, window):
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if widget.width() < 44 or widget.height() < 44:
            found.append(f"{where}: {type(widget).__name__} {name!r} is {widget.width()}×{widget.height()}")
        if not name.strip():
            found.append(f"{where}: {type(widget).__name__} has no accessible name")
    return found


@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_journey_page_has_targets_of_44_px_with_names(
    make_window: Callable[..., MainWindow], context: AppContext, catalog: Catalog, high_contrast: bool
) -> None:
    window = make_window(context=context, high_contrast=high_contrast)
    window.show_prepare(KHAI_SINH)
    assert window.prepare is not None
    found = problems(window, window.prepare, "prepare")
    window.start_journey(KHAI_SINH)
    view = window.journey
    assert view is not None
    journey = view.journey
    # Answers that bring up the conditional pages: father's details, the birth-notice scan.
    assert journey.answer("parents_married", False, "vi") == []
    assert journey.answer("father_info", "acknowledge", "vi") == []
    assert journey.answer("has_birth_notice", True, "vi") == []
    pages = journey.pages()
    assert {"father_info", "birth_notice_scan", "paternity_evidence_scan", "check"} <= {p.id for p in pages}
    for page in pages:
        journey.goto(page.id)
        view.show_current()
        current = view.current_page()
        assert current is not None
        found += problems(window, current, page.id)
    assert not found, "\n".join(sorted(set(found)))
