"""Choosing a file to open, or a name to save under: Qt's dialogs (the platform's own where it has one).

They start in the person's home folder, never in the app's working directory (where a report's save
dialog used to open, beside the terminal's data). Their words are Vietnamese through ui/qt_strings.py.
Screens take the choosers as parameters, so tests pass their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

OpenChooser = Callable[[QWidget, str, str], str | None]  # parent, title, filter → path, None if cancelled
SaveChooser = Callable[[QWidget, str, str, str], str | None]  # parent, title, suggested name, filter


def choose_open_file(parent: QWidget, title: str, name_filter: str) -> str | None:
    """The path of the file the person picks, from their home folder on; None when they cancel."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
    return path or None


def choose_save_name(parent: QWidget, title: str, suggested: str, name_filter: str) -> str | None:
    """Where the person wants a file saved; `suggested` is a name (put in their home folder) or a path."""
    target = Path(suggested)
    if not target.is_absolute():
        target = Path.home() / target
    path, _chosen = QFileDialog.getSaveFileName(parent, title, str(target), name_filter)
    return path or None
