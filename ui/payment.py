"""The fee's VietQR code on screen: shown on the confirmation page once the portal names a payee."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Lang, t
from kiosk.receipt import Payment
from kiosk.text import format_vnd
from ui.receipt_paint import qr_matrix
from ui.widgets import label

MODULE_PX = 5  # about 265 px for a VietQR: a phone reads it from half a metre off a kiosk screen


def qr_image(payload: str, module_px: int = MODULE_PX) -> QImage:
    """`payload` as a black-on-white QR image (quiet zone included), whole pixels per module."""
    modules = qr_matrix(payload)
    side = len(modules) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))  # white in every theme: scanners want dark modules on light
    painter = QPainter(image)
    try:
        for row, cells in enumerate(modules):
            for column, dark in enumerate(cells):
                if dark:
                    painter.fillRect(
                        column * module_px, row * module_px, module_px, module_px, QColor("#000000")
                    )
    finally:
        painter.end()
    return image


class PaymentPanel(QWidget):
    """Heading, the VietQR code with its caption, and the transfer details as text; hidden without one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("payment-panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        self.heading = label("", "h2")
        self.code = QLabel()
        self.code.setObjectName("payment-qr")
        self.code.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable so a screen reader announces it
        self.caption = label("", "key")
        self.caption.setObjectName("payment-caption")
        self.details = label("")
        self.details.setObjectName("payment-details")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = label("", "muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignLeft)
        # Wrapped labels take the full width: aligned ones get squeezed and clip their last lines.
        for widget in (self.caption, self.details, self.hint):
            layout.addWidget(widget)
        self.payload: str | None = None
        self.setVisible(False)

    def show_payment(self, payment: Payment | None, lang: Lang) -> None:
        """Show `payment`'s code, or hide the panel when there is no fee or no code to scan."""
        if payment is None or payment.vietqr is None or not payment.amount_vnd:
            self.payload = None
            self.code.clear()
            self.setVisible(False)
            return
        amount = format_vnd(payment.amount_vnd, lang)
        self.payload = payment.vietqr
        self.heading.setText(t("payment.screen_heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.code.setPixmap(QPixmap.fromImage(qr_image(payment.vietqr)))
        self.code.setAccessibleName(t("payment.qr_name", lang, amount=amount, payee=payment.payee_name))
        self.caption.setText(t("payment.qr_caption", lang, amount=amount))
        self.details.setText(
            "\n".join(
                f"{t(key, lang)}: {value}"
                for key, value in (
                    ("receipt.payee", payment.payee_name),
                    ("receipt.bank_bin", payment.bank_bin),
                    ("receipt.account", payment.account),
                    ("receipt.payment_reference", payment.reference),
                )
            )
        )
        self.hint.setText(t("payment.qr_hint", lang))
        self.setVisible(True)
