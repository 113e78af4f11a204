"""Asking for a printer: one place, light to import (receipts and resume slips both print)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from shiboken6 import isValid

from ui import theme

AskPrinter = Callable[[QPrinter, QWidget], bool]
ListPrinters = Callable[[], list[str]]


def printer_names() -> list[str]:
    """The printers this computer has (CUPS, Windows): none means the print dialog would list nothing,
    so "In" says "Máy này chưa có máy in" instead of opening it."""
    return list(QPrinterInfo.availablePrinterNames())


def print_dialog(printer: QPrinter, parent: QWidget) -> QPrintDialog:
    """Qt's print dialog in the window's colours, without "In ra tệp (PDF)": with no printer installed
    it was the default, and "In" left the receipt as an unencrypted file in the home folder. A PDF is
    saved only by "Lưu PDF", where a person chooses it (and never at a self-service terminal)."""
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setStyleSheet(theme.dialog_stylesheet(parent.window()))
    QTimer.singleShot(0, dialog, lambda: _widen(dialog))  # not once the dialog is gone
    return dialog


def _widen(dialog: QDialog) -> None:
    """Once shown: its buttons as wide as their words need, and the dialog with them (its layout keeps
    the sizes of Qt's own small text, and cut "Thuộc tính" and "Tuỳ chọn" off)."""
    for button in dialog.findChildren(QPushButton):
        button.setMinimumWidth(button.sizeHint().width())
    dialog.resize(dialog.sizeHint().expandedTo(dialog.size()))


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """The person picks the printer (and may cancel)."""
    dialog = print_dialog(printer, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        # One per print, owned by the window: not kept for the whole run. The privacy timeout may have
        # closed the screen it was opened from, and that screen deleted it with itself.
        if isValid(dialog):
            dialog.deleteLater()
