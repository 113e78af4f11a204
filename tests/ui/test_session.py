"""The citizen's session: first-run mode, "Người tiếp theo", "Hồ sơ đang làm", and the offer after a crash."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config, Mode, load_config, save_config
from kiosk.crypto import training_key
from kiosk.store import Assisted, Store
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.privacy import ConfirmDialog
from ui.services import Services
from ui.session import RUNNING_SETTING, SessionController, SessionTimings

KHAI_SINH = "1.001193"
NAME = "Nguyễn Thị Bích Ngọc"
OTHER_NAME = "Trần Văn Hùng"
TYPED = "Pham Thi Lan"  # QTest types ASCII only: a name as a scanner in keyboard mode would send it
CCCD = "001185012345"


@dataclass
class Kiosk:
    window: MainWindow
    session: SessionController
    context: AppContext
    saved_modes: list[Mode]

    def store(self, work: Callable[[Store], Any]) -> Any:
        """Run `work` on the store worker and wait for it (the store is used from that thread only)."""
        return self.context.tasks.run_store(work).result(timeout=30)

    def draft(self, kind: str = "post_office", name: str | None = None, id_number: str | None = None) -> str:
        def work(store: Store) -> str:
            ref = store.create_draft(KHAI_SINH, "1", Assisted(kind, None, None, None))  # type: ignore[arg-type]
            applicant: dict[str, str] = {}
            if name:
                applicant["full_name"] = name
            if id_number:
                applicant["id_number"] = id_number
            store.save_answers(ref, applicant, {})
            return ref

        return str(self.store(work))

    def drafts(self) -> set[str]:
        from kiosk.store import DossierState

        return {d.client_ref for d in self.store(lambda s: s.list_dossiers([DossierState.DRAFT]))}


FAST = SessionTimings(idle_ms=60_000, countdown_s=20, tick_ms=1000)


def kiosk_factory(
    request: pytest.FixtureRequest, qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> Callable[..., Kiosk]:
    """Build a window with services on a temporary data dir and its session controller, as run_app does."""

    def make(
        mode: Mode | None = None,
        *,
        timings: SessionTimings = FAST,
        prepare: Callable[[Store], object] | None = None,
        data_dir: Path | None = None,
        training: bool = False,
    ) -> Kiosk:
        services = Services(
            config=Config(mode=mode),
            data_dir=data_dir or tmp_path / "data",
            key=training_key(),
            training=training,
        )
        context = AppContext.create(services)
        if prepare is not None:
            context.tasks.run_store(prepare).result(timeout=30)
        window = MainWindow(catalog, context=context)
        qtbot.addWidget(window)
        saved: list[Mode] = []
        session = SessionController(window, context, mode=mode, save_mode=saved.append, timings=timings)
        session.start()
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()

        def close() -> None:
            session.shutdown()
            session.idle.stop()
            context.close()
            services.close()

        request.addfinalizer(close)
        context.tasks.wait_idle()
        QApplication.processEvents()
        return Kiosk(window, session, context, saved)

    return make


@pytest.fixture
def make_kiosk(
    request: pytest.FixtureRequest, qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> Callable[..., Kiosk]:
    return kiosk_factory(request, qtbot, catalog, tmp_path)


def texts(root: QWidget) -> list[str]:
    """Every text a person could read or that a screen still holds: labels, fields, buttons."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
            found.append(widget.accessibleName())
    return found


def visible_dialog(kind: type[Any], qtbot: QtBot) -> Any:
    found: list[Any] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def test_first_run_asks_how_the_terminal_is_used_and_remembers_it(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = make_kiosk(None)
    window, session = kiosk.window, kiosk.session
    assert window.stack.currentWidget() is session.mode_page
    assert session.mode_page.heading.text() == "Máy này được dùng thế nào?"
    titles = [card.title.text() for card in session.mode_page.cards.values()]
    assert titles == ["Nhân viên bưu điện", "Tình nguyện viên", "Tự phục vụ"]
    assert not session.bar.isVisible()
    # The language can be switched here too.
    window.lang_button.click()
    assert session.mode_page.heading.text() == "How is this terminal used?"
    window.lang_button.click()
    # Keyboard: the first choice has focus, Tab moves to the next, Enter chooses.
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is session.mode_page.cards["community_team"]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert kiosk.saved_modes == ["community_team"]
    assert window.stack.currentWidget() is window.home
    assert kiosk.context.services.config.mode == "community_team"
    visible = [b.text() for b in session.buttons()]
    assert visible == ["Người tiếp theo", "Hồ sơ đang làm"]


def test_the_chosen_mode_is_written_to_the_config_file_and_opens_next_time(
    make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    config_dir = tmp_path / "config"
    kiosk = make_kiosk(None)
    kiosk.session._save_mode = lambda mode: save_config(Config(mode=mode), config_dir)
    kiosk.session.mode_page.cards["post_office"].click()
    assert load_config(config_dir).mode == "post_office"
    again = make_kiosk(load_config(config_dir).mode, data_dir=tmp_path / "again")
    assert again.window.stack.currentWidget() is again.window.home


def test_next_person_leaves_no_trace_of_the_last_citizen(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("post_office")
    window, session = kiosk.window, kiosk.session
    ref = kiosk.draft(name=NAME)
    assert window.home is not None
    qtbot.keyClicks(window.home.search, TYPED)
    journey_field: QLineEdit | None = None
    start = getattr(window, "start_journey", None)
    if callable(start):  # the journey screens, when present: type the name into its first field
        start(KHAI_SINH)
        fields = [f for f in window.stack.currentWidget().findChildren(QLineEdit) if f.isVisible()]
        if fields:
            journey_field = fields[0]
            qtbot.keyClicks(journey_field, TYPED)
            assert TYPED in texts(window)
    session.show_drafts()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is session.drafts_page)
    assert any(NAME in text for text in texts(window))
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    session.bar.next_person.click()
    assert ended == [True]
    assert window.stack.currentWidget() is window.home
    assert window.home.search.text() == ""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # screens let go of old widgets
    leftovers = [text for text in texts(window) if NAME in text or TYPED in text]
    assert leftovers == []
    # Assisted mode: the unfinished draft simply stays a draft.
    assert ref in kiosk.drafts()


def test_drafts_list_shows_who_and_what_and_deletes_only_after_asking(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("post_office")
    window, session = kiosk.window, kiosk.session
    first = kiosk.draft(name=NAME)
    second = kiosk.draft(name=OTHER_NAME)
    kiosk.draft(kind="self_service", name="Lê Văn Tám")  # a citizen's own: never listed
    session.bar.drafts.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is session.drafts_page)
    page = session.drafts_page
    shown = "\n".join(texts(page))
    assert "Đăng ký khai sinh" in shown
    assert NAME in shown and OTHER_NAME in shown and "Lê Văn Tám" not in shown
    assert {row.client_ref for row in page.rows} == {first, second}
    changes = [row.updated_at for row in page.rows]
    assert changes == sorted(changes, reverse=True)  # newest change first
    assert page.rows[0].local_ref in shown
    assert window.focusWidget() is page.findChild(QAbstractButton, "resume-0")

    delete = page.findChild(QAbstractButton, "delete-0")
    assert delete is not None
    delete.click()
    dialog = visible_dialog(ConfirmDialog, qtbot)
    assert dialog.heading.text() == "Xoá hồ sơ này?"
    assert window.focusWidget() is None or dialog.focusWidget() is dialog.no  # the safe answer has focus
    dialog.no.click()
    kiosk.context.tasks.wait_idle()
    assert kiosk.drafts() >= {first, second}

    changed: list[str] = []
    kiosk.context.events.dossier_did_change.connect(changed.append)
    delete = page.findChild(QAbstractButton, "delete-0")
    assert delete is not None
    delete.click()
    visible_dialog(ConfirmDialog, qtbot).yes.click()
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    deleted = changed[0]
    assert changed == [deleted] and deleted in (first, second)
    assert deleted not in kiosk.drafts()
    kept = page.rows[0].client_ref
    assert kept != deleted

    resumed: list[str] = []
    session.resume_requested.connect(resumed.append)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old list's buttons go
    resume = page.findChild(QAbstractButton, "resume-0")
    assert resume is not None
    resume.click()
    assert resumed == [kept]
    assert session.current_draft() == kept
    # "Tiếp tục" reopens that very draft's journey, with the name already given.
    qtbot.waitUntil(lambda: window.journey is not None and window.stack.currentWidget() is window.journey)
    assert window.journey is not None and window.journey.client_ref == kept
    assert window.journey.journey.applicant().get("full_name") in (NAME, OTHER_NAME)


def test_after_a_crash_the_next_start_offers_recent_drafts(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, tmp_path: Path
) -> None:
    def crashed_with_a_draft(store: Store) -> None:
        ref = store.create_draft(KHAI_SINH, "1", Assisted("post_office", None, None, None))
        store.save_answers(ref, {"full_name": NAME}, {})
        store.set_setting(RUNNING_SETTING, "1")  # the last run never said goodbye

    kiosk = make_kiosk("post_office", prepare=crashed_with_a_draft)
    page = kiosk.session.drafts_page
    qtbot.waitUntil(lambda: kiosk.window.stack.currentWidget() is page)
    assert page.notice.isVisible()
    assert page.notice.text().startswith("Lần trước ứng dụng đã tắt đột ngột")
    assert len(page.rows) == 1 and page.rows[0].name == NAME
    # A clean exit: the next start opens on the home screen, drafts kept.
    kiosk.session.shutdown()
    kiosk.context.tasks.wait_idle()
    assert kiosk.store(lambda s: s.get_setting(RUNNING_SETTING)) is None


def test_a_crash_in_self_service_offers_nothing_and_forgets_unsaved_drafts(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    refs: dict[str, str] = {}

    def crashed(store: Store) -> None:
        refs["unsaved"] = store.create_draft(KHAI_SINH, "1", Assisted("self_service", None, None, None))
        refs["saved"] = store.create_draft(KHAI_SINH, "1", Assisted("self_service", None, None, None))
        store.save_for_later(refs["saved"], "ABCD-EFGH", CCCD)
        store.set_setting(RUNNING_SETTING, "1")

    kiosk = make_kiosk("self_service", prepare=crashed)
    kiosk.context.tasks.wait_idle()
    QApplication.processEvents()
    assert kiosk.window.stack.currentWidget() is kiosk.window.home
    assert kiosk.drafts() == {refs["saved"]}


def test_self_service_opens_in_the_citizen_flow_without_drafts_or_settings(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk("self_service")
    window, session = kiosk.window, kiosk.session
    assert window.stack.currentWidget() is window.home
    assert window.home is not None and window.focusWidget() is window.home.search
    assert [b.text() for b in session.buttons()] == ["Người tiếp theo", "Tiếp tục hồ sơ đã lưu"]
    session.show_drafts()  # even if asked, self-service lists nobody's drafts
    kiosk.context.tasks.wait_idle()
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.home


def test_self_service_next_person_asks_before_discarding_an_unsaved_draft(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("self_service")
    session = kiosk.session
    ref = kiosk.draft(kind="self_service", name=NAME)
    session.set_draft(ref)
    assert [b.text() for b in session.buttons()] == ["Người tiếp theo", "Lưu và tiếp tục sau"]
    ended: list[bool] = []
    kiosk.context.events.session_did_end.connect(lambda: ended.append(True))
    session.bar.next_person.click()
    dialog = visible_dialog(ConfirmDialog, qtbot)
    assert dialog.heading.text() == "Xoá hồ sơ đang làm?"
    # Deleting is red, not the green of "Tiếp tục"; keeping it is a plain button, and has the focus.
    assert dialog.yes.property("role") == "danger" and dialog.no.property("role") == "secondary"
    dialog.no.click()  # "Quay lại hồ sơ"
    assert ended == [] and ref in kiosk.drafts()
    session.bar.next_person.click()
    visible_dialog(ConfirmDialog, qtbot).yes.click()
    qtbot.waitUntil(lambda: ended == [True])
    assert ref not in kiosk.drafts()
    assert session.current_draft() is None


def test_self_service_gives_the_next_person_the_terminals_text_size_not_the_last_ones(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk("self_service")
    window = kiosk.window
    window.set_text_scale(200)
    window.set_high_contrast(True)
    window.set_language("en")
    kiosk.session.end_session()  # "Người tiếp theo", or the privacy timeout
    assert (window.scale, window.high_contrast, window.lang) == (100, False, "vi")
    config = kiosk.context.services.config
    assert (config.text_scale, config.high_contrast, config.lang) == (100, False, "vi")


def test_once_submitted_there_is_nothing_to_save_for_later(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    from tests.ui.test_journey import fill_to_check, page_of, qtbot_click
    from ui.journey.confirmation import ConfirmationPage

    kiosk = make_kiosk("self_service")
    window, session = kiosk.window, kiosk.session
    window.start_journey("2.000635")
    check = fill_to_check(qtbot, window)
    assert session.bar.save_later.isVisible()
    qtbot_click(check.declaration.box)
    qtbot_click(check.submit)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage), timeout=10_000)
    qtbot.waitUntil(lambda: not session.bar.save_later.isVisible(), timeout=5000)
    assert session.bar.reopen.isVisible() and session.current_draft() is None


def test_a_draft_that_cannot_reopen_says_why_in_place(make_kiosk: Callable[..., Kiosk], qtbot: QtBot) -> None:
    from ui.privacy import Dialog

    kiosk = make_kiosk("post_office")
    window = kiosk.window
    gone = kiosk.store(lambda store: store.create_draft("9.999999", "1", Assisted("post_office")))
    before = window.stack.currentWidget()
    kiosk.session.resume(gone)
    dialog = visible_dialog(Dialog, qtbot)
    assert dialog.heading.text() == "Chưa mở lại được hồ sơ"
    assert "9.999999" in dialog.text.text()
    assert window.stack.currentWidget() is before  # no dead-end error page, no journey
    assert window.journey is None


def test_the_session_buttons_lead_the_header_and_tab_goes_through_it_in_the_order_shown(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot
) -> None:
    kiosk = make_kiosk("post_office")
    window = kiosk.window
    qtbot.waitUntil(lambda: window.header.height() > 0 and kiosk.session.bar.isVisible())
    # One block: the session's buttons are in the header, not a row of their own under it.
    assert window.header.isAncestorOf(kiosk.session.bar)
    shown = [
        button
        for button in window.header.findChildren(QAbstractButton)
        if button.isVisible() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    on_screen = sorted(
        shown,
        key=lambda b: (
            b.mapTo(window, b.rect().topLeft()).y() // 20,
            b.mapTo(window, b.rect().topLeft()).x(),
        ),
    )
    assert on_screen[0] is kiosk.session.bar.next_person
    tabbed = [on_screen[0]]
    while len(tabbed) < len(on_screen):
        following = tabbed[-1].nextInFocusChain()
        while not (following.isVisible() and following.focusPolicy() & Qt.FocusPolicy.TabFocus):
            following = following.nextInFocusChain()
        tabbed.append(following)
    assert tabbed == on_screen
    # At 100 % on 1366×768: two rows of controls under the title (a row of its own took 220 px in all).
    assert window.header.height() <= 168
