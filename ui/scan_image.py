"""A CCCD QR code from a photo, an image file or a webcam (QtMultimedia), decoded with zxing-cpp."""

from __future__ import annotations

import logging
from pathlib import Path

import zxingcpp
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from kiosk.i18n import Lang, t
from ui.file_dialogs import OpenChooser, choose_open_file
from ui.privacy import Dialog
from ui.widgets import label

log = logging.getLogger("ui.scan_image")
MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a phone photo is a few MB; more is not a photo of a card
MAX_SIDE = 2000  # zxing finds a card's QR code faster, and as surely, in a photo scaled down to this


def decode_qr(image: QImage) -> str | None:
    """The text of the first QR code in `image`, or None; rotated, scaled and mirrored-light codes too."""
    if image.isNull():
        return None
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(
            MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    texts = [str(code.text) for code in found if code.valid and code.text]
    return texts[0] if texts else None


def decode_file(path: Path) -> tuple[str | None, str | None]:
    """(payload, None), or (None, message key) when the file is not an image or holds no QR code."""
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None, "intake.image_unreadable"
        image = QImage(str(path))
    except OSError:
        return None, "intake.image_unreadable"
    if image.isNull():
        return None, "intake.image_unreadable"
    payload = decode_qr(image)
    return (payload, None) if payload else (None, "intake.image_no_qr")


class CameraReader(QObject):
    """Frames from the first camera, decoded until one holds a QR code; `feed_frame` takes injected ones.

    Without a camera (CI, most counter PCs) `available` is False and nothing starts.
    """

    payload_did_arrive = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: object | None = None
        self._camera: object | None = None
        self._busy = False

    @staticmethod
    def available() -> bool:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError:  # QtMultimedia needs system libraries (PulseAudio…) a kiosk may lack
            log.warning("camera support is not available on this computer")
            return False
        return bool(QMediaDevices.videoInputs())

    def start(self) -> bool:
        if not self.available():
            return False
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        inputs = QMediaDevices.videoInputs()
        if not inputs:
            return False
        camera = QCamera(inputs[0], self)
        session = QMediaCaptureSession(self)
        sink = QVideoSink(self)
        session.setCamera(camera)
        session.setVideoSink(sink)
        sink.videoFrameChanged.connect(lambda frame: self.feed_frame(frame.toImage()))
        camera.start()
        self._camera, self._session = camera, session
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()  # type: ignore[attr-defined]
        self._camera = self._session = None

    def feed_frame(self, image: QImage) -> bool:
        """Decode one frame; True (and the payload emitted once) when it held a QR code."""
        if self._busy:
            return False
        payload = decode_qr(image)
        if not payload:
            return False
        self._busy = True  # one card per look: later frames of the same code are ignored
        self.stop()
        self.payload_did_arrive.emit(payload)
        return True


class ScanDialog(Dialog):
    """ "Quét thẻ căn cước": what to do with a scanner, or read the code with the camera or from a photo."""

    payload_did_arrive = Signal(str)

    def __init__(self, lang: Lang, *, chooser: OpenChooser = choose_open_file, parent: QWidget):
        super().__init__(parent, t("intake.dialog_title", lang), t("intake.dialog_text", lang))
        self.setObjectName("scan-dialog")
        self.lang: Lang = lang
        self.chooser = chooser
        self.problem = label("", "error")
        self.problem.setObjectName("scan-problem")
        self.problem.setVisible(False)
        self.column.insertWidget(2, self.problem)
        self.image_button = self.add_button(
            t("intake.choose_image", lang), "primary", t("intake.choose_image_name", lang)
        )
        self.image_button.setObjectName("scan-choose-image")
        self.camera_button = self.add_button(
            t("intake.use_camera", lang), "primary", t("intake.use_camera_name", lang)
        )
        self.camera_button.setObjectName("scan-camera")
        self.close_button = self.add_button(t("intake.close", lang), "link", t("intake.close_name", lang))
        self.camera = CameraReader(self)
        self.camera.payload_did_arrive.connect(self._found)
        self.image_button.clicked.connect(self._choose_image)
        self.camera_button.clicked.connect(self._use_camera)
        self.close_button.clicked.connect(self.reject)
        self.finished.connect(lambda _result: self.camera.stop())

    def _say(self, key: str) -> None:
        self.problem.setText(t(key, self.lang))
        self.problem.setVisible(True)

    def _choose_image(self) -> None:
        path = self.chooser(self, t("intake.choose_image", self.lang), t("intake.image_filter", self.lang))
        if not path:
            return
        payload, problem = decode_file(Path(path))
        if payload is None:
            self._say(problem or "intake.image_no_qr")
            return
        self._found(payload)

    def _use_camera(self) -> None:
        if not self.camera.start():
            self._say("intake.no_camera")
            return
        self.text.setText(t("intake.camera_looking", self.lang))

    def _found(self, payload: str) -> None:
        self.accept()
        self.payload_did_arrive.emit(payload)
