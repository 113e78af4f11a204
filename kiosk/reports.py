"""Counter statistics from the store without opening any personal data: by day, procedure, status, helper.

Everything here is read from `Store.list_dossiers()` (references, codes, states, dates, procedure, who
assisted) and the status history (portal status codes and times). Nothing is decrypted, so a report
reads the same before and after retention purges a dossier's personal data.

A dossier counts on the day it was filed (finalized, Vietnam time); a draft never filed is not counted.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Protocol

from kiosk.i18n import Lang, t
from kiosk.statuses import status_label

if TYPE_CHECKING:  # the dashboard's module loads with the window: SQLAlchemy must wait for the store
    from kiosk.store.models import DossierSummary

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving: a fixed offset is exact
ASSISTED_KINDS: tuple[str, ...] = ("post_office", "community_team", "self_service")
SUPPLEMENT_STATUS = 5
MAX_RANGE_DAYS = 366


class ReportSource(Protocol):
    """What a report needs from the store (`kiosk.store.Store` is one)."""

    def list_dossiers(self) -> list[DossierSummary]: ...

    def status_history(self) -> list[tuple[str, int, datetime]]: ...


@dataclass(frozen=True)
class ReportRow:
    """One filed dossier as statistics see it: no name, number, address, answer or scan."""

    day: date
    procedure_code: str
    procedure_name: str
    state: str
    portal_status: int | None
    assisted_kind: str
    agent_id: str | None
    local_ref: str
    dossier_code: str | None
    created_at: datetime
    finalized_at: datetime | None
    submitted_at: datetime | None
    final_status_at: datetime | None
    supplement_requested: bool

    @property
    def status_key(self) -> str:
        """The group a dossier is counted in: its portal status once known, else its local state."""
        return f"portal:{self.portal_status}" if self.portal_status is not None else f"state:{self.state}"


@dataclass(frozen=True)
class Group:
    """One line of the summary table: dossiers of a procedure, in a status, by a kind of helper."""

    procedure_code: str
    procedure_name: str
    status_key: str
    assisted_kind: str
    count: int


@dataclass(frozen=True)
class Report:
    """The dossiers filed from `start` to `end` (inclusive, Vietnam dates) and their counts."""

    start: date
    end: date
    rows: tuple[ReportRow, ...]
    by_day: dict[date, Counter[str]] = field(default_factory=dict)  # every day of the range, by helper
    by_procedure: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    by_assisted: Counter[str] = field(default_factory=Counter)
    by_agent: Counter[str] = field(default_factory=Counter)  # "" = no agent (self-service)
    groups: tuple[Group, ...] = ()
    supplement_requested: int = 0

    @property
    def total(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Bucket:
    """One bar of the chart: consecutive days (one day for ranges up to `max_bars` days)."""

    first: date
    last: date
    counts: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def local_day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM).date()


def default_range(today: date, days: int = 7) -> tuple[date, date]:
    """The last `days` days up to and including `today`."""
    return today - timedelta(days=days - 1), today


def report_rows(
    summaries: Iterable[DossierSummary],
    history: Iterable[tuple[str, int, datetime]],
    names: Mapping[str, str],
) -> list[ReportRow]:
    """Rows of every filed dossier, oldest filing first; `names` gives a procedure's name by code."""
    asked = {ref for ref, status, _ in history if status == SUPPLEMENT_STATUS}
    rows = [
        ReportRow(
            day=local_day(s.finalized_at),
            procedure_code=s.procedure_code,
            procedure_name=names.get(s.procedure_code, s.procedure_code),
            state=s.state.value,
            portal_status=s.portal_status,
            assisted_kind=s.assisted_kind,
            agent_id=s.agent_id,
            local_ref=s.local_ref,
            dossier_code=s.dossier_code,
            created_at=s.created_at,
            finalized_at=s.finalized_at,
            submitted_at=s.submitted_at,
            final_status_at=s.final_status_at,
            supplement_requested=s.client_ref in asked or s.portal_status == SUPPLEMENT_STATUS,
        )
        for s in summaries
        if s.finalized_at is not None
    ]
    rows.sort(key=lambda row: (row.finalized_at, row.local_ref))
    return rows


def build_report(rows: Iterable[ReportRow], start: date, end: date) -> Report:
    """Count the rows filed from `start` to `end` (swapped when given the wrong way round)."""
    if end < start:
        start, end = end, start
    chosen = tuple(row for row in rows if start <= row.day <= end)
    by_day: dict[date, Counter[str]] = {
        start + timedelta(days=n): Counter() for n in range((end - start).days + 1)
    }
    groups: Counter[tuple[str, str, str]] = Counter()
    names: dict[str, str] = {}
    for row in chosen:
        by_day[row.day][row.assisted_kind] += 1
        groups[(row.procedure_code, row.status_key, row.assisted_kind)] += 1
        names[row.procedure_code] = row.procedure_name
    kind_order = {kind: n for n, kind in enumerate(ASSISTED_KINDS)}
    ordered = sorted(
        groups.items(),
        key=lambda item: (names[item[0][0]], _status_order(item[0][1]), kind_order.get(item[0][2], 9)),
    )
    return Report(
        start=start,
        end=end,
        rows=chosen,
        by_day=by_day,
        by_procedure=Counter(row.procedure_code for row in chosen),
        by_status=Counter(row.status_key for row in chosen),
        by_assisted=Counter(row.assisted_kind for row in chosen),
        by_agent=Counter(row.agent_id or "" for row in chosen),
        groups=tuple(Group(code, names[code], status, kind, n) for (code, status, kind), n in ordered),
        supplement_requested=sum(1 for row in chosen if row.supplement_requested),
    )


def load_report(source: ReportSource, start: date, end: date, names: Mapping[str, str]) -> Report:
    """Store worker: the report of `start`..`end` read from the store (nothing is decrypted)."""
    return build_report(report_rows(source.list_dossiers(), source.status_history(), names), start, end)


def chart_buckets(report: Report, max_bars: int = 31) -> list[Bucket]:
    """Days grouped so the chart has at most `max_bars` bars (a long range shows weeks or more)."""
    days = sorted(report.by_day)
    if not days:
        return []
    width = max(1, math.ceil(len(days) / max_bars))
    buckets: list[Bucket] = []
    for n in range(0, len(days), width):
        chunk = days[n : n + width]
        counts: Counter[str] = Counter()
        for day in chunk:
            counts.update(report.by_day[day])
        buckets.append(Bucket(chunk[0], chunk[-1], counts))
    return buckets


def _status_order(key: str) -> tuple[int, int]:
    kind, _, value = key.partition(":")
    if kind == "portal":
        return (1, int(value))
    states = ("draft", "needs_attention", "queued", "submitted")
    return (0, states.index(value) if value in states else 9)


def status_text(key: str, lang: Lang) -> str:
    """A status group as a person reads it: the portal's name for it, or the kiosk's local state."""
    kind, _, value = key.partition(":")
    if kind == "portal":
        return status_label(int(value), lang)
    return t(f"reports.state.{value}", lang)


def assisted_text(kind: str, lang: Lang) -> str:
    return t(f"reports.assisted.{kind}", lang) if kind in ASSISTED_KINDS else kind


def agent_text(agent_id: str, lang: Lang) -> str:
    return agent_id or t("reports.no_agent", lang)


def format_day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
