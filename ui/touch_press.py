"""A finger that drags a page scrolls it and never clicks the control it landed on; a tap still clicks.

Why this exists: the pages scroll under a finger with QScroller's TouchGesture (ui/widgets.py), and Qt
turns the same touch into a mouse press on the control under the finger (no widget of ours takes touch
events). The control moves along with the finger, so the lift lands on it and it is clicked: a drag
started on a home-screen card opened that procedure (issue #16). Qt holds such a press back only for
its mouse gesture (QFlickGesture's PressDelayHandler looks at mouse events, not touches), and the mouse
gesture would make a real mouse drag scroll and delay every click too. So this does for touch what Qt
does for the mouse, with QScroller's own MousePressEventDelay: a press a finger makes on a scrolling
page is held back until the finger lifts (a tap: press and release go on at once), or rests without
moving that long (a hold: the press goes on, the lift clicks); once the page starts to scroll under
the finger the held press is dropped, or, if it already went on, the control gets a release far away
from it (it lets go without clicking). Mouse and keyboard events are not touched.

The press is held where Qt first delivers it, at the window (QWidgetWindow): held later, at the
widget, the control would already have taken the focus (a text box, which opens the on-screen
keyboard). A press that goes on later is not "spontaneous" any more, so the focus it would have given
is given here, by the same rule Qt uses (the first enabled widget under the finger that takes focus by
click), just after the press.
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QInputDevice, QMouseEvent, QWindow
from PySide6.QtWidgets import QApplication, QScroller, QScrollerProperties, QWidget

_INSTALLED = "touch-press-delay"  # a window property: the filter is installed once
_FAR_AWAY = QPointF(-16777215.0, -16777215.0)  # where Qt's own handler lets a held control go


class TouchPressDelay(QObject):
    """An application event filter for the mouse events Qt makes from a finger on a scrolling page."""

    def __init__(self, window: QWindow) -> None:
        super().__init__(window)
        self._held: QMouseEvent | None = None  # the press not yet passed on
        self._window: QWindow | None = None
        self._scroller: QScroller | None = None
        self._passed = False  # the press went on (a hold): a drag now must let the control go
        self._dropped = False  # the page scrolls: the rest of this touch's mouse events go nowhere
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pass_press_on)
        window.installEventFilter(self)  # only the events of this window (not every event of the app)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _MOUSE or self._replaying or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QMouseEvent)
        if event.pointingDevice().type() != QInputDevice.DeviceType.TouchScreen:
            return False  # a real mouse: as ever
        if kind == QEvent.Type.MouseButtonPress:
            return self._pressed(watched, event)
        if self._scroller is None or watched is not self._window:
            return False
        if self._scrolling() and not self._dropped:
            self._let_go()
        if kind == QEvent.Type.MouseButtonRelease:
            return self._released(event)
        return self._dropped or self._held is not None  # moves (and double clicks) while held or dropped

    def _pressed(self, window: QWindow, event: QMouseEvent) -> bool:
        self._reset()
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        scroller = _scroller_under(event.globalPosition().toPoint())
        if scroller is None:
            return False  # not on a page that scrolls under a finger (the keyboard, the header)
        delay = scroller.scrollerProperties().scrollMetric(
            QScrollerProperties.ScrollMetric.MousePressEventDelay
        )
        self._held = QMouseEvent(
            event.type(),
            event.position(),
            event.scenePosition(),
            event.globalPosition(),
            event.button(),
            event.buttons(),
            event.modifiers(),
            event.pointingDevice(),
        )
        self._window = window
        self._scroller = scroller
        self._timer.start(max(1, round(1000 * float(delay))))
        return True

    def _released(self, event: QMouseEvent) -> bool:
        dropped = self._dropped
        if self._held is not None and not dropped:
            if not self._passed:  # a tap: the press now, where the finger lifts (the page may have
                # moved under a still finger: a list still filling), then this release clicks
                self._held = _press_like(self._held, event)
            self._pass_press_on()
        self._reset()
        return dropped

    def _scrolling(self) -> bool:
        """The finger drags the page. Only Dragging: a page still gliding from an earlier fling, or
        springing back from its end, is stopped or left by a tap that must still click."""
        assert self._scroller is not None
        return self._scroller.state() == QScroller.State.Dragging

    def _let_go(self) -> None:
        """The page scrolls under the finger: the held press is dropped, or a passed one let go of."""
        self._timer.stop()
        if self._passed and self._held is not None and self._window is not None:
            release = QMouseEvent(
                QEvent.Type.MouseButtonRelease,
                _FAR_AWAY,
                _FAR_AWAY,
                _FAR_AWAY,
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.NoButton,
                self._held.modifiers(),
                self._held.pointingDevice(),
            )
            self._send(self._window, release)
        self._held = None
        self._dropped = True

    def _pass_press_on(self) -> None:
        held, window = self._held, self._window
        if held is None or window is None or self._passed:
            return
        self._timer.stop()
        self._passed = True
        point = held.globalPosition().toPoint()
        under = QApplication.widgetAt(point)
        self._send(window, QMouseEvent(held))
        # The focus after the press, not before as Qt gives it: a text box that takes the focus opens
        # the keyboard, which moves the page; the press had then gone to the key now under the finger.
        with suppress(RuntimeError):  # what the press did may have taken the widget away
            _give_focus(under)

    def _send(self, window: QWindow, event: QMouseEvent) -> None:
        self._replaying = True
        try:
            QApplication.sendEvent(window, event)
        finally:
            self._replaying = False

    def _reset(self) -> None:
        self._timer.stop()
        self._held = None
        self._window = None
        self._scroller = None
        self._passed = False
        self._dropped = False


_MOUSE = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)


def _press_like(press: QMouseEvent, at: QMouseEvent) -> QMouseEvent:
    """`press` at the place of `at`."""
    return QMouseEvent(
        QEvent.Type.MouseButtonPress,
        at.position(),
        at.scenePosition(),
        at.globalPosition(),
        press.button(),
        press.buttons(),
        press.modifiers(),
        press.pointingDevice(),
    )


def install(window: QWidget) -> None:
    """Hold back the presses fingers make on the scrolling pages of `window` (shown), once."""
    handle = window.windowHandle()
    if handle is not None and not window.property(_INSTALLED):
        window.setProperty(_INSTALLED, True)
        TouchPressDelay(handle)


def _scroller_under(point: QPoint) -> QScroller | None:
    """The scroller of the page under `point` (a global position), if a finger scrolls it."""
    widget = QApplication.widgetAt(point)
    while widget is not None:
        page = widget.parentWidget()
        # A page whose scrolling is off (a finger signs on it) keeps its scroller, unused: no delay.
        if QScroller.hasScroller(widget) and getattr(page, "touch_scrolling", True):
            return QScroller.scroller(widget)
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def _give_focus(widget: QWidget | None) -> None:
    """What Qt does for a spontaneous press: the first enabled widget from `widget` up that takes the
    focus by click."""
    while widget is not None:
        proxy = widget.focusProxy() or widget
        if widget.isEnabled() and proxy.focusPolicy().value & Qt.FocusPolicy.ClickFocus.value:
            widget.setFocus(Qt.FocusReason.MouseFocusReason)
            return
        if widget.isWindow():
            return
        widget = widget.parentWidget()
