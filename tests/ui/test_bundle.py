"""The birth bundle driven through its task list as a person would, and reuse within a session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.assets import samples_dir
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store import DossierState
from tests.ui.test_journey import answer, fill_applicant, fill_to_check, heading, page_of, qtbot_click, settle
from ui.bundle_view import TaskListPage
from ui.context import AppContext
from ui.journey.attachment import AttachmentInput
from ui.journey.check_page import CheckPage
from ui.journey.confirmation import ConfirmationPage
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.receipt import ReceiptPreview
from ui.reuse import ReuseDialog
from ui.services import Services

KHAI_SINH, THUONG_TRU, BHYT = "1.001193", "1.004222", "1.002296"
TRICH_LUC = "2.000635"
SCAN = samples_dir() / "attachments" / "giay-chung-sinh.jpg"
PICKUP = "Nhận trực tiếp tại cơ quan giải quyết"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


@pytest.fixture
def window(make_window: Callable[..., MainWindow], context: AppContext) -> MainWindow:
    win = make_window(context=context)
    win.file_chooser = lambda _parent, _title, _filter: str(SCAN)
    return win


def tasks(window: MainWindow) -> TaskListPage:
    page = window.stack.currentWidget()
    assert isinstance(page, TaskListPage), type(page)
    return page


def status(page: TaskListPage, code: str) -> str:
    tag = page.statuses[code]
    assert isinstance(tag, QLabel)
    return tag.text()


def action(page: TaskListPage, code: str) -> QPushButton:
    found = page.task_actions[code]
    assert isinstance(found, QPushButton)
    return found


def attach_and_continue(qtbot: Any, window: MainWindow) -> None:
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AttachmentInput)
    qtbot_click(page.input.choose)
    qtbot.waitUntil(page.input.preview.isVisible)
    qtbot_click(page.next_button)


def asking(window: MainWindow) -> bool:
    return any(dialog.isVisible() for dialog in window.findChildren(ReuseDialog))


def submit(qtbot: Any, window: MainWindow) -> None:
    check = page_of(window)
    assert isinstance(check, CheckPage)
    qtbot_click(check.declaration.box)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)


def test_birth_bundle_through_its_task_list(qtbot: Any, window: MainWindow, context: AppContext) -> None:
    assert window.home is not None
    qtbot_click(window.home.findChild(QWidget, "bundle-open-lien_thong_khai_sinh"))
    page = tasks(window)
    assert page.heading.text().startswith("Liên thông khai sinh")
    assert "Họ, chữ đệm và tên của trẻ" in page.shared.text()
    assert [status(page, c) for c in (KHAI_SINH, THUONG_TRU, BHYT)] == ["Chưa bắt đầu"] * 3
    assert list(page.task_actions) == [KHAI_SINH]  # the others wait for the first
    assert page.progress.text() == "Đã xong 0 trên 3 thủ tục"
    assert not page.receipt.isVisible()

    # Member 1: the applicant and the shared questions are asked here, once.
    qtbot_click(action(page, KHAI_SINH))
    assert heading(window) == "Họ, chữ đệm và tên của người nộp hồ sơ"
    fill_applicant(qtbot, window)
    for how, value in [
        ("choice", "Cha"),  # who is filing comes first: the father's pages are his own details
        ("text", "Nguyễn Minh Khang"),
        ("date", "01/10/2025"),
        ("choice", "Nam"),
        ("text", "Bệnh viện Phụ sản Hà Nội"),
        ("list", "kinh"),
        ("default", "VN"),
        ("text", "Xã Kim Liên, tỉnh Nghệ An"),
        ("text", "Trần Thị Bình"),
        ("date", "12/03/1995"),
        ("text", "001195000456"),
        ("default", "VN"),
        ("list", "kinh"),
        ("default", None),  # the mother lives where the applicant does
        ("choice", "Có"),
    ]:
        answer(qtbot, window, how, value)
    for _ in range(3):  # filled from the applicant block: one press each, nothing typed
        qtbot_click(page_of(window).findChild(QPushButton, "journey-continue"))
    answer(qtbot, window, "default", "VN")
    answer(qtbot, window, "list", "kinh")
    answer(qtbot, window, "default", None)  # the father lives with the mother
    answer(qtbot, window, "choice", "Có")
    attach_and_continue(qtbot, window)  # giấy chứng sinh
    qtbot_click(page_of(window).findChild(QPushButton, "journey-continue"))  # marriage cert.: optional
    answer(qtbot, window, "default", "1")  # one copy of the extract
    answer(qtbot, window, "choice", PICKUP)
    submit(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), TaskListPage))
    page = tasks(window)
    assert status(page, KHAI_SINH) == "Đã xong"
    # Offline here: saved and waiting, never "Đã nộp" before the portal has it (issue #17).
    assert "Đã lưu: Đăng ký khai sinh — sẽ gửi khi có mạng. Mã tạm: " in page.notice.text()
    assert status(page, THUONG_TRU) == "Chưa bắt đầu" and THUONG_TRU in page.task_actions
    assert page.progress.text() == "Đã xong 1 trên 3 thủ tục"
    assert window.journey is not None
    first_ref = window.journey.client_ref

    # Member 2: starts with its own questions; the child and the applicant are already given.
    qtbot_click(action(page, THUONG_TRU))
    assert heading(window) == "Người đăng ký là gì của chủ hộ?"
    qtbot_click(page_of(window).findChild(QPushButton, "journey-back"))  # "Quay lại": the task list
    page = tasks(window)
    assert status(page, THUONG_TRU) == "Đang làm" and action(page, THUONG_TRU).text() == "Tiếp tục"
    qtbot_click(action(page, THUONG_TRU))
    assert heading(window) == "Người đăng ký là gì của chủ hộ?"
    answer(qtbot, window, "choice", "Cháu")
    answer(qtbot, window, "address", ("ha noi", "hoan kiem", "12 Hàng Bạc"))
    answer(qtbot, window, "choice", "Nhà thuộc quyền sở hữu của người đăng ký")
    answer(qtbot, window, "text", "Nguyễn Văn An")
    answer(qtbot, window, "text", "001090000123")
    answer(qtbot, window, "text", "")  # the head of household's phone: optional
    answer(qtbot, window, "choice", "Không")  # nobody else registers with the child
    attach_and_continue(qtbot, window)
    answer(qtbot, window, "choice", PICKUP)
    check = page_of(window)
    assert isinstance(check, CheckPage)
    assert check.value_labels["child_full_name"].text() == "Nguyễn Minh Khang"
    assert check.value_labels["applicant.full_name"].text() == "Nguyễn Văn An"
    assert check.value_labels["for_child"].text() == "Có (theo gói liên thông)"
    assert "for_child" not in check.change_links  # the bundle sets it
    # "Sửa" on a shared answer opens the page where it is asked, saying where it was given.
    qtbot_click(check.change_links["child_full_name"])
    assert heading(window) == "Họ, chữ đệm và tên của con"  # thường trú's own wording of it
    shared_page = page_of(window)
    assert isinstance(shared_page, QuestionPage)
    assert "thủ tục thứ nhất của gói" in shared_page.note.text()
    answer(qtbot, window, "text", "Nguyễn Minh Khang")
    assert isinstance(page_of(window), CheckPage)
    submit(qtbot, window)
    qtbot.waitUntil(lambda: status(tasks(window), THUONG_TRU) == "Đã xong")
    assert window.journey is not None
    second_ref = window.journey.client_ref

    # Member 3, then the receipt that lists all three.
    qtbot_click(action(tasks(window), BHYT))
    answer(qtbot, window, "text", "")  # the child's ID number: not issued yet
    answer(qtbot, window, "text", "Trạm y tế phường Hoàn Kiếm")  # no e-mail of its own: the applicant's
    qtbot_click(page_of(window).findChild(QPushButton, "journey-continue"))  # optional file
    answer(qtbot, window, "choice", PICKUP)
    submit(qtbot, window)
    qtbot.waitUntil(lambda: status(tasks(window), BHYT) == "Đã xong")
    page = tasks(window)
    assert page.receipt.isVisible() and "in biên nhận" in page.notice.text()
    assert window.journey is not None
    refs = [first_ref, second_ref, window.journey.client_ref]
    settle(qtbot, context)
    dossiers = [context.tasks.run_store(lambda s, r=r: s.get_dossier(r)).result() for r in refs]
    assert {d.state for d in dossiers} == {DossierState.QUEUED}
    assert len({d.summary.bundle_ref for d in dossiers}) == 1 and dossiers[0].summary.bundle_ref
    assert dossiers[2].answers["child_full_name"] == "Nguyễn Minh Khang"
    assert dossiers[1].answers["for_child"] is True
    qtbot_click(page.receipt)
    qtbot.waitUntil(lambda: window.findChild(ReceiptPreview) is not None)
    preview = window.findChild(ReceiptPreview)
    assert preview is not None
    text = preview.receipt.plain_text()
    assert "Liên thông khai sinh" in text
    for dossier in dossiers:
        assert dossier.local_ref in text
    assert [s.qr.payload for s in preview.receipt.sections if s.qr] == [
        f"DVC-LOCAL:{d.local_ref}" for d in dossiers
    ]
    preview.close()

    # The portal sends member 3 back: "Cần sửa", and "Sửa hồ sơ" reopens it.
    def send_back(store: Any) -> None:
        item = next(i for i in store.outbox_items() if i.client_ref == refs[2])
        store.fail(item.id, retry_at=None, problem={"title": "x"})

    context.tasks.run_store(send_back).result()
    context.events.dossier_did_change.emit(refs[2])
    qtbot.waitUntil(lambda: status(tasks(window), BHYT) == "Cần sửa")
    page = tasks(window)
    assert not page.receipt.isVisible()
    qtbot_click(action(page, BHYT))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.journey)
    assert window.journey is not None and window.journey.client_ref == refs[2]
    state = context.tasks.run_store(lambda s: s.get_dossier(refs[2]).state).result()
    assert state is DossierState.DRAFT


def test_reuse_asks_once_prefills_marked_and_forgets_at_the_next_person(
    qtbot: Any, window: MainWindow, context: AppContext
) -> None:
    window.start_journey(TRICH_LUC)
    assert not asking(window)  # nothing given yet in this session
    fill_to_check(qtbot, window)
    submit(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage))

    window.start_journey(KHAI_SINH)
    qtbot.waitUntil(lambda: asking(window))
    dialog = window.findChild(ReuseDialog)
    assert dialog is not None and dialog.heading.text() == "Dùng lại thông tin đã khai cho hồ sơ này?"
    assert "Họ, chữ đệm và tên của người nộp hồ sơ" in dialog.text.text()
    qtbot_click(dialog.yes)
    name_page = page_of(window)
    assert isinstance(name_page, QuestionPage)
    assert name_page.input.value() == "Nguyễn Văn An"
    assert name_page.note.text() == "Đã điền từ hồ sơ trước — có thể sửa."
    answer(qtbot, window, "text", "Nguyễn Văn Anh")  # still editable
    assert window.journey is not None
    assert window.journey.journey.applicant()["full_name"] == "Nguyễn Văn Anh"

    # Asked once: the next journey of the session is prefilled without asking again.
    window.start_journey(TRICH_LUC)
    QApplication.processEvents()
    assert not asking(window)
    assert page_of(window).input.value() == "Nguyễn Văn An"  # type: ignore[attr-defined]

    # "Người tiếp theo": nothing of the last citizen is offered or filled in.
    window.show_home()
    context.events.session_did_end.emit()
    window.start_journey(KHAI_SINH)
    QApplication.processEvents()
    assert not asking(window)
    empty = page_of(window)
    assert isinstance(empty, QuestionPage)
    assert empty.input.value() in ("", None) and not empty.note.isVisible()
    settle(qtbot, context)


@pytest.mark.parametrize(("mode", "offered"), [("self_service", False), ("post_office", True)])
def test_home_after_a_filing_ends_a_self_service_session(
    qtbot: Any, make_window: Callable[..., MainWindow], tmp_path: Path, mode: str, offered: bool
) -> None:
    """A citizen alone files, presses "Về trang chủ" and walks away: the next person must not be offered
    the first one's name, CCCD and address. At a counter the same citizen may go on to a second filing."""
    services = Services(config=Config(mode=mode), data_dir=tmp_path / "kiosk", key=training_key())  # type: ignore[arg-type]
    context = AppContext.create(services)
    try:
        window = make_window(context=context)
        window.start_journey(TRICH_LUC)
        check = fill_to_check(qtbot, window)
        qtbot_click(check.declaration.box)
        if check.consent.isVisible():
            qtbot_click(check.consent.box)
        qtbot_click(check.submit)
        qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage))
        confirmation = page_of(window)
        assert isinstance(confirmation, ConfirmationPage)
        qtbot_click(confirmation.home)
        assert window.stack.currentWidget() is window.home
        window.start_journey(KHAI_SINH)
        QApplication.processEvents()
        assert asking(window) is offered
        settle(qtbot, context)
    finally:
        context.close()
        services.close()
