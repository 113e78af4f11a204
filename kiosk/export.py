"""Report export to CSV (csv module) and XLSX (openpyxl, write-only): references and counts, no personal data.

The columns are the statistics' own (`kiosk.reports.ReportRow`): dates, procedure, states, who assisted,
the agent's id and the dossier's references. Cells that a spreadsheet would run as a formula are written
as text. Files are written next to their destination, flushed to disk and moved into place
(`kiosk.atomic.replacing`), so a failed export never leaves half a file under the chosen name and a USB
stick pulled once "saved" shows holds the whole file.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.atomic import replacing
from kiosk.i18n import Lang, t
from kiosk.reports import (
    VIETNAM,
    Report,
    ReportRow,
    agent_text,
    assisted_text,
    format_day,
    status_text,
)
from kiosk.statuses import status_label

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DAY_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "dd/mm/yyyy hh:mm"


@dataclass(frozen=True)
class Column:
    key: str  # message key of the header: reports.col.<key>
    value: Callable[[ReportRow, Lang], Any]


def _time(moment: datetime | None) -> datetime | None:
    # Spreadsheets have no time zones: times are written as Vietnam wall-clock time, as the header says.
    return moment.astimezone(VIETNAM).replace(tzinfo=None) if moment is not None else None


def _state(row: ReportRow, lang: Lang) -> str:
    # "Đã gửi, chờ tiếp nhận" names a group of dossiers the portal has not answered about; in this column,
    # beside the portal's own status ("Đã trả kết quả"), a sent dossier is only that: sent.
    if row.state == "submitted":
        return t("reports.state.delivered", lang)
    return status_text(f"state:{row.state}", lang)


def _portal_label(row: ReportRow, lang: Lang) -> str:
    return status_label(row.portal_status, lang) if row.portal_status is not None else ""


COLUMNS: tuple[Column, ...] = (
    Column("day", lambda r, _l: r.day),
    Column("procedure_code", lambda r, _l: r.procedure_code),
    Column("procedure_name", lambda r, _l: r.procedure_name),
    Column("state", _state),
    Column("portal_status", lambda r, _l: r.portal_status),
    Column("portal_status_label", _portal_label),
    Column("assisted_kind", lambda r, lang: assisted_text(r.assisted_kind, lang)),
    Column("agent_id", lambda r, _l: r.agent_id or ""),
    Column("local_ref", lambda r, _l: r.local_ref),
    Column("dossier_code", lambda r, _l: r.dossier_code or ""),
    Column("created_at", lambda r, _l: _time(r.created_at)),
    Column("finalized_at", lambda r, _l: _time(r.finalized_at)),
    Column("submitted_at", lambda r, _l: _time(r.submitted_at)),
    Column("final_status_at", lambda r, _l: _time(r.final_status_at)),
    Column(
        "supplement_requested",
        lambda r, lang: t("reports.yes" if r.supplement_requested else "reports.no", lang),
    ),
)


def headers(lang: Lang) -> list[str]:
    return [t(f"reports.col.{column.key}", lang) for column in COLUMNS]


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as text, never runs: a leading =, +, -, @ gets an apostrophe first."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(str(value)) if isinstance(value, str) else str(value)


def write_csv(report: Report, path: Path, lang: Lang = "vi") -> int:
    """One line per dossier, UTF-8 with a BOM (so spreadsheet programs read Vietnamese); returns the count."""
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers(lang))
        for row in report.rows:
            writer.writerow([_csv_cell(column.value(row, lang)) for column in COLUMNS])
    return report.total


def write_xlsx(report: Report, path: Path, lang: Lang = "vi") -> int:
    """Two sheets: every dossier, and the counts by day, procedure, status, helper and agent."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(t("reports.sheet.dossiers", lang))
    bold = Font(bold=True)

    def cell(value: Any, *, heading: bool = False) -> Any:
        if isinstance(value, str):
            value = safe_text(value)
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime):
            made.number_format = TIME_FORMAT
        elif isinstance(value, date):
            made.number_format = DAY_FORMAT
        if heading:
            made.font = bold
        return made

    sheet.freeze_panes = "A2"
    sheet.append([cell(text, heading=True) for text in headers(lang)])
    for row in report.rows:
        # Plain values need no cell object: faster, and no per-cell style for 10,000 rows.
        values = [column.value(row, lang) for column in COLUMNS]
        sheet.append(
            [cell(v) if isinstance(v, date) else (safe_text(v) if isinstance(v, str) else v) for v in values]
        )
    summary = workbook.create_sheet(t("reports.sheet.summary", lang))
    for line in summary_lines(report, lang):
        summary.append([cell(line[0], heading=len(line) == 1), *line[1:]])
    with replacing(path) as tmp:
        workbook.save(tmp)
    return report.total


def summary_lines(report: Report, lang: Lang) -> list[list[Any]]:
    """The summary sheet: a heading line per section, then (label, count) lines."""
    lines: list[list[Any]] = [
        [t("reports.summary.range", lang, start=format_day(report.start), end=format_day(report.end))],
        [t("reports.summary.total", lang), report.total],
        [t("reports.summary.supplements", lang), report.supplement_requested],
        [t("reports.summary.by_day", lang)],
    ]
    lines += [[format_day(day), sum(counts.values())] for day, counts in sorted(report.by_day.items())]
    lines.append([t("reports.summary.by_procedure", lang)])
    names = {row.procedure_code: row.procedure_name for row in report.rows}
    lines += [[f"{code} {names.get(code, '')}".strip(), n] for code, n in sorted(report.by_procedure.items())]
    lines.append([t("reports.summary.by_status", lang)])
    lines += [[status_text(key, lang), n] for key, n in sorted(report.by_status.items())]
    lines.append([t("reports.summary.by_assisted", lang)])
    lines += [[assisted_text(kind, lang), n] for kind, n in sorted(report.by_assisted.items())]
    lines.append([t("reports.summary.by_agent", lang)])
    lines += [[agent_text(agent, lang), n] for agent, n in sorted(report.by_agent.items())]
    return lines
