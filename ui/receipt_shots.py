"""Screenshots of the receipt: the preview dialog (A4, 80 mm; temporary reference, dossier code) and the
printed slip itself, from sample dossiers held in memory (nothing is stored)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.i18n import Lang
from kiosk.receipt import Receipt, build_receipt
from kiosk.references import local_reference
from kiosk.store import Assisted, Dossier, DossierState, DossierSummary
from ui.receipt import ReceiptPreview
from ui.receipt_paint import Page, render_receipt_image
from ui.shots import grab

SAMPLE_REF = "3f2b8c1e-7d4a-4e0b-9a51-2c6d8e9f0a1b"
SAMPLE_CODE = "000.00.01.H26-261120-0007"
DIALOG_SIZE = (1256, 722)  # the share of a 1366×768 window the preview takes
PRINTER_DPI = 203


def sample_receipt(catalog: Catalog, code: str, lang: Lang, *, accepted: bool) -> Receipt:
    """A receipt for a made-up dossier: queued (temporary reference) or accepted by the portal."""
    at = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
    portal = (
        {
            "dossier_code": SAMPLE_CODE,
            "status": 1,
            "received_at": "2026-11-20T10:05:00+07:00",
            "due_at": "2026-11-25T17:00:00+07:00",
            "tracking_url": f"https://dichvucong.example.gov.vn/tra-cuu/{SAMPLE_CODE}",
            "fee": {"amount": 0, "currency": "VND"},
            "payment": None,
        }
        if accepted
        else None
    )
    summary = DossierSummary(
        client_ref=SAMPLE_REF,
        procedure_code=code,
        procedure_version="1",
        bundle_ref=None,
        state=DossierState.SUBMITTED if accepted else DossierState.QUEUED,
        portal_status=1 if accepted else None,
        dossier_code=SAMPLE_CODE if accepted else None,
        local_ref=local_reference(SAMPLE_REF),
        assisted_kind="post_office",
        agent_id="BD-HN-017",
        created_at=at,
        updated_at=at,
        finalized_at=at,
        submitted_at=at if accepted else None,
        final_status_at=None,
    )
    dossier = Dossier(
        summary=summary,
        assisted=Assisted("post_office", "BD-HN-017"),
        applicant={"full_name": "Nguyễn Thị Hoa"},
        answers={},
        attachments=[],
        problem=None,
        receipt=portal,
    )
    return build_receipt(dossier, catalog.procedures[code], lang, now=at)


def render(catalog: Catalog, outdir: Path, code: str, *, lang: Lang = "vi") -> list[Path]:
    """The preview at 100/200 %, normal and high contrast, and the printed slips; returns the files."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    written: list[Path] = []
    scenes: tuple[tuple[str, bool, Page], ...] = (("local", False, "a4"), ("code", True, "thermal80"))
    for scale in (100, 200):
        for high_contrast in (False, True):
            for name, accepted, page in scenes:
                receipt = sample_receipt(catalog, code, lang, accepted=accepted)
                dialog = ReceiptPreview(
                    receipt,
                    page=page,
                    text_scale=scale,
                    high_contrast=high_contrast,
                    printers=lambda: ["Máy in quầy"],  # the same shots on a computer without one
                )
                dialog.resize(*DIALOG_SIZE)
                dialog.show()
                contrast = "high-contrast" if high_contrast else "normal"
                written.append(grab(dialog, outdir / f"receipt-{page}-{name}-{scale}-{contrast}.png"))
                dialog.close()
                dialog.deleteLater()
                app.processEvents()
    # No printer: "Máy này chưa có máy in", at a counter ("Lưu PDF", "In sau") and self-service ("In sau").
    for scale in (100, 200):
        for mode, allow_pdf in (("post_office", True), ("self_service", False)):
            receipt = sample_receipt(catalog, code, lang, accepted=False)
            dialog = ReceiptPreview(receipt, text_scale=scale, allow_pdf=allow_pdf, printers=lambda: [])
            dialog.resize(*DIALOG_SIZE)
            dialog.show()
            written.append(grab(dialog, outdir / f"receipt-no-printer-{mode}-{scale}.png"))
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
    for name, accepted in (("local", False), ("code", True)):
        receipt = sample_receipt(catalog, code, lang, accepted=accepted)
        for page, dpi in (("thermal80", PRINTER_DPI), ("a4", 150)):
            path = outdir / f"receipt-printed-{page}-{name}.png"
            if not render_receipt_image(receipt, page, dpi).save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
    return written
