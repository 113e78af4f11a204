"""Printing that tells the truth: no printer → "Máy này chưa có máy in", "Lưu PDF" / "In sau", never an
empty print dialog; a print that fails says so without blaming the person's choice of printer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import Sealer, training_key
from kiosk.receipt import Receipt, build_receipt
from kiosk.store import Assisted, Store
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.receipt import ReceiptPreview, show_receipt
from ui.services import Services

KHAI_SINH = "1.001193"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data", Sealer(training_key())) as opened:
        yield opened


def queued(store: Store, catalog: Catalog, kind: str = "post_office") -> str:
    proc = catalog.procedures[KHAI_SINH]
    agent = None if kind == "self_service" else "BD-HN-017"
    ref = store.create_draft(proc.code, proc.version, Assisted(kind, agent))
    store.save_answers(ref, {"full_name": "Nguyễn Thị Hoa"}, {})
    store.finalize(ref, f"kiosk:{kind}")
    return ref


def receipt_of(store: Store, catalog: Catalog, kind: str = "post_office") -> Receipt:
    ref = queued(store, catalog, kind)
    return build_receipt(store.get_dossier(ref), catalog.procedures[KHAI_SINH], "vi")


class Asked:
    """The print dialog stand-in: counts how often it was opened."""

    def __init__(self) -> None:
        self.times = 0

    def __call__(self, _printer: QPrinter, _parent: QWidget) -> bool:
        self.times += 1
        return False


def preview(qtbot: QtBot, receipt: Receipt, **options: Any) -> ReceiptPreview:
    dialog = ReceiptPreview(receipt, **options)
    qtbot.addWidget(dialog)
    dialog.resize(1256, 722)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_no_printer_says_so_offers_pdf_and_later_and_never_opens_an_empty_dialog(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    asked = Asked()
    dialog = preview(qtbot, receipt_of(store, catalog), printers=lambda: [], ask_printer=asked)
    assert dialog.no_printer.isVisible()
    assert dialog.no_printer_title.text() == "Máy này chưa có máy in"
    assert "Tra cứu hồ sơ" in dialog.no_printer_text.text()
    assert dialog.save_button.isVisible() and dialog.later_button.isVisible()
    assert dialog.save_button.isDefault() and not dialog.print_button.isDefault()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked.times == 0  # no print dialog listing nothing
    assert (
        dialog.status.text() == "Chưa in được: máy này chưa có máy in. Vui lòng bấm “Lưu PDF” hoặc “In sau”."
    )
    later: list[bool] = []
    dialog.print_later.connect(lambda: later.append(True))
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert later == [True] and not dialog.isVisible()


def test_a_self_service_terminal_without_printer_shows_the_qr_to_photograph(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    receipt = receipt_of(store, catalog, "self_service")
    dialog = preview(qtbot, receipt, printers=lambda: [], allow_pdf=False)
    assert not dialog.save_button.isVisible() and dialog.later_button.isVisible()
    assert dialog.later_button.isDefault()
    words = dialog.no_printer_text.text()
    assert words.startswith("Vui lòng chụp ảnh mã QR") and "bạn" not in words.lower()
    image = dialog.no_printer_qr.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB888)
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [receipt.qr_payload]


def test_a_printer_connected_since_the_dialog_opened_is_used(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    printers: list[str] = []
    asked = Asked()
    dialog = preview(qtbot, receipt_of(store, catalog), printers=lambda: list(printers), ask_printer=asked)
    assert dialog.no_printer.isVisible()
    printers.append("Máy in quầy 1")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked.times == 1


# The printer that cannot start is a PDF into a missing folder: Qt says so in its log, as it would for a
# real printer that refuses the job.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_print_that_cannot_start_says_what_to_check_and_offers_later(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    def unwritable() -> QPrinter:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))
        return printer

    dialog = preview(
        qtbot,
        receipt_of(store, catalog),
        printers=lambda: ["Máy in quầy 1"],
        make_printer=unwritable,
        ask_printer=lambda _p, _w: True,
    )
    assert not dialog.no_printer.isVisible() and not dialog.later_button.isVisible()
    assert dialog.print_button.isDefault()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    said = dialog.status.text()
    assert said.startswith("Chưa in được") and "đã chọn đúng máy in" not in said and "“In sau”" in said
    assert dialog.later_button.isVisible()


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    made = AppContext.create(services)
    yield made
    made.close()
    services.close()


def test_print_later_from_the_shown_receipt_tells_its_opener(
    qtbot: QtBot, make_window: Callable[..., MainWindow], context: AppContext, catalog: Catalog
) -> None:
    window = make_window(context=context)
    ref = context.tasks.run_store(lambda store: queued(store, catalog)).result()
    opened: list[ReceiptPreview] = []
    later: list[bool] = []
    show_receipt(
        window,
        context,
        ref,
        "vi",
        on_open=opened.append,
        on_later=lambda: later.append(True),
        printers=lambda: [],
    )
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    dialog = opened[0]
    assert dialog.no_printer.isVisible()
    assert "Nộp tại quầy bưu điện" in dialog.receipt.plain_text()
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert later == [True]


def test_print_later_after_filing_says_on_the_confirmation_where_to_reprint(
    qtbot: QtBot, make_window: Callable[..., MainWindow], context: AppContext, catalog: Catalog
) -> None:
    from ui.journey.view import JourneyView

    make_window(context=context)  # the kiosk running, as when a dossier was just filed
    ref = context.tasks.run_store(lambda store: queued(store, catalog)).result()
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    view = JourneyView(catalog.procedures[KHAI_SINH], context=context, dossier=dossier, mode="post_office")
    qtbot.addWidget(view)
    opened: list[ReceiptPreview] = []
    view.receipt_options = {"printers": lambda: [], "on_open": opened.append}
    view.confirmation.receipt_requested.emit()  # "Xem và in biên nhận"
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    qtbot.mouseClick(opened[0].later_button, Qt.MouseButton.LeftButton)
    assert view.confirmation.notice.text() == (
        "Biên nhận chưa in. Khi đã có máy in, mở “Tra cứu hồ sơ” và bấm “In lại biên nhận”."
    )
