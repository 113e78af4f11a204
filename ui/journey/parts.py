"""Small journey widgets that wrap long text: a link-like button and a checkbox with a wrapping label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from ui.widgets import LabelButton, label


class LinkButton(LabelButton):
    """A whole sentence as a link (error summary): wraps at any text size, Tab/Enter/Space like a button."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        text_label = label(text, "error-link-text")
        super().__init__("error-link", text, [text_label], parent)
        self.text_label = text_label
        self.setText(text)
        self._layout.setContentsMargins(6, 4, 6, 4)


class _ToggleLabel(QLabel):
    """Clicking the sentence ticks its box, as clicking a checkbox's own text would."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._box.toggle()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class WrappedCheck(QWidget):
    """A checkbox whose (long) sentence wraps beside it; the box carries the sentence as accessible name."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.box = QCheckBox()
        self.box.setObjectName(object_name)
        self.box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = _ToggleLabel("", self.box)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)

    def set_text(self, text: str) -> None:
        self.text.setText(text)
        self.box.setAccessibleName(text)

    def isChecked(self) -> bool:
        return self.box.isChecked()
