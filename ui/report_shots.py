"""Screenshots of the dashboard ("Báo cáo") from a made-up week at a post office (nothing is stored)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog
from kiosk.i18n import Lang
from kiosk.reports import ASSISTED_KINDS, Report, ReportRow, build_report, format_day
from ui.main_window import MainWindow
from ui.reports import ReportsPage
from ui.shots import grab

SIZE = (1366, 768)
TODAY = date(2026, 11, 22)
AGENTS = {
    "post_office": ("BD-HN-017", "BD-HN-021"),
    "community_team": ("TNV-BD-03",),
    "self_service": (None,),
}


def sample_report(catalog: Catalog, lang: Lang, days: int = 7) -> Report:
    """About 20 dossiers a day over `days` days: three procedures, three helpers, portal statuses."""
    rng = random.Random(22)  # noqa: S311 -- made-up screenshot data, not a secret
    codes = [code for code in ("1.001193", "1.004222", "1.000656") if code in catalog.procedures]
    codes = codes or sorted(catalog.procedures)[:3]
    rows: list[ReportRow] = []
    for n in range(days * 20):
        day = TODAY - timedelta(days=rng.randrange(days))
        filed = datetime(day.year, day.month, day.day, 2 + n % 8, n % 60, tzinfo=UTC)
        kind = rng.choice((*ASSISTED_KINDS, "post_office", "post_office"))
        status = rng.choice((None, 2, 4, 4, 5, 10))
        code = rng.choice(codes)
        rows.append(
            ReportRow(
                day=day,
                procedure_code=code,
                procedure_name=catalog.procedures[code].name.get(lang),
                state="submitted" if status else "queued",
                portal_status=status,
                assisted_kind=kind,
                agent_id=rng.choice(AGENTS[kind]),
                local_ref=f"AB{n:02d}-CD{n % 97:02d}",
                dossier_code=f"H01.99-{n:04d}" if status else None,
                created_at=filed,
                finalized_at=filed,
                submitted_at=filed if status else None,
                final_status_at=filed if status == 10 else None,
                supplement_requested=status == 5,
            )
        )
    return build_report(rows, TODAY - timedelta(days=days - 1), TODAY)


def render(catalog: Catalog, outdir: Path, *, lang: Lang = "vi") -> list[Path]:
    """The dashboard's top and its tables, at 100/200 %, normal and high contrast; returns the files."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    written: list[Path] = []
    for scale in (100, 200):
        for high_contrast in (False, True):
            window = MainWindow(catalog, lang=lang, text_scale=scale, high_contrast=high_contrast)
            window.resize(*SIZE)
            page = ReportsPage(
                None, lang, catalog=catalog, today=lambda: TODAY, high_contrast=high_contrast, scale=scale
            )
            window.stack.addWidget(page)
            window.stack.setCurrentWidget(page)
            window.reports.button.setVisible(True)  # as in an assisted mode (no store here)
            window.show()
            report = sample_report(catalog, lang)
            page.from_field.setText(format_day(report.start))
            page.to_field.setText(format_day(report.end))
            page.show_report(report)
            page.from_field.setFocus()
            app.processEvents()
            suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
            written.append(grab(window, outdir / f"reports-{suffix}.png"))
            page.ensureWidgetVisible(page.table_title, 0, 0)
            written.append(grab(window, outdir / f"reports-{suffix}-tables.png", heading=False))
            bar = page.verticalScrollBar()
            bar.setValue(bar.maximum())
            page.export_csv.setFocus()
            written.append(grab(window, outdir / f"reports-{suffix}-end.png"))
            window.close()
            window.deleteLater()
            app.processEvents()
    return written
