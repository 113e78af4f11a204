"""Screenshots of the fee's VietQR code: the confirmation page after acceptance and the printed slips,
from a made-up accepted chứng thực dossier held in memory (nothing is stored)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.i18n import Lang
from kiosk.receipt import build_receipt
from kiosk.references import local_reference
from kiosk.store import Assisted, Dossier, DossierState, DossierSummary
from ui.main_window import MainWindow
from ui.receipt_paint import Page, render_receipt_image
from ui.shots import grab

CHUNG_THUC = "2.000815"
SAMPLE_REF = "5b1c9e2a-4f3d-4a7e-8c21-9d0e6f7a8b3c"
SAMPLE_CODE = "G22.99-261120-0007"
SIZE = (1366, 768)
PORTAL = {
    "dossier_code": SAMPLE_CODE,
    "status": 1,
    "received_at": "2026-11-20T10:05:00+07:00",
    "due_at": "2026-11-23T17:00:00+07:00",
    "tracking_url": f"https://dichvucong.example.gov.vn/tra-cuu/{SAMPLE_CODE}",
    "fee": {"amount": 4000, "currency": "VND"},  # 1 page × 2 copies (kiosk.fees)
    "payment": {
        "payee_name": "UBND PHUONG SAI GON",
        "bank_bin": "970415",
        "account": "113000099999",
        "reference": f"DVC {SAMPLE_CODE}",
    },
}


def sample_dossier() -> Dossier:
    at = datetime(2026, 11, 20, 3, 5, tzinfo=UTC)
    summary = DossierSummary(
        SAMPLE_REF, CHUNG_THUC, "1", None, DossierState.SUBMITTED, 1, SAMPLE_CODE,
        local_reference(SAMPLE_REF), "post_office", "BD-HN-017", at, at, at, at, None,
    )  # fmt: skip
    return Dossier(
        summary=summary,
        assisted=Assisted("post_office", "BD-HN-017"),
        applicant={"full_name": "Nguyễn Thị Hoa"},
        answers={"document_name": "Bằng tốt nghiệp", "page_count": 1, "copy_count": 2},
        attachments=[],
        problem=None,
        receipt=PORTAL,
        delivery={"method": "pickup"},
    )


def render(catalog: Catalog, outdir: Path, *, lang: Lang = "vi") -> list[Path]:
    """The confirmation page at 100/200 %, normal and high contrast (top, and scrolled to the code),
    and the printed A4 and 80 mm slips with both QR codes; returns the files."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    dossier = sample_dossier()
    procedure = catalog.procedures[CHUNG_THUC]
    for scale in (100, 200):
        for high_contrast in (False, True):
            window = MainWindow(catalog, lang=lang, text_scale=scale, high_contrast=high_contrast)
            window.resize(*SIZE)
            window.show()
            window.start_journey(CHUNG_THUC)
            view = window.journey
            assert view is not None
            page = view.confirmation
            page.show_dossier(procedure, dossier, lang)
            view.stack.setCurrentWidget(page)
            page.arrive()
            suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
            for name in ("top", "code"):
                if name == "code":
                    app.processEvents()
                    page.ensureWidgetVisible(page.payment.hint)
                written.append(
                    grab(window, outdir / f"payment-confirmation-{name}-{suffix}.png", heading=name == "top")
                )
            window.close()
            window.deleteLater()
            app.processEvents()
    receipt = build_receipt(
        replace(dossier, receipt=PORTAL), procedure, lang, now=datetime(2026, 11, 20, 3, 6, tzinfo=UTC)
    )
    slips: tuple[tuple[Page, int], ...] = (("thermal80", 203), ("a4", 150))
    for page_name, dpi in slips:
        path = outdir / f"payment-printed-{page_name}.png"
        if not render_receipt_image(receipt, page_name, dpi).save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written
