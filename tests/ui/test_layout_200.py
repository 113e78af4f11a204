"""200 % text at 1366×768 in every mode: no sideways scrolling, the header on one row at 100 % and two at
most at 200 %, the training banner on one line, no heading under the header and banner.

Each window is built as the app builds it: services on a temporary data dir, the mode's session
buttons in the header, an agent signed in at a post office or a volunteer event, the training banner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.agents import AgentIdentity
from kiosk.catalog import Catalog, Question
from kiosk.config import MODES, Config, Mode
from kiosk.crypto import training_key
from kiosk.i18n import t
from ui.context import AppContext
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.services import Services
from ui.session import SessionController
from ui.widgets import ScrollPage

AGENT = AgentIdentity("BD-0001", "Nguyễn Thị Lan", "Bưu điện Trung tâm Sài Gòn")
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@dataclass
class Terminal:
    window: MainWindow
    session: SessionController


@pytest.fixture
def make_terminal(qtbot: QtBot, catalog: Catalog, tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """A window in `mode` at `scale` % and `size`, in training mode, with its session and (assisted
    modes) an agent signed in, as a person finds it."""
    contexts: list[tuple[AppContext, SessionController]] = []

    def make(
        mode: Mode, scale: int, *, size: tuple[int, int] = (1366, 768), training: bool = True
    ) -> Terminal:
        services = Services(
            config=Config(mode=mode), data_dir=tmp_path / f"data-{len(contexts)}", key=training_key()
        )
        context = AppContext.create(services)
        window = MainWindow(catalog, text_scale=scale, training=training, context=context)
        qtbot.addWidget(window)
        session = SessionController(window, context, mode=mode)
        contexts.append((context, session))
        session.apply_mode(mode)
        session.idle.stop()
        if mode != "self_service":
            window.agents.desk.sign_in(AGENT, "buudien01", "token", NOW)
            window.agents.retranslate()
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        settle()
        return Terminal(window, session)

    yield make
    for context, session in contexts:
        session.idle.stop()
        context.close()
        context.services.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def longest_option(catalog: Catalog) -> tuple[str, Question, str]:
    """The procedure, question and option text with the longest option in the catalog (Vietnamese)."""
    rows = [
        (option.label.vi, code, question)
        for code, procedure in sorted(catalog.procedures.items())
        for question in procedure.questions()
        for option in question.options
    ]
    text, code, question = max(rows, key=lambda row: len(row[0]))
    return code, question, text


def open_question(terminal: Terminal, code: str, question_id: str) -> QuestionPage:
    window = terminal.window
    window.start_journey(code)
    assert window.journey is not None
    window.journey.journey.goto(question_id)
    window.journey.show_current()
    settle()
    page = window.journey.current_page()
    assert isinstance(page, QuestionPage)
    return page


def header_rows(window: MainWindow) -> int:
    """Rows the header shows: of its controls and its title (a row of its own above the controls, as it
    was, counts): a part starting below the bottom of all before it starts a row."""
    parts = [c for c in window.controls.findChildren(QWidget) if _placed_in_row(c, window)]
    if window.title.isVisible():
        parts.append(window.title)
    placed = sorted(
        (QRect(part.mapTo(window.header, QPoint(0, 0)), part.size()) for part in parts),
        key=lambda rect: rect.top(),
    )
    rows, bottom = 0, -1
    for rect in placed:
        if rect.top() > bottom:
            rows += 1
        bottom = max(bottom, rect.bottom())
    return rows


def _placed_in_row(widget: QWidget, window: MainWindow) -> bool:
    """A shown control laid out in the header's rows (not a button inside a group of buttons)."""
    if not widget.isVisible():
        return False
    layout = window.controls.layout()
    assert layout is not None
    return any(
        (item := layout.itemAt(i)) is not None and item.widget() is widget for i in range(layout.count())
    )


@pytest.mark.parametrize("mode", MODES)
def test_the_longest_option_wraps_at_200_percent_and_the_page_never_scrolls_sideways(
    make_terminal: Callable[..., Terminal], catalog: Catalog, mode: Mode
) -> None:
    terminal = make_terminal(mode, 200)
    code, question, text = longest_option(catalog)
    page = open_question(terminal, code, question.id)
    viewport = page.viewport()
    bar = page.horizontalScrollBar()
    assert bar.maximum() == 0 and bar.value() == 0  # nothing to scroll to, with or without a bar
    assert page.widget().width() <= viewport.width()
    radio = next(r for r in page.findChildren(QRadioButton) if r.text() == text)
    left = radio.mapTo(viewport, QPoint(0, 0)).x()
    right = radio.mapTo(viewport, QPoint(radio.width(), 0)).x()
    assert left >= 0 and right <= viewport.width()  # "về ở cùn…" was cut, and "uay lại" at the left
    one_line = radio.fontMetrics().height()
    assert radio.height() >= 2 * one_line  # the option wrapped onto a second line, not cut
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.mapTo(viewport, QPoint(0, 0)).x() >= 0, label.text()
    heading = page.heading.mapTo(viewport, QPoint(0, 0)).y()
    assert heading >= 0  # the question is in view, not under the header and banner


def test_the_page_takes_what_the_person_scrolls_to_but_never_sideways(
    make_terminal: Callable[..., Terminal], catalog: Catalog, qtbot: QtBot
) -> None:
    """Tabbing through long options at 200 %: the focus scrolls the page down, never sideways."""
    terminal = make_terminal("self_service", 200)
    code, question, _text = longest_option(catalog)
    page = open_question(terminal, code, question.id)
    for radio in page.findChildren(QRadioButton):
        radio.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        assert page.horizontalScrollBar().value() == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("scale", "rows"), [(100, 1), (200, 2)])
def test_the_header_is_one_row_at_100_percent_and_two_at_most_at_200(
    make_terminal: Callable[..., Terminal], catalog: Catalog, mode: Mode, scale: int, rows: int
) -> None:
    terminal = make_terminal(mode, scale)
    window = terminal.window
    code, question, _text = longest_option(catalog)
    open_question(terminal, code, question.id)  # the journey's session buttons ("Lưu và tiếp tục sau")
    assert 1 <= header_rows(window) <= rows
    controls = [
        c for c in window.controls.findChildren(QWidget) if c.isVisible() and _placed_in_row(c, window)
    ]
    for control in controls:  # each whole, inside the header
        assert control.mapTo(window.header, QPoint(control.width(), 0)).x() <= window.header.width()
    # Language, text size and contrast are always there; the session's "Người tiếp theo" too.
    for control in (window.lang_button, window.larger_button, window.contrast_button):
        assert control.isVisible()
    assert terminal.session.bar.next_person.isVisible()


def test_at_200_percent_header_and_banner_leave_the_page_most_of_a_1366_by_768_screen(
    make_terminal: Callable[..., Terminal],
) -> None:
    window = make_terminal("self_service", 200).window
    taken = window.header.height() + window.banner.height()
    assert taken <= 0.3 * 768  # they took about 40 %: 166 + 132 px


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_training_banner_is_one_short_line(
    make_terminal: Callable[..., Terminal], lang: str, scale: int, size: tuple[int, int]
) -> None:
    window = make_terminal("self_service", scale, size=size).window
    window.set_language(lang)  # type: ignore[arg-type]
    settle()
    banner = window.banner
    assert banner.isVisible() and banner.text() == t("ui.training_banner", lang)  # type: ignore[arg-type]
    metrics = banner.fontMetrics()
    assert metrics.horizontalAdvance(banner.text()) <= banner.contentsRect().width()
    assert banner.height() < 2 * metrics.lineSpacing()


def test_actions_that_do_not_fit_fold_behind_more_and_come_back_with_it(
    make_terminal: Callable[..., Terminal], qtbot: QtBot
) -> None:
    terminal = make_terminal("post_office", 100)
    window = terminal.window
    more = window.header_folding.more
    reports = window.reports.button
    assert more.isVisible() and not reports.isVisible()  # "Báo cáo" folded, one row kept
    assert reports.text() in more.accessibleName()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reports.isVisible)
    assert header_rows(window) >= 2 and more.text() == "Thu gọn"
    qtbot.mouseClick(reports, Qt.MouseButton.LeftButton)  # another page: the header folds again
    qtbot.waitUntil(lambda: not reports.isVisible() and header_rows(window) == 1)
    assert more.text() == "Thêm" and window.stack.currentWidget() is window.reports.page


def test_an_action_shown_later_by_its_feature_folds_or_shows_by_the_room_left(
    make_terminal: Callable[..., Terminal], qtbot: QtBot
) -> None:
    window = make_terminal("post_office", 100, size=(1920, 1080)).window
    tracking = window.tracking.button
    qtbot.waitUntil(tracking.isVisible)  # room at 1920 px
    window.agents.sign_out()  # "Cán bộ đăng nhập" instead of the agent's name: narrower
    settle()
    assert header_rows(window) == 1 and tracking.isVisible()


def test_arriving_on_the_confirmation_shows_its_heading_and_reference(
    make_terminal: Callable[..., Terminal],
) -> None:
    from ui.journey.shots import _dossier, _fill

    terminal = make_terminal("self_service", 100)
    window = terminal.window
    window.start_journey("1.001193")
    view = window.journey
    assert view is not None
    _fill(view)
    view.confirmation.show_dossier(view.procedure, _dossier(view), "vi")
    view.stack.setCurrentWidget(view.confirmation)
    view.confirmation.arrive()
    settle()
    page = view.confirmation
    for part in (page.heading, page.reference):
        top = part.mapTo(page.viewport(), QPoint(0, 0)).y()
        assert top >= 0 and top + part.height() <= page.viewport().height(), part.text()


def test_a_page_whose_keyboard_went_shows_its_heading_again(make_terminal: Callable[..., Terminal]) -> None:
    """The page shrank while something (an on-screen keyboard) covered its lower part and scrolled to
    the focus; when it grows back, the heading that had to go shows again."""
    terminal = make_terminal("post_office", 200)
    window = terminal.window
    window.start_journey("1.001193")
    assert window.journey is not None
    page = window.journey.current_page()
    assert isinstance(page, ScrollPage)
    page.setFixedHeight(160)
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)
    page.ensureWidgetVisible(focus, 0, 24)
    settle()
    heading = page.heading_label()
    assert heading is not None and heading.mapTo(page.viewport(), QPoint(0, 0)).y() < 0
    page.setMinimumHeight(0)
    page.setMaximumHeight(16777215)
    settle()
    assert heading.mapTo(page.viewport(), QPoint(0, 0)).y() >= 0


def test_the_screenshot_checks_see_sideways_scrolling_and_a_hidden_heading(
    make_terminal: Callable[..., Terminal], catalog: Catalog
) -> None:
    from ui.shots import heading_hidden, problems, sideways

    terminal = make_terminal("self_service", 200)
    code, question, _text = longest_option(catalog)
    page = open_question(terminal, code, question.id)
    assert problems(terminal.window) == []
    wide = QScrollArea()  # as the pages were: a content wider than the page, scrolled to the focus
    wide.setWidget(QLabel("Nhà của người thân (vợ, chồng, cha mẹ, con…), về ở cùng " * 4))
    wide.resize(400, 200)
    wide.show()
    settle()
    assert sideways(wide) and "horizontal scroll bar" in sideways(wide)[0]
    wide.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    wide.horizontalScrollBar().setValue(88)
    settle()
    assert "now by 88 px" in sideways(wide)[0]
    wide.close()
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    page.heading.setFocus()  # the focus at the top: nothing forced the heading away
    assert heading_hidden(terminal.window)
