"""The receipt on paper: painting it on A4 or an 80 mm thermal slip, for a printer, a PDF or an image.

Layout is in millimetres and fonts in pixels of the device, so the same code paints a screen preview,
a 203 dpi thermal printer and a 1200 dpi PDF alike. Images stay in memory; only `write_pdf` writes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import qrcode
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from kiosk.receipt import Receipt, ReceiptLine, ReceiptQR
from ui.fonts import FAMILY, load_fonts

Page = Literal["a4", "thermal80"]
PAGES: tuple[Page, ...] = ("a4", "thermal80")
MM_PER_INCH = 25.4
PT_MM = MM_PER_INCH / 72
BLACK, WHITE = QColor("#000000"), QColor("#ffffff")  # paper: thermal heads print no grey


@dataclass(frozen=True)
class PageSpec:
    """A paper format: width, height (None: a roll, as tall as the slip), margin, type sizes in points."""

    width_mm: float
    height_mm: float | None
    margin_mm: float
    body_pt: float
    small_pt: float
    heading_pt: float
    title_pt: float
    reference_pt: float
    qr_mm: float

    @property
    def printable_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm


SPECS: dict[Page, PageSpec] = {
    "a4": PageSpec(210, 297, 15, 11, 9.5, 12.5, 18, 22, 46),
    # An 80 mm roll prints about 72 mm wide; 9.5 pt keeps stacked Vietnamese marks legible on a 203 dpi head.
    "thermal80": PageSpec(80, None, 4, 9.5, 8.5, 10.5, 13, 16, 44),
}
FEED_MM = 10  # blank paper after a slip, so the cutter does not cut through the footer


class _Flow:
    """Lays text out top to bottom within a column; paints when given a painter, else only measures."""

    def __init__(self, painter: QPainter | None, device: QPaintDevice, left: float, width: float) -> None:
        self.painter, self.device = painter, device
        self.px_mm = device.logicalDpiX() / MM_PER_INCH
        self.left, self.width, self.y = left, width, 0.0
        self._fonts: dict[tuple[float, bool], QFont] = {}

    def mm(self, value: float) -> float:
        return value * self.px_mm

    def font(self, size_pt: float, bold: bool = False) -> QFont:
        key = (size_pt, bold)
        if key in self._fonts:
            return self._fonts[key]
        font = QFont(FAMILY)
        font.setPixelSize(max(1, round(self.mm(size_pt * PT_MM))))
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        self._fonts[key] = font
        return font

    def text(
        self,
        text: str,
        size_pt: float,
        *,
        bold: bool = False,
        center: bool = False,
        bold_prefix: int = 0,
        left: float | None = None,
        width: float | None = None,
    ) -> float:
        """A wrapped paragraph; returns its height. Words wrap, and a word wider than the line (a URL)
        breaks anywhere rather than running off the paper."""
        x = self.left if left is None else left
        line_width = self.width if width is None else width
        layout = QTextLayout(text, self.font(size_pt, bold), self.device)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if bold_prefix:
            strong = QTextLayout.FormatRange()
            strong.start, strong.length = 0, _utf16_len(text[:bold_prefix])
            char_format = QTextCharFormat()
            char_format.setFontWeight(QFont.Weight.Bold)
            strong.format = char_format
            layout.setFormats([strong])
        height = 0.0
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(line_width)
            line.setPosition(QPointF(0, height))
            height += line.height() * 1.12  # a little leading: elderly readers lose their line otherwise
        layout.endLayout()
        if self.painter is not None:
            self.painter.setPen(BLACK)
            layout.draw(self.painter, QPointF(x, self.y))
        self.y += height
        return height

    def fitted(self, text: str, size_pt: float, min_pt: float) -> float:
        """The largest size ≤ `size_pt` at which `text` (a reference) fits on one line, at least `min_pt`."""
        size = size_pt
        while (
            size > min_pt
            and QFontMetricsF(self.font(size, True), self.device).horizontalAdvance(text) > self.width
        ):
            size -= 0.5
        return max(size, min_pt)

    def space(self, mm: float) -> None:
        self.y += self.mm(mm)

    def rule(self) -> None:
        self.space(1.5)
        if self.painter is not None:
            self.painter.fillRect(QRectF(self.left, self.y, self.width, max(1.0, self.mm(0.3))), BLACK)
        self.space(2)

    def qr(self, payload: str, size_mm: float, *, left: float | None = None) -> float:
        """The QR code, centred in the column (or at `left`); returns its height in pixels."""
        modules = qr_matrix(payload)
        count = len(modules)
        # Whole device pixels per module: a fractional module blurs into its neighbours when printed.
        module = max(1, math.floor(self.mm(size_mm) / count))
        side = module * count
        x = round(self.left + (self.width - side) / 2) if left is None else round(left)
        y = round(self.y)
        if self.painter is not None:
            self.painter.fillRect(QRectF(x, y, side, side), WHITE)
            rects = [
                QRectF(x + start * module, y + row * module, length * module, module)
                for row, cells in enumerate(modules)
                for start, length in _runs(cells)
            ]
            # One call for the whole symbol, painted as exact rectangles (crisp on paper and in a PDF).
            self.painter.save()
            self.painter.setPen(Qt.PenStyle.NoPen)
            self.painter.setBrush(BLACK)
            self.painter.drawRects(rects)
            self.painter.restore()
        self.y = y + side
        return float(side)


def _runs(cells: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    runs, start = [], None
    for index, dark in enumerate([*cells, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules of `payload`: error correction M, a quiet zone of 4 modules included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=1)
    code.add_data(payload)
    code.make(fit=True)
    return [list(map(bool, row)) for row in code.get_matrix()]


def paint_receipt(
    painter: QPainter | None, receipt: Receipt, page: Page, rect: QRectF, device: QPaintDevice | None = None
) -> float:
    """Paint `receipt` into `rect` (the printable area, in device pixels); returns the height used.

    With `painter` None nothing is drawn and only the height is measured (on `device`'s resolution).
    """
    target = device if device is not None else (painter.device() if painter is not None else None)
    if target is None:
        raise ValueError("measuring a receipt needs a paint device")
    load_fonts()
    spec = SPECS[page]
    flow = _Flow(painter, target, rect.left(), rect.width())
    flow.y = rect.top()
    if painter is not None:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if page == "a4":
        _a4_header(flow, receipt, spec)
    else:
        _thermal_header(flow, receipt, spec)
    for section in receipt.sections:
        if section.heading:
            flow.space(1.5)
            flow.text(section.heading, spec.heading_pt, bold=True)
            flow.space(0.8)
        if section.qr is not None and page == "a4":
            _a4_lines_beside_qr(flow, section.lines, section.qr, spec)
        else:
            for line in section.lines:
                _line(flow, line, spec, table=page == "a4")
        if section.qr is not None and page != "a4":
            flow.space(1.5)
            flow.qr(section.qr.payload, spec.qr_mm)
            flow.text(section.qr.caption, spec.body_pt, bold=True, center=True)
            flow.space(1)
        for paragraph in section.paragraphs:
            flow.text(paragraph, spec.body_pt)
            flow.space(1)
    flow.rule()
    for note in receipt.footer:
        flow.text(note, spec.small_pt)
    return flow.y - rect.top()


def _thermal_header(flow: _Flow, receipt: Receipt, spec: PageSpec) -> None:
    flow.text(receipt.title, spec.title_pt, bold=True, center=True)
    flow.space(1)
    flow.text(receipt.procedure_name, spec.body_pt, bold=True, center=True)
    flow.text(receipt.procedure_code, spec.small_pt, center=True)
    flow.rule()
    flow.text(receipt.reference_label, spec.body_pt, center=True)
    flow.text(
        receipt.reference,
        flow.fitted(receipt.reference, spec.reference_pt, spec.body_pt),
        bold=True,
        center=True,
    )
    if receipt.reference_note:
        flow.text(receipt.reference_note, spec.small_pt, center=True)
    if receipt.qr_payload:  # a bundle's receipt has none at the top: each dossier has its own below
        flow.space(1.5)
        flow.qr(receipt.qr_payload, spec.qr_mm)
        flow.text(receipt.qr_caption, spec.small_pt, center=True)
    flow.rule()


def _a4_header(flow: _Flow, receipt: Receipt, spec: PageSpec) -> None:
    """Title and reference on the left, the QR code on the right, both above the details."""
    top = flow.y
    qr_width = flow.mm(spec.qr_mm) if receipt.qr_payload else 0.0
    gap = flow.mm(6) if receipt.qr_payload else 0.0
    text_width = flow.width - qr_width - gap
    qr_bottom = right_bottom = top
    if receipt.qr_payload:  # a bundle's receipt has none at the top: each dossier has its own below
        flow.qr(receipt.qr_payload, spec.qr_mm, left=flow.left + flow.width - qr_width)
        qr_bottom = flow.y
        flow.text(
            receipt.qr_caption, spec.small_pt, center=True, left=flow.left + text_width + gap, width=qr_width
        )
        right_bottom = flow.y
    flow.y = top
    full_width, flow.width = flow.width, text_width
    flow.text(receipt.title, spec.title_pt, bold=True)
    flow.space(2)
    flow.text(receipt.procedure_name, spec.heading_pt, bold=True)
    flow.text(receipt.procedure_code, spec.body_pt)
    flow.space(4)
    flow.text(receipt.reference_label, spec.body_pt)
    flow.text(
        receipt.reference, flow.fitted(receipt.reference, spec.reference_pt, spec.heading_pt), bold=True
    )
    if receipt.reference_note:
        flow.text(receipt.reference_note, spec.body_pt)
    flow.width = full_width
    flow.y = max(flow.y, right_bottom, qr_bottom)
    flow.rule()


def _a4_lines_beside_qr(flow: _Flow, lines: tuple[ReceiptLine, ...], qr: ReceiptQR, spec: PageSpec) -> None:
    """A4: a section's lines on the left, its QR code (a payment code) and caption on the right."""
    top = flow.y
    qr_width = flow.mm(spec.qr_mm)
    text_width = flow.width - qr_width - flow.mm(6)
    flow.qr(qr.payload, spec.qr_mm, left=flow.left + flow.width - qr_width)
    flow.text(
        qr.caption,
        spec.body_pt,
        bold=True,
        center=True,
        left=flow.left + flow.width - qr_width,
        width=qr_width,
    )
    right_bottom, flow.y = flow.y, top
    full_width, flow.width = flow.width, text_width
    for line in lines:
        _line(flow, line, spec, table=True)
    flow.width = full_width
    flow.y = max(flow.y, right_bottom)


def _line(flow: _Flow, line: ReceiptLine, spec: PageSpec, *, table: bool) -> None:
    if not table:
        flow.text(f"{line.label}: {line.value}", spec.body_pt, bold_prefix=len(line.label) + 1)
        flow.space(0.6)
        return
    # A4: labels in a column of their own, values aligned beside them.
    top, label_width = flow.y, flow.mm(52)
    flow.text(line.label, spec.body_pt, bold=True, width=label_width - flow.mm(3))
    label_bottom, flow.y = flow.y, top
    flow.text(line.value, spec.body_pt, left=flow.left + label_width, width=flow.width - label_width)
    flow.y = max(flow.y, label_bottom) + flow.mm(1)


def slip_height_mm(receipt: Receipt, page: Page, dpi: float) -> float:
    """The height of the paper the receipt needs (margins and, on a roll, the feed to the cutter)."""
    spec = SPECS[page]
    if spec.height_mm is not None:
        return spec.height_mm
    probe = _blank(1, 1, dpi)
    width = spec.printable_mm / MM_PER_INCH * dpi
    used = paint_receipt(None, receipt, page, QRectF(0, 0, width, 1e6), probe)
    return math.ceil(used / dpi * MM_PER_INCH + 2 * spec.margin_mm + FEED_MM)


def _blank(width: int, height: int, dpi: float) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / MM_PER_INCH * 1000)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(WHITE)
    return image


def render_receipt_image(receipt: Receipt, page: Page, dpi: float) -> QImage:
    """The whole sheet (A4) or slip (80 mm, as tall as needed) as an image at `dpi`, in memory."""
    spec = SPECS[page]
    height_mm = slip_height_mm(receipt, page, dpi)
    px = dpi / MM_PER_INCH
    image = _blank(round(spec.width_mm * px), round(height_mm * px), dpi)
    painter = QPainter(image)
    try:
        margin = spec.margin_mm * px
        _paint_fitted(
            painter,
            receipt,
            page,
            QRectF(margin, margin, image.width() - 2 * margin, image.height() - 2 * margin),
        )
    finally:
        painter.end()
    return image


def _paint_fitted(painter: QPainter, receipt: Receipt, page: Page, rect: QRectF) -> None:
    """Paint, shrinking the whole receipt if it would run past the bottom of a fixed-size page."""
    if SPECS[page].height_mm is None:
        paint_receipt(painter, receipt, page, rect)  # a roll is cut to the slip's height: it always fits
        return
    needed = paint_receipt(None, receipt, page, QRectF(0, 0, rect.width(), 1e6), painter.device())
    if needed > rect.height():
        factor = rect.height() / needed
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(factor, factor)
        paint_receipt(painter, receipt, page, QRectF(0, 0, rect.width() / factor, needed))
        painter.restore()
        return
    paint_receipt(painter, receipt, page, rect)


def set_up_page(device: QPagedPaintDevice, receipt: Receipt, page: Page, dpi: float) -> None:
    """Give a printer or PDF writer the receipt's paper: A4, or 80 mm wide and as tall as the slip."""
    spec = SPECS[page]
    if spec.height_mm is None:
        size = QPageSize(
            QSizeF(spec.width_mm, slip_height_mm(receipt, page, dpi)),
            QPageSize.Unit.Millimeter,
            "80 mm",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
    else:
        size = QPageSize(QPageSize.PageSizeId.A4)
    margins = QMarginsF(spec.margin_mm, spec.margin_mm, spec.margin_mm, spec.margin_mm)
    device.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)
    )


def paint_on(device: QPagedPaintDevice, receipt: Receipt, page: Page) -> bool:
    """Paint the receipt on a set-up printer or PDF writer (origin at the printable area); False if it
    could not start (no printer, unwritable file)."""
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        _paint_fitted(painter, receipt, page, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()
    return True


def write_pdf(path: str, receipt: Receipt, page: Page, dpi: int = 300) -> bool:
    """Save the receipt as a PDF at `path` — only ever called for a file a person chose."""
    writer = QPdfWriter(path)
    writer.setResolution(dpi)
    writer.setTitle(receipt.title)
    writer.setCreator("DVC Kiosk")
    set_up_page(writer, receipt, page, dpi)
    return paint_on(writer, receipt, page)
