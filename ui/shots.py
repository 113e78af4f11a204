"""What the screenshot scripts share: let layout settle, grab a widget to a PNG, name the variant; and
note every control or one-line text that the screen cuts off (`clipped`), for the run to report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

# What `grab` found cut off, by PNG name: `python3 run.py screenshots` lists it and fails; a test runs it.
CLIPPED: dict[str, list[str]] = {}


def clipped(root: QWidget) -> list[str]:
    """Visible buttons, options and one-line labels narrower than their text needs: cut off on screen."""
    found: list[str] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisible():
            continue
        if not isinstance(widget, QPushButton | QRadioButton | QCheckBox | QLabel):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.pixmap().isNull()):
            continue  # wrapped text grows downwards; a picture is not text
        text = widget.text()
        need = widget.sizeHint().width()
        if text and widget.width() < need:
            found.append(f"{type(widget).__name__} {text!r}: {widget.width()} px of {need}")
        elif text and (over := _past_the_edge(widget)) > 0:
            found.append(f"{type(widget).__name__} {text!r}: {over} px under the edge of its page")
    return found


def _past_the_edge(widget: QWidget) -> int:
    """How far `widget` reaches past the right edge of a page that does not scroll sideways."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None or area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        return 0
    viewport = area.viewport()
    right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
    return right - viewport.width()


def grab(widget: QWidget, path: Path) -> Path:
    """Save what `widget` shows now to `path` (PNG), after pending layout and paint events have run."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for _ in range(5):  # rows rebuilt just before a shot need a few passes to settle
        app.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    cut = clipped(widget)
    if cut:
        CLIPPED[path.name] = cut
    return path
