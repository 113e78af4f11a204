"""A CCCD card's QR code from a photo, an image file or camera frames, decoded with zxing-cpp."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import qrcode
from PIL import Image
from PySide6.QtGui import QImage

from kiosk.journey import APPLICANT
from kiosk.rules.cccd import CccdCard, build_cccd_qr
from ui.main_window import MainWindow
from ui.scan_image import CameraReader, ScanDialog, decode_file, decode_qr
from ui.scan_input import ScanController

TODAY = date(2026, 11, 22)
CARD = CccdCard(
    id_number="040185004567",
    old_id_number="186000111",
    full_name="Lê Thị Thu Hương",
    date_of_birth=date(1985, 11, 30),
    gender="female",
    address="Xóm 3, Xã Nghi Phong, Huyện Nghi Lộc, Nghệ An",
    issued_on=date(2021, 8, 15),
)
PAYLOAD = build_cccd_qr(CARD)


def render(payload: str, *, angle: float = 0, scale: float = 1.0) -> Image.Image:
    """The QR code as a card's photo might show it: drawn by qrcode, then turned and resized."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6, border=4)
    code.add_data(payload.encode("utf-8"))
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=255)
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    return image


def as_qimage(image: Image.Image) -> QImage:
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8)
    return qimage.copy()  # own the pixels: `data` goes away


@pytest.mark.parametrize(("angle", "scale"), [(0, 1.0), (90, 1.0), (180, 0.7), (23, 1.0), (-41, 1.6)])
def test_a_rendered_card_code_decodes_back_to_the_exact_payload(angle: float, scale: float) -> None:
    assert decode_qr(as_qimage(render(PAYLOAD, angle=angle, scale=scale))) == PAYLOAD


def test_an_image_file_is_decoded_and_bad_files_say_why(tmp_path: Path) -> None:
    photo = tmp_path / "the card.jpg"
    render(PAYLOAD, angle=12, scale=2.0).convert("RGB").save(photo, quality=85)
    assert decode_file(photo) == (PAYLOAD, None)
    blank = tmp_path / "blank.png"
    Image.new("L", (400, 300), 255).save(blank)
    assert decode_file(blank) == (None, "intake.image_no_qr")
    fake = tmp_path / "not-an-image.png"
    fake.write_bytes(b"MZ\x90\x00 an executable")
    assert decode_file(fake) == (None, "intake.image_unreadable")
    assert decode_file(tmp_path / "missing.png") == (None, "intake.image_unreadable")


def test_camera_frames_are_decoded_until_one_holds_the_code(qtbot: Any) -> None:
    camera = CameraReader()
    got: list[str] = []
    camera.payload_did_arrive.connect(got.append)
    assert not camera.feed_frame(as_qimage(Image.new("L", (640, 480), 200)))  # nothing yet
    assert not camera.feed_frame(QImage())  # a dropped frame
    frame = Image.new("L", (640, 480), 180)
    frame.paste(render(PAYLOAD, angle=8, scale=0.8), (60, 40))
    assert camera.feed_frame(as_qimage(frame))
    assert not camera.feed_frame(as_qimage(frame))  # one card per look
    assert got == [PAYLOAD]


def test_scan_card_button_reads_a_photo_and_fills_the_journey(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    window = make_window()
    controller = ScanController(window, None, today=lambda: TODAY)
    try:
        window.show_prepare("2.000635")
        assert window.prepare is not None
        window.prepare.start.click()
        journey = window.journey
        assert journey is not None
        controller._screen_changed(0)  # the journey was shown before the controller existed
        assert journey.scan_button is not None and journey.scan_button.isVisible()
        bad, good = tmp_path / "blurred.png", tmp_path / "card.png"
        Image.new("L", (300, 300), 255).save(bad)
        render(PAYLOAD, angle=90).save(good)
        journey.scan_button.click()
        dialog = journey.findChild(ScanDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.chooser = lambda *_args: str(bad)
        dialog.image_button.click()
        assert dialog.problem.isVisible()
        assert "Không tìm thấy mã QR" in dialog.problem.text()
        assert journey.journey.applicant() == {}
        dialog.chooser = lambda *_args: str(good)
        dialog.image_button.click()
        assert not dialog.isVisible()
        assert journey.journey.applicant()["full_name"] == "Lê Thị Thu Hương"
        assert journey.journey.applicant()["id_number"] == "040185004567"
        assert journey.journey.current.id == APPLICANT + "phone"
    finally:
        controller.remove()


def test_without_a_camera_the_dialog_says_so(make_window: Callable[..., MainWindow], qtbot: Any) -> None:
    window = make_window()
    dialog = ScanDialog("vi", parent=window)
    dialog.open()
    if CameraReader.available():
        pytest.skip("this machine has a camera")
    dialog.camera_button.click()
    assert dialog.problem.isVisible()
    assert "không có camera" in dialog.problem.text()
    dialog.reject()
