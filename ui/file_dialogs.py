"""Choosing a file to open, or a name to save under: Qt's dialogs (the platform's own where it has one).

They start in the person's home folder, never in the app's working directory (where a report's save
dialog used to open, beside the terminal's data). Their words are Vietnamese through ui/qt_strings.py.
Screens take the choosers as parameters, so tests pass their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from shiboken6 import isValid

from ui import theme

OpenChooser = Callable[[QWidget, str, str], str | None]  # parent, title, filter → path, None if cancelled
SaveChooser = Callable[[QWidget, str, str, str], str | None]  # parent, title, suggested name, filter


def _dialog(parent: QWidget, title: str, directory: str, name_filter: str) -> QFileDialog:
    """Qt's file dialog in the window's colours, its text at most 150 % (theme.dialog_stylesheet)."""
    dialog = QFileDialog(parent, title, directory, name_filter)
    dialog.setStyleSheet(theme.dialog_stylesheet(parent.window()))
    return dialog


def _chosen(dialog: QFileDialog) -> str | None:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return files[0] if files else None
    finally:
        # One per choice, owned by the window: not kept for the whole run; gone already when the
        # privacy timeout closed the screen that opened it.
        if isValid(dialog):
            dialog.deleteLater()


def choose_open_file(parent: QWidget, title: str, name_filter: str) -> str | None:
    """The path of the file the person picks, from their home folder on; None when they cancel."""
    dialog = _dialog(parent, title, str(Path.home()), name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog)


def choose_save_name(parent: QWidget, title: str, suggested: str, name_filter: str) -> str | None:
    """Where the person wants a file saved; `suggested` is a name (put in their home folder) or a path."""
    target = Path(suggested)
    if not target.is_absolute():
        target = Path.home() / target
    dialog = _dialog(parent, title, str(target.parent), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(target.name)
    return _chosen(dialog)
