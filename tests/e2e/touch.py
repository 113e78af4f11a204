"""A finger on the touch screen, driven through Qt's own input path, and a guard that sees every key event.

The touches go in where a touch screen's do: QTest's touch sequences hand the points to
QWindowSystemInterface for the widget's window, so QGuiApplication delivers them as a touch screen's
(the window, the widget under the finger, gestures such as the pages' QScroller), and a touch that no
widget takes turns into the mouse press and release Qt synthesises for it: a button is clicked, a text
box takes focus, a radio option is chosen, exactly as under a finger.

KeyEventGuard is an application-wide event filter: it records every key event (KeyPress, KeyRelease,
ShortcutOverride) delivered to any object, so a touch-only test can assert that none was ever sent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QInputDevice, QKeyEvent, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_DEVICE: list[QPointingDevice] = []


def touch_screen() -> QPointingDevice:
    """The one touch screen of this run (Qt keeps every registered device until it quits)."""
    if not _DEVICE:
        _DEVICE.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    return _DEVICE[0]


class Finger:
    """Taps and drags on widgets of a shown window; `touches` counts what a person did (for the README)."""

    def __init__(self, hold_ms: int = 80, settle_ms: int = 60) -> None:
        self.device = touch_screen()
        self.hold_ms = hold_ms  # a finger rests on the glass a moment: no press and release in one go
        self.settle_ms = settle_ms  # what the tap started (a page change, a repaint) runs before the next
        self.taps = 0
        self._last_tap = -1e9
        self.drags = 0

    @property
    def touches(self) -> int:
        return self.taps + self.drags

    def tap(self, widget: QWidget, at: QPoint | None = None) -> None:
        """Touch `widget` (at its centre, or `at` in its own coordinates) and lift the finger."""
        _must_be_touchable(widget)
        self._after_the_last_tap()
        point = widget.rect().center() if at is None else at
        window = widget.window()
        QTest.touchEvent(window, self.device).press(0, widget.mapTo(window, point), window).commit()
        QTest.qWait(self.hold_ms)
        QTest.touchEvent(window, self.device).release(0, widget.mapTo(window, point), window).commit()
        self._last_tap = time.monotonic()
        QTest.qWait(self.settle_ms)
        self.taps += 1

    def _after_the_last_tap(self) -> None:
        """A second tap within the double-click interval, anywhere on the window, is turned by Qt into a
        double click that the widget under it never sees as a press (a radio option stayed unchosen).
        No person taps two things that fast; the finger waits as long as Qt needs to tell them apart."""
        interval = QApplication.doubleClickInterval() / 1000 + 0.05
        wait = self._last_tap + interval - time.monotonic()
        if wait > 0:
            QTest.qWait(round(wait * 1000))

    def drag(
        self,
        widget: QWidget,
        dy: int,
        *,
        dx: int = 0,
        at: QPoint | None = None,
        steps: int = 12,
        rest_ms: int = 0,
    ) -> None:
        """Put a finger on `widget` (at `at`, else on a spot of it where no control is) and move it by
        (dx, dy) pixels, then lift it: dy < 0 moves the content up (scrolls down), as on a phone. The
        page's QScroller keeps it moving a little after the lift; this waits for that to end.

        Why not on a control: Qt turns the touch into a mouse press on the control under the finger as
        well as scrolling, and the control moves along with the finger, so the lift lands on it and it
        is clicked (a drag started on a home-screen card opens that procedure; reported in #16)."""
        _must_be_touchable(widget)
        self._after_the_last_tap()
        window = widget.window()
        spot = at if at is not None else _quiet_spot(widget, widget.rect().center().y() - dy // 2)
        start = widget.mapTo(window, spot)
        QTest.touchEvent(window, self.device).press(0, start, window).commit()
        QTest.qWait(16)
        for k in range(1, steps + 1):
            point = start + QPoint(round(dx * k / steps), round(dy * k / steps))
            QTest.touchEvent(window, self.device).move(0, point, window).commit()
            QTest.qWait(16)  # one frame at 60 Hz between moves, as a finger sweeps
        end = start + QPoint(dx, dy)
        if rest_ms:
            # The finger rests where it stopped before it lifts: the page stays there instead of
            # flying on (a flick moved it about three times the drag, past a box looked for).
            QTest.qWait(rest_ms)
            QTest.touchEvent(window, self.device).move(0, end, window).commit()
            QTest.qWait(16)
        QTest.touchEvent(window, self.device).release(0, end, window).commit()
        self._last_tap = time.monotonic()
        _wait_for_scrollers_to_stop(widget)
        self.drags += 1

    def bring_into_view(self, widget: QWidget, max_drags: int = 15) -> None:
        """Drag the page `widget` is on until its centre shows, as a person scrolls to find a button."""
        from PySide6.QtWidgets import QAbstractScrollArea

        area = widget.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        for _ in range(max_drags):
            centre = widget.rect().center()
            if in_view(widget, centre) or area is None:
                return
            viewport = area.viewport()
            y = widget.mapTo(viewport, centre).y()
            half = viewport.height() // 2
            # Three fifths of the view at most per sweep: a finger stays on the glass.
            dy = max(-viewport.height() * 3 // 5, min(viewport.height() * 3 // 5, half - y))
            self.drag(viewport, dy, rest_ms=150)  # as a person looking for it: no flick past it
        if not in_view(widget, widget.rect().center()):
            raise AssertionError(f"{_name(widget)} did not come into view after {max_drags} drags")


def _quiet_spot(widget: QWidget, y: int) -> QPoint:
    """A point at height `y` of `widget` where no control is under the finger (a margin, a label)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTextEdit,
    )

    controls = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit, QTextEdit)
    y = max(1, min(widget.height() - 2, y))
    for x in (8, 16, widget.width() - 8, widget.width() - 16, widget.width() // 2):
        under = widget.childAt(QPoint(x, y))
        while under is not None and under is not widget and not isinstance(under, controls):
            under = under.parentWidget()
        if under is None or under is widget:
            return QPoint(x, y)
    raise AssertionError(f"no spot without a control at y={y} on {_name(widget)} to drag from")


def _must_be_touchable(widget: QWidget) -> None:
    """A finger can only touch what is on the screen: a hidden or disabled widget is a test bug."""
    if not widget.isVisible():
        raise AssertionError(f"cannot touch {_name(widget)}: it is not on the screen")
    if not widget.isEnabled():
        raise AssertionError(f"cannot touch {_name(widget)}: it is disabled")
    # Its centre must be in view (not scrolled away), and nothing may lie over it there.
    centre = widget.rect().center()
    if not in_view(widget, centre):
        raise AssertionError(f"cannot touch {_name(widget)}: its centre is out of view (scroll first)")
    window = widget.window()
    under = window.childAt(widget.mapTo(window, centre))
    if under is not None and under is not widget and not widget.isAncestorOf(under):
        raise AssertionError(f"cannot touch {_name(widget)}: {_name(under)} covers it")


def in_view(widget: QWidget, point: QPoint) -> bool:
    """Whether `point` (in the widget's coordinates) shows on its window: inside the widget and inside
    every parent that clips it (a scroll area's viewport), not scrolled away."""
    current: QWidget | None = widget
    while current is not None:
        if not current.rect().contains(point):
            return False
        if current.isWindow():
            return True
        point = current.mapToParent(point)
        current = current.parentWidget()
    return True


def _wait_for_scrollers_to_stop(widget: QWidget, timeout_ms: int = 3000) -> None:
    from PySide6.QtWidgets import QScroller

    scrollers = []
    w: QWidget | None = widget
    while w is not None:
        if QScroller.hasScroller(w):
            scrollers.append(QScroller.scroller(w))
        w = w.parentWidget()
    waited = 0
    QTest.qWait(50)
    while waited < timeout_ms and any(s.state() != QScroller.State.Inactive for s in scrollers):
        QTest.qWait(20)
        waited += 20


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or widget.objectName() or getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__} {text!r}"


@dataclass(frozen=True)
class KeyEventSeen:
    kind: str  # "KeyPress", "KeyRelease", "ShortcutOverride"
    key: int
    text: str
    receiver: str
    spontaneous: bool  # True: from the window system (a keyboard, xdotool); a copy passed to a parent is not


class KeyEventGuard(QObject):
    """Records every key event any object receives while installed on the application."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.seen: list[KeyEventSeen] = []
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in KEY_EVENTS and isinstance(event, QKeyEvent):
            self.seen.append(
                KeyEventSeen(
                    event.type().name,
                    int(event.key()),
                    event.text(),
                    f"{type(watched).__name__} {watched.objectName()!r}",
                    event.spontaneous(),
                )
            )
        return False  # only watching: the event goes on as it would

    def remove(self) -> None:
        self.app.removeEventFilter(self)

    def report(self) -> str:
        return "\n".join(
            f"{e.kind} {_key_name(e.key)} {e.text!r} to {e.receiver}"
            + (" (from the window system)" if e.spontaneous else " (sent in the app, or passed to a parent)")
            for e in self.seen[:30]
        )


def _key_name(key: int) -> str:
    try:
        return Qt.Key(key).name
    except ValueError:
        return hex(key)
