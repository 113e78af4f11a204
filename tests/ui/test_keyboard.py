"""The on-screen keyboard driven as a resident at a touch terminal would: tap the field, tap the keys."""

from __future__ import annotations

import logging
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk import vi_typing
from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from kiosk.session import Attempts
from kiosk.vi_typing import Tone
from tests.ui.test_session import Kiosk, kiosk_factory
from ui.context import AppContext
from ui.drafts import CccdDialog, ReopenDialog
from ui.journey.inputs import AddressInput
from ui.keyboard import KeyboardController
from ui.keyboard.panel import KeyboardPanel
from ui.main_window import MainWindow
from ui.modes import PinDialog
from ui.services import Services
from ui.widgets import ScrollPage

KHAI_SINH = "1.001193"


class KeyEvents(QObject):
    """Counts every key event the app receives: the keyboard must type without any."""

    KINDS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS:
            self.seen += 1
        return False


@pytest.fixture
def key_events(qapp: QApplication) -> Iterator[KeyEvents]:
    counter = KeyEvents()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    found = Services(config=Config(mode="self_service"), data_dir=tmp_path / "kiosk", key=training_key())
    yield found
    found.close()


@pytest.fixture
def context(services: Services) -> Iterator[AppContext]:
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()


Open = Callable[..., MainWindow]


@pytest.fixture
def open_page(make_window: Callable[..., MainWindow], context: AppContext) -> Open:
    """A window on the filing's page `page_id` (its field focused as on arrival)."""

    def open_(
        page_id: str = "applicant.full_name", mode: Mode = "self_service", **settings: object
    ) -> MainWindow:
        config = context.services.config
        context.services.config = replace(config, mode=mode)
        window = make_window(context=context, **settings)
        window.start_journey(KHAI_SINH)
        assert window.journey is not None
        window.journey.journey.goto(page_id)
        window.journey.show_current()
        QApplication.processEvents()
        return window

    return open_


def keyboard(window: MainWindow) -> KeyboardPanel:
    controller = window.keyboard
    assert isinstance(controller, KeyboardController)
    assert controller.panel is not None
    return controller.panel


def tap(key: QWidget) -> None:
    assert key.isVisible() and key.isEnabled(), key.accessibleName()
    QTest.mouseClick(key, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    QApplication.processEvents()  # a finger is slower than one turn of the event loop


def tap_named(panel: KeyboardPanel, name: str) -> None:
    """Tap the key a screen reader announces as `name` ("chữ ă", "dấu huyền", "dấu cách")."""
    found = [k for k in panel.findChildren(QAbstractButton) if k.accessibleName() == name and k.isVisible()]
    assert len(found) == 1, (name, [k.accessibleName() for k in found])
    tap(found[0])


def type_taps(panel: KeyboardPanel, taps: list[str]) -> None:
    for name in taps:
        tap_named(panel, name)


NAME_TAPS = [  # "Nguyễn Thị Hằng": each word starts capital by itself in a name field
    "chữ N hoa", "chữ g", "chữ u", "chữ y", "chữ ê", "chữ n", "dấu ngã", "dấu cách",
    "chữ T hoa", "chữ h", "chữ i", "dấu nặng", "dấu cách",
    "chữ H hoa", "chữ ă", "chữ n", "chữ g", "dấu huyền",
]  # fmt: skip
STREET_TAPS = [  # "Số 12 Hàng Bạc": capitals by "chữ hoa", as on a phone
    "chữ hoa", "chữ S hoa", "chữ ô", "dấu sắc", "dấu cách", "số 1", "số 2", "dấu cách",
    "chữ hoa", "chữ H hoa", "chữ a", "chữ n", "chữ g", "dấu huyền", "dấu cách",
    "chữ hoa", "chữ B hoa", "chữ a", "chữ c", "dấu nặng",
]  # fmt: skip


def test_in_self_service_a_question_field_opens_the_keyboard_and_taps_type_a_vietnamese_name(
    open_page: Open, key_events: KeyEvents
) -> None:
    window = open_page()
    field = window.findChild(QLineEdit, "input-full_name")
    assert field is not None and field.hasFocus()
    panel = keyboard(window)
    assert panel.isVisible() and panel.letters.isVisible()
    # Under the page, never over it: the page ends where the keyboard starts.
    stack_bottom = window.stack.mapTo(window, QPoint(0, window.stack.height())).y()
    assert stack_bottom <= panel.mapTo(window, QPoint(0, 0)).y()
    key_events.seen = 0
    type_taps(panel, NAME_TAPS)
    assert field.text() == "Nguyễn Thị Hằng"
    assert key_events.seen == 0  # typed without a single key event
    # The tone keys show what they will make of the word before the cursor.
    QApplication.processEvents()
    assert panel.tone_keys[Tone.NONE].text().endswith("Hăng")
    assert panel.tone_keys[Tone.NONE].accessibleDescription() == "thành Hăng"
    continue_button = window.findChild(QAbstractButton, "journey-continue")
    assert continue_button is not None
    tap(continue_button)
    assert window.journey is not None
    stored = window.journey.journey.value("applicant.full_name")
    assert stored == "Nguyễn Thị Hằng"
    assert isinstance(stored, str) and unicodedata.is_normalized("NFC", stored)
    assert key_events.seen == 0


def test_an_address_is_typed_with_digits_and_tones_in_its_street_box(
    open_page: Open, key_events: KeyEvents
) -> None:
    window = open_page("applicant.address")
    page = window.journey.stack.currentWidget() if window.journey is not None else None
    address = page.findChild(AddressInput) if page is not None else None
    assert isinstance(address, AddressInput)
    panel = keyboard(window)
    assert panel.isVisible()  # the province search box has the cursor
    type_taps(panel, ["chữ h", "chữ a", "dấu cách", "chữ n", "chữ ô", "chữ i"])
    assert address.province_search.text() == "ha nôi"
    tap(address.street)
    assert address.street.hasFocus() and panel.target is address.street
    key_events.seen = 0
    type_taps(panel, STREET_TAPS)
    assert address.street.text() == "Số 12 Hàng Bạc"
    street = address.value()["street"]  # type: ignore[index]
    assert unicodedata.is_normalized("NFC", street)
    assert key_events.seen == 0


def test_the_cccd_number_gets_the_digits_layout(open_page: Open) -> None:
    window = open_page("applicant.id_number")
    field = window.findChild(QLineEdit, "input-id_number")
    assert field is not None and field.hasFocus()
    panel = keyboard(window)
    assert panel.digits.isVisible() and not panel.letters.isVisible()
    assert not panel.slash.isVisible()  # a number has no "/"; a date has (next)
    type_taps(panel, ["số 0", "số 0", "số 1", "số 0", "số 9", "số 9", "xoá ký tự trước", "số 0"])
    assert field.text() == "001090"
    window.journey.journey.goto("applicant.date_of_birth")  # type: ignore[union-attr]
    window.journey.show_current()  # type: ignore[union-attr]
    assert panel.digits.isVisible() and panel.slash.isVisible()
    type_taps(panel, ["số 0", "số 5", "dấu gạch chéo", "số 0", "số 9"])
    date = window.findChild(QLineEdit, "input-date_of_birth")
    assert date is not None and date.text() == "05/09"


def in_dialog_view(widget: QWidget) -> bool:
    """All of `widget` shows in its dialog's scrolling content, above the dialog's keyboard."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    box = QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size())
    return area.viewport().rect().contains(box)


def in_viewport(widget: QWidget) -> bool:
    page = widget.parentWidget()
    while page is not None and not isinstance(page, ScrollPage):
        page = page.parentWidget()
    assert page is not None
    viewport = page.viewport()
    box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(box)


@pytest.mark.parametrize("page_id", ["applicant.full_name", "applicant.id_number", "applicant.address"])
def test_at_200_percent_the_field_with_the_cursor_stays_in_sight_above_the_keyboard(
    open_page: Open, page_id: str
) -> None:
    window = open_page(page_id, text_scale=200, high_contrast=True)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit)
    panel = keyboard(window)
    assert panel.isVisible()
    assert in_viewport(focused)
    if isinstance(focused.parentWidget(), AddressInput):
        street = focused.parentWidget().street  # type: ignore[union-attr]
        tap(street)
        assert in_viewport(street)


@pytest.mark.parametrize(("scale", "lang"), [(100, "vi"), (200, "vi"), (200, "en")])
def test_every_key_is_a_64_pixel_target_with_a_name(open_page: Open, scale: int, lang: str) -> None:
    for page_id in ("applicant.full_name", "applicant.phone"):
        window = open_page(page_id, text_scale=scale, lang=lang)
        panel = keyboard(window)
        keys = [k for k in panel.findChildren(QAbstractButton) if k.isVisible()]
        assert len(keys) >= 12
        for key in keys:
            assert key.width() >= 64 and key.height() >= 64, (key.accessibleName(), key.size())
            assert key.accessibleName().strip(), key.text()
            assert key.focusPolicy() == Qt.FocusPolicy.NoFocus
        names = {k.accessibleName() for k in keys}
        if page_id == "applicant.full_name":
            expected = (
                {"chữ N hoa", "dấu huyền", "xoá ký tự trước", "dấu cách", "chữ hoa", "chữ Ă hoa"}
                if lang == "vi"
                else {"capital N", "grave tone (huyền)", "delete the character before", "space"}
            )
            assert expected <= names
        window.close()


@pytest.mark.parametrize(
    ("setting", "hardware", "shown"),
    [("off", False, False), ("on", True, True), ("auto", False, True), ("auto", True, False)],
)
def test_outside_self_service_the_setting_decides(
    open_page: Open, context: AppContext, setting: str, hardware: bool, shown: bool
) -> None:
    context.services.config = replace(context.services.config, onscreen_keyboard=setting)  # type: ignore[arg-type]
    window = open_page("applicant.address", mode="post_office")
    window.keyboard.hardware_keyboard = lambda: hardware
    page = window.journey.stack.currentWidget()  # type: ignore[union-attr]
    address = page.findChild(AddressInput)
    assert address is not None
    tap(address.street)
    panel = window.keyboard.panel
    assert (panel is not None and panel.isVisible()) is shown


def test_the_keyboard_hides_when_no_text_box_has_the_focus_and_on_its_own_key(open_page: Open) -> None:
    window = open_page("applicant.address")
    panel = keyboard(window)
    page = window.journey.stack.currentWidget()  # type: ignore[union-attr]
    address = page.findChild(AddressInput)
    assert address is not None and panel.isVisible()
    tap_named(panel, "ẩn bàn phím")
    assert not panel.isVisible()
    tap(address.street)  # the box already had the cursor: a tap brings the keyboard back
    assert panel.isVisible()
    back = window.findChild(QAbstractButton, "journey-back")
    assert back is not None
    back.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.qWait(0)
    QApplication.processEvents()
    assert not panel.isVisible()
    assert all(not key.text().endswith("ha") for key in panel.tone_keys.values())


def test_the_home_search_box_is_typable_by_touch(
    make_window: Callable[..., MainWindow], context: AppContext, key_events: KeyEvents
) -> None:
    window = make_window(context=context)
    assert window.home is not None
    tap(window.home.search)
    panel = keyboard(window)
    assert panel.isVisible()
    key_events.seen = 0
    for letter in "nhap ho khau":
        tap_named(panel, "dấu cách" if letter == " " else f"chữ {letter}")
    assert window.home.search.text() == "nhap ho khau"
    assert key_events.seen == 0


@pytest.fixture
def no_tone_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The bogo engine fails to import, as with a broken install."""
    vi_typing.forget_tone_rules()
    for name in ("bogo", "bogo.utils", "bogo.accent", "bogo.validation"):
        monkeypatch.setitem(sys.modules, name, None)
    yield
    monkeypatch.undo()
    vi_typing.forget_tone_rules()


def test_without_the_tone_engine_the_tone_row_hides_and_letters_still_type(
    open_page: Open, monkeypatch: pytest.MonkeyPatch, no_tone_engine: None, caplog: pytest.LogCaptureFixture
) -> None:
    from ui.keyboard import panel as panel_module

    monkeypatch.setattr(panel_module, "TOLD_NO_TONES", [])
    with caplog.at_level(logging.ERROR, logger="kiosk.vi_typing"):
        window = open_page()
    logged = [r.getMessage() for r in caplog.records if r.name == "kiosk.vi_typing"]
    assert len(logged) == 1 and "Không dùng được phím dấu" in logged[0]
    panel = keyboard(window)
    assert panel.isVisible()
    assert not panel.tone_row.isVisible()
    assert panel.note.isVisible()
    assert panel.note.text() == "Không dùng được phím dấu; vẫn gõ được chữ không dấu."
    type_taps(panel, ["chữ H hoa", "chữ ă", "chữ n", "chữ g"])
    field = window.findChild(QLineEdit, "input-full_name")
    assert field is not None and field.text() == "Hăng"
    other = KeyboardPanel("vi", rules=None)
    assert not other.note.isVisibleTo(other) and panel_module.TOLD_NO_TONES  # said once per run
    other.deleteLater()


@pytest.fixture
def make_kiosk(
    request: pytest.FixtureRequest, qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> Callable[..., Kiosk]:
    return kiosk_factory(request, qtbot, catalog, tmp_path)


@pytest.mark.parametrize("scale", [100, 200])
def test_the_resume_dialog_has_its_own_keyboard_for_the_code_and_the_cccd_number(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, key_events: KeyEvents, scale: int
) -> None:
    kiosk = make_kiosk("self_service")
    kiosk.window.set_text_scale(scale)
    kiosk.session.open_reopen()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReopenDialog) and w.isVisible())
    qtbot.waitUntil(dialog.code.hasFocus)
    panels = dialog.findChildren(KeyboardPanel)
    assert len(panels) == 1
    panel = panels[0]
    assert panel.isVisible() and panel.letters.isVisible()
    assert panel.window() is dialog  # inside the dialog, which the window's keyboard cannot reach
    key_events.seen = 0
    assert not panel.tone_row.isVisible()  # a code has no tones
    type_taps(panel, ["chữ a", "chữ b", "số 1", "số 2", "chữ c", "chữ d", "số 3", "số 4"])
    assert dialog.code.text() == "ab12cd34"
    assert in_dialog_view(dialog.code)
    tap(dialog.cccd)
    assert dialog.cccd.hasFocus() and panel.digits.isVisible()
    type_taps(panel, [f"số {d}" for d in "001090000123"])
    assert dialog.cccd.text() == "001090000123"
    assert in_dialog_view(dialog.cccd)
    assert key_events.seen == 0
    for key in (k for k in panel.findChildren(QAbstractButton) if k.isVisible()):
        assert key.width() >= 64 and key.height() >= 64
    assert dialog.geometry().bottom() <= kiosk.window.geometry().bottom()
    dialog.reject()


@pytest.mark.parametrize("kind", ["cccd", "pin"])
def test_the_cccd_and_operator_pin_dialogs_type_digits_on_their_own_keyboard(
    make_window: Callable[..., MainWindow], context: AppContext, qtbot: QtBot, kind: str
) -> None:
    window = make_window(context=context)
    dialog: CccdDialog | PinDialog = (
        CccdDialog(window, "vi") if kind == "cccd" else PinDialog(window, "vi", Attempts())
    )
    dialog.open()
    qtbot.waitUntil(dialog.field.hasFocus)
    panel = dialog.findChild(KeyboardPanel)
    assert panel is not None and panel.isVisible() and panel.digits.isVisible()
    type_taps(panel, ["số 1", "số 2", "số 3", "số 4", "số 5", "số 6"])
    assert dialog.field.text() == "123456"
    assert in_dialog_view(dialog.field)
    dialog.reject()


def test_a_button_pressed_with_the_keyboard_open_stays_under_the_finger_until_it_lifts(
    open_page: Open,
) -> None:
    window = open_page("applicant.phone")
    panel = keyboard(window)
    button = window.findChild(QAbstractButton, "journey-continue")
    assert button is not None and panel.isVisible()
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    where = button.mapTo(window, QPoint(10, 10))
    QTest.mousePress(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    QApplication.processEvents()
    assert panel.isVisible()  # the page has not grown back under the finger
    assert button.mapTo(window, QPoint(10, 10)) == where
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    QApplication.processEvents()
    assert clicked == [True]


def test_a_search_box_focused_before_the_keyboard_is_installed_opens_it_when_tapped(
    make_window: Callable[..., MainWindow], context: AppContext, key_events: KeyEvents
) -> None:
    """The app's home screen takes the focus in its search box with its first frame; the keyboard is
    installed just after. A tap on that box must open it (it stayed shut until "Ẩn bàn phím" was used)."""
    window = make_window(context=context, features=False)
    assert window.home is not None and window.home.search.hasFocus()
    window.install_features()
    tap(window.home.search)
    panel = keyboard(window)
    assert panel.isVisible() and panel.target is window.home.search
    for letter in "nhap":
        tap_named(panel, f"chữ {letter}")
    assert window.home.search.text() == "nhap"
    assert key_events.seen == 0
