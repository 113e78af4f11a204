"""The on-screen keyboard inside the window: shown while a text box has the focus on a touch terminal.

The window's keyboard sits under its pages (never over them): when it opens the page gets shorter and
the box with the cursor is scrolled into view, with the page's "Tiếp tục" when it fits. A dialog is a
window of its own that the window's keyboard cannot reach while it is open, so a dialog with a text box
gets a keyboard of its own at its bottom. Self-service terminals always show it; other modes follow the
config's `onscreen_keyboard` ("auto": only when no hardware keyboard is seen).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QChildEvent, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QDialog,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import SELF_SERVICE
from kiosk.input_devices import hardware_keyboard_present
from ui import touch_press
from ui.keyboard.panel import KeyboardPanel, TextBox
from ui.widgets import TOUCH_SCROLLING, ScrollPage

HARDWARE_RECHECK_S = 5.0  # a keyboard plugged in or pulled out is noticed within this

if TYPE_CHECKING:
    from ui.keyboard.room import KeyboardRoom
    from ui.main_window import MainWindow

__all__ = ["KeyboardController", "KeyboardPanel", "install_keyboard"]

DIALOG_SCROLL = "keyboard-dialog-content"  # a dialog's content, scrolling above its keyboard
DIALOG_WIDTH = 1240  # a dialog with a keyboard: keys about as wide as the window's (~100 px at 1366)
STACK_MIN_PX = 120  # room for the box with the cursor at 200 % text, above the keyboard
_RELEASES = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd)


def _text_box(widget: QWidget | None) -> TextBox | None:
    if isinstance(widget, QLineEdit | QPlainTextEdit) and not widget.isReadOnly():
        return widget
    return None


def _scroll_content(dialog: QDialog, column: QBoxLayout) -> None:
    """Move what `column` lays out into a scroll area in its place (the keyboard goes under it)."""
    scroll = QScrollArea(dialog)
    scroll.setObjectName(DIALOG_SCROLL)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    content = QWidget()
    content.setProperty("role", "page")
    inner = QVBoxLayout(content)
    margins = column.contentsMargins()  # less above and below: the keyboard takes the room
    inner.setContentsMargins(margins.left(), margins.top() // 2, margins.right(), margins.bottom() // 2)
    inner.setSpacing(column.spacing())
    while column.count():
        item = column.takeAt(0)
        if item is None:
            break
        widget, child = item.widget(), item.layout()
        if widget is not None:
            inner.addWidget(widget, 0, item.alignment())
        elif child is not None:
            child.setParent(None)  # freed from the column, to move
            inner.addLayout(child)
        else:
            inner.addItem(item)
    scroll.setWidget(content)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(scroll, 1)


def _show_whole(page: QScrollArea, widget: QWidget, margin: int = 12) -> None:
    """Scroll `page` so all of `widget` shows (ensureWidgetVisible shows only a text box's cursor)."""
    content = page.widget()
    if content is None:
        return
    centre = widget.mapTo(content, widget.rect().center())
    page.ensureVisible(centre.x(), centre.y(), 0, widget.height() // 2 + margin)
    heading = page.heading_label() if isinstance(page, ScrollPage) else None
    if heading is None or heading is widget:
        return
    # The margin must not cost the page its question: where the heading and the whole box fit together,
    # the heading stays whole (at 200 % the home page's heading was cut 9 px under the banner).
    bar = page.verticalScrollBar()
    top = heading.mapTo(content, QPoint(0, 0)).y()
    least = widget.mapTo(content, QPoint(0, widget.height())).y() - page.viewport().height()
    if least <= top < bar.value():
        bar.setValue(max(least, top - 8, 0))


class KeyboardController(QObject):
    """Follows the focus across the window and its dialogs; opens, switches and hides the keyboards."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._look_for_keyboard: Callable[[], bool] = hardware_keyboard_present
        self._seen: tuple[float, bool] | None = None  # (when, found): the last look for a keyboard
        self.panel: KeyboardPanel | None = None  # the window's, made the first time it is needed
        self.room: KeyboardRoom | None = None  # room for the page around it (ui/keyboard/room.py)
        self.dialog_panels: dict[QDialog, KeyboardPanel] = {}
        self._hiding = False  # waiting for the finger to lift before the page grows back
        self._moving = False  # a dialog's content is being moved under a scroll area
        self._dismissed: TextBox | None = None  # "Ẩn bàn phím" pressed while this box had the focus
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        window.display_did_change.connect(self._display_changed)
        # Dialogs are made with the window as parent: each is readied for a keyboard before it first
        # shows (ChildPolished), so that nothing moves under a finger or under typing once on screen.
        window.installEventFilter(self)
        # The home screen's search box has the focus before this is installed (after the first frame):
        # no focus change will come for it, so a tap on it is what opens the keyboard (it did not open
        # at all until "Ẩn bàn phím" had been used once).
        focused = _text_box(QApplication.focusWidget())
        if focused is not None and focused.window() is window:
            self._set_dismissed(focused)

    def _set_hiding(self, on: bool) -> None:
        """While waiting for the finger to lift, the app's input is watched (only then: it costs)."""
        if on == self._hiding:
            return
        self._hiding = on
        app = QApplication.instance()
        if app is not None:
            if on:
                app.installEventFilter(self)
            else:
                app.removeEventFilter(self)

    def _set_dismissed(self, box: TextBox | None) -> None:
        """The box whose keyboard is away (put away, or never opened): a tap on it brings the keyboard."""
        old, self._dismissed = self._dismissed, box
        if old is not None and old is not box:
            with suppress(RuntimeError):  # the box may have gone with its page
                old.removeEventFilter(self)
        if box is not None and box is not old:
            box.installEventFilter(self)

    # -- policy -------------------------------------------------------------------------------
    def wanted(self) -> bool:
        """Whether this terminal types on screen (read each time: the operator may change the mode)."""
        context = self.window.context
        if context is None:
            return False
        config = context.services.config
        if config.mode == SELF_SERVICE:
            return True
        setting = config.onscreen_keyboard
        return setting == "on" or (setting == "auto" and not self._hardware_keyboard())

    @property
    def hardware_keyboard(self) -> Callable[[], bool]:
        """How a plugged-in keyboard is looked for (tests put their own; a new one is asked at once)."""
        return self._look_for_keyboard

    @hardware_keyboard.setter
    def hardware_keyboard(self, look: Callable[[], bool]) -> None:
        self._look_for_keyboard = look
        self._seen = None

    def _hardware_keyboard(self) -> bool:
        """Whether a keyboard is plugged in, looked up at most every few seconds: `wanted` is asked at
        every focus move, and the device list is a file read on the UI thread."""
        now = time.monotonic()
        if self._seen is None or now - self._seen[0] > HARDWARE_RECHECK_S:
            self._seen = (now, self.hardware_keyboard())
        return self._seen[1]

    # -- following the focus --------------------------------------------------------------------
    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or self._moving:
            return  # the app lost the focus to another program, or a dialog's content is being moved
        box = _text_box(new)
        dialog = self._dialog_of(new)
        if box is not None and self.wanted() and (dialog is not None or new.window() is self.window):
            self._set_dismissed(None)
            if dialog is not None:
                self.open_in_dialog(dialog, box)
            else:
                self.open_for(box)
            return
        if box is not None and new.window() is self.window:
            self._set_dismissed(box)  # not wanted now (no services yet): a tap opens it once it is
        if dialog is not None and dialog in self.dialog_panels:
            return  # a dialog's own button: its keyboard stays (the dialog would jump under the finger)
        if self.panel is not None and self.panel.isVisible():
            self._hide_soon()

    def _dialog_of(self, widget: QWidget) -> QDialog | None:
        top = widget.window()
        if isinstance(top, QDialog):
            parent = top.parentWidget()
            if parent is not None and parent.window() is self.window:
                return top
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QDialog) and watched in self.dialog_panels:
            touch_press.install(watched)  # needs its window handle, made as it first shows
            return False
        if watched is self.window:
            # A dialog of the window polished (before it first shows): readied now, not under a finger.
            if kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
                child = event.child()
                if (
                    isinstance(child, QDialog)
                    and child not in self.dialog_panels
                    and any(_text_box(w) is not None for w in child.findChildren(QWidget))
                    and self.wanted()
                ):
                    self.ready_dialog(child)
            return False
        if kind in _RELEASES and self._hiding:
            QTimer.singleShot(0, self, self._hide_if_unused)
        elif (
            kind in _RELEASES
            and isinstance(watched, QLineEdit | QPlainTextEdit)
            and watched is self._dismissed
            and watched.hasFocus()
            and self.wanted()
        ):
            # A tap on the box that has the cursor while its keyboard is away ("Ẩn bàn phím" was used,
            # or the box had the focus before there was a keyboard): the keyboard, once the finger
            # lifts. Opened on the press, it pushed the page up under the finger and the lift typed
            # the key it then lay on (a "6" before "nhap ho khau" in the home search box).
            self._set_dismissed(None)
            QTimer.singleShot(0, self, lambda box=watched: self._reopen_for(box))
        return False

    def _reopen_for(self, box: TextBox) -> None:
        if not box.hasFocus() or not self.wanted():
            return
        dialog = self._dialog_of(box)
        if dialog is not None:
            self.open_in_dialog(dialog, box)
        else:
            self.open_for(box)

    # -- the window's keyboard ----------------------------------------------------------------
    def _make_panel(self, parent: QWidget | None = None) -> KeyboardPanel:
        panel = KeyboardPanel(self.window.lang, parent)
        panel.set_style(self.window.high_contrast, self.window.scale)
        return panel

    def ensure_panel(self) -> KeyboardPanel:
        if self.panel is None:
            self.panel = self._make_panel()
            self.panel.setVisible(False)
            self.panel.hide_requested.connect(self.dismiss)
            central = self.window.centralWidget()
            column = central.layout() if central is not None else None
            assert isinstance(column, QVBoxLayout)
            column.insertWidget(column.indexOf(self.window.stack) + 1, self.panel)
            from ui.keyboard.room import KeyboardRoom

            self.room = KeyboardRoom(self.window, self.panel)  # one-row header, heading reminder
            # A scrolling page can be shorter than Qt's 280-pixel default: at 200 % text the keyboard
            # was squeezed under the page instead (its keys overlapping).
            self.window.stack.setMinimumHeight(STACK_MIN_PX)
        return self.panel

    def open_for(self, box: TextBox) -> None:
        """The window's keyboard types into `box`; the page shrinks and keeps `box` in sight."""
        self._set_hiding(False)
        panel = self.ensure_panel()
        panel.set_target(box)
        if not panel.isVisible():
            panel.setVisible(True)
            central = self.window.centralWidget()
            layout = central.layout() if central is not None else None
            if layout is not None:
                layout.activate()  # the page's new height now, not on the next turn of the loop
        self._keep_in_sight(box)
        if self.room is not None:
            self.room.follow(box)
        # Again once the page has laid out its text at its new size (long labels wrap anew).
        QTimer.singleShot(0, self, lambda: self._keep_in_sight(box) if box.hasFocus() else None)

    def _keep_in_sight(self, box: QWidget) -> None:
        page = box.parentWidget()
        while page is not None and not isinstance(page, ScrollPage):
            page = page.parentWidget()
        if page is None:
            return
        # "Tiếp tục" first, then the box: both in sight when they fit, the box when only it does.
        default = next((b for b in page.findChildren(QPushButton) if b.isDefault() and b.isVisible()), None)
        if default is not None:
            _show_whole(page, default)
        _show_whole(page, box)

    def dismiss(self) -> None:
        """ "Ẩn bàn phím": the page has the screen again; a tap on the box brings the keyboard back."""
        panel = self.panel
        sender = self.sender()
        for dialog, own in self.dialog_panels.items():
            if own is sender:
                self._set_dismissed(own.target)
                own.setVisible(False)
                self._fit_dialog(dialog)
                return
        if panel is not None:
            target = panel.target
            self._hide_now()
            self._set_dismissed(target)

    def _hide_soon(self) -> None:
        """No text box has the focus: hide, but only once no finger is down (a button pressed on the page
        must not move from under the finger as the page grows back, or its press is lost)."""
        self._set_hiding(True)
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
            QTimer.singleShot(0, self, self._hide_if_unused)

    def _hide_if_unused(self) -> None:
        if not self._hiding:
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # the release will come
        focused = _text_box(QApplication.focusWidget())
        if focused is not None and focused.window() is self.window and self.wanted():
            self._set_hiding(False)
            return
        self._hide_now()

    def _hide_now(self) -> None:
        self._set_hiding(False)
        if self.panel is not None:
            self.panel.setVisible(False)
            self.panel.forget()

    # -- dialogs --------------------------------------------------------------------------------
    def ready_dialog(self, dialog: QDialog) -> KeyboardPanel | None:
        """Its content under a scroll area and a keyboard (hidden) at its bottom: at 200 % text both
        do not fit a 768-pixel screen. Done before it shows; or late, putting the focus back."""
        panel = self.dialog_panels.get(dialog)
        layout = dialog.layout()
        if panel is not None or not isinstance(layout, QBoxLayout):
            return panel
        panel = self._make_panel(dialog)
        panel.setVisible(False)
        panel.hide_requested.connect(self.dismiss)
        self.dialog_panels[dialog] = panel
        focused = QApplication.focusWidget()
        self._moving = True  # a moved widget loses the focus: the focus hops while this runs
        try:
            if dialog.findChild(QScrollArea, DIALOG_SCROLL) is None:  # ui.privacy.Dialog has its own
                _scroll_content(dialog, layout)
            layout.addWidget(panel)
        finally:
            self._moving = False
        if focused is not None and dialog.isAncestorOf(focused):
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = dialog.findChild(QScrollArea, DIALOG_SCROLL)
        if scroll is not None and self.window.property(TOUCH_SCROLLING):
            # Its content scrolls under a finger as the pages do: with the keys open, the resume
            # dialog's CCCD box lies below the code box, out of reach of a person with no mouse.
            QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
            dialog.installEventFilter(self)  # shown: a drag started on its buttons never clicks them
        dialog.destroyed.connect(lambda *_a, d=dialog: self.dialog_panels.pop(d, None))
        dialog.finished.connect(lambda *_a, p=panel: p.forget())
        return panel

    def open_in_dialog(self, dialog: QDialog, box: TextBox) -> None:
        """The dialog's own keyboard, typing into `box`; the dialog grows to hold it."""
        if self.panel is not None and self.panel.isVisible():
            self._hide_now()  # it cannot be touched while the dialog is open
        panel = self.ready_dialog(dialog)
        if panel is None:
            return
        panel.set_target(box)
        if not panel.isVisible():
            panel.setVisible(True)
            self._fit_dialog(dialog)
        scroll = dialog.findChild(QScrollArea, DIALOG_SCROLL)
        if scroll is not None:
            _show_whole(scroll, box)
            # Again once the content has its final layout at the dialog's new size.
            QTimer.singleShot(0, self, lambda: _show_whole(scroll, box) if box.hasFocus() else None)

    def _fit_dialog(self, dialog: QDialog) -> None:
        """Wide enough for large keys, as tall as its content (at most the window), centred on it."""
        layout = dialog.layout()
        if layout is not None:
            layout.activate()
        area = self.window.geometry()
        width = min(max(dialog.width(), DIALOG_WIDTH), area.width() - 32)
        panel = self.dialog_panels.get(dialog)
        keys = panel.sizeHint().height() if panel is not None and panel.isVisible() else 0
        scroll = dialog.findChild(QScrollArea, DIALOG_SCROLL)
        content = scroll.widget() if scroll is not None else None
        if content is not None:  # as tall as what it scrolls, when that fits (a scroll area asks little)
            text = content.heightForWidth(width)
            wanted = keys + (text if text > 0 else content.sizeHint().height())
            # And what stays outside the scrolling part: a Dialog's buttons (ui.privacy), above the keys.
            for index in range(layout.count() if layout is not None else 0):
                item = layout.itemAt(index) if layout is not None else None
                other = item.widget() if item is not None else None
                if other is not None and other not in (scroll, panel) and not other.isHidden():
                    wanted += other.sizeHint().height()
        else:
            wanted = dialog.sizeHint().height()
        height = min(wanted, area.height() - 16)
        dialog.resize(width, height)
        dialog.move(area.x() + (area.width() - width) // 2, area.y() + max(8, (area.height() - height) // 2))
        if layout is not None:
            layout.activate()

    # -- the window's settings ----------------------------------------------------------------
    def _display_changed(self, lang: str, scale: int, high_contrast: bool) -> None:
        panels = [p for p in (self.panel, *self.dialog_panels.values()) if p is not None]
        for panel in panels:
            panel.retranslate("en" if lang == "en" else "vi")
            panel.set_style(high_contrast, scale)
        if self.room is not None:
            self.room.restyle()

    def keys(self) -> list[QAbstractButton]:
        """Every key of the window's keyboard (for tests and the accessibility check)."""
        return self.panel.findChildren(QAbstractButton) if self.panel is not None else []


def install_keyboard(window: MainWindow) -> KeyboardController:
    """The window's on-screen keyboard: it follows the focus from now on."""
    return KeyboardController(window)
