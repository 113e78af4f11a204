"""Screenshots of a liên thông bundle's task list: new, half done (every status), and all filed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.bundle import TaskStatus
from kiosk.catalog import Catalog
from ui.main_window import MainWindow
from ui.shots import grab

SIZE = (1366, 768)
BIRTH = "lien_thong_khai_sinh"
STATES: dict[str, list[tuple[TaskStatus, str | None]]] = {
    "new": [(TaskStatus.NOT_STARTED, None)] * 3,
    "mixed": [
        (TaskStatus.DONE, "000.00.01.H01-261122-0001"),
        (TaskStatus.IN_PROGRESS, None),
        (TaskStatus.NEEDS_FIX, "7K3M-Q9TX"),
    ],
    "done": [
        (TaskStatus.DONE, "000.00.01.H01-261122-0001"),
        (TaskStatus.DONE, "000.00.01.H01-261122-0002"),
        (TaskStatus.DONE, "7K3M-Q9TX"),
    ],
}


def render(catalog: Catalog, outdir: Path) -> list[Path]:
    """The birth bundle's task list in three states, 100 % and 200 %, normal and high contrast."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    written: list[Path] = []
    for scale in (100, 200):
        for high_contrast in (False, True):
            window = MainWindow(catalog, text_scale=scale, high_contrast=high_contrast)
            window.resize(*SIZE)
            window.show()
            window.bundles.open(BIRTH)
            filing = window.bundles.filing
            assert filing is not None and window.bundles.page is not None
            suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
            for name, states in STATES.items():
                for task, (status, reference) in zip(filing.tasks, states, strict=True):
                    task.status, task.reference = status, reference
                window.bundles.notice = ""
                if name == "done":
                    window.bundles.notice = (
                        "Đã lưu: Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi — sẽ gửi khi có mạng. "
                        "Mã tạm: 7K3M-Q9TX."
                    )
                window.bundles.show_tasks()
                written.append(grab(window, outdir / f"bundle-{name}-{suffix}.png"))
                if scale == 200:
                    bar = window.bundles.page.verticalScrollBar()
                    bar.setValue(bar.maximum())
                    written.append(grab(window, outdir / f"bundle-{name}-{suffix}-end.png"))
            window.close()
            window.deleteLater()
            app.processEvents()
    return written
