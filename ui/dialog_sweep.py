"""Closing every dialog a window has open, so the privacy timeout leaves nothing of a citizen on screen.

Dialogs are windows of their own: the idle warning's cover hides the main window's page but not a dialog
above it (the resume code, a receipt preview, a print or file dialog in its own event loop). The
session closes them all when the warning comes up and again when the screen is cleared.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

log = logging.getLogger("ui.dialog_sweep")


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth, parent = depth + 1, parent.parentWidget()
    return depth


def open_dialogs(window: QWidget) -> list[QDialog]:
    """The dialogs on screen now: the window's (at any depth) and any top-level one; innermost first,
    so a print dialog opened from the code dialog goes before the code dialog."""
    found: list[QDialog] = []
    seen: set[int] = set()
    for widget in [*window.findChildren(QDialog), *QApplication.topLevelWidgets()]:
        if isinstance(widget, QDialog) and isValid(widget) and widget.isVisible() and id(widget) not in seen:
            seen.add(id(widget))
            found.append(widget)
    found.sort(key=_depth, reverse=True)
    return found


def close_dialogs(window: QWidget, keep: tuple[QDialog, ...] = ()) -> int:
    """Reject every open dialog but `keep` (a dialog in exec() returns Rejected, as if cancelled);
    the number closed. Their owners delete them as they do when a person cancels."""
    closed = 0
    for dialog in open_dialogs(window):
        if any(dialog is kept for kept in keep) or not isValid(dialog) or not dialog.isVisible():
            continue  # an outer dialog may have closed it already
        dialog.reject()
        if dialog.isVisible():  # a dialog that refuses reject() (none of ours): hidden all the same
            dialog.hide()
        closed += 1
    if closed:
        log.info("privacy: %d open dialog(s) closed", closed)
    return closed
