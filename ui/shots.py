"""What the screenshot scripts share: let layout settle, grab a widget to a PNG, name the variant; and
note every control or text that the screen cuts off (`clipped`), every part that scrolls sideways
(`sideways`) and a page heading scrolled up under the header and banner (`heading_hidden`), for the
run to report."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QWidget,
)

# What `grab` found wrong (cut off, sideways scrolling, a hidden heading), by PNG name: `python3 run.py
# screenshots` lists it and fails; a test runs it.
CLIPPED: dict[str, list[str]] = {}


def clipped(root: QWidget) -> list[str]:
    """Visible buttons, options and one-line labels narrower than their text needs: cut off on screen."""
    found: list[str] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisible():
            continue
        if not isinstance(widget, QPushButton | QRadioButton | QCheckBox | QLabel):
            continue
        if isinstance(widget, QLabel) and not widget.pixmap().isNull():
            continue  # a picture is not text
        text = widget.text()
        if widget.hasHeightForWidth():  # wrapped text grows downwards: cut when a word or a line is
            if text and widget.width() < (word := widget.minimumSizeHint().width()):
                found.append(f"{type(widget).__name__} {text!r}: {widget.width()} px of a word's {word}")
            elif text and widget.height() < (lines := widget.heightForWidth(widget.width())):
                found.append(f"{type(widget).__name__} {text!r}: {widget.height()} px high of {lines}")
            continue
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


def sideways(root: QWidget) -> list[str]:
    """Visible scrolling parts that scroll sideways: with a horizontal scroll bar, or (their bar turned
    off) with content wider than they are, which the focus then scrolls to, cutting off the left edge."""
    found: list[str] = []
    for area in (root, *root.findChildren(QAbstractScrollArea)):
        if not isinstance(area, QAbstractScrollArea) or not area.isVisible():
            continue
        bar = area.horizontalScrollBar()
        name = f"{type(area).__name__} {area.objectName()!r}"
        if bar.isVisible():
            found.append(f"{name}: a horizontal scroll bar ({bar.maximum()} px to scroll)")
        elif bar.maximum() > 0 or bar.value() > 0:
            found.append(f"{name}: scrolls {bar.maximum()} px sideways, now by {bar.value()} px")
    return found


def heading_hidden(root: QWidget) -> list[str]:
    """A page's first heading (h1) scrolled up out of its page, under the header and the banner, though
    it and the focus would fit in the page together (when they cannot, the focus must show: the field
    someone types in, above an on-screen keyboard)."""
    found: list[str] = []
    for area in (root, *root.findChildren(QScrollArea)):
        if not isinstance(area, QScrollArea) or not area.isVisible() or (page := area.widget()) is None:
            continue
        headings = [
            label
            for label in page.findChildren(QLabel)
            if label.property("role") == "h1" and label.isVisible() and label.text()
        ]
        if not headings:
            continue
        first = min(headings, key=lambda label: label.mapTo(page, QPoint(0, 0)).y())
        top = first.mapTo(area.viewport(), QPoint(0, 0)).y()
        focus = QApplication.focusWidget()
        if focus is not None and page.isAncestorOf(focus):
            bottom = focus.mapTo(area.viewport(), QPoint(0, focus.height())).y()
            if bottom - top > area.viewport().height():
                continue  # both cannot show: the focus does
        if top < 0:
            found.append(f"heading {first.text()!r}: its top {-top} px under the header and banner")
    return found


def problems(root: QWidget, *, heading: bool = True) -> list[str]:
    """Everything the screenshot run fails on, for `root` as it is now (see the module docstring)."""
    return clipped(root) + sideways(root) + (heading_hidden(root) if heading else [])


def grab(widget: QWidget, path: Path, *, heading: bool | None = None) -> Path:
    """Save what `widget` shows now to `path` (PNG), after pending layout and paint events have run, and
    note its problems. `heading`: check that the page's heading is in view (by default unless the PNG's
    name has "-end": a page scrolled down on purpose; False for a shot scrolled to a part on purpose)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for _ in range(5):  # rows rebuilt just before a shot need a few passes to settle
        app.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    if heading is None:
        heading = re.search(r"-end(-|$)", path.stem) is None
    cut = problems(widget, heading=heading)
    if cut:
        CLIPPED[path.name] = cut
    return path
