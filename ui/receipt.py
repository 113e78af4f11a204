"""The receipt preview dialog: choose A4 or an 80 mm slip, print it, or save a PDF only when asked.

`show_receipt` is the one entry point for the confirmation page and for "In lại biên nhận": it loads
the dossier on the store worker, builds the receipt there (no Qt), and opens the preview. An open
preview follows the dossier: when sync replaces the local reference with the dossier code, it updates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.catalog import Catalog
from kiosk.config import SELF_SERVICE
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.receipt import Receipt, build_receipt
from kiosk.store import Store
from ui import theme
from ui.context import AppContext
from ui.file_dialogs import SaveChooser, choose_save_name
from ui.payment import qr_image
from ui.printing import AskPrinter, ListPrinters, ask_printer, printer_names
from ui.receipt_paint import (
    MM_PER_INCH,
    PAGES,
    SPECS,
    Page,
    paint_on,
    paint_receipt,
    render_receipt_image,
    set_up_page,
    write_pdf,
)
from ui.widgets import ScrollPage, button, label, panel

__all__ = ["ReceiptPreview", "load_receipt", "paint_receipt", "show_receipt"]

log = logging.getLogger("ui.receipt")
# A slip is shown at most this wide at 100 % text: larger than life (80 mm ≈ 300 px), so its 9.5 pt
# print is about as readable on screen as the rest of the kiosk.
THERMAL_PREVIEW_PX = 460


def load_receipt(store: Store, catalog: Catalog, client_ref: str, lang: Lang) -> Receipt:
    """Store-worker side of `show_receipt`: read the dossier and build its receipt (no widgets)."""
    dossier = store.get_dossier(client_ref)
    code = dossier.summary.procedure_code
    procedure = catalog.procedures.get(code)
    if procedure is None:
        raise KioskError("receipt.unknown_procedure", code=code)
    return build_receipt(dossier, procedure, lang)


class _PreviewArea(QScrollArea):
    """The scrolling frame of the preview; tells the dialog when its width changes, to fit the paper."""

    def __init__(self, on_resize: Callable[[], None]) -> None:
        super().__init__()
        self._on_resize = on_resize

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_resize()


class ReceiptPreview(QDialog):
    """The receipt as it will print, the paper choice, and "In" / "Lưu PDF" / "In sau" / "Đóng".

    With no printer on the computer "In" opens no (empty) print dialog: the dialog says "Máy này chưa
    có máy in" and offers "Lưu PDF" (assisted modes) and "In sau" (reprint from "Tra cứu hồ sơ").
    """

    print_later = Signal()  # "In sau": closed without printing; the receipt is reprinted later

    def __init__(
        self,
        receipt: Receipt,
        parent: QWidget | None = None,
        *,
        page: Page = "a4",
        text_scale: int = 100,
        high_contrast: bool = False,
        make_printer: Callable[[], QPrinter] | None = None,
        ask_printer: AskPrinter = ask_printer,
        ask_save_name: SaveChooser = choose_save_name,
        allow_pdf: bool = True,
        printers: ListPrinters = printer_names,
    ) -> None:
        """`allow_pdf=False` (a self-service terminal) offers no "Lưu PDF": the file would stay on the
        terminal, unencrypted, for whoever comes next to find; the citizen prints the receipt, or
        photographs its QR code when the terminal has no printer. `printers` lists the printers."""
        super().__init__(parent)
        self.receipt = receipt
        self.lang: Lang = receipt.lang
        self.scale = theme.clamp_scale(text_scale)
        self._make_printer = make_printer or (lambda: QPrinter(QPrinter.PrinterMode.HighResolution))
        self._ask_printer = ask_printer
        self._ask_save_name = ask_save_name
        self._printers = printers
        self.allow_pdf = allow_pdf
        lang = self.lang
        self.setWindowTitle(t("receipt.dialog_title", lang))
        self.setModal(True)
        self.setStyleSheet(
            theme.stylesheet(theme.palette_for(high_contrast), self.scale) + self._extra_style(high_contrast)
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 12, 24, 12)
        column.setSpacing(6)
        # The reference is the heading: it is what the person came for (the title bar names the dialog).
        self.reference = label("", "h2")
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.reference)
        self.note = label("", "muted")
        column.addWidget(self.note)
        row = QHBoxLayout()
        row.setSpacing(16)
        column.addLayout(row, 1)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setAccessibleName(t("receipt.preview_name", lang))
        self.preview_area = _PreviewArea(self._render)
        self.preview_area.setObjectName("receipt-preview")
        self.preview_area.setWidget(self.preview)
        self.preview_area.setWidgetResizable(True)
        # Focusable, so the preview scrolls with the arrow keys; the stylesheet shows its focus ring.
        self.preview_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview_area.setAccessibleName(t("receipt.preview_name", lang))
        row.addWidget(self.preview_area, 1)

        # Beside the preview, "no printer" (when so) and the paper choice, in a column that scrolls on
        # its own at 200 %; the buttons and what they did in a row under both, full width, so they
        # stay whole on screen at any text size (at 200 % "Đóng" was below the edge).
        side = ScrollPage()
        side.body.setContentsMargins(4, 0, 4, 0)
        # The controls' width plus the scroll bar's (it would cover "Giấy in nhiệt 80 mm" at 200 %).
        side.setFixedWidth(round(300 * self.scale / 100) + theme.scrollbar_px(self.scale))
        row.addWidget(side)
        self._build_no_printer(side.body)
        side.body.addWidget(label(t("receipt.paper", lang), "key"))
        self.paper_group = QButtonGroup(self)
        self.paper_buttons: dict[Page, QRadioButton] = {}
        for choice, key in zip(PAGES, ("receipt.paper_a4", "receipt.paper_thermal"), strict=True):
            radio = QRadioButton(t(key, lang))
            radio.setAccessibleName(t(key, lang))
            radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.paper_group.addButton(radio)
            self.paper_buttons[choice] = radio
            side.body.addWidget(radio)
        side.body.addStretch(1)
        self.status = label("", "muted")
        self.status.setObjectName("receipt-status")
        self.status.setVisible(False)
        column.addWidget(self.status)
        self.print_button = button(t("receipt.print", lang), "primary", t("receipt.print_name", lang))
        self.save_button = button(t("receipt.save_pdf", lang), "", t("receipt.save_pdf_name", lang))
        self.later_button = button(t("receipt.later", lang), "", t("receipt.later_name", lang))
        self.later_button.setObjectName("receipt-later")
        self.close_button = button(t("receipt.close", lang), "", t("receipt.close_name", lang))
        actions = QHBoxLayout()
        actions.setSpacing(12)
        for action in (self.print_button, self.save_button, self.later_button):
            actions.addWidget(action)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        column.addLayout(actions)
        self.save_button.setVisible(allow_pdf)
        self.later_button.setVisible(False)

        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.save_pdf)
        self.later_button.clicked.connect(self.later)
        self.close_button.clicked.connect(self.reject)
        self.paper_buttons[page].setChecked(True)
        self.paper_group.buttonToggled.connect(self._paper_toggled)
        self.print_button.setDefault(True)
        self.print_button.setFocus()
        self._rendered: tuple[Page, int, Receipt] | None = None
        # An explicit minimum keeps the layout from changing the window's size hints after it is shown
        # (the preview image and status line change size); the content scrolls inside instead.
        self.setMinimumSize(640, 480)
        if parent is not None:
            self.resize(round(parent.width() * 0.92), round(parent.height() * 0.94))
        self.set_receipt(receipt)
        if not self._printers():
            self._say_no_printer()

    def _build_no_printer(self, column: QVBoxLayout) -> None:
        """ "Máy này chưa có máy in" and what to do instead, full width above the preview; hidden."""
        self.no_printer, box = panel("receipt-no-printer", margins=(12, 8), spacing=6)
        self.no_printer_title = label(t("receipt.no_printer", self.lang), "key")
        key = "receipt.no_printer_assisted" if self.allow_pdf else "receipt.no_printer_self_service"
        self.no_printer_text = label(t(key, self.lang))
        box.addWidget(self.no_printer_title)
        box.addWidget(self.no_printer_text)
        # The receipt's own QR code, large enough for a phone's camera: what the person takes home.
        self.no_printer_qr = QLabel()
        self.no_printer_qr.setObjectName("receipt-no-printer-qr")
        self.no_printer_qr.setAccessibleName(t("receipt.qr_caption", self.lang))
        box.addWidget(self.no_printer_qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.no_printer.setAccessibleName(self.no_printer_title.text())
        self.no_printer.setAccessibleDescription(self.no_printer_text.text())
        self.no_printer.setVisible(False)
        column.addWidget(self.no_printer)
        column.addSpacing(12)

    def _say_no_printer(self) -> None:
        """No printer: say so, offer "In sau" (and "Lưu PDF" where a PDF may be saved), never an empty
        print dialog."""
        self.no_printer.setVisible(True)
        self.later_button.setVisible(True)
        self._fit_texts()
        self.print_button.setDefault(False)
        default = self.save_button if self.allow_pdf else self.later_button
        default.setDefault(True)
        default.setFocus()

    def later(self) -> None:
        """ "In sau": close; the receipt is printed again from "Tra cứu hồ sơ" (its "In lại biên nhận")."""
        log.info("receipt left to print later for %s", self.receipt.client_ref)
        self.print_later.emit()
        self.accept()

    def _extra_style(self, high_contrast: bool) -> str:
        p = theme.palette_for(high_contrast)
        target, indicator = theme.target_px(self.scale), 2 * round(11 * self.scale / 100)
        ring = round(3 * self.scale / 100)  # an empty ring, filled when chosen: told apart without colour
        return f"""
QDialog {{ background-color: {p.background}; }}
QRadioButton {{ min-height: {target}px; spacing: {round(12 * self.scale / 100)}px; padding: 0px 8px; }}
QRadioButton::indicator {{
    width: {indicator}px; height: {indicator}px; border: {ring}px solid {p.text};
    border-radius: {indicator // 2 + ring}px; background-color: {p.background};
}}
QRadioButton::indicator:checked {{ background-color: {p.text}; }}
QRadioButton:focus {{ background-color: {p.focus}; color: {p.focus_text}; }}
QScrollArea#receipt-preview {{ background-color: {p.surface}; border: 2px solid {p.border}; }}
QScrollArea#receipt-preview:focus {{ border: 4px solid {p.focus_ring}; }}
QScrollArea#receipt-preview > QWidget > QWidget {{ background-color: {p.surface}; }}
"""

    @property
    def page(self) -> Page:
        for choice, radio in self.paper_buttons.items():
            if radio.isChecked():
                return choice
        return "a4"

    def set_receipt(self, receipt: Receipt) -> None:
        """Show `receipt` (a newer one after sync gave the dossier its code)."""
        self.receipt = receipt
        lang = self.lang
        if receipt.temporary:
            self.reference.setText(t("receipt.summary_local", lang, ref=receipt.reference))
            self.note.setText(receipt.reference_note or "")
        else:
            self.reference.setText(t("receipt.summary_code", lang, code=receipt.reference))
            self.note.setText("")
        self.reference.setAccessibleName(self.reference.text())
        self.note.setVisible(bool(self.note.text()))
        payload = receipt.qr_payload
        self.no_printer_qr.setPixmap(QPixmap.fromImage(qr_image(payload, 4)) if payload else QPixmap())
        self.no_printer_qr.setVisible(bool(payload))
        self._fit_texts()
        self.preview.setAccessibleDescription(receipt.plain_text())
        self._render()

    def _paper_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._render()

    def _render(self) -> None:
        """Draw the paper to fit the preview's width (an 80 mm slip no wider than a real one, enlarged)."""
        page = self.page
        available = max(200, self.preview_area.viewport().width() - 24)
        if page == "thermal80":
            available = min(available, round(THERMAL_PREVIEW_PX * self.scale / 100))
        if self._rendered == (page, available, self.receipt):
            return
        self._rendered = (page, available, self.receipt)
        dpi = available / SPECS[page].width_mm * MM_PER_INCH
        self.preview.setPixmap(QPixmap.fromImage(render_receipt_image(self.receipt, page, dpi)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_texts()

    def _fit_texts(self) -> None:
        """What a button did, under the preview, keeps every line at any width and text size: the
        preview (which scrolls) gives up the height, never the words."""
        width = self.width() - 48  # the dialog's margins, 24 px a side
        self.status.setMinimumHeight(self.status.heightForWidth(width) if self.status.text() else 0)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setProperty("role", "error" if error else "muted")
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self._fit_texts()
        self.status.setAccessibleName(text)
        style = self.status.style()
        style.unpolish(self.status)
        style.polish(self.status)

    def print_receipt(self) -> bool:
        """Print on the printer the person picks; the 80 mm choice gets a slip as tall as its content."""
        if not self._printers():  # checked on every press: a printer plugged in since counts
            log.warning("no printer on this computer: receipt for %s not printed", self.receipt.client_ref)
            self._say_no_printer()
            pressed = "receipt.no_printer_pressed" if self.allow_pdf else "receipt.no_printer_pressed_self"
            self._say(t(pressed, self.lang), error=True)
            return False
        printer = self._make_printer()
        page = self.page
        set_up_page(printer, self.receipt, page, printer.resolution())
        if not self._ask_printer(printer, self):
            return False
        # The print dialog may have reset the paper to the printer's default: put the slip size back.
        if page == "thermal80":
            set_up_page(printer, self.receipt, page, printer.resolution())
        if not paint_on(printer, self.receipt, page):
            log.warning("receipt printing could not start for %s", self.receipt.client_ref)
            name = printer.printerName()
            failed = t("receipt.print_failed_on", self.lang, printer=name) if name else None
            self._say(failed or t("receipt.print_failed", self.lang), error=True)
            self.later_button.setVisible(True)
            return False
        log.info("receipt printed for %s (%s)", self.receipt.client_ref, page)
        self._say(t("receipt.printed", self.lang))
        return True

    def save_pdf(self) -> Path | None:
        """Ask where to save; write one PDF there, or nothing at all when the person cancels."""
        lang = self.lang
        suggested = f"bien-nhan-{self.receipt.reference}.pdf"
        chosen = self._ask_save_name(
            self, t("receipt.save_pdf_title", lang), suggested, t("receipt.save_pdf_filter", lang)
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if not write_pdf(str(path), self.receipt, self.page):
            self._say(t("receipt.save_failed", lang), error=True)
            return None
        log.info("receipt saved as PDF by a person for %s", self.receipt.client_ref)
        self._say(t("receipt.saved", lang, name=path.name))
        return path


class ReceiptProblem(QDialog):
    """Why no receipt could be shown, in the kiosk's own large type, with one "Đóng" button."""

    def __init__(
        self,
        text: str,
        lang: Lang,
        parent: QWidget | None,
        *,
        text_scale: int = 100,
        high_contrast: bool = False,
    ) -> None:
        super().__init__(parent)
        scale = theme.clamp_scale(text_scale)
        self.setWindowTitle(t("receipt.dialog_title", lang))
        self.setModal(True)
        palette = theme.palette_for(high_contrast)
        self.setStyleSheet(
            theme.stylesheet(palette, scale) + f"QDialog {{ background-color: {palette.background}; }}"
        )
        # The size is fixed before showing (below): the layout never resizes a shown window.
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        self.message = label(text, "error")
        column.addWidget(self.message, 1)
        self.close_button = button(t("receipt.close", lang), "primary", t("receipt.close_name", lang))
        self.close_button.clicked.connect(self.reject)
        column.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.close_button.setFocus()
        # As tall as its message needs at its width, in its own type: at 200 % text the last line
        # of the message was cut off in the 240 pixels it had.
        self.ensurePolished()
        window = parent.window() if parent is not None else None
        width = min(round(560 * scale / 100), window.width() - 32) if window is not None else 560
        width = max(560, width)
        self.setMinimumSize(width, max(240, column.totalHeightForWidth(width)))


def _scale(value: object) -> int:
    return value if isinstance(value, int) else 100


def show_receipt(
    parent: QWidget,
    context: AppContext,
    client_ref: str,
    lang: Lang,
    *,
    on_open: Callable[[ReceiptPreview], None] | None = None,
    on_later: Callable[[], None] | None = None,
    **options: object,
) -> Future[Receipt]:
    """Load the dossier on the store worker and open its receipt preview ("In lại biên nhận" too).

    `on_later` runs when the person chooses "In sau" (the confirmation page says where to reprint).
    `options` go to ReceiptPreview (page, make_printer, ask_printer, ask_save_name, printers: tests
    inject them).
    """
    window = parent.window()
    scale = getattr(window, "scale", 100)
    high_contrast = getattr(window, "high_contrast", False)

    def work(store: Store) -> Receipt:
        return load_receipt(store, context.services.catalog, client_ref, lang)

    def opened(receipt: Receipt) -> None:
        dialog = ReceiptPreview(
            receipt,
            parent,
            text_scale=_scale(scale),
            high_contrast=high_contrast is True,
            allow_pdf=context.services.config.mode != SELF_SERVICE,
            **options,  # type: ignore[arg-type]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_later is not None:
            dialog.print_later.connect(on_later)

        def replace(receipt: Receipt) -> None:
            if isValid(dialog):  # the person may have closed it while the store was reading
                dialog.set_receipt(receipt)

        def refresh(changed: str) -> None:
            if changed == client_ref and isValid(dialog):
                context.tasks.run_store(work, replace)

        context.events.dossier_did_change.connect(refresh)
        dialog.destroyed.connect(lambda: context.events.dossier_did_change.disconnect(refresh))
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    def failed(error: BaseException) -> None:
        text = error.message(lang) if isinstance(error, KioskError) else t("receipt.load_failed", lang)
        if not isinstance(error, KioskError):
            log.error("receipt for %s did not open: %s", client_ref, type(error).__name__)
        notice = ReceiptProblem(
            text, lang, parent, text_scale=_scale(scale), high_contrast=high_contrast is True
        )
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notice.open()  # not exec(): the UI thread never waits inside a nested event loop

    return context.tasks.run_store(work, opened, failed)
