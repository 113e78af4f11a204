"""The dashboard ("Báo cáo"): an agent reads the counts, picks dates, and exports only by saving a file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.assets import samples_dir
from kiosk.catalog import Catalog
from kiosk.config import Config, Mode
from kiosk.crypto import training_key
from kiosk.importer import import_file
from kiosk.store import DB_NAME, Store
from kiosk.store.models import utc_text
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.reports import ReportsPage
from ui.services import Services


class Saves:
    """A stand-in for the "Save as" dialog: answers with the next path, or None (the person cancels)."""

    def __init__(self) -> None:
        self.answers: list[str | None] = []
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent: QWidget, title: str, suggested: str, _filter: str) -> str | None:
        self.asked.append((title, suggested))
        return self.answers.pop(0) if self.answers else None


@pytest.fixture
def make(
    request: pytest.FixtureRequest, qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> Callable[..., tuple[MainWindow, AppContext]]:
    def build(mode: Mode = "post_office", *, sample: bool = True) -> tuple[MainWindow, AppContext]:
        services = Services(config=Config(mode=mode), data_dir=tmp_path / "data", key=training_key())
        context = AppContext.create(services)
        request.addfinalizer(services.close)
        request.addfinalizer(context.close)
        if sample:
            report = context.tasks.run_store(
                lambda store: import_file(samples_dir() / "import-example.json", store, catalog, actor="t")
            ).result(timeout=30)
            assert report.ok
        window = MainWindow(catalog, context=context)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window, context

    return build


def open_reports(qtbot: QtBot, window: MainWindow) -> ReportsPage:
    qtbot.mouseClick(window.reports.button, Qt.MouseButton.LeftButton)
    page = window.reports.page
    assert page is not None and window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.report is not None)
    return page


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def test_an_agent_reads_the_counts_of_the_week(qtbot: QtBot, make: Any) -> None:
    window, _ = make()
    assert window.reports.button.isVisible() and window.reports.button.text() == "Báo cáo"
    page = open_reports(qtbot, window)
    assert page.summary.text().startswith("5 hồ sơ từ ")
    groups = cells(page.table)
    assert sum(int(row[3]) for row in groups) == 5
    assert ["Đăng ký khai sinh", "Chờ gửi", "Tình nguyện viên", "1"] in groups
    assert cells(page.agents)[0] == ["buudien01", "3"]
    assert ["(không có nhân viên)", "1"] in cells(page.agents)
    assert sum(page.chart.totals()) == 5 and len(page.chart.totals()) == 7
    assert page.chart.accessibleName() and page.chart.accessibleDescription().endswith(": 5")
    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home


def test_typed_dates_are_checked_and_an_empty_range_says_so(qtbot: QtBot, make: Any) -> None:
    window, _ = make()
    page = open_reports(qtbot, window)
    page.from_field.clear()
    qtbot.keyClicks(page.from_field, "31/02/2026")
    qtbot.keyClick(page.from_field, Qt.Key.Key_Return)
    assert page.error.isVisible() and page.error.text().startswith("Ngày bắt đầu:")
    page.from_field.clear()
    page.to_field.clear()
    qtbot.keyClicks(page.from_field, "01/01/2020")
    qtbot.keyClicks(page.to_field, "31/01/2020")
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report is not None and page.report.end.year == 2020)
    assert not page.error.isVisible()
    assert page.summary.text() == "Không có hồ sơ nào được nộp trong khoảng ngày này."
    assert not page.chart.isVisible() and not page.table.isVisible()
    qtbot.mouseClick(page.last_30, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report is not None and page.report.total == 5)
    assert page.report is not None and len(page.report.by_day) == 30


def test_a_file_is_written_only_where_a_person_chooses(qtbot: QtBot, make: Any, tmp_path: Path) -> None:
    window, context = make()
    saves = Saves()
    window.reports.chooser = saves
    page = open_reports(qtbot, window)
    out = tmp_path / "out"
    out.mkdir()
    qtbot.mouseClick(page.export_csv, Qt.MouseButton.LeftButton)  # the person cancels the dialog
    context.tasks.wait_idle()
    assert saves.asked and saves.asked[0][1].endswith(".csv") and list(out.iterdir()) == []
    saves.answers = [str(out / "tuan-nay.csv"), str(out / "tuan-nay")]
    qtbot.mouseClick(page.export_csv, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã lưu 5 hồ sơ"))
    qtbot.mouseClick(page.export_xlsx, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tuan-nay.xlsx" in page.status.text())
    assert sorted(p.name for p in out.iterdir()) == ["tuan-nay.csv", "tuan-nay.xlsx"]
    assert "Trần Thị Mẫu" not in (out / "tuan-nay.csv").read_text(encoding="utf-8-sig")


def test_a_failed_save_says_what_to_do(qtbot: QtBot, make: Any, tmp_path: Path) -> None:
    window, _ = make()
    window.reports.chooser = lambda *_: str(tmp_path / "missing-folder" / "r.csv")
    page = open_reports(qtbot, window)
    qtbot.mouseClick(page.export_csv, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("Không lưu được tệp r.csv"))
    assert page.status.property("role") == "error"


def test_self_service_terminals_have_no_reports(qtbot: QtBot, make: Any) -> None:
    window, context = make("self_service", sample=False)
    assert not window.reports.button.isVisible()
    window.reports.open()
    assert window.reports.page is None
    # An operator switches the terminal to an assisted mode: the button appears with the next screen.
    context.services.config = replace(context.services.config, mode="community_team")
    window.show_home()
    window.show_prepare("1.001193")
    assert not window.reports.button.isHidden()  # shown: in the header, or behind its "Thêm" at 1366 px


def test_controls_are_reachable_named_and_large(qtbot: QtBot, make: Any) -> None:
    window, _ = make()
    page = open_reports(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.from_field.setFocus()
    reached: list[QWidget] = []
    for _ in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    wanted = (page.to_field, page.show_button, page.last_7, page.table, page.export_csv, page.export_xlsx)
    for control in wanted:
        assert control in reached, control.accessibleName()
    for control in page.findChildren(QPushButton):
        if control.isVisible():
            assert control.accessibleName() and control.height() >= 44 and control.width() >= 44


def test_switching_language_redraws_the_report(qtbot: QtBot, make: Any) -> None:
    window, _ = make()
    page = open_reports(qtbot, window)
    window.set_language("en")
    qtbot.waitUntil(lambda: page.report is not None)
    assert page.heading.text() == "Dossier reports"
    assert page.summary.text().startswith("5 dossiers from ")
    assert ["Birth registration", "Waiting to be sent", "Volunteer", "1"] in cells(page.table)


def test_retention_runs_from_the_window_and_announces_purged_dossiers(
    qtbot: QtBot, make: Any, tmp_path: Path
) -> None:
    window, context = make()
    now = datetime.now(UTC)

    def close_one(store: Store) -> str:
        item = store.lease_next("t", now, timedelta(minutes=1))
        assert item is not None
        store.complete(item.id, {"dossier_code": "H01.99-0001", "status": 10})
        return item.client_ref

    ref = context.tasks.run_store(close_one).result(timeout=30)
    with sqlite3.connect(tmp_path / "data" / DB_NAME) as conn:
        conn.execute(
            "UPDATE dossier SET final_status_at = ? WHERE client_ref = ?",
            (utc_text(now - timedelta(days=31)), ref),
        )
    conn.close()
    retention = window.reports.retention
    assert retention is not None
    # The clock not yet checked against the portal: nothing goes, and it is tried again within the hour.
    retention.run()
    qtbot.waitUntil(lambda: retention.refused == "retention.refused.clock_unknown", timeout=10_000)
    assert retention.retry.isActive() and retention.retry.interval() == 60 * 60 * 1000
    assert context.tasks.run_store(lambda s: s.get_dossier(ref).applicant).result(timeout=30) != {}
    # Once sync measured it (every round while online) and found it right, the next run purges.
    context.tasks.run_store(lambda s: s.record_clock_check(0.0, datetime.now(UTC))).result(timeout=30)
    with qtbot.waitSignal(context.events.dossier_did_change, timeout=10_000) as changed:
        retention.run()
    assert changed.args == [ref]
    assert context.tasks.run_store(lambda s: s.get_dossier(ref).applicant).result(timeout=30) == {}
    assert retention.refused is None
