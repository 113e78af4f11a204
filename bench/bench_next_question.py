"""Moving to the next question: "Tiếp tục" → answer parsed, autosave queued, next page shown and painted.

Run: .venv/bin/python bench/bench_next_question.py [--moves 200] [--scale 100]
Offscreen, the real window and store (training key, temp data dir), khai sinh (1.001193). The journey is
walked forward to the check page and back again until `--moves` forward moves were timed; the first
visit of a page includes building it. Between moves the saves are let finish (a person takes seconds
per question); the timed part is the click to the painted page. Goal: p99 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.assets import samples_dir
from kiosk.catalog import bundled_catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.journey import CHECK, PageKind
from kiosk.rules.units import warm_up
from ui import theme
from ui.context import AppContext
from ui.fonts import use_bundled_font
from ui.journey import JourneyView
from ui.journey.attachment import AttachmentInput
from ui.main_window import MainWindow
from ui.services import Services

ADDRESS = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}
RAW: dict[str, object] = {
    "applicant.full_name": "Nguyễn Văn An",
    "applicant.id_number": "001090000123",
    "applicant.date_of_birth": "05/09/1990",
    "applicant.gender": "male",
    "applicant.phone": "0912345678",
    "applicant.email": "",
    "applicant.address": ADDRESS,
    "child_full_name": "Nguyễn Minh Khang",
    "child_date_of_birth": "01/10/2025",
    "child_gender": "male",
    "child_place_of_birth": "Bệnh viện Phụ sản Hà Nội",
    "child_ethnicity": "Kinh",
    "child_home_town": "Xã Kim Liên, tỉnh Nghệ An",
    "mother_full_name": "Trần Thị Bình",
    "mother_date_of_birth": "12/03/1995",
    "mother_id_number": "001195000456",
    "mother_ethnicity": "Kinh",
    "parents_married": False,
    "father_info": "leave_blank",
    "relationship_to_child": "father",
    "has_birth_notice": True,
    "delivery.method": "post",
    "delivery.address": ADDRESS,
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    if not values:
        return f"{name:<22} n=0"
    return (
        f"{name:<22} n={len(values):<4} p50={statistics.median(values):6.2f} ms  "
        f"p99={percentile(values, 99):6.2f} ms  max={max(values):6.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    use_bundled_font(app, theme.point_size(100))
    with tempfile.TemporaryDirectory(prefix="bench-next-") as tmp:
        services = Services(config=Config(mode="post_office"), data_dir=Path(tmp), key=training_key())
        context = AppContext.create(services)
        window = MainWindow(bundled_catalog(), context=context, text_scale=args.scale)
        scan = str(samples_dir() / "attachments" / "giay-chung-sinh.jpg")
        window.file_chooser = lambda _parent, _title, _filter: scan
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        warm_up()  # as the app does on a background thread just after it starts (ui/app.py)
        window.start_journey("1.001193")
        view = window.journey
        assert isinstance(view, JourneyView)
        first: list[float] = []
        again: list[float] = []
        back: list[float] = []
        seen: set[str] = set()

        def settle() -> None:
            context.tasks.wait_idle()
            app.processEvents()

        while len(first) + len(again) < args.moves:
            while view.journey.current.id != CHECK and len(first) + len(again) < args.moves:
                page = view.journey.current
                widget = view.pages[page.id]
                if page.kind is PageKind.ATTACHMENT and not view.journey.attachments_for(page.id):
                    box = widget.input
                    assert isinstance(box, AttachmentInput)
                    QTest.mouseClick(box.choose, Qt.MouseButton.LeftButton)
                    while not view.journey.attachments_for(page.id):
                        settle()
                elif page.id not in seen and page.id in RAW:  # else what the page shows (Việt Nam, 1 copy)
                    widget.input.set_value(RAW[page.id])  # type: ignore[arg-type]
                settle()
                start = time.perf_counter()
                QTest.mouseClick(widget.next_button, Qt.MouseButton.LeftButton)
                view.repaint()  # the next page, painted
                elapsed = (time.perf_counter() - start) * 1000
                if widget.problems():
                    raise SystemExit(f"{page.id} was refused: {widget.problems()}")
                (again if page.id in seen else first).append(elapsed)
                seen.add(page.id)
            settle()
            while True:  # back to the first question: "Quay lại" on every page
                current = view.current_page()
                back_button = current.findChild(QWidget, "journey-back") if current is not None else None
                if back_button is None or window.stack.currentWidget() is not view:
                    break
                start = time.perf_counter()
                QTest.mouseClick(back_button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
                view.repaint()
                back.append((time.perf_counter() - start) * 1000)
                settle()
            if window.stack.currentWidget() is not view:
                back.pop()  # the last one left the journey for "Chuẩn bị"
                window.stack.setCurrentWidget(view)
                view.show_current()
        print(f"khai sinh 1.001193, text {args.scale} %, 1366×768 offscreen, {len(first) + len(again)} moves")
        print(line("Tiếp tục (all)", first + again))
        print(line("  first visit (build)", first))
        print(line("  page seen before", again))
        print(line("Quay lại", back))
        window.close()
        context.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
