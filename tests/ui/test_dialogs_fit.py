"""Every dialog the kiosk opens fits a 1366×768 window at 200 % text, its buttons whole on screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Mode
from kiosk.i18n import t
from kiosk.session import Attempts
from ui.camera import CameraDialog, FrameSource
from ui.context import AppContext
from ui.drafts import CccdDialog, CodeDialog, ReopenDialog
from ui.keyboard.panel import KeyboardPanel
from ui.main_window import MainWindow
from ui.modes import PinDialog
from ui.privacy import ConfirmDialog, Dialog, IdleWarning
from ui.receipt import ReceiptPreview, ReceiptProblem
from ui.receipt_shots import sample_receipt
from ui.reuse import ReuseDialog
from ui.scan_image import ScanDialog
from ui.scan_input import ScanMessage
from ui.shots import clipped

FIELDS = ["Họ và tên", "Số thẻ căn cước (CCCD)", "Ngày sinh", "Địa chỉ thường trú", "Số điện thoại"]


def _plain(window: MainWindow) -> Dialog:
    """The session's plain message ("Không mở được hồ sơ" and the like) with its one button."""
    dialog = Dialog(window, t("session.resume.failed_title", "vi"), t("session.resume.failed", "vi"))
    dialog.add_button(t("session.ok", "vi"), "primary")
    return dialog


MAKERS: dict[str, Callable[[MainWindow, Catalog], QDialog]] = {
    "confirm": lambda w, _c: ConfirmDialog(
        w,
        t("session.discard.title", "vi"),
        t("session.discard.text", "vi"),
        t("session.discard.yes", "vi"),
        t("session.discard.no", "vi"),
    ),
    "plain": lambda w, _c: _plain(w),
    "idle": lambda w, _c: IdleWarning(w, "vi", 27),
    "cccd": lambda w, _c: CccdDialog(w, "vi"),
    "code": lambda w, _c: CodeDialog(w, "vi", "7KQ2-M9XD"),
    "reopen": lambda w, _c: ReopenDialog(w, "vi", Attempts()),
    "pin": lambda w, _c: PinDialog(w, "vi", Attempts()),
    "reuse": lambda w, _c: ReuseDialog(w, "vi", FIELDS),
    "scan": lambda w, _c: ScanDialog("vi", parent=w),
    "scan-message": lambda w, _c: ScanMessage(t("intake.no_camera", "vi"), "vi", w),
    "receipt": lambda w, c: ReceiptPreview(
        sample_receipt(c, "1.001193", "vi", accepted=True),
        w,
        text_scale=w.scale,
        high_contrast=w.high_contrast,
    ),
    "receipt-no-printer": lambda w, c: ReceiptPreview(
        sample_receipt(c, "1.001193", "vi", accepted=False),
        w,
        text_scale=w.scale,
        high_contrast=w.high_contrast,
        allow_pdf=w.context is None or w.context.services.config.mode != "self_service",
        printers=lambda: [],
    ),
    "receipt-problem": lambda w, _c: ReceiptProblem(
        t("receipt.load_failed", "vi"), "vi", w, text_scale=w.scale, high_contrast=w.high_contrast
    ),
    "camera": lambda w, _c: CameraDialog(
        FrameSource(), "vi", high_contrast=w.high_contrast, scale=w.scale, parent=w
    ),
}


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _cut(widget: QWidget, window: QRect, dialog: QRect) -> str | None:
    """Why `widget` does not show whole to the person (None when it does)."""
    where = _on_screen(widget)
    if not window.contains(where):
        return f"{where.getRect()} past the window {window.getRect()}"
    if not dialog.contains(where):
        return f"{where.getRect()} past the dialog {dialog.getRect()}"
    seen = widget.visibleRegion().boundingRect().size()
    if seen != widget.size():
        return f"only {seen.toTuple()} of {widget.size().toTuple()} shows (scrolled or squeezed away)"
    return None


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("mode", ["self_service", "post_office"])
@pytest.mark.parametrize("name", list(MAKERS))
def test_at_200_percent_each_dialog_fits_the_window_with_its_buttons_whole(
    make_window: Callable[..., MainWindow],
    context: AppContext,
    catalog: Catalog,
    qtbot: QtBot,
    name: str,
    mode: Mode,
    high_contrast: bool,
) -> None:
    context.services.config = replace(context.services.config, mode=mode)
    window = make_window(context=context, text_scale=200, high_contrast=high_contrast)
    dialog = MAKERS[name](window, catalog)
    dialog.open()
    qtbot.waitExposed(dialog)
    for _ in range(3):  # a text box's keyboard opens once the focus lands (self-service)
        QApplication.processEvents()
    # The window's area and the dialog's, without the frames a window manager adds (none on a kiosk).
    area = window.geometry()
    frame = dialog.geometry()
    assert area.contains(frame), f"{name}: dialog {frame.getRect()} does not fit the window {area.getRect()}"
    inside = QRect(dialog.mapToGlobal(QPoint(0, 0)), dialog.size())
    keyboards = dialog.findChildren(KeyboardPanel)
    actions = [
        b
        for b in dialog.findChildren(QPushButton)
        if b.isVisible() and not any(panel.isAncestorOf(b) for panel in keyboards)
    ]
    assert actions, f"{name}: no button to go on with"
    problems = {b.text(): why for b in actions if (why := _cut(b, area, inside)) is not None}
    # An on-screen keyboard (self-service, a dialog with a text box) shows whole too, under the buttons.
    for panel in (p for p in keyboards if p.isVisible()):
        if (why := _cut(panel, area, inside)) is not None:
            problems["keyboard"] = why
    assert not problems, f"{name}: {problems}"
    # The keyboard's own keys are its business (tests/ui/test_keyboard.py): the dialog's text here.
    assert [c for c in clipped(dialog) if not c.startswith("Key ")] == []
    dialog.reject()
