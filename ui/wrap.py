"""A radio button whose text wraps onto more lines, so a long option never makes a page scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QRadioButton, QSizePolicy, QStyle, QStyleOptionButton, QStylePainter, QWidget

MIN_TEXT_CHARS = 6  # a word longer than this many average characters may break, to fit a narrow page


def wrap_lines(text: str, font: object, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` pixels: at spaces, and inside a word only when the
    word alone is wider than the line (an e-mail address at 200 %)."""
    layout = QTextLayout(text, font)  # type: ignore[call-overload]
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        start = line.textStart()
        lines.append(text[start : start + line.textLength()].rstrip())
    layout.endLayout()
    return lines or [""]


class WrappingRadio(QRadioButton):
    """A QRadioButton (its text, name, keys and group as usual) that draws its text over as many lines as
    its width needs and asks its layout for that height; a tap anywhere on it chooses it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _size_for(self, text: str) -> QSize:
        """The size the style gives this button showing `text` (lines joined by newlines)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        flags = int(Qt.TextFlag.TextShowMnemonic)
        contents = self.fontMetrics().size(flags, text) if text else QSize(0, self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_RadioButton, option, contents, self)

    def _chrome_width(self) -> int:
        """What the indicator, spacing, padding and border take beside the text."""
        text = self.text()
        flags = int(Qt.TextFlag.TextShowMnemonic)
        return self._size_for(text).width() - (self.fontMetrics().size(flags, text).width() if text else 0)

    def _wrapped(self, width: int) -> str:
        return "\n".join(wrap_lines(self.text(), self.font(), width - self._chrome_width()))

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        text = min(widest, MIN_TEXT_CHARS * max(1, metrics.averageCharWidth()))
        return QSize(self._chrome_width() + text, super().minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._size_for(self._wrapped(width)).height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self._wrapped(self.width())
        painter.drawControl(QStyle.ControlElement.CE_RadioButton, option)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)
