"""The consent panel: a signature drawn with the mouse, "Xoá chữ ký", a scanned authorization checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from ui.consent import AUTHORIZATION, SIGNATURE, ConsentPanel, Evidence, check_authorization


def panel_with(qtbot: Any, chosen: Path | None = None) -> ConsentPanel:
    host = QWidget()  # a plain window: the panel lives in a page, never as a window of its own
    qtbot.addWidget(host)
    host.resize(900, 500)
    panel = ConsentPanel(host)
    panel.host_window = host  # type: ignore[attr-defined]  # keeps the window alive with the panel
    panel.resize(900, 500)
    host.show()
    qtbot.waitExposed(host)
    panel.chooser = lambda _parent, _title, _filter: str(chosen) if chosen else None

    def check(path: Path, ok: Callable[[Evidence], None], bad: Callable[[BaseException], None]) -> None:
        try:
            evidence = check_authorization(path)
        except Exception as error:  # the panel shows what is wrong
            bad(error)
        else:
            ok(evidence)

    panel.checker = check
    return panel


def scribble(pad: Any) -> None:
    points = [QPoint(30 + 40 * i, 60 + (30 if i % 2 else -20)) for i in range(8)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def test_a_drawn_signature_becomes_a_png_with_ink_and_xoa_clears_it(qtbot: Any) -> None:
    panel = panel_with(qtbot)
    assert panel.evidence() is None  # nothing drawn: no consent
    QTest.mouseClick(panel.pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
    assert panel.evidence() is None  # a tap is not a signature
    scribble(panel.pad)
    evidence = panel.evidence()
    assert evidence is not None and evidence.doc_type == SIGNATURE and evidence.media_type == "image/png"
    image = QImage.fromData(evidence.data, "PNG")
    assert not image.isNull() and (image.width(), image.height()) == (900, 300)
    dark = sum(
        1 for x in range(0, 900, 3) for y in range(0, 300, 3) if QColor(image.pixel(x, y)).lightness() < 100
    )
    assert dark > 20  # the strokes are in the picture
    assert panel.clear_button.text() == "Xoá chữ ký"
    QTest.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.evidence() is None and panel.pad.strokes == []


def test_a_scanned_authorization_is_checked_and_named_without_the_citizen(qtbot: Any, tmp_path: Path) -> None:
    scan = tmp_path / "Giay uy quyen Nguyen Van An.png"
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    assert image.save(str(scan), "PNG")  # type: ignore[call-overload]
    panel = panel_with(qtbot, scan)
    scribble(panel.pad)
    QTest.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    evidence = panel.evidence()
    assert evidence is not None and evidence.doc_type == AUTHORIZATION  # the scan wins over the drawing
    assert evidence.filename == "giay-uy-quyen.png" and "Nguyen" not in evidence.filename
    assert panel.status.isVisible() and panel.status.text().startswith("Đã chọn giấy ủy quyền")


def test_a_file_that_is_not_a_document_is_refused_with_what_to_do(qtbot: Any, tmp_path: Path) -> None:
    bogus = tmp_path / "uy-quyen.png"
    bogus.write_bytes(b"this is not a picture")
    panel = panel_with(qtbot, bogus)
    QTest.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    assert panel.evidence() is None and panel.problem.isVisible() and panel.problem.text()
    assert panel.choose_button.isEnabled()
