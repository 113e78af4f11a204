"""The window's header on as few rows as its text size allows; actions that do not fit fold behind "Thêm".

At 1366×768 a post office's header (session, agent, tracking, reports, language, text size, contrast)
took three rows at 200 % and, with the training banner, 40 % of the screen. The rules now:

- one row at 100 %, at most two at any larger size (`max_rows`);
- the title ("DVC Kiosk — Dịch vụ công") only when it fits on that row beside everything: the window's
  title still names the app and each page says what it is;
- what does not fit folds, the action added first first (reports, then tracking, then the agent's
  sign-in, then events, the session's buttons last); language, text size and contrast never fold;
- "Thêm" shows the folded actions on rows of their own until the page changes or it is pressed again.

Each action added by a feature sits in a `HeaderSlot` that the header shows or hides; the feature keeps
showing or hiding the action itself (a sign-in button once an agent is in), and the header follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.i18n import t
from ui.widgets import FlowLayout, button

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE_SPACING = 16
_WATCHED = (QEvent.Type.ShowToParent, QEvent.Type.HideToParent, QEvent.Type.LayoutRequest)


def max_rows(scale: int) -> int:
    """Rows the header may take at `scale` percent before actions fold."""
    return 1 if scale <= 100 else 2


def rows_needed(widths: Sequence[int], width: int, spacing: int) -> int:
    """Rows a left-to-right flow of `widths` takes in `width` pixels (as FlowLayout lays them out)."""
    rows, x = 0, 0
    for item in widths:
        if rows == 0 or (x and x + item > width):
            rows += 1
            x = 0
        x += item + spacing
    return rows


class HeaderSlot(QWidget):
    """Holds one action a feature put in the header; the header folds the slot, never the action."""

    def __init__(self, action: QWidget) -> None:
        super().__init__()
        self.action = action
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(action)

    def wanted(self) -> bool:
        """Its feature shows the action now (it may still be folded)."""
        return not self.action.isHidden()


class HeaderFolding(QObject):
    """Places the title, the controls and "Thêm" in the window's header (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.expanded = False
        self.folded: list[HeaderSlot] = []
        self.with_title: bool | None = None
        self._fitting = False
        self.more = button("", "chrome")
        self.more.setObjectName("header-more")
        self.more.setCheckable(True)
        self.more.setVisible(False)
        self.more.toggled.connect(self._toggle)
        self._follows_pages = False  # the window's pages are made after its header
        self.one_row = False  # the on-screen keyboard is open: one row, the rest behind "Thêm"

    def slot(self, action: QWidget) -> HeaderSlot:
        """A slot for an action about to be added; the header looks again when the action shows or hides."""
        slot = HeaderSlot(action)
        action.installEventFilter(self)
        slot.installEventFilter(self)
        return slot

    def retranslate(self) -> None:
        lang = self.window.lang
        key = "header.less" if self.expanded else "header.more"
        self.more.setText(t(key, lang))
        names = ", ".join(_names(self.folded))
        self.more.setAccessibleName(t(f"{key}_name", lang, actions=names))

    def collapse(self) -> None:
        if self.expanded:
            self.more.setChecked(False)

    def _toggle(self, on: bool) -> None:
        self.expanded = on
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED:
            self.fit()
        return False

    def _slots(self) -> list[HeaderSlot]:
        return [widget for widget in self._placed() if isinstance(widget, HeaderSlot)]

    def _placed(self) -> list[QWidget]:
        layout = self.window.controls.layout()
        assert isinstance(layout, FlowLayout)
        found = []
        for index in range(layout.count()):
            item = layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.more:
                found.append(widget)
        return found

    def set_one_row(self, on: bool) -> None:
        """At most one row while the on-screen keyboard takes the lower half (ui/keyboard/room.py)."""
        if on != self.one_row:
            self.one_row = on
            self.collapse()
            self.fit()

    def fit(self) -> None:
        """Fold what does not fit the rows allowed at this width and text size; place the title."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        window = self.window
        stack = getattr(window, "stack", None)
        if stack is not None and not self._follows_pages:
            self._follows_pages = True
            stack.currentChanged.connect(lambda _index: self.collapse())  # another page: folded again
        grid = window._header_grid
        margins = grid.contentsMargins()
        width = window.width() - margins.left() - margins.right()
        layout = window.controls.layout()
        assert isinstance(layout, FlowLayout)
        spacing = layout.spacing()
        shown = [
            widget
            for widget in self._placed()
            if (widget.wanted() if isinstance(widget, HeaderSlot) else not widget.isHidden())
        ]
        hints = {id(widget): _hint(widget) for widget in shown}
        more = self.more.sizeHint().width()
        folded: list[HeaderSlot] = []
        if not self.expanded:
            rows = 1 if self.one_row else max_rows(window.scale)
            foldable = [widget for widget in reversed(shown) if isinstance(widget, HeaderSlot)]
            while foldable:
                widths = [hints[id(widget)] for widget in shown] + ([more] if folded else [])
                if rows_needed(widths, width, spacing) <= rows:
                    break
                slot = foldable.pop(0)
                shown.remove(slot)
                folded.append(slot)
        else:
            folded = list(self.folded)  # what "Thêm" showed stays listed under its name
        for slot in self._slots():
            slot.setVisible(slot in shown)
        self.folded = folded
        self.more.setVisible(bool(folded))
        if folded:  # its words only once shown: a first frame with nothing folded loads no more messages
            self.retranslate()
        widths = [hints[id(widget)] for widget in shown] + ([more] if folded else [])
        beside = window.title.sizeHint().width() + TITLE_SPACING + sum(widths) + spacing * (len(widths) - 1)
        self._place(with_title=not self.expanded and beside <= width)

    def _place(self, *, with_title: bool) -> None:
        """The title and the controls on one row, or the controls alone over the header's width."""
        if with_title == self.with_title:
            return
        self.with_title = with_title
        window = self.window
        grid = window._header_grid
        grid.removeWidget(window.title)
        grid.removeWidget(window.controls)
        window.title.setVisible(with_title)
        if with_title:
            grid.addWidget(window.title, 0, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(window.controls, 0, 1, Qt.AlignmentFlag.AlignRight)
        else:
            grid.addWidget(window.controls, 0, 0, 1, 2)


def _hint(widget: QWidget) -> int:
    inner = widget.action if isinstance(widget, HeaderSlot) else widget
    return inner.sizeHint().width()


def _names(slots: Sequence[HeaderSlot]) -> list[str]:
    """What the folded actions say (their texts), for "Thêm"'s accessible name."""
    names: list[str] = []
    for slot in slots:
        for widget in (slot.action, *slot.action.findChildren(QPushButton)):
            if isinstance(widget, QPushButton) and not widget.isHidden() and widget.text():
                names.append(widget.text())
    return names
