"""The citizen's consent to be filed for: a signature drawn on the screen, or a scanned signed authorization.

Shown on "Kiểm tra lại thông tin" while an agent is signed in. The signature becomes a PNG in memory
(never a file); a scanned authorization is read and checked like any attachment (kiosk.documents) off the
UI thread. `ConsentPanel.evidence()` hands either to the journey, which keeps it sealed in the store as
an attachment (`consent_signature` / `authorization`) when the dossier is submitted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QTouchEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from ui.widgets import button, label

SIGNATURE = "consent_signature"
AUTHORIZATION = "authorization"
AUTHORIZATION_TYPES = ("application/pdf", "image/jpeg", "image/png")
PNG_SIZE = QSize(900, 300)  # the saved signature, whatever the pad's size on screen
MIN_POINTS = 6  # a tap or a dot is not a signature


@dataclass(frozen=True)
class Evidence:
    """What the journey keeps: the doc type, the bytes, a file name without personal data, the type."""

    doc_type: str
    data: bytes
    filename: str
    media_type: str


class SignaturePad(QWidget):
    """Strokes drawn with a finger, a pen or the mouse; kept in 0…1 coordinates so resizing keeps them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature-pad")
        self.strokes: list[list[QPointF]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # announced to a screen reader; drawing needs a hand
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._drawing = False

    def sizeHint(self) -> QSize:
        return QSize(720, 220)

    # --- input ---------------------------------------------------------------------------------------
    def _normal(self, pos: QPointF) -> QPointF:
        width, height = max(self.width(), 1), max(self.height(), 1)
        return QPointF(min(max(pos.x() / width, 0.0), 1.0), min(max(pos.y() / height, 0.0), 1.0))

    def _begin(self, pos: QPointF) -> None:
        self._drawing = True
        self.strokes.append([self._normal(pos)])
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(self._normal(pos))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        self._end()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.points():
            pos = event.points()[0].position()
            kind = event.type()
            if kind == QEvent.Type.TouchBegin:
                self._begin(pos)
            elif kind == QEvent.Type.TouchUpdate:
                self._extend(pos)
            elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
                self._end()
            event.accept()
            return True
        return super().event(event)

    # --- content -------------------------------------------------------------------------------------
    def has_signature(self) -> bool:
        return sum(len(stroke) for stroke in self.strokes) >= MIN_POINTS

    def clear(self) -> None:
        self.strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    def _draw(self, painter: QPainter, width: int, height: int, pen_width: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#0b0c0c"), pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self.strokes:
            points = QPolygonF([QPointF(p.x() * width, p.y() * height) for p in stroke])
            if len(stroke) == 1:
                painter.drawPoint(QPointF(stroke[0].x() * width, stroke[0].y() * height))
            else:
                painter.drawPolyline(points)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Paper-white with a dark frame in both themes: a signature is ink on paper.
        painter.fillRect(self.rect(), QColor("#ffffff"))
        frame = QColor("#0b0c0c")
        painter.setPen(QPen(frame, 4 if self.hasFocus() else 2))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        line_y = int(self.height() * 0.75)
        painter.setPen(QPen(QColor("#505a5f"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(24, line_y, self.width() - 24, line_y)
        self._draw(painter, self.width(), self.height(), 3.0)
        painter.end()

    def to_png(self) -> bytes:
        """The signature as a PNG, rendered in memory (nothing touches the disk)."""
        image = QImage(PNG_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        self._draw(painter, PNG_SIZE.width(), PNG_SIZE.height(), 5.0)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
        buffer.close()
        return bytes(data.data())


Chooser = Callable[[QWidget, str, str], "str | None"]
Checker = Callable[[Path, Callable[[Evidence], None], Callable[[BaseException], None]], None]


class ConsentPanel(QFrame):
    """The pad with "Xoá chữ ký", and "Chọn tệp giấy ủy quyền" for a scanned authorization instead."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consent-panel")
        self.setProperty("role", "panel")
        self.lang: Lang = "vi"
        self.chooser: Chooser | None = None  # set by the journey (tests inject one)
        self.checker: Checker | None = None  # reads and checks a file off the UI thread
        self.authorization: Evidence | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        self.heading = label("", "h2")
        self.intro = label("")
        self.pad = SignaturePad()
        self.clear_button = button("", "link")
        self.clear_button.setObjectName("consent-clear")
        self.choose_button = button("", "secondary")
        self.choose_button.setObjectName("consent-choose")
        self.status = label("", "muted")
        self.status.setVisible(False)
        self.problem = label("", "error")
        self.problem.setVisible(False)
        for widget in (self.heading, self.intro, self.pad):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.clear_button)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.status)
        column.addWidget(self.problem)
        self.clear_button.clicked.connect(self.clear)
        self.choose_button.clicked.connect(self._choose)
        self.pad.changed.connect(self.changed.emit)
        self.retranslate("vi")

    def focus_order(self) -> list[QWidget]:
        return [self.pad, self.clear_button, self.choose_button]

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.heading.setText(t("agents.consent.heading", lang))
        self.intro.setText(t("agents.consent.intro", lang))
        self.pad.setAccessibleName(t("agents.consent.pad_name", lang))
        for widget, key in (
            (self.clear_button, "agents.consent.clear"),
            (self.choose_button, "agents.consent.choose"),
        ):
            widget.setText(t(key, lang))
            widget.setAccessibleName(widget.text())
        self._show_status()

    def evidence(self) -> Evidence | None:
        """The scanned authorization when one was chosen, else the drawn signature, else None."""
        if self.authorization is not None:
            return self.authorization
        if self.pad.has_signature():
            return Evidence(SIGNATURE, self.pad.to_png(), "chu-ky-dong-y.png", "image/png")
        return None

    def clear(self) -> None:
        """Forget the signature and the chosen authorization (after submitting, and for the next person)."""
        self.pad.clear()
        self.authorization = None
        self.problem.setVisible(False)
        self._show_status()

    def _choose(self) -> None:
        if self.chooser is None or self.checker is None:
            return
        path = self.chooser(
            self, t("agents.consent.choose_title", self.lang), t("journey.attach.dialog_filter", self.lang)
        )
        if not path:
            return
        self.problem.setVisible(False)
        self.status.setText(t("agents.consent.checking", self.lang))
        self.status.setVisible(True)
        self.choose_button.setEnabled(False)
        self.checker(Path(path), self._checked, self._refused)

    def _checked(self, evidence: Evidence) -> None:
        self.choose_button.setEnabled(True)
        self.authorization = evidence
        self._show_status()
        self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        self.choose_button.setEnabled(True)
        self._show_status()
        text = (
            error.message(self.lang)
            if isinstance(error, KioskError)
            else t("documents.unreadable_file", self.lang)
        )
        self.problem.setText(text)
        self.problem.setVisible(True)

    def _show_status(self) -> None:
        if self.authorization is None:
            self.status.setVisible(False)
            self.status.clear()
            return
        size = max(1, round(len(self.authorization.data) / 1024))
        self.status.setText(t("agents.consent.chosen", self.lang, size=size))
        self.status.setVisible(True)


def check_authorization(path: Path) -> Evidence:
    """Worker: read the chosen file and check it like any attachment (size, type, damage)."""
    from ui.journey.attach_flow import check_source, read_file

    candidate = check_source(lambda: read_file(path), AUTHORIZATION_TYPES)
    media = candidate.upload.info.media_type
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(media, "bin")
    # The chosen file's own name (often the citizen's) is not carried further.
    return Evidence(AUTHORIZATION, candidate.upload.data, f"giay-uy-quyen.{extension}", media)
