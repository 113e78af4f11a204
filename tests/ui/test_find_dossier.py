"""'Tra cứu hồ sơ': an agent finds a dossier by code, QR text, local reference or CCCD, and opens it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from kiosk.store import Assisted, Store
from ui.context import AppContext
from ui.find_dossier import DossierRow, FindDossierPage
from ui.main_window import MainWindow
from ui.services import Services

ID_NUMBER = "001185012345"
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": ID_NUMBER,
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}
ANSWERS = {"document_name": "Bằng tốt nghiệp", "issued_by": "Sở Giáo dục", "page_count": 2, "copy_count": 1}
REQUEST = {
    "requested_at": "2026-11-21T09:00:00+07:00",
    "note": "Bản chụp giấy tờ bị mờ, không đọc được.",
    "documents": [{"doc_type": "ban_chinh", "label": "Bản chính giấy tờ"}],
    "questions": [],
}


def file_dossier(store: Store, code: str | None, status: int | None = None) -> str:
    """A chứng thực dossier: queued, or accepted by the portal as `code` (and moved to `status`)."""
    ref = store.create_draft(
        "2.000815", "2026.11.1", Assisted("post_office", "BD-1", None, datetime.now(UTC))
    )
    store.save_answers(ref, dict(APPLICANT), dict(ANSWERS), {"method": "pickup", "channel": 2})
    store.add_attachment(ref, "ban_chinh", b"%PDF-1.7\n" + bytes(2000), "ban-chinh.pdf", "application/pdf")
    item = store.finalize(ref, "BD-1")
    if code is not None:
        store.complete(item.id, {"dossier_code": code, "status": 1, "due_at": "2026-11-25T17:00:00+07:00"})
        history = [{"status": 1, "at": "2026-11-20T10:00:00+07:00", "note": "Đã tiếp nhận hồ sơ trực tuyến."}]
        if status == 5:
            history.append({"status": 5, "at": "2026-11-21T09:00:00+07:00", "note": "Yêu cầu bổ sung."})
            store.record_status(ref, 5, history, REQUEST, None)
    return ref


Make = Callable[..., tuple[MainWindow, AppContext, dict[str, str]]]


@pytest.fixture
def make(request: pytest.FixtureRequest, qtbot: QtBot, catalog: Catalog, tmp_path: Path) -> Make:
    def build(
        mode: Mode = "post_office", portal_url: str = "", **config: Any
    ) -> tuple[MainWindow, AppContext, dict[str, str]]:
        services = Services(
            config=Config(mode=mode, portal_url=portal_url, **config),
            data_dir=tmp_path / "data",
            key=training_key(),
        )
        context = AppContext.create(services)
        request.addfinalizer(services.close)
        request.addfinalizer(context.close)

        def seed(store: Store) -> dict[str, str]:
            return {
                "queued": file_dossier(store, None),
                "sent": file_dossier(store, "G22.99-261120-0001"),
                "needs": file_dossier(store, "G22.99-261120-0002", status=5),
            }

        refs = context.tasks.run_store(seed).result(timeout=30)
        window = MainWindow(catalog, context=context)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window, context, refs

    return build


def open_find(qtbot: QtBot, window: MainWindow) -> FindDossierPage:
    button = window.findChild(QPushButton, "open-tracking")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = window.tracking.page
    assert page is not None and window.stack.currentWidget() is page
    return page


def texts(page: FindDossierPage) -> str:
    return "\n".join(w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page))


def search(qtbot: QtBot, page: FindDossierPage, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Đang tìm" not in page.message.text(), timeout=5000)
    # A row added to a shown page is shown by a queued call (QLayout::addChildWidget): wait for it, so the
    # page's visible text is read as a person would see it, not one event-loop turn too early.
    rows = [page.results_box.itemAt(i).widget() for i in range(page.results_box.count())]
    qtbot.waitUntil(
        lambda: all(row.isVisibleTo(page) for row in rows if isinstance(row, DossierRow)), timeout=5000
    )


def test_the_agent_finds_dossiers_by_code_qr_local_reference_and_cccd(qtbot: QtBot, make: Make) -> None:
    window, context, refs = make()
    page = open_find(qtbot, window)
    qtbot.waitUntil(lambda: len(page.needs) == 1, timeout=5000)  # the status-5 dossier is listed
    assert page.needs[0].client_ref == refs["needs"] and "Hồ sơ cần bổ sung" in texts(page)

    search(qtbot, page, page.ref_input, "g22.99-261120-0001")  # typed in lower case
    assert [s.client_ref for s in page.results] == [refs["sent"]]
    assert "Mã hồ sơ: G22.99-261120-0001" in texts(page) and "Trạng thái: Mới đăng ký" in texts(page)
    assert "Chứng thực" in texts(page)

    search(qtbot, page, page.ref_input, "DVC:G22.99-261120-0002")  # a receipt's QR read by a scanner
    assert [s.client_ref for s in page.results] == [refs["needs"]]

    local = context.services.store.get_dossier(refs["queued"]).local_ref
    search(qtbot, page, page.ref_input, local.replace("-", "").lower())
    assert [s.client_ref for s in page.results] == [refs["queued"]]
    assert f"Mã tạm: {local}" in texts(page) and "chờ gửi" in texts(page)

    search(qtbot, page, page.id_input, ID_NUMBER)
    assert {s.client_ref for s in page.results} == set(refs.values())
    assert page.id_input.text() == ""  # the number left the field as soon as the search started
    assert ID_NUMBER not in texts(page)

    search(qtbot, page, page.id_input, "079190000001")
    assert page.results == [] and "Không có hồ sơ nào" in page.message.text()
    search(qtbot, page, page.id_input, "1234")
    assert "12" in page.message.text()  # the CCCD rule says how long the number is


def test_a_code_not_filed_here_offers_the_portal_and_view_opens_tracking(qtbot: QtBot, make: Make) -> None:
    window, _context, refs = make()
    page = open_find(qtbot, window)
    search(qtbot, page, page.ref_input, "G22.99-999999-0001")
    assert page.portal_button.isVisible() and "không được nộp từ máy này" in page.message.text()
    search(qtbot, page, page.ref_input, "G22.99-261120-0001")
    row_view = page.findChild(QPushButton, f"view-{refs['sent']}")
    assert row_view is not None and not page.portal_button.isVisible()
    qtbot.mouseClick(row_view, Qt.MouseButton.LeftButton)
    view = window.tracking.screens.view
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.freshness == "offline", timeout=5000)  # no portal is set up here


def test_back_from_a_dossier_the_list_shows_its_status_now(qtbot: QtBot, make: Make) -> None:
    """ "Xem" asks the portal and the status moves on; back on the list, the row says so too."""
    window, context, refs = make()
    page = open_find(qtbot, window)
    search(qtbot, page, page.ref_input, "G22.99-261120-0001")
    qtbot.waitUntil(lambda: "Trạng thái: Mới đăng ký" in texts(page), timeout=5000)
    history = [
        {"status": 1, "at": "2026-11-20T10:00:00+07:00", "note": "Đã tiếp nhận hồ sơ trực tuyến."},
        {"status": 10, "at": "2026-11-22T10:00:00+07:00", "note": "Đã trả kết quả."},
    ]
    context.tasks.run_store(lambda store: store.record_status(refs["sent"], 10, history, None, None)).result()
    window.tracking.screens.show_find()  # "Quay lại" from the dossier's page
    qtbot.waitUntil(lambda: "Trạng thái: Đã trả kết quả" in texts(page), timeout=5000)
    assert [s.client_ref for s in page.results] == [refs["sent"]]


def test_next_person_clears_what_was_typed_and_found(qtbot: QtBot, make: Make) -> None:
    window, context, _refs = make()
    page = open_find(qtbot, window)
    search(qtbot, page, page.ref_input, "G22.99-261120-0001")
    assert page.results
    page.id_input.setText("0011850")
    context.events.session_did_end.emit()
    assert page.ref_input.text() == "" and page.id_input.text() == "" and page.results == []
    assert not page.message.isVisible()


def test_self_service_terminals_have_no_tracking_button(qtbot: QtBot, make: Make) -> None:
    window, _context, _refs = make(mode="self_service")
    button = window.findChild(QPushButton, "open-tracking")
    assert button is not None and not button.isVisible()
