"""Screenshots of the journey (question kinds, error summary, scan preview, check answers, confirmation)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.assets import samples_dir
from kiosk.catalog import Catalog
from kiosk.i18n import Lang
from kiosk.journey import CHECK
from kiosk.store import Assisted, AttachmentInfo, Dossier, DossierState, DossierSummary
from ui.journey.attachment import AttachmentInput
from ui.journey.view import JourneyView
from ui.main_window import MainWindow
from ui.shots import grab

SIZE = (1366, 768)
ADDRESS = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}
ANSWERS: list[tuple[str, object]] = [
    ("applicant.full_name", "Nguyễn Văn An"),
    ("applicant.id_number", "001090000123"),
    ("applicant.date_of_birth", "05/09/1990"),
    ("applicant.gender", "male"),
    ("applicant.phone", "0912345678"),
    ("applicant.email", ""),
    ("applicant.address", ADDRESS),
    ("child_full_name", "Nguyễn Minh Khang"),
    ("child_date_of_birth", "01/10/2025"),
    ("child_gender", "male"),
    ("child_place_of_birth", "Bệnh viện Phụ sản Hà Nội"),
    ("child_ethnicity", "Kinh"),
    ("child_nationality", "VN"),
    ("child_home_town", "Xã Kim Liên, tỉnh Nghệ An"),
    ("mother_full_name", "Trần Thị Bình"),
    ("mother_date_of_birth", "12/03/1995"),
    ("mother_id_number", "001195000456"),
    ("mother_nationality", "VN"),
    ("mother_ethnicity", "Kinh"),
    ("mother_residence", ADDRESS),
    ("parents_married", False),
    ("father_info", "leave_blank"),
    ("relationship_to_child", "father"),
    ("has_birth_notice", True),
    ("copy_count", "1"),
    ("delivery.method", "post"),
    ("delivery.address", ADDRESS),
]
SCAN = "giay-chung-sinh.jpg"


def _fill(view: JourneyView) -> None:
    for page_id, raw in ANSWERS:
        view.journey.answer(page_id, raw, "vi")  # type: ignore[arg-type]
    data = (samples_dir() / "attachments" / SCAN).read_bytes()
    info = AttachmentInfo("shot", view.client_ref, "giay_chung_sinh", len(data), "image/jpeg", SCAN, "", None)
    view.journey.add_attachment(info)


def _open(view: JourneyView, page_id: str) -> None:
    view.journey.goto(page_id)
    view.show_current()


def _dossier(view: JourneyView) -> Dossier:
    now = datetime.now(UTC)
    summary = DossierSummary(
        view.client_ref, view.procedure.code, view.procedure.version, None, DossierState.QUEUED, None, None,
        "7KQ2-M9XD", "post_office", None, now, now, now, None, None,
    )  # fmt: skip
    return Dossier(
        summary=summary,
        assisted=Assisted("post_office"),
        applicant={},
        answers={},
        attachments=[],
        problem=None,
        delivery={"method": "post", "address": ADDRESS},
    )


def render(catalog: Catalog, outdir: Path, code: str, *, lang: Lang = "vi") -> list[Path]:
    """Journey screens at 100 % and 200 %, normal and high contrast; nothing is saved (no store)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for scale in (100, 200):
        for high_contrast in (False, True):
            window = MainWindow(catalog, lang=lang, text_scale=scale, high_contrast=high_contrast)
            window.resize(*SIZE)
            window.show()
            window.start_journey(code)
            view = window.journey
            assert view is not None
            suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"

            def shot(name: str, w: MainWindow = window, s: str = suffix) -> None:
                written.append(grab(w, outdir / f"journey-{name}-{s}.png"))

            shot("question")
            _fill(view)
            _open(view, "applicant.id_number")
            page = view.pages["applicant.id_number"]
            page.input.set_value("00109000012")
            view._continue()  # the person pressed Tiếp tục with a digit missing
            shot("error")
            for page_id, name in (
                ("child_gender", "choice"),
                ("child_ethnicity", "list"),
                ("child_date_of_birth", "date"),
                ("applicant.address", "address"),
            ):
                _open(view, page_id)
                shot(name)
            _open(view, "birth_notice_scan")
            box = view.pages["birth_notice_scan"].input
            assert isinstance(box, AttachmentInput)
            data = (samples_dir() / "attachments" / SCAN).read_bytes()
            box.show_file(view.journey.attachments_for("birth_notice_scan")[0], data)
            shot("attachment")
            view.journey.answer("applicant.id_number", "001090000123", "vi")
            _open(view, CHECK)
            shot("check")
            bar = view.check.verticalScrollBar()
            view.check.declaration.box.setChecked(True)  # one box ticked, one not: both looks in one shot
            bar.setValue(bar.maximum())
            shot("check-end")
            view.check.declaration.box.setChecked(False)
            view.confirmation.show_dossier(view.procedure, _dossier(view), lang)
            view.stack.setCurrentWidget(view.confirmation)
            view.confirmation.arrive()
            shot("confirmation")
            window.close()
            window.deleteLater()
            app.processEvents()
    return written
