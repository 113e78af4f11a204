"""Tab order that follows the screen (WCAG 2.4.3): the page, its own actions, the session, the header.

The window asks for the order each time Tab is pressed (`step`), so it is right whatever was rebuilt
since (a retranslated page, new error links, the session's buttons of another mode, a larger text):
nothing has to remember to call setTabOrder again. A page says its order with `focus_order()`; a page
without one is taken in Qt's own focus chain (which its code keeps in reading order).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLayout, QWidget

from ui.widgets import repolish


def tabbable(widget: QWidget) -> bool:
    """A stop Tab can land on now: shown, enabled, takes focus by Tab, not standing in for another."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def stops(widgets: Iterable[QWidget | None]) -> list[QWidget]:
    """The tabbable widgets of `widgets`, in that order, each once."""
    seen: set[int] = set()
    found: list[QWidget] = []
    for widget in widgets:
        if widget is not None and id(widget) not in seen and tabbable(widget):
            seen.add(id(widget))
            found.append(widget)
    return found


def in_chain_order(root: QWidget) -> list[QWidget]:
    """The tabbable widgets inside `root` (itself included) in Qt's focus chain order."""
    found = [root] if tabbable(root) else []
    widget = root.nextInFocusChain()
    while widget is not root and widget is not None:
        if root.isAncestorOf(widget) and tabbable(widget):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def page_order(page: QWidget | None) -> list[QWidget]:
    """A page's stops: its own `focus_order()` when it has one, else its focus chain."""
    if page is None:
        return []
    declared = getattr(page, "focus_order", None)
    if callable(declared):
        return stops(declared())
    return in_chain_order(page)


def around(root: QWidget, before: Iterable[QWidget | None], after: Iterable[QWidget | None]) -> list[QWidget]:
    """`before`, then any other stop inside `root` (in its focus chain: something another part added
    later is still reached), then `after`: a page's content first and its own actions last."""
    first, last = stops(before), stops(after)
    named = {id(widget) for widget in first + last}
    rest = [widget for widget in in_chain_order(root) if id(widget) not in named]
    return stops([*first, *rest, *last])


def layout_order(layout: QLayout) -> list[QWidget]:
    """The stops of the widgets placed in `layout`, in the layout's order (as they are shown)."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        placed = item.widget() if item is not None else None
        if placed is None:
            continue
        found.extend(stops([placed, *placed.findChildren(QWidget)]))
    return found


def step(order: Sequence[QWidget], forward: bool) -> QWidget | None:
    """The stop after (or before) the focused widget in `order`, wrapping round; None when the focus is
    not one of them (then Qt's own chain decides, e.g. inside something that covers the screen)."""
    focused = QApplication.focusWidget()
    if focused is None or not order:
        return None
    try:
        index = list(order).index(focused)
    except ValueError:
        return None
    return order[(index + (1 if forward else -1)) % len(order)]


def mark_limit(button: QAbstractButton, at_limit: bool, description: str) -> None:
    """A text-size button at the end of its range: it stays enabled and keeps the focus, but does
    nothing, looks greyed out (the stylesheet's [limit="true"]) and says so to a screen reader.

    Disabling it would send the focus elsewhere: to its twin, where the next Enter of someone still
    pressing undoes the size they were reaching (or on to "Tương phản cao"); and a disabled button
    leaves the Tab order, so the count of Tab presses to a control would change with the text size."""
    if bool(button.property("limit")) != at_limit:
        button.setProperty("limit", at_limit)
        repolish(button)
    button.setAccessibleDescription(description if at_limit else "")
