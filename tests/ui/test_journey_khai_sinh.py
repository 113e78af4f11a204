"""Khai sinh (1.001193) from "Bắt đầu" to the portal: conditional questions, a scan, offline then online."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.assets import samples_dir
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store import DossierState
from sync.client import PortalClient
from sync.clock import system_clock
from sync.sandbox import start_in_thread
from sync.service import sync_now
from tests.ui.test_journey import (
    answer,
    fill_applicant,
    heading,
    page_of,
    progress,
    qtbot_click,
    settle,
)
from ui.context import AppContext
from ui.journey.attachment import AttachmentInput
from ui.journey.check_page import CheckPage
from ui.journey.confirmation import ConfirmationPage
from ui.journey.inputs import AddressInput
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.services import Services

KHAI_SINH = "1.001193"
SCAN = samples_dir() / "attachments" / "giay-chung-sinh.jpg"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


def test_khai_sinh_offline_then_delivered_to_the_portal(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    tmp_path: Path,
) -> None:
    chosen: list[str] = []

    def chooser(_parent: QWidget, title: str, _filter: str) -> str:
        chosen.append(title)
        return str(SCAN)

    window = make_window(context=context)
    window.file_chooser = chooser
    window.show_prepare(KHAI_SINH)
    assert window.prepare is not None
    qtbot_click(window.prepare.start)
    fill_applicant(qtbot, window)
    assert heading(window) == "Ông/Bà là gì của trẻ?"  # who is filing, before anyone's pages
    step, total = progress(window).removeprefix("Bước ").split("/")
    assert step == "8"
    answer(qtbot, window, "choice", "Cha")
    assert heading(window) == "Họ, chữ đệm và tên của trẻ"
    for how, value in [
        ("text", "Nguyễn Minh Khang"),
        ("date", "01/10/2025"),
        ("choice", "Nam"),
        ("text", "Bệnh viện Phụ sản Hà Nội"),
        ("list", "kinh"),
        ("default", "VN"),  # quốc tịch: Việt Nam already chosen
        ("text", "Xã Kim Liên, tỉnh Nghệ An"),
        ("text", "Trần Thị Bình"),
        ("date", "12/03/1995"),
        ("text", "001195000456"),
        ("default", "VN"),
        ("list", "kinh"),
        ("default", None),  # nơi cư trú của người mẹ: where the applicant lives, shown to check
        ("choice", "Không"),  # parents not married: the father's part becomes a question
    ]:
        answer(qtbot, window, how, value)
    assert heading(window) == "Phần thông tin người cha trên giấy khai sinh"
    assert progress(window).endswith(f"/{int(total) + 1}")  # one more step now applies
    for how, value in [
        ("choice", "Để trống phần thông tin người cha"),  # the father's pages are not asked then
        ("choice", "Có"),
    ]:
        answer(qtbot, window, how, value)
    # The attachment step: Continue without a file says what to do; then choose, see the preview.
    assert heading(window) == "Ảnh chụp hoặc bản quét Giấy chứng sinh"
    page = page_of(window)
    assert isinstance(page, QuestionPage) and isinstance(page.input, AttachmentInput)
    qtbot_click(page.next_button)
    assert page.summary.isVisible() and "Chọn tệp" in page.summary.accessibleDescription()
    qtbot_click(page.input.choose)
    assert chosen == ["Chọn giấy tờ"]
    qtbot.waitUntil(page.input.preview.isVisible)
    assert "giay-chung-sinh.jpg" in page.input.info_label.text()
    assert not page.summary.isVisible()
    qtbot_click(page.next_button)
    answer(qtbot, window, "default", "1")  # one copy of the extract unless changed
    answer(qtbot, window, "choice", "Nhận qua bưu điện tại nhà")
    address = page_of(window)
    assert isinstance(address, QuestionPage) and isinstance(address.input, AddressInput)
    qtbot.keyClick(address.input.street, Qt.Key.Key_Return)  # filled with where the applicant lives
    check = page_of(window)
    assert isinstance(check, CheckPage)
    assert "father_info" in check.value_labels
    assert check.value_labels["birth_notice_scan"].text() == "giay-chung-sinh.jpg"
    # "Sửa": married after all; the father's question disappears, his pages are asked (required, and
    # filled from the applicant: the father files), and Continue comes back here.
    qtbot_click(check.change_links["parents_married"])
    answer(qtbot, window, "choice", "Có")
    check = page_of(window)
    assert isinstance(check, CheckPage)
    for qid, shown in [
        ("father_full_name", "Nguyễn Văn An"),
        ("father_date_of_birth", "05/09/1990"),
        ("father_id_number", "001090000123"),
    ]:
        assert check.value_labels[qid].text() == shown  # filled: not asked again on the way back
    qtbot_click(check.change_links["father_full_name"])
    page = page_of(window)
    assert isinstance(page, QuestionPage) and "(không bắt buộc)" not in heading(window)
    assert page.input.value() == "Nguyễn Văn An" and "người nộp hồ sơ" in page.note.text()
    qtbot_click(page.next_button)
    check = page_of(window)
    assert isinstance(check, CheckPage)
    assert "father_info" not in check.value_labels
    assert check.value_labels["parents_married"].text() == "Có"
    qtbot_click(check.declaration.box)
    qtbot_click(check.consent.box)
    qtbot_click(check.submit)
    qtbot.waitUntil(lambda: isinstance(page_of(window), ConfirmationPage))
    done = page_of(window)
    assert isinstance(done, ConfirmationPage)
    assert window.journey is not None
    ref = window.journey.client_ref
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    # Offline: queued on this computer, the local reference shown.
    assert dossier.state is DossierState.QUEUED
    assert done.reference.text() == dossier.local_ref
    assert "father_info" not in dossier.answers and dossier.answers["parents_married"] is True
    assert [a.doc_type for a in dossier.attachments] == ["giay_chung_sinh"]
    new_fields = ("child_ethnicity", "child_nationality", "mother_nationality", "mother_ethnicity")
    new_fields += ("copy_count",)
    assert [dossier.answers[key] for key in new_fields] == ["01", "VN", "VN", "01", 1]
    assert dossier.answers["mother_residence"]["ward_code"] == "00070"  # the applicant's, as shown
    assert dossier.delivery["method"] == "post" and dossier.delivery["address"]["ward_code"] == "00070"

    # Online: the sandbox portal receives it once sync runs, and its code replaces the local reference.
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0) as portal:
        client = PortalClient(portal.url, "kiosk-demo", "demo-secret", "ui-test", clock=system_clock)
        try:
            summary = context.tasks.run_store(lambda store: sync_now(store, client, owner="ui-test")).result()
            assert summary.sent == 1, summary
            reply = client.find_dossier_by_client_ref(ref)
            items = reply.json()["items"]  # type: ignore[union-attr]
        finally:
            client.close()
    assert len(items) == 1 and items[0]["procedure_code"] == KHAI_SINH
    code = items[0]["dossier_code"]
    context.events.dossier_did_change.emit(ref)  # what the app's sync runner announces after a round
    qtbot.waitUntil(lambda: done.reference.text() == code)
    assert done.ref_caption.text() == "Mã hồ sơ"
    settle(qtbot, context)
    # The receipt carries the portal's code and its QR.
    qtbot_click(done.receipt)
    from ui.receipt import ReceiptPreview

    qtbot.waitUntil(lambda: window.findChild(ReceiptPreview) is not None)
    preview = window.findChild(ReceiptPreview)
    assert preview is not None
    assert preview.receipt.reference == code and code in preview.receipt.qr_payload
    preview.close()
