"""A photo of a document from the terminal's webcam (QtMultimedia), with the frame source injectable.

The dialog shows the live picture and "Chụp" keeps the latest frame. Frames come from a `FrameSource`:
the real one wraps QCamera + QVideoSink; tests feed QImage frames through their own (no camera in CI).
The photo leaves as PNG bytes, encoded on a worker, and then goes through `prepare_photo` and every
check like any other file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.i18n import Lang, t
from ui import theme
from ui.widgets import button, label, repolish

log = logging.getLogger("ui.camera")
PREVIEW = (640, 480)
PREVIEW_LARGE_TEXT = (400, 300)  # at 150 % text and more: the dialog still fits a 1366×768 screen
MAX_FORMAT_PIXELS = 3840 * 2160  # the sharpest format up to 4K: text on a page stays readable


class FrameSource(QObject):
    """Pictures from a camera: `frame` for each new one, `failed` when the camera stops working."""

    frame = Signal(QImage)
    failed = Signal()

    def start(self) -> None:
        """Start delivering frames."""

    def stop(self) -> None:
        """Stop delivering frames and release the camera."""


# Makes the frame source for a dialog, or None when this computer has no camera. Tests pass their own.
CameraFactory = Callable[[QObject], FrameSource | None]


class QtCameraSource(FrameSource):
    """The terminal's default camera through QCamera, frames taken from a QVideoSink."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        device = QMediaDevices.defaultVideoInput()
        self._camera = QCamera(device, self)
        formats = [f for f in device.videoFormats() if self._pixels(f) <= MAX_FORMAT_PIXELS]
        if formats:
            self._camera.setCameraFormat(max(formats, key=self._pixels))
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._camera.errorOccurred.connect(self._on_error)

    @staticmethod
    def _pixels(video_format: object) -> int:
        size = video_format.resolution()  # type: ignore[attr-defined]
        return int(size.width() * size.height())

    def _on_frame(self, video_frame: object) -> None:
        image = video_frame.toImage()  # type: ignore[attr-defined]
        if not image.isNull():
            self.frame.emit(image)

    def _on_error(self, *_args: object) -> None:
        log.warning("camera error")  # the device's text may name the machine; the person sees a message
        self.failed.emit()

    def start(self) -> None:
        self._camera.start()

    def stop(self) -> None:
        self._camera.stop()


def default_camera(parent: QObject) -> FrameSource | None:
    """The terminal's camera, or None when it has none (CI, most counter PCs)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:  # a Qt build without multimedia: the same as no camera
        return None
    if not QMediaDevices.videoInputs():
        return None
    return QtCameraSource(parent)


def image_bytes(image: QImage) -> bytes:
    """A captured frame as PNG bytes; runs on a worker (QImage and QBuffer are safe off the UI thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
    buffer.close()
    return bytes(data.data())


def dialog_stylesheet(high_contrast: bool, scale: int) -> str:
    """The kiosk theme plus the preview frame (ui/journey/style.py is not imported: ui.journey imports
    this module)."""
    p = theme.palette_for(high_contrast)
    return theme.stylesheet(p, scale) + (
        f"QDialog {{ background-color: {p.background}; }}\n"
        f'QLabel[role="preview"] {{ border: 2px solid {p.border}; background: {p.surface}; }}\n'
    )


class CameraDialog(QDialog):
    """ "Chụp ảnh": the live picture, "Chụp" keeps the latest frame, "Huỷ" keeps nothing."""

    captured = Signal(QImage)

    def __init__(
        self,
        source: FrameSource,
        lang: Lang,
        *,
        high_contrast: bool = False,
        scale: int = 100,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("camera-dialog")
        scale = theme.clamp_scale(scale)
        self.setStyleSheet(dialog_stylesheet(high_contrast, scale))
        self._preview_size = PREVIEW if scale < 150 else PREVIEW_LARGE_TEXT
        self.setModal(True)
        self.setWindowTitle(t("documents.camera.title", lang))
        self.source = source
        self.latest: QImage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        # The window's size is set once: a shown window is never asked to change its size hints.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.heading = label(t("documents.camera.title", lang), "h2")
        self.hint = label(t("documents.camera.hint", lang))
        self.status = label(t("documents.camera.starting", lang), "muted")
        self.status.setObjectName("camera-status")
        self.preview = QLabel()
        self.preview.setProperty("role", "preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(*self._preview_size)
        self.preview.setAccessibleName(t("documents.camera.preview_name", lang))
        row = QHBoxLayout()
        row.setSpacing(12)
        self.take = button(t("documents.camera.take", lang), "primary", t("documents.camera.take_name", lang))
        self.take.setObjectName("camera-take")
        self.take.setEnabled(False)  # until the first frame: nothing to keep yet
        self.cancel = button(t("documents.camera.cancel", lang), "secondary")
        self.cancel.setObjectName("camera-cancel")
        row.addWidget(self.take)
        row.addWidget(self.cancel)
        row.addStretch(1)
        for widget in (self.heading, self.hint, self.status):
            layout.addWidget(widget)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(row)
        self._lang: Lang = lang
        self.resize(layout.sizeHint().expandedTo(self.minimumSizeHint()))
        source.frame.connect(self._on_frame)
        source.failed.connect(self._on_failed)
        self.take.clicked.connect(self._take)
        self.cancel.clicked.connect(self.reject)
        self.finished.connect(lambda _result: self.source.stop())
        source.start()

    def _on_frame(self, image: QImage) -> None:
        self.latest = image
        if not self.take.isEnabled():
            self.take.setEnabled(True)
            self.status.setText("")
            self.take.setFocus(Qt.FocusReason.OtherFocusReason)
        scaled = image.scaled(
            *self._preview_size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
        )
        self.preview.setPixmap(QPixmap.fromImage(scaled))

    def _on_failed(self) -> None:
        self.take.setEnabled(False)
        self.status.setText(t("documents.camera.failed", self._lang))
        self.status.setProperty("role", "error")
        repolish(self.status)
        self.cancel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _take(self) -> None:
        if self.latest is None:
            return
        photo = self.latest.copy()  # the camera's buffer is reused for the next frame
        self.accept()
        self.captured.emit(photo)
