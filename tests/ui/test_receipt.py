"""The receipt on paper and on screen: its QR reads back, the slip is 80 mm, text wraps, print, save PDF."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog, Text
from kiosk.config import load_config
from kiosk.crypto import Sealer, training_key
from kiosk.receipt import Receipt, build_receipt
from kiosk.store import Assisted, Store
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.receipt import ReceiptPreview, ReceiptProblem, show_receipt
from ui.receipt_paint import MM_PER_INCH, SPECS, Page, paint_receipt, render_receipt_image, set_up_page
from ui.services import Services

KHAI_SINH = "1.001193"
CODE = "000.00.01.H26-261120-0007"
URL = f"https://dichvucong.example.gov.vn/tra-cuu/{CODE}"
APPLICANT = {"full_name": "Nguyễn Thị Hoa", "id_number": "001190012345", "phone": "0912345678"}
THERMAL_DPI = 203  # the usual 8 dots/mm head of an 80 mm receipt printer


def queued(store: Store, catalog: Catalog) -> str:
    proc = catalog.procedures[KHAI_SINH]
    ref = store.create_draft(proc.code, proc.version, Assisted("post_office", "BD-HN-017"))
    store.save_answers(ref, APPLICANT, {})
    store.finalize(ref, "agent:BD-HN-017")
    return ref


def deliver(store: Store, ref: str, tracking_url: str | None) -> None:
    """What sync does when the portal accepts the dossier."""
    item = store.lease_next("sync-test", datetime.now(UTC), timedelta(minutes=5))
    assert item is not None and item.client_ref == ref
    store.complete(
        item.id,
        {
            "dossier_code": CODE,
            "status": 1,
            "received_at": "2026-11-20T10:05:00+07:00",
            "due_at": "2026-11-25T17:00:00+07:00",
            "tracking_url": tracking_url,
            "fee": {"amount": 0, "currency": "VND"},
            "payment": None,
        },
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data", Sealer(training_key())) as opened:
        yield opened


def receipt_of(store: Store, catalog: Catalog, case: str) -> Receipt:
    ref = queued(store, catalog)
    if case != "local":
        deliver(store, ref, URL if case == "url" else None)
    return build_receipt(store.get_dossier(ref), catalog.procedures[KHAI_SINH], "vi")


def decode(image: QImage) -> list[str]:
    return [
        barcode.text for barcode in zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_RGB888))
    ]


@pytest.mark.parametrize(
    ("case", "expected"),
    [("local", "DVC-LOCAL:"), ("code", f"DVC:{CODE}"), ("url", URL)],
)
@pytest.mark.parametrize(("page", "dpi"), [("thermal80", THERMAL_DPI), ("a4", 150)])
def test_printed_qr_reads_back_as_the_payload(
    store: Store, catalog: Catalog, case: str, expected: str, page: Page, dpi: int
) -> None:
    receipt = receipt_of(store, catalog, case)
    if case == "local":
        expected += receipt.reference
    assert receipt.qr_payload == expected
    assert decode(render_receipt_image(receipt, page, dpi)) == [expected]


def test_thermal_slip_is_80_mm_wide_at_the_printer_resolution(store: Store, catalog: Catalog) -> None:
    receipt = receipt_of(store, catalog, "url")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(THERMAL_DPI)
    set_up_page(printer, receipt, "thermal80", THERMAL_DPI)
    layout = printer.pageLayout()
    assert layout.fullRectPixels(THERMAL_DPI).width() == pytest.approx(80 / MM_PER_INCH * THERMAL_DPI, abs=1)
    assert layout.paintRectPixels(THERMAL_DPI).width() == pytest.approx(72 / MM_PER_INCH * THERMAL_DPI, abs=1)
    image = render_receipt_image(receipt, "thermal80", THERMAL_DPI)
    assert image.width() == round(80 / MM_PER_INCH * THERMAL_DPI)
    # As tall as its content: longer than wide, far shorter than an A4 sheet.
    assert layout.fullRectPoints().height() == pytest.approx(image.height() / THERMAL_DPI * 72, abs=3)
    assert 80 < image.height() / THERMAL_DPI * MM_PER_INCH < 297


def _ink_columns(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    """Leftmost and rightmost column holding a dark pixel between rows top and bottom."""
    left, right = image.width(), -1
    for y in range(top, bottom, 2):
        for x in range(image.width()):
            if darkness(image.pixel(x, y)) < 128:
                left, right = min(left, x), max(right, x)
    return left, right


def darkness(rgb: int) -> int:
    return min((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)


@pytest.mark.parametrize("page", ["thermal80", "a4"])
def test_long_vietnamese_text_wraps_inside_the_margins(store: Store, catalog: Catalog, page: Page) -> None:
    base = receipt_of(store, catalog, "url")
    long_name = (
        "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi theo quy "
        "trình liên thông của Ủy ban nhân dân phường Nghĩa Đô, thành phố Hà Nội"
    )
    long_url = "https://dichvucong.example.gov.vn/tra-cuu/" + "x" * 120
    receipt = replace(base, procedure_name=long_name, qr_payload=long_url)
    receipt = replace(
        receipt, sections=(*receipt.sections, replace(receipt.sections[-1], paragraphs=(long_url,)))
    )
    dpi = 120
    spec = SPECS[page]
    px = dpi / MM_PER_INCH
    width = round(spec.width_mm * px)
    image = QImage(width, round(600 * px), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / MM_PER_INCH * 1000))
    image.setDotsPerMeterY(round(dpi / MM_PER_INCH * 1000))
    image.fill(Qt.GlobalColor.white)
    margin = spec.margin_mm * px
    rect = QRectF(margin, margin, width - 2 * margin, image.height() - 2 * margin)
    painter = QPainter(image)
    used = paint_receipt(painter, receipt, page, rect)
    painter.end()
    short_used = paint_receipt(None, base, page, QRectF(0, 0, rect.width(), 1e6), image)
    assert used > short_used  # the long texts took more lines instead of running off the side
    left, right = _ink_columns(image, 0, round(margin + used) + 1)
    assert left >= int(margin) and right <= round(rect.right()), (left, right, rect)
    assert right > rect.right() - 12 * px  # and they did use the width: nothing squeezed into a corner
    assert decode(image) == [long_url]


def _pdf_text(path: Path) -> str:
    # pypdf gives the gaps between words as tabs or line breaks: compare words, not layout.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _files(*roots: Path) -> set[Path]:
    return {path for root in roots for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def quiet_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Python's and Qt's temporary directory into the test's own directory, to watch it."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def make_preview(qtbot: QtBot, receipt: Receipt, **options: Any) -> ReceiptPreview:
    # A computer with a printer, unless the test says otherwise (tests/ui/test_receipt_no_printer.py).
    options.setdefault("printers", lambda: ["Máy in thử"])
    dialog = ReceiptPreview(receipt, **options)
    qtbot.addWidget(dialog)
    dialog.resize(1200, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("page", ["a4", "thermal80"])
def test_print_goes_to_the_printer_the_person_chose(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path, page: Page
) -> None:
    receipt = receipt_of(store, catalog, "code")
    out = tmp_path / "printer-output.pdf"
    asked: list[QPrinter] = []

    def pdf_printer() -> QPrinter:
        # Stands in for a real printer: Qt's PDF output, so the test can read what was printed.
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    def agree(printer: QPrinter, _parent: QWidget) -> bool:
        asked.append(printer)
        return True

    dialog = make_preview(qtbot, receipt, page=page, make_printer=pdf_printer, ask_printer=agree)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    text = _pdf_text(out)
    assert CODE in text and "BIÊN NHẬN HỒ SƠ" in text
    width_pt = float(PdfReader(out).pages[0].mediabox.width)
    assert width_pt == pytest.approx((80 if page == "thermal80" else 210) / MM_PER_INCH * 72, abs=1)
    assert dialog.status.text() == "Đã gửi biên nhận tới máy in."


def test_print_cancelled_prints_nothing(qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "printer-output.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    dialog = make_preview(
        qtbot, receipt_of(store, catalog, "local"), make_printer=pdf_printer, ask_printer=lambda *_: False
    )
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not out.exists() and dialog.status.text() == ""


def test_save_pdf_only_where_a_person_chooses(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path, quiet_tmp: Path
) -> None:
    receipt = receipt_of(store, catalog, "local")
    answers: list[str] = [""]
    suggested: list[str] = []

    def choose(_parent: QWidget, _caption: str, suggestion: str, _filter: str) -> str:
        suggested.append(suggestion)
        return answers.pop(0)

    before = _files(tmp_path)
    dialog = make_preview(qtbot, receipt, ask_save_name=choose)
    dialog.paper_buttons["thermal80"].click()  # switching the preview writes nothing either
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert suggested and Path(suggested[0]).name == f"bien-nhan-{receipt.reference}.pdf"
    assert _files(tmp_path) == before, "cancelling the save dialog must leave no file anywhere"
    assert not any(quiet_tmp.iterdir())

    answers.append(str(tmp_path / "chosen" / "bien-nhan"))
    (tmp_path / "chosen").mkdir()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    new = _files(tmp_path) - before
    assert new == {tmp_path / "chosen" / "bien-nhan.pdf"}
    assert receipt.reference in _pdf_text(tmp_path / "chosen" / "bien-nhan.pdf")
    assert dialog.status.text() == "Đã lưu biên nhận: bien-nhan.pdf"


def test_preview_is_keyboard_operable_and_named(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    dialog = make_preview(qtbot, receipt_of(store, catalog, "local"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.print_button
    seen = []
    for _ in range(8):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    for control in (dialog.paper_buttons["a4"], dialog.save_button, dialog.close_button, dialog.preview_area):
        assert control in seen
    for control in (
        *dialog.paper_buttons.values(),
        dialog.print_button,
        dialog.save_button,
        dialog.close_button,
    ):
        assert control.accessibleName()
        assert control.height() >= 44 and control.width() >= 44
    # The picture is described for screen readers with the slip's own text.
    assert "Nguyễn T. H." in dialog.preview.accessibleDescription()
    wide = dialog.preview.pixmap().width()
    dialog.paper_buttons["a4"].setFocus()
    qtbot.keyClick(dialog.paper_buttons["a4"], Qt.Key.Key_Down)
    assert dialog.page == "thermal80" and dialog.preview.pixmap().width() < wide
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=load_config(tmp_path / "data"), data_dir=tmp_path / "data", key=training_key())
    made = AppContext.create(services)
    yield made
    made.close()
    services.close()


def _open(qtbot: QtBot, window: MainWindow, context: AppContext, ref: str, **options: Any) -> ReceiptPreview:
    opened: list[ReceiptPreview] = []
    show_receipt(window, context, ref, "vi", on_open=opened.append, **options)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    return opened[0]


def test_reprint_from_a_real_store_follows_sync(
    qtbot: QtBot, make_window: Callable[..., MainWindow], context: AppContext, catalog: Catalog
) -> None:
    window = make_window(context=context)
    ref = context.tasks.run_store(lambda store: queued(store, catalog)).result()
    dialog = _open(qtbot, window, context, ref)
    local = context.services.store.get_dossier(ref).local_ref
    assert dialog.reference.text() == f"Mã tạm: {local}"
    assert "sẽ được thay bằng mã hồ sơ" in dialog.note.text()
    assert dialog.isVisible() and dialog.parent() is window

    # Sync delivers the dossier and announces it: the open receipt now carries the dossier code.
    context.tasks.run_store(lambda store: deliver(store, ref, None)).result()
    context.events.dossier_did_change.emit(ref)
    qtbot.waitUntil(lambda: dialog.reference.text() == f"Mã hồ sơ: {CODE}", timeout=5000)
    assert not dialog.note.isVisible()
    assert decode(dialog.preview.pixmap().toImage()) == [f"DVC:{CODE}"]
    dialog.close()

    again = _open(qtbot, window, context, ref, page="thermal80")  # "In lại biên nhận" later
    assert again.reference.text() == f"Mã hồ sơ: {CODE}" and again.page == "thermal80"
    again.close()


def test_a_self_service_terminal_offers_no_pdf_to_leave_behind(
    qtbot: QtBot, make_window: Callable[..., MainWindow], context: AppContext, catalog: Catalog
) -> None:
    """A PDF saved at a self-service terminal stays on it, unencrypted, for the next person: only print."""
    window = make_window(context=context)
    ref = context.tasks.run_store(lambda store: queued(store, catalog)).result()
    assisted = _open(qtbot, window, context, ref)
    assert assisted.save_button.isVisible()
    assisted.close()
    context.services.config = replace(context.services.config, mode="self_service")
    alone = _open(qtbot, window, context, ref)
    assert not alone.save_button.isVisible() and alone.print_button.isVisible()
    alone.close()


def test_a_draft_has_no_receipt_to_show(
    qtbot: QtBot, make_window: Callable[..., MainWindow], context: AppContext
) -> None:
    window = make_window(context=context)
    ref = context.tasks.run_store(
        lambda store: store.create_draft(KHAI_SINH, "1", Assisted("post_office"))
    ).result()
    show_receipt(window, context, ref, "vi")

    def box() -> ReceiptProblem | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReceiptProblem) and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: box() is not None, timeout=5000)
    shown = box()
    assert shown is not None and "chưa được nộp" in shown.message.text()
    qtbot.keyClick(shown.close_button, Qt.Key.Key_Return)
    assert not shown.isVisible()
    assert not any(isinstance(w, ReceiptPreview) for w in QApplication.topLevelWidgets() if w.isVisible())


def test_english_receipt_text(store: Store, catalog: Catalog) -> None:
    ref = queued(store, catalog)
    proc = replace(catalog.procedures[KHAI_SINH], name=Text(vi="Đăng ký khai sinh", en="Birth registration"))
    receipt = build_receipt(store.get_dossier(ref), proc, "en")
    assert decode(render_receipt_image(receipt, "thermal80", THERMAL_DPI)) == [receipt.qr_payload]
    assert receipt.title == "DOSSIER RECEIPT" and "Birth registration" in receipt.plain_text()
