"""The satisfaction rating after submission: five faces, one tap, sent through the outbox.

A tap queues the rating on the store worker (`Store.rate`): it works offline, waits in the outbox until
the dossier has its code, and a later tap replaces one not yet sent (the last rating wins).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Lang, t
from ui.context import AppContext
from ui.widgets import Card, label

if TYPE_CHECKING:
    from kiosk.store import Store

log = logging.getLogger("ui.rating")
SCORES = (1, 2, 3, 4, 5)
FACE_PX = 64


def face_pixmap(score: int, size: int = FACE_PX) -> QPixmap:
    """A face from a deep frown (1) to a broad smile (5): dark lines on yellow, legible on both themes."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(2.0, size / 18)
    painter.setPen(QPen(QColor("#0b0c0c"), line))
    painter.setBrush(QColor("#ffdd00"))
    inset = line
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    painter.setBrush(QColor("#0b0c0c"))
    eye = size / 14
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(size * x, size * 0.4), eye, eye)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    curve = (score - 3) * size * 0.09  # negative: frown, positive: smile
    mouth = QPainterPath(QPointF(size * 0.3, size * 0.68 - curve / 2))
    mouth.quadTo(QPointF(size * 0.5, size * 0.68 + curve * 1.5), QPointF(size * 0.7, size * 0.68 - curve / 2))
    painter.drawPath(mouth)
    painter.end()
    return pixmap


class RatingPanel(QWidget):
    """ "Bạn có hài lòng …?" with five faces; `context` is found on an ancestor screen when not given."""

    rated = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, context: AppContext | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rating")
        self.context = context
        self.client_ref: str | None = None
        self.score: int | None = None
        self.lang: Lang = "vi"
        self._pending: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        self.heading = label("", "h2")
        self.hint = label("", "muted")
        self.status = label("")
        self.status.setObjectName("rating-status")
        self.status.setVisible(False)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.faces: dict[int, Card] = {}
        for score in SCORES:
            card = Card("", [])
            card.setObjectName(f"rating-{score}")
            face = QLabel()
            face.setPixmap(face_pixmap(score))
            face.setAlignment(Qt.AlignmentFlag.AlignCenter)
            face.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout = card.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, face)
            layout.addStretch(1)  # faces line up at the top however the words wrap
            card.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            card.clicked.connect(lambda _checked=False, s=score: self.choose(s))
            self.faces[score] = card
            row.addWidget(card, 1)
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addLayout(row)
        column.addWidget(self.status)
        self.retranslate("vi")

    def show_for(self, client_ref: str, lang: Lang) -> None:
        """The dossier being rated; a different dossier starts with no face chosen."""
        if client_ref != self.client_ref:
            self.client_ref, self.score, self._pending = client_ref, None, None
            self.status.setVisible(False)
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.heading.setText(t("rating.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.hint.setText(t("rating.hint", lang))
        for score, card in self.faces.items():
            words = t(f"rating.{score}", lang)
            chosen = score == self.score
            card.title.setText(f"✓ {words}" if chosen else words)
            card.setAccessibleName(words)
            card.setAccessibleDescription(t("rating.heading", lang))
            card.setProperty("selected", chosen)
        if self.score is not None and self.status.isVisible():
            self.status.setText(t("rating.thanks", lang, label=t(f"rating.{self.score}", lang)))

    def choose(self, score: int) -> None:
        """One tap: queue the rating (it replaces an unsent one)."""
        context = self.context or self._find_context()
        ref = self.client_ref
        if ref is None or context is None:
            return
        self._pending = score
        actor = f"kiosk:{context.services.config.mode or 'self_service'}"

        def work(store: Store) -> int:
            store.rate(ref, score, actor)
            return store.queued_count()

        def done(queued: int) -> None:
            if self.client_ref != ref or self._pending != score:
                return  # a newer tap, or the next person: this answer is stale
            self.score = score
            self.status.setVisible(True)
            self.retranslate(self.lang)
            self.rated.emit(score)
            context.events.queue_did_change.emit(queued)

        def failed(error: BaseException) -> None:
            log.warning("rating of %s not kept: %s", ref, type(error).__name__)
            if self.client_ref == ref:
                self.status.setText(t("rating.failed", self.lang))
                self.status.setVisible(True)

        context.tasks.run_store(work, done, failed)

    def _find_context(self) -> AppContext | None:
        # The confirmation page has no context of its own; the journey view that holds it does.
        widget = self.parentWidget()
        while widget is not None:
            found = getattr(widget, "context", None)
            if isinstance(found, AppContext):
                return found
            widget = widget.parentWidget()
        return None
