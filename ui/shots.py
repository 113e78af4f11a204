"""What the screenshot scripts share: let layout settle, grab a widget to a PNG, name the variant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def grab(widget: QWidget, path: Path) -> Path:
    """Save what `widget` shows now to `path` (PNG), after pending layout and paint events have run."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for _ in range(5):  # rows rebuilt just before a shot need a few passes to settle
        app.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
