"""Asking for a printer: one place, light to import (receipts and resume slips both print)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

AskPrinter = Callable[[QPrinter, QWidget], bool]


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """Qt's print dialog: the person picks the printer (and may cancel)."""
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted
