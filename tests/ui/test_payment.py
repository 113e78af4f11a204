"""The fee's VietQR code: on the receipt (A4 and 80 mm) beside the tracking QR, and on the confirmation page;
both read back by zxing-cpp, and a real payment block from the sandbox portal."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.crypto import Sealer, training_key
from kiosk.receipt import build_receipt
from kiosk.store import Assisted, Dossier, Store
from kiosk.vietqr import parse_vietqr
from sync.client import PortalClient
from sync.clock import system_clock
from sync.sandbox import start_in_thread
from sync.service import sync_now
from ui.journey.confirmation import ConfirmationPage
from ui.receipt_paint import Page, render_receipt_image

CHUNG_THUC = "2.000815"  # chứng thực bản sao từ bản chính: 2.000 đồng
CODE = "G22.99-261120-0007"
URL = f"https://dichvucong.example.gov.vn/tra-cuu/{CODE}"
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}
ANSWERS = {"document_name": "Bằng tốt nghiệp", "issued_by": "Sở Giáo dục", "page_count": 2, "copy_count": 3}
PAYMENT = {
    "payee_name": "UBND PHUONG SAI GON",
    "bank_bin": "970415",
    "account": "113000099999",
    "reference": f"DVC {CODE}",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data", Sealer(training_key())) as opened:
        yield opened


def queued(store: Store, catalog: Catalog) -> str:
    proc = catalog.procedures[CHUNG_THUC]
    ref = store.create_draft(proc.code, proc.version, Assisted("post_office", "BD-HN-017"))
    store.save_answers(ref, dict(APPLICANT), dict(ANSWERS), {"method": "pickup", "channel": 2})
    scan = b"%PDF-1.7\n" + random.Random(6).randbytes(2000)
    store.add_attachment(ref, "ban_chinh", scan, "ban-chinh.pdf", "application/pdf")
    store.finalize(ref, "agent:BD-HN-017")
    return ref


def accept(store: Store, ref: str, *, fee: int, payment: dict[str, str] | None) -> Dossier:
    """What sync records when the portal accepts the dossier."""
    item = store.lease_next("payment-test", datetime.now(UTC), timedelta(minutes=5))
    assert item is not None and item.client_ref == ref
    body: dict[str, Any] = {
        "dossier_code": CODE,
        "status": 1,
        "received_at": "2026-11-20T10:05:00+07:00",
        "due_at": "2026-11-23T17:00:00+07:00",
        "tracking_url": URL,
        "fee": {"amount": fee, "currency": "VND"},
        "payment": payment,
    }
    store.complete(item.id, body)
    return store.get_dossier(ref)


def decode(image: QImage) -> list[str]:
    found = zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_RGB888))
    return sorted(barcode.text for barcode in found if barcode.format == zxingcpp.BarcodeFormat.QRCode)


@pytest.mark.parametrize(("page", "dpi"), [("a4", 150), ("thermal80", 203)])
def test_receipt_carries_the_tracking_qr_and_the_vietqr(
    store: Store, catalog: Catalog, page: Page, dpi: int
) -> None:
    dossier = accept(store, queued(store, catalog), fee=2000, payment=PAYMENT)
    receipt = build_receipt(dossier, catalog.procedures[CHUNG_THUC], "vi")
    assert receipt.payment is not None and receipt.payment.vietqr is not None
    text = receipt.plain_text()
    assert "Quét để nộp lệ phí 2.000 đồng" in text
    for shown in ("UBND PHUONG SAI GON", "970415", "113000099999", f"DVC {CODE}"):
        assert shown in text

    codes = decode(render_receipt_image(receipt, page, dpi))
    assert codes == sorted([URL, receipt.payment.vietqr])
    paid = parse_vietqr(receipt.payment.vietqr)  # raises unless the CRC is right
    assert (paid.bank_bin, paid.account, paid.service) == ("970415", "113000099999", "account")
    assert (paid.dynamic, paid.amount_vnd, paid.purpose) == (True, 2000, f"DVC {CODE}")


@pytest.mark.parametrize(
    ("fee", "payment"),
    [(0, None), (2000, None), (0, PAYMENT), (2000, PAYMENT | {"bank_bin": ""})],
)
def test_no_payment_code_without_a_fee_and_a_payee(
    store: Store, catalog: Catalog, fee: int, payment: dict[str, str] | None
) -> None:
    dossier = accept(store, queued(store, catalog), fee=fee, payment=payment)
    receipt = build_receipt(dossier, catalog.procedures[CHUNG_THUC], "vi")
    assert "Quét để nộp lệ phí" not in receipt.plain_text()
    assert decode(render_receipt_image(receipt, "thermal80", 203)) == [URL]


def test_english_caption(store: Store, catalog: Catalog) -> None:
    dossier = accept(store, queued(store, catalog), fee=12000, payment=PAYMENT)
    receipt = build_receipt(dossier, catalog.procedures[CHUNG_THUC], "en")
    assert "Scan to pay the fee of 12,000 VND" in receipt.plain_text()


def test_confirmation_page_shows_the_code_only_after_acceptance(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    page = ConfirmationPage()
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    proc = catalog.procedures[CHUNG_THUC]
    ref = queued(store, catalog)
    page.show_dossier(proc, store.get_dossier(ref), "vi")  # queued: nothing to pay yet
    assert not page.payment.isVisible() and page.payment.payload is None

    dossier = accept(store, ref, fee=2000, payment=PAYMENT)
    page.show_dossier(proc, dossier, "vi")
    assert page.payment.isVisible()
    assert page.payment.caption.text() == "Quét để nộp lệ phí 2.000 đồng"
    assert "Đơn vị thụ hưởng: UBND PHUONG SAI GON" in page.payment.details.text()
    assert f"Nội dung chuyển khoản: DVC {CODE}" in page.payment.details.text()
    assert "2.000 đồng" in page.payment.code.accessibleName()
    shown = decode(page.payment.code.pixmap().toImage())
    assert shown == [page.payment.payload] and parse_vietqr(shown[0]).amount_vnd == 2000

    page.show_dossier(proc, dossier, "en")
    assert page.payment.caption.text() == "Scan to pay the fee of 2,000 VND"


def test_a_real_payment_block_from_the_sandbox_portal(tmp_path: Path, store: Store, catalog: Catalog) -> None:
    ref = queued(store, catalog)
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", backoffice_tick=0) as portal:
        client = PortalClient(portal.url, "kiosk-demo", "demo-secret", "payment-test", clock=system_clock)
        try:
            summary = sync_now(store, client, owner="payment-test")
        finally:
            client.close()
    assert summary.sent == 1, summary
    dossier = store.get_dossier(ref)
    given = (dossier.receipt or {}).get("payment")
    assert isinstance(given, dict) and dossier.dossier_code
    assert (dossier.receipt or {})["fee"]["amount"] == 12000  # 2 pages × 2.000 đ, 3 copies

    receipt = build_receipt(dossier, catalog.procedures[CHUNG_THUC], "vi")
    assert receipt.payment is not None and receipt.payment.vietqr is not None
    codes = decode(render_receipt_image(receipt, "a4", 150))
    assert receipt.qr_payload in codes and receipt.payment.vietqr in codes and len(codes) == 2
    paid = parse_vietqr(receipt.payment.vietqr)
    assert (paid.bank_bin, paid.account) == (given["bank_bin"], given["account"])
    assert (paid.amount_vnd, paid.purpose) == (12000, given["reference"])
    assert dossier.dossier_code in given["reference"]
