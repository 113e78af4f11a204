"""The attachment step's input: "Chọn tệp", "Từ máy quét", "Chụp ảnh", a preview, replace or remove it.

The work behind the buttons (checks off the UI thread, keeping the file sealed) is in attach_flow.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.catalog import Question
from kiosk.i18n import Lang, t
from kiosk.journey import Raw
from kiosk.store import AttachmentInfo
from ui.journey.inputs import AnswerInput
from ui.widgets import ScrollPage, button, label

PREVIEW_SIZE = (360, 260)


@dataclass(frozen=True)
class Stored:
    """What the store worker hands back after keeping a chosen file."""

    info: AttachmentInfo
    data: bytes  # for the preview only; dropped with the widget
    pages: int | None  # PDF page count, when it could be read


def _size_text(size: int, lang: Lang) -> str:
    text = f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{max(1, round(size / 1024))} KB"
    return text.replace(".", ",") if lang == "vi" else text


def _pdf_preview(data: bytes) -> QImage | None:
    """The PDF's first page, when this Qt build has QtPdf; otherwise the name and page count suffice."""
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtPdf import QPdfDocument  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.pageCount() < 1:
        return None
    image = document.render(0, QSize(*PREVIEW_SIZE))
    return None if image.isNull() else image


class AttachmentInput(AnswerInput):
    """Shows the file chosen for one attachment page; the journey view does the store work."""

    choose_requested = Signal()
    scanner_requested = Signal()  # "Từ máy quét": the newest scan in the scanner's folder
    camera_requested = Signal()  # "Chụp ảnh": a webcam photo
    remove_requested = Signal(str)  # attachment id
    remove_scan_requested = Signal()  # delete the scanner's plain-text copy once the file is kept

    def __init__(self, question: Question, name: str, lang: Lang) -> None:
        super().__init__()
        self.question = question
        self._lang: Lang = lang
        self._info: AttachmentInfo | None = None
        self._pages: int | None = None
        self._busy_key: str | None = None
        self._note: tuple[str, dict[str, object]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.status = label("", "muted")
        self.preview = QLabel()
        self.preview.setProperty("role", "preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setVisible(False)
        self.info_label = label("")
        self.info_label.setObjectName(f"attachment-info-{question.id}")
        row = QHBoxLayout()
        row.setSpacing(12)
        self.choose = button("", "secondary")
        self.choose.setObjectName(f"choose-{question.id}")
        self.remove = button("", "link")
        self.remove.setObjectName(f"remove-{question.id}")
        self.scanner = button("", "secondary")
        self.scanner.setObjectName(f"scanner-{question.id}")
        self.camera = button("", "secondary")
        self.camera.setObjectName(f"camera-{question.id}")
        self.note = label("", "muted")  # what the scanner or camera says, and the offer to delete a scan
        self.note.setObjectName(f"attachment-note-{question.id}")
        self.note.setVisible(False)
        self.remove_scan = button("", "secondary")
        self.remove_scan.setObjectName(f"remove-scan-{question.id}")
        self.remove_scan.setVisible(False)
        self.choose.clicked.connect(self.choose_requested.emit)
        self.scanner.clicked.connect(self.scanner_requested.emit)
        self.camera.clicked.connect(self.camera_requested.emit)
        self.remove.clicked.connect(self._remove)
        self.remove_scan.clicked.connect(self.remove_scan_requested.emit)
        for source in (self.choose, self.scanner, self.camera):
            row.addWidget(source)
        row.addStretch(1)
        for widget in (self.status, self.preview, self.info_label):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.note)
        more = QHBoxLayout()
        more.setSpacing(12)
        more.addWidget(self.remove_scan)
        more.addWidget(self.remove)
        more.addStretch(1)
        layout.addLayout(more)
        self.setAccessibleName(name)
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self._lang = lang
        has_file = self._info is not None
        self.choose.setText(t("journey.attach.replace" if has_file else "journey.attach.choose", lang))
        self.choose.setAccessibleName(
            self.choose.text() if has_file else t("journey.attach.choose_name", lang)
        )
        self.remove.setText(t("journey.attach.remove", lang))
        self.remove.setAccessibleName(self.remove.text())
        self.remove.setVisible(has_file)
        self.scanner.setText(t("documents.scanner.button", lang))
        self.scanner.setAccessibleName(t("documents.scanner.button_name", lang))
        self.camera.setText(t("documents.camera.button", lang))
        self.camera.setAccessibleName(t("documents.camera.button_name", lang))
        self.remove_scan.setText(t("documents.scanner.remove", lang))
        self.remove_scan.setAccessibleName(self.remove_scan.text())
        self.preview.setAccessibleName(t("journey.attach.preview_name", lang))
        if self._busy_key is not None:
            self.status.setText(t(self._busy_key, lang))
        else:
            self.status.setText("" if has_file else t("journey.attach.none", lang))
        self.status.setVisible(self._busy_key is not None or not has_file)
        self.note.setText(t(self._note[0], lang, **self._note[1]) if self._note else "")
        self.note.setVisible(self._note is not None)
        self._describe()

    def _describe(self) -> None:
        info = self._info
        if info is None:
            self.info_label.setText("")
            self.info_label.setVisible(False)
            return
        size = _size_text(info.size, self._lang)
        if self._pages:
            text = t(
                "journey.attach.info_pages", self._lang, name=info.filename, size=size, pages=self._pages
            )
        else:
            text = t("journey.attach.info", self._lang, name=info.filename, size=size)
        self.info_label.setText(text)
        self.info_label.setVisible(True)

    def set_busy(self, key: str = "journey.attach.saving") -> None:
        """Say what is happening (checking, waiting for the scanner, saving) while a worker does it."""
        self._busy_key = key
        self.retranslate(self._lang)

    def set_idle(self) -> None:
        self._busy_key = None
        self.retranslate(self._lang)

    def say(self, key: str | None, **params: object) -> None:
        """A note under the buttons (no scanner or camera, a new scan, delete the scan?); None hides it."""
        self._note = (key, params) if key is not None else None
        self.retranslate(self._lang)

    def offer_remove_scan(self, offer: bool) -> None:
        """After a scan is kept: say that the scanner's copy is unencrypted and offer to delete it."""
        self.remove_scan.setVisible(offer)
        self.say("documents.scanner.remove_offer" if offer else None)

    def show_file(self, info: AttachmentInfo, data: bytes | None = None, pages: int | None = None) -> None:
        """Show a kept file: a scaled image, the PDF's first page where possible, else its details."""
        self._info, self._pages, self._busy_key = info, pages, None
        image: QImage | None = None
        if data is not None and info.media_type.startswith("image/"):
            image = QImage.fromData(data)
        elif data is not None and info.media_type == "application/pdf":
            image = _pdf_preview(data)
        if image is not None and not image.isNull():
            width, height = PREVIEW_SIZE
            page = self.parentWidget()
            while page is not None and not isinstance(page, ScrollPage):
                page = page.parentWidget()
            if page is not None and page.viewport().height() > 0:
                # At most 40 % of the page: at 200 % a full-size preview pushed the question's heading
                # up under the header to show the buttons below it.
                height = min(height, page.viewport().height() * 2 // 5)
            scaled = image.scaled(
                width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.preview.setPixmap(QPixmap.fromImage(scaled))
            self.preview.setVisible(True)
        else:
            self.preview.clear()
            self.preview.setVisible(False)
        self.retranslate(self._lang)

    def clear_file(self) -> None:
        self._info, self._pages, self._busy_key = None, None, None
        self.preview.clear()
        self.preview.setVisible(False)
        self.retranslate(self._lang)

    def attachment(self) -> AttachmentInfo | None:
        return self._info

    def _remove(self) -> None:
        if self._info is not None:
            self.remove_requested.emit(self._info.id)

    def value(self) -> Raw:
        return ""

    def set_value(self, raw: Raw | None) -> None:
        """Files are not typed answers: the view shows them with `show_file`."""

    def focus_first(self) -> None:
        self.choose.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_order(self) -> list[QWidget]:
        """As shown: the file's sources in their row, then deleting the scan and removing the file (made
        in another order)."""
        return [self.choose, self.scanner, self.camera, self.remove_scan, self.remove]
