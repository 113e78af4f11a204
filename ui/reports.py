"""The counter's dashboard ("Báo cáo", assisted modes): dossiers by day in a chart, counts in tables, export.

Everything shown comes from `kiosk.reports` (no personal data is decrypted). A CSV or Excel file is written
only where a person chooses to save one (the save dialog is injectable for tests). `install_reports`
wires the header button into the main window and schedules retention (at start, then daily).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.reports import (
    MAX_RANGE_DAYS,
    Report,
    agent_text,
    assisted_text,
    default_range,
    format_day,
    load_report,
    local_day,
    status_text,
)
from kiosk.rules.dates import parse_date
from ui import theme
from ui.context import AppContext
from ui.file_dialogs import SaveChooser, choose_save_name
from ui.report_chart import ReportChart
from ui.widgets import ScrollPage, button, label

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from ui.main_window import MainWindow
    from ui.report_link import ReportsLink

log = logging.getLogger("ui.reports")


def export_report(report: Report, path: Path, kind: str, lang: Lang) -> int:
    """Worker function: write `report` as CSV or XLSX; the number of dossiers written."""
    from kiosk.export import write_csv, write_xlsx

    return (write_xlsx if kind == "xlsx" else write_csv)(report, path, lang)


def _names(catalog: Catalog | None, lang: Lang) -> dict[str, str]:
    if catalog is None:
        return {}
    return {code: proc.name.get(lang) for code, proc in catalog.procedures.items()}


class ReportsPage(ScrollPage):
    """Filters (from, to, last 7/30 days), the chart, the counts tables, and "Xuất CSV" / "Xuất Excel"."""

    back_requested = Signal()

    def __init__(
        self,
        context: AppContext | None,
        lang: Lang,
        *,
        catalog: Catalog | None = None,
        chooser: SaveChooser = choose_save_name,  # the only way a report reaches a file
        today: Callable[[], date] = lambda: local_day(datetime.now(UTC)),
        high_contrast: bool = False,
        scale: int = 100,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.lang, self.catalog = context, lang, catalog
        self.chooser, self.today = chooser, today
        self.high_contrast, self.scale = high_contrast, scale
        self.report: Report | None = None
        self._message: tuple[str, dict[str, Any], bool] | None = None  # key, params, is_error
        self.back = button("", "link")
        self.back.clicked.connect(self.back_requested.emit)
        self.heading = label("", "h1")
        self.intro = label("", "muted")
        self.from_label, self.to_label = label("", "key"), label("", "key")
        self.date_hint = label("", "muted")
        self.from_field, self.to_field = QLineEdit(), QLineEdit()
        for field in (self.from_field, self.to_field):
            field.setMaxLength(10)
            field.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
            field.returnPressed.connect(self.refresh)
        self.show_button = button("", "primary")
        self.last_7, self.last_30 = button("", "link"), button("", "link")
        self.show_button.clicked.connect(self.refresh)
        self.last_7.clicked.connect(lambda: self.choose_days(7))
        self.last_30.clicked.connect(lambda: self.choose_days(30))
        self.error = label("", "error")
        self.summary = label("", "key")
        self.chart_title = label("", "h2")
        self.chart = ReportChart()
        self.table_title = label("", "h2")
        self.table = _table(4)
        self.agents_title = label("", "h2")
        self.agents = _table(2)
        self.export_csv, self.export_xlsx = button("", "primary"), button("", "primary")
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.status = label("", "key")
        self._layout()
        start, end = default_range(self.today())
        self.from_field.setText(format_day(start))
        self.to_field.setText(format_day(end))
        self.retranslate(lang)
        self.set_style(high_contrast, scale)

    def _layout(self) -> None:
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.heading, self.intro, self.date_hint):
            self.body.addWidget(widget)
        filters = QGridLayout()
        filters.setHorizontalSpacing(16)
        filters.setVerticalSpacing(6)
        filters.addWidget(self.from_label, 0, 0)
        filters.addWidget(self.to_label, 0, 1)
        filters.addWidget(self.from_field, 1, 0)
        filters.addWidget(self.to_field, 1, 1)
        filters.addWidget(self.show_button, 1, 2)
        filters.setColumnStretch(3, 1)
        self.body.addLayout(filters)
        presets = QHBoxLayout()
        presets.setSpacing(16)
        presets.addWidget(self.last_7)
        presets.addWidget(self.last_30)
        presets.addStretch(1)
        self.body.addLayout(presets)
        shown: tuple[QWidget, ...] = (
            self.error,
            self.summary,
            self.chart_title,
            self.chart,
            self.table_title,
            self.table,
        )
        for part in shown:
            self.body.addWidget(part)
        self.body.addWidget(self.agents_title)
        self.body.addWidget(self.agents)
        exports = QHBoxLayout()
        exports.setSpacing(16)
        exports.addWidget(self.export_csv)
        exports.addWidget(self.export_xlsx)
        exports.addStretch(1)
        self.body.addLayout(exports)
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        self.error.setVisible(False)

    # -- what a person does ---------------------------------------------------------------------------
    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        self.refresh()
        self.from_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_days(self, days: int) -> None:
        start, end = default_range(self.today(), days)
        self.from_field.setText(format_day(start))
        self.to_field.setText(format_day(end))
        self.refresh()

    def dates(self) -> tuple[date, date] | None:
        """The range typed, or None with the problem shown beside the fields."""
        values: list[date] = []
        for field, key in ((self.from_field, "reports.bad_from"), (self.to_field, "reports.bad_to")):
            try:
                values.append(parse_date(field.text()))
            except KioskError as problem:
                self._show_error(key, problem=problem.message(self.lang))
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return None
        start, end = sorted(values)
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            self._show_error("reports.bad_range", days=MAX_RANGE_DAYS)
            return None
        return start, end

    def refresh(self) -> None:
        chosen = self.dates()
        if chosen is None or self.context is None:
            return
        self.error.setVisible(False)
        self.summary.setText(t("reports.loading", self.lang))
        start, end = chosen
        names = _names(self.catalog, self.lang)
        self.context.tasks.run_store(
            lambda store: load_report(store, start, end, names), self.show_report, self._load_failed
        )

    def show_report(self, report: Report) -> None:
        self.report = report
        self._fill()

    def export(self, kind: str) -> None:
        report = self.report
        if report is None or self.context is None:
            return
        lang = self.lang
        suggested = t("reports.file_name", lang, start=report.start.isoformat(), end=report.end.isoformat())
        chosen = self.chooser(
            self,
            t("reports.save_title", lang),
            f"{suggested}.{kind}",
            t(f"reports.filter_{kind}", lang),
        )
        if not chosen:
            return  # no file unless a person chose where to save one
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        self._set_message(None)

        def saved(count: int) -> None:
            self._set_message(("reports.saved", {"count": count, "file": path.name}, False))

        def failed(error: BaseException) -> None:
            log.warning("report export failed: %s", type(error).__name__)
            self._set_message(("reports.save_failed", {"file": path.name}, True))

        # Off the UI thread; through the store worker so it queues behind the report it writes.
        self.context.tasks.run_store(lambda _store: export_report(report, path, kind, lang), saved, failed)

    # -- showing ----------------------------------------------------------------------------------------
    def _load_failed(self, error: BaseException) -> None:
        log.warning("report failed to load: %s", type(error).__name__)
        self._show_error("reports.load_failed")

    def _show_error(self, key: str, **params: object) -> None:
        self._error = (key, params)
        self.error.setText(t(key, self.lang, **params))
        self.error.setVisible(True)

    def _set_message(self, message: tuple[str, dict[str, Any], bool] | None) -> None:
        self._message = message
        if message is None:
            self.status.setText("")
            return
        key, params, is_error = message
        self.status.setText(t(key, self.lang, **params))
        self.status.setProperty("role", "error" if is_error else "key")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _fill(self) -> None:
        report, lang = self.report, self.lang
        has = report is not None and report.total > 0
        parts: tuple[QWidget, ...] = (self.chart_title, self.chart, self.table_title, self.table)
        for part in parts:
            part.setVisible(has)
        self.agents_title.setVisible(has)
        self.agents.setVisible(has)
        self.export_csv.setEnabled(report is not None)
        self.export_xlsx.setEnabled(report is not None)
        if report is None:
            self.summary.setText("")
            return
        start, end = format_day(report.start), format_day(report.end)
        if has:
            self.summary.setText(
                t(
                    "reports.total",
                    lang,
                    total=report.total,
                    start=start,
                    end=end,
                    supplements=report.supplement_requested,
                )
            )
        else:
            self.summary.setText(t("reports.empty", lang))
        self.chart.show_report(report, lang, self.high_contrast, self.scale)
        self.chart.setAccessibleName(t("reports.chart_name", lang))
        rows = [
            [g.procedure_name, status_text(g.status_key, lang), assisted_text(g.assisted_kind, lang), g.count]
            for g in report.groups
        ]
        _fill_table(self.table, rows)
        agents = sorted(report.by_agent.items(), key=lambda item: (-item[1], item[0]))
        _fill_table(self.agents, [[agent_text(agent, lang), n] for agent, n in agents])

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.back.setText(t("ui.back", lang))
        self.back.setAccessibleName(t("ui.back_name", lang))
        for widget, key in (
            (self.heading, "reports.heading"),
            (self.chart_title, "reports.chart_title"),
            (self.table_title, "reports.table_title"),
            (self.agents_title, "reports.agents_title"),
        ):
            widget.setText(t(key, lang))
            widget.setAccessibleName(widget.text())
        self.intro.setText(t("reports.intro", lang))
        self.from_label.setText(t("reports.from", lang))
        self.to_label.setText(t("reports.to", lang))
        self.date_hint.setText(t("reports.date_hint", lang))
        self.from_field.setAccessibleName(t("reports.from_name", lang))
        self.to_field.setAccessibleName(t("reports.to_name", lang))
        buttons: tuple[tuple[QPushButton, str], ...] = (
            (self.show_button, "reports.show"),
            (self.last_7, "reports.last_7"),
            (self.last_30, "reports.last_30"),
            (self.export_csv, "reports.export_csv"),
            (self.export_xlsx, "reports.export_xlsx"),
        )
        for control, key in buttons:
            control.setText(t(key, lang))
            control.setAccessibleName(t(f"{key}_name", lang))
        self.table.setHorizontalHeaderLabels(
            [t(f"reports.head.{k}", lang) for k in ("procedure", "status", "assisted", "count")]
        )
        self.table.setAccessibleName(t("reports.table_name", lang))
        self.agents.setHorizontalHeaderLabels([t("reports.head.agent", lang), t("reports.head.count", lang)])
        self.agents.setAccessibleName(t("reports.agents_name", lang))
        if self.error.isVisible() and getattr(self, "_error", None):
            key, params = self._error
            self.error.setText(t(key, lang, **params))
        self._set_message(self._message)
        if self.report is not None:
            # Procedure names come with the report in the language it was loaded in: load it again.
            self.report = None
            self.refresh()
        self._fill()

    def set_style(self, high_contrast: bool, scale: int) -> None:
        self.high_contrast, self.scale = high_contrast, scale
        p = theme.palette_for(high_contrast)
        pad = round(6 * scale / 100)
        self.setStyleSheet(
            f"""
QTableWidget {{
    background-color: {p.background}; color: {p.text}; gridline-color: {p.border};
    border: 2px solid {p.border};
}}
QTableWidget:focus {{ border: 4px solid {p.focus_ring}; }}
QTableWidget::item {{ padding: {pad}px; }}
QTableWidget::item:selected {{ background-color: {p.focus}; color: {p.focus_text}; }}
QHeaderView::section {{
    background-color: {p.surface}; color: {p.text}; font-weight: bold; padding: {pad}px;
    border: 1px solid {p.border};
}}
"""
        )
        self.chart.setMinimumHeight(round(380 * max(scale, 100) / 100))
        if self.report is not None:
            self._fill()


class _FitTable(QTableWidget):
    """A table as tall as its rows (the page scrolls, not the table); rows re-fit when the width changes."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            _fit_height(self)


def _table(columns: int) -> QTableWidget:
    table = _FitTable(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    # The page scrolls, not the table: it is as tall as its rows.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    # Text columns share the width and wrap (long status names, 200 % text); the count fits its header.
    for column in range(columns - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill_table(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    _fit_height(table)


def _fit_height(table: QTableWidget) -> None:
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 4
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height)


def install_reports(window: MainWindow) -> ReportsLink:
    """Called once by the main window: the "Báo cáo" button, its page, and retention."""
    from ui.report_link import ReportsLink

    return ReportsLink(window)
