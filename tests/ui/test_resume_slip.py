"""Self-service "Lưu và tiếp tục sau": the resume code also goes home on a printed slip."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.drafts import CodeDialog


def test_the_slip_carries_the_code_and_how_to_come_back(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = CodeDialog(parent, "vi", "7KQ2-M9XD")
    target = tmp_path / "slip.pdf"

    def printer_chosen(printer: QPrinter, _parent: QWidget) -> bool:
        # Stands in for the print dialog: the "printer" writes what it receives to a file we can read.
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    dialog.ask_printer = printer_chosen
    dialog.printers = lambda: ["Máy in thử"]
    dialog.print_button.click()
    assert dialog.printed.text() == "Đã in phiếu. Vui lòng cất giữ phiếu cẩn thận."
    page = PdfReader(target).pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    assert round(width_mm) == 80
    text = " ".join(page.extract_text().split())
    assert "PHIẾU TIẾP TỤC HỒ SƠ" in text and "7KQ2-M9XD" in text
    assert "Tiếp tục hồ sơ đã lưu" in text


def test_a_cancelled_print_says_so_and_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = CodeDialog(parent, "vi", "7KQ2-M9XD")
    dialog.ask_printer = lambda _printer, _parent: False
    dialog.printers = lambda: ["Máy in thử"]
    dialog.print_button.click()
    assert "Chưa in được phiếu" in dialog.printed.text()
    assert list(tmp_path.iterdir()) == []


def test_without_a_printer_no_empty_print_dialog_opens(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = CodeDialog(parent, "vi", "7KQ2-M9XD")
    asked: list[QPrinter] = []
    dialog.ask_printer = lambda printer, _parent: asked.append(printer) is None and False
    dialog.printers = lambda: []
    dialog.print_button.click()
    assert asked == []
    assert dialog.printed.text() == "Máy này chưa có máy in. Vui lòng ghi mã ra giấy hoặc chụp ảnh mã."
