"""Screenshots of "Tra cứu hồ sơ", the tracking view at status 5, the supplement page and the rating faces,
from made-up dossiers in a throwaway store (training key, temporary directory, no portal)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.i18n import Lang
from kiosk.store import Assisted, Store
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import Services
from ui.shots import grab

SIZE = (1366, 768)
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}
ANSWERS = {"document_name": "Bằng tốt nghiệp", "issued_by": "Sở Giáo dục", "page_count": 2, "copy_count": 1}
REQUEST = {
    "requested_at": "2026-11-21T09:00:00+07:00",
    "note": "Bản chụp giấy tờ bị mờ, không đọc được. Vui lòng chụp lại rõ nét và gửi bổ sung.",
    "documents": [{"doc_type": "ban_chinh", "label": "Bản chính giấy tờ cần chứng thực"}],
    "questions": ["page_count"],
}
HISTORY = [
    {"status": 1, "at": "2026-11-20T10:05:00+07:00", "note": "Đã tiếp nhận hồ sơ trực tuyến."},
    {"status": 2, "at": "2026-11-20T14:30:00+07:00", "note": "Hồ sơ được tiếp nhận."},
    {"status": 5, "at": "2026-11-21T09:00:00+07:00", "note": "Yêu cầu bổ sung giấy tờ."},
]


def _seed(store: Store) -> str:
    refs = []
    for code in (None, "G22.99-261120-0007", "G22.99-261120-0009"):
        ref = store.create_draft(
            "2.000815", "2026.11.1", Assisted("post_office", "BD-HN-017", None, datetime.now(UTC))
        )
        store.save_answers(ref, dict(APPLICANT), dict(ANSWERS), {"method": "pickup", "channel": 2})
        item = store.finalize(ref, "BD-HN-017")
        if code is not None:
            store.complete(
                item.id, {"dossier_code": code, "status": 1, "due_at": "2026-11-25T17:00:00+07:00"}
            )
        refs.append(ref)
    store.record_status(refs[2], 5, HISTORY, REQUEST, None)
    return refs[2]


def _rating(app: QApplication, window: MainWindow, catalog: Catalog, lang: Lang, path: Path) -> Path:
    """The confirmation page scrolled to the five faces, the fourth one chosen."""
    from ui.payment_shots import CHUNG_THUC, sample_dossier

    window.start_journey(CHUNG_THUC)
    view = window.journey
    assert view is not None
    page = view.confirmation
    page.show_dossier(catalog.procedures[CHUNG_THUC], sample_dossier(), lang)
    view.stack.setCurrentWidget(page)
    page.rating.score = 4
    page.rating.status.setVisible(True)
    page.rating.retranslate(lang)
    app.processEvents()
    page.ensureWidgetVisible(page.rating.status)
    return grab(window, path, heading=False)  # scrolled to the faces on purpose


def render(catalog: Catalog, outdir: Path, *, lang: Lang = "vi") -> list[Path]:
    """The find page, the tracking view (status 5) and the supplement page at 100/200 %, both themes."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    directory = Path(tempfile.mkdtemp(prefix="dvc-kiosk-shots-"))
    services = Services(
        config=Config(mode="post_office"), data_dir=directory, key=training_key(), training=True
    )
    context = AppContext.create(services)
    try:
        needs = context.tasks.run_store(_seed).result(60)
        for scale in (100, 200):
            for high_contrast in (False, True):
                window = MainWindow(
                    catalog, lang=lang, text_scale=scale, high_contrast=high_contrast, context=context
                )
                window.resize(*SIZE)
                window.show()
                suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
                window.tracking.open()
                page = window.tracking.page
                assert page is not None
                page.ref_input.setText("G22.99-261120-0007")
                page.search_reference()
                context.tasks.wait_idle()
                written.append(grab(window, outdir / f"tracking-find-{suffix}.png"))
                bar = page.verticalScrollBar()
                bar.setValue(bar.maximum())
                written.append(grab(window, outdir / f"tracking-find-{suffix}-end.png"))
                screens = window.tracking.screens
                screens.show_dossier(needs)
                context.tasks.wait_idle()
                context.tasks.wait_idle()
                written.append(grab(window, outdir / f"tracking-view-{suffix}.png"))
                screens.show_supplement(needs)
                context.tasks.wait_idle()
                written.append(grab(window, outdir / f"tracking-supplement-{suffix}.png"))
                context.events.session_did_end.emit()
                written.append(_rating(app, window, catalog, lang, outdir / f"rating-{suffix}.png"))
                window.close()
                window.deleteLater()
                QCoreApplication.processEvents()
    finally:
        context.close()
        services.close()
        shutil.rmtree(directory, ignore_errors=True)
    return written
