"""Small reusable widgets: labelled text, large clickable cards, link-style buttons, scrolling pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property the stylesheet selects on has changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def label(text: str, role: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A plain-text label (never rich text: catalog text must not be interpreted as HTML)."""
    widget = QLabel(text, parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    if role in ("h1", "h2", "h3"):
        # Screen readers announce the heading text with the label's accessible name.
        widget.setAccessibleName(text)
    return widget


def panel(name: str, *, margins: tuple[int, int] = (16, 12), spacing: int = 8) -> tuple[QFrame, QVBoxLayout]:
    """A framed panel (the theme's "panel" role) named `name`, with its column: notes and soft questions
    set apart from the page (the diacritics question, training accounts, "no printer")."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setProperty("role", "panel")
    column = QVBoxLayout(frame)
    across, down = margins
    column.setContentsMargins(across, down, across, down)
    column.setSpacing(spacing)
    return frame, column


def bullet(text: str, note: str | None = None) -> QWidget:
    """A list item: the bullet in its own column so wrapped lines (and the note) align under the text."""
    item = QWidget()
    row = QHBoxLayout(item)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(10)
    row.addWidget(label("•", wrap=False), 0, Qt.AlignmentFlag.AlignTop)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(label(text))
    if note:
        column.addWidget(label(note, "muted"))
    row.addLayout(column, 1)
    return item


def button(text: str, role: str, accessible_name: str = "", parent: QWidget | None = None) -> QPushButton:
    """A push button reachable by Tab, activated by Space or Enter, with an accessible name."""
    widget = QPushButton(text, parent)
    widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setAutoDefault(True)  # Enter activates the focused button, not only Space
    widget.setAccessibleName(accessible_name or text)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


class LabelButton(QAbstractButton):
    """A button made of labels that wrap, with its box from the stylesheet: Tab, Enter and Space press it.

    A QPushButton cannot wrap its text, so this lays out its labels itself; Qt draws the box (with its
    :hover and :focus rules) as a styled background, which needs no QStyle calls (QStyle's Python enums
    are made on first use: not before the first frame). Focus recolours the labels so text keeps its
    contrast on the focus fill.
    """

    def __init__(self, role: str, name: str, labels: list[QLabel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QVBoxLayout(self)
        self._labels = labels
        for item in labels:
            # Clicks land on the button, never on a label inside it.
            item.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._layout.addWidget(item)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Nothing beyond the styled background and the labels (QAbstractButton requires one)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._mark_focus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._mark_focus(False)

    def _mark_focus(self, focused: bool) -> None:
        for item in self._labels:
            item.setProperty("focused", focused)
            repolish(item)


class Card(LabelButton):
    """A large clickable card: a bold title and lines of detail that wrap."""

    def __init__(self, title: str, details: list[str], parent: QWidget | None = None) -> None:
        title_label = label(title, "card-title")
        super().__init__(
            "card", title, [title_label, *(label(line, "card-detail") for line in details)], parent
        )
        self.title = title_label
        self.setAccessibleDescription(" ".join(details))
        self._layout.setContentsMargins(22, 12, 16, 12)
        self._layout.setSpacing(4)

    def set_padding(self, scale: int) -> None:
        """Grow the inner padding with the text scale so large text never touches the border."""
        v, h = round(12 * scale / 100), round(16 * scale / 100)
        self._layout.setContentsMargins(h + 6, v, h, v)


class ScrollPage(QScrollArea):
    """A page whose content scrolls vertically, so 200 % text never gets cut off at 1366×768."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The scroll area itself is not a stop in the Tab order; its content is.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = QWidget()
        self.content.setProperty("role", "page")
        # The content is exactly as wide as the page, whatever its children ask for: a long option at
        # 200 % made it wider, and the page then scrolled sideways (with no bar) to show the focus,
        # cutting off its left edge. What is too wide now wraps, or shots.clipped() names it.
        self.content.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.horizontalScrollBar().rangeChanged.connect(self._no_sideways_scrolling)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(32, 24, 32, 32)
        self.body.setSpacing(12)
        self.setWidget(self.content)
        self.touch_scrolling = False
        self._draws = False  # a finger draws on something on the page (the citizen's signature)

    def clear(self) -> None:
        """Remove and delete everything in the page."""
        clear_layout(self.body)

    def ensureWidgetVisible(self, child: QWidget, xmargin: int = 50, ymargin: int = 50) -> None:
        """Scroll `child` into view (the focus), but no further than keeps the page's heading in view
        when both fit: at 200 % the margin below a focused button scrolled the heading up under the
        header and banner, and a person arrived on a page without its question."""
        # Where things are now, not before what just changed (a preview shown, rows rebuilt): the
        # page's layout and its size in the scroll area are brought up to date first.
        self.body.activate()
        QApplication.sendPostedEvents(self.content, QEvent.Type.LayoutRequest)
        self.body.activate()
        bar = self.verticalScrollBar()
        before = bar.value()
        super().ensureWidgetVisible(child, xmargin, ymargin)
        after = bar.value()
        heading = self.heading_label()
        if after <= before or heading is None or heading is child:
            return
        top = heading.mapTo(self.content, QPoint(0, 0)).y()
        least = child.mapTo(self.content, QPoint(0, child.height())).y() - self.viewport().height()
        # The heading in view when the focus still shows whole; else the focus just whole, the
        # heading as little hidden as can be (not the full margin further).
        value = max(before, min(after, max(top, least)))
        if before < value < top and least <= (snap := max(0, top - 8)):
            value = snap  # what is above the heading goes whole, not cut in half under the header
        bar.setValue(value)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() > event.oldSize().height() > 0:
            self._reveal_heading()

    def _reveal_heading(self) -> None:
        """The page grew taller (an on-screen keyboard went): scroll back up to the heading that the
        smaller page had to hide, as far as the focus still shows."""
        heading = self.heading_label()
        bar = self.verticalScrollBar()
        if heading is None or bar.value() <= (top := heading.mapTo(self.content, QPoint(0, 0)).y()):
            return
        focus = QApplication.focusWidget()
        least = 0
        if focus is not None and self.content.isAncestorOf(focus):
            least = focus.mapTo(self.content, QPoint(0, focus.height())).y() - self.viewport().height()
        bar.setValue(min(bar.value(), max(top, least)))

    def heading_label(self) -> QLabel | None:
        """The page's first visible heading (h1), if it has one."""
        headings = [
            found
            for found in self.content.findChildren(QLabel)
            if found.property("role") == "h1" and not found.isHidden() and found.isVisibleTo(self.content)
        ]
        return min(headings, key=lambda h: h.mapTo(self.content, QPoint(0, 0)).y(), default=None)

    def _no_sideways_scrolling(self, _low: int, high: int) -> None:
        if high:  # a content wider than the page (it cannot be, see above): never scrolled to
            self.horizontalScrollBar().setRange(0, 0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.update_touch_scrolling()

    def draws_under_a_finger(self, on: bool) -> None:
        """The page holds something a finger draws on (the citizen's signature): no touch scrolling."""
        self._draws = on
        self.update_touch_scrolling()

    def update_touch_scrolling(self) -> None:
        """A finger dragged on a touch screen scrolls the page (mouse and keyboard are unchanged) once
        the window allows it (after its first frame), unless a finger draws on the page."""
        self._set_touch_scrolling(bool(self.window().property(TOUCH_SCROLLING)) and not self._draws)

    def _set_touch_scrolling(self, on: bool) -> None:
        if on == self.touch_scrolling:
            return
        self.touch_scrolling = on
        from PySide6.QtWidgets import QScroller  # its first use costs ~25 ms: never before the first frame

        if on:
            QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
            calm_flicks(QScroller.scroller(self.viewport()))
        else:
            QScroller.ungrabGesture(self.viewport())


def calm_flicks(scroller: QObject) -> None:
    """A flick glides a short way and repeated flicks do not speed up: Qt's phone-like defaults sent a
    page of procedures three screens on from a short sweep, past what an elderly person looked for."""
    from PySide6.QtWidgets import QScroller, QScrollerProperties

    assert isinstance(scroller, QScroller)
    metric = QScrollerProperties.ScrollMetric
    properties = scroller.scrollerProperties()
    properties.setScrollMetric(metric.DecelerationFactor, 0.5)  # Qt: 0.125
    properties.setScrollMetric(metric.MaximumVelocity, 0.3)  # m/s; Qt: 0.5
    properties.setScrollMetric(metric.AcceleratingFlickSpeedupFactor, 1.0)  # Qt: 1.2
    scroller.setScrollerProperties(properties)


TOUCH_SCROLLING = "touch-scrolling"  # a window property: its pages scroll under a finger (see below)
NO_REMINDER = "no-keyboard-reminder"  # a page property: no reminder of its heading above the keys


def enable_touch_scrolling(window: QWidget) -> None:
    """Pages of `window` scroll under a dragging finger, those shown now and those shown later: a person
    at a touch screen could scroll only with the scroll bar. Called after the first frame."""
    window.setProperty(TOUCH_SCROLLING, True)
    from ui import touch_press  # QScroller's first use costs ~25 ms: never before the first frame

    touch_press.install(window)  # a drag that starts on a card or an option scrolls, never clicks
    for page in window.findChildren(ScrollPage):
        if page.isVisible():
            page.update_touch_scrolling()


def is_typing(event: QKeyEvent) -> bool:
    """A key that writes into a text box: a printable character or Backspace, without Ctrl or Alt."""
    held = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    text = event.text()
    return not held and (bool(text and text.isprintable()) or event.key() == Qt.Key.Key_Backspace)


def forward_key(event: QKeyEvent, target: QWidget) -> None:
    """Deliver a key pressed elsewhere to `target` (typing on a list or a message meant for a field)."""
    QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))


COVERS_SCREEN = "covers-screen"  # a widget property: this overlay hides the screens (lock, privacy)


def screen_covered(window: QWidget) -> bool:
    """Whether something stands between the person and the window's screens: a dialog asking a question,
    the agent's lock, the privacy warning's cover. A scanned card must not change what is behind it."""
    if QApplication.activeModalWidget() is not None:
        return True
    return any(
        isinstance(child, QWidget) and child.isVisible() and child.property(COVERS_SCREEN)
        for child in window.children()
    )


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget (and nested layout) of `layout`."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            clear_layout(child)


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps to a new line when the width runs out (header at 200 %)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        # One line: what the header needs to keep everything beside the title.
        width = sum(i.sizeHint().width() for i in self._visible()) + self.spacing() * max(
            0, len(self._visible()) - 1
        )
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        widest = max((i.minimumSize().width() for i in self._visible()), default=0)
        tallest = max((i.minimumSize().height() for i in self._visible()), default=0)
        return QSize(widest, tallest)

    def _visible(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        lines: list[list[QLayoutItem]] = [[]]
        x = rect.x()
        for item in self._visible():
            width = item.sizeHint().width()
            if lines[-1] and x + width > rect.right() + 1:
                lines.append([])
                x = rect.x()
            lines[-1].append(item)
            x += width + self.spacing()
        y = rect.y()
        for line in lines:
            height = max((item.sizeHint().height() for item in line), default=0)
            x = rect.x()
            for item in line:
                hint = item.sizeHint()
                if move:  # centred on the line, so a label sits level with the buttons beside it
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self.spacing()
            y += height + self.spacing()
        return max(0, y - self.spacing() - rect.y())


class _PaintWatch(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None], at_latest_ms: int) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        # A window that is never exposed (minimised, covered before it mapped) paints nothing.
        QTimer.singleShot(at_latest_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def after_first_paint(widget: QWidget, then: Callable[[], None], *, at_latest_ms: int = 3000) -> None:
    """Call `then` once, just after `widget` next paints (or after `at_latest_ms` if it never does):
    heavy work never delays a first frame, and never waits forever for one."""
    _PaintWatch(widget, then, at_latest_ms)
