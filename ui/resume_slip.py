"""The self-service resume slip: the code, what to bring back, and nothing about the person."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPaintDevice, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from kiosk.i18n import Lang, t
from ui.printing import AskPrinter

VIETNAM = timezone(timedelta(hours=7))
SLIP_MM = QSizeF(80, 90)  # an 80 mm thermal roll; the slip is short
MARGIN_MM = 4.0


def paint_slip(painter: QPainter, device: QPaintDevice, code: str, lang: Lang, now: datetime) -> None:
    """Draw the slip at the device's resolution: title, the code large, how to come back, the date."""
    dpi = device.logicalDpiX()
    width = device.width()

    def points(size: float) -> QFont:
        font = QFont(painter.font())
        font.setPixelSize(max(1, round(size * dpi / 72)))
        return font

    y = 0.0
    for text, size, bold, flags in (
        (t("session.slip.title", lang), 11.0, True, Qt.AlignmentFlag.AlignHCenter),
        (code, 22.0, True, Qt.AlignmentFlag.AlignHCenter),
        (t("session.slip.how", lang), 8.5, False, Qt.AlignmentFlag.AlignLeft),
        (
            t("session.slip.footer", lang, time=now.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")),
            7.5,
            False,
            Qt.AlignmentFlag.AlignLeft,
        ),
    ):
        font = points(size)
        font.setBold(bold)
        painter.setFont(font)
        flag = int(flags) | int(Qt.TextFlag.TextWordWrap)
        box = painter.boundingRect(QRectF(0, y, width, 10_000), flag, text)
        painter.drawText(QRectF(0, y, width, box.height()), flag, text)
        y += box.height() + dpi * 0.08


def print_slip(
    parent: QWidget, code: str, lang: Lang, ask: AskPrinter, printer: QPrinter | None = None
) -> bool:
    """Print the slip on the printer the person picks; False when cancelled or the printer refused."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    layout = QPageLayout(
        QPageSize(SLIP_MM, QPageSize.Unit.Millimeter, "80mm"),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    printer.setPageLayout(layout)
    if not ask(printer, parent):
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        paint_slip(painter, printer, code, lang, datetime.now(VIETNAM))
    finally:
        painter.end()
    return True
