"""The dashboard's bar chart (QtCharts): dossiers per day, stacked by who assisted, in the kiosk's theme.

QtCharts loads when the first report is shown, never at start. Screen readers get the same figures as
text in the chart's accessible description.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import Lang, t
from kiosk.reports import ASSISTED_KINDS, Report, assisted_text, chart_buckets
from ui import theme

# Bar colours per helper, each ≥ 3:1 against the chart's background (WCAG 1.4.11), told apart by hue
# and by the legend; segments are outlined in the background colour so stacked bars stay distinct.
BAR_COLOURS = {
    False: {"post_office": "#1d70b8", "community_team": "#00703c", "self_service": "#6f3c97"},
    True: {"post_office": "#ffff00", "community_team": "#00e5ff", "self_service": "#ff9cf5"},
}


def max_bars(scale: int) -> int:
    """Fewer, wider bars as text grows, so day labels stay readable."""
    return 31 if scale <= 125 else 15 if scale <= 175 else 10


def count_ticks(top: int, most: int = 5) -> tuple[int, int]:
    """A whole, round step (1, 2, 5, 10, 20, 50, …) and how many steps reach `top` in at most `most`."""
    step, factor = 1, 1
    while step * most < top:
        for base in (1, 2, 5):
            step = base * factor
            if step * most >= top:
                break
        factor *= 10
    return step, max(1, -(-top // step))


def day_label(first: Any, last: Any) -> str:
    if first == last:
        return f"{first.day:02d}/{first.month:02d}"
    return f"{first.day:02d}/{first.month:02d}–{last.day:02d}/{last.month:02d}"


class ReportChart(QWidget):
    """A QChartView built on first use; `show_report` redraws it for a report, a language and a theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view: Any = None
        self.series: Any = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable, so its description can be read

    def show_report(self, report: Report, lang: Lang, high_contrast: bool, scale: int) -> None:
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSet,
            QChart,
            QChartView,
            QStackedBarSeries,
            QValueAxis,
        )

        p = theme.palette_for(high_contrast)
        background, text = QColor(p.background), QColor(p.text)
        buckets = chart_buckets(report, max_bars(scale))
        series = QStackedBarSeries()
        for kind in ASSISTED_KINDS:
            bar_set = QBarSet(assisted_text(kind, lang))
            bar_set.append([float(b.counts.get(kind, 0)) for b in buckets])
            bar_set.setColor(QColor(BAR_COLOURS[high_contrast][kind]))
            bar_set.setBorderColor(background)
            series.append(bar_set)
        series.setBarWidth(0.8)
        chart = QChart()
        chart.addSeries(series)
        chart.setBackgroundBrush(background)
        chart.setBackgroundRoundness(0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        font = QFont("Noto Sans")
        font.setPointSizeF(theme.point_size(min(scale, 150), 0.8))
        labels = [day_label(b.first, b.last) for b in buckets]
        days = QBarCategoryAxis()
        days.append(labels)
        days.setLabelsFont(font)
        days.setLabelsColor(text)
        days.setLinePen(QPen(text))
        days.setGridLineVisible(False)
        if len(labels) > 8:
            days.setLabelsAngle(-90)
        counts = QValueAxis()
        step, ticks = count_ticks(max((b.total for b in buckets), default=0))
        counts.setRange(0, step * ticks)
        counts.setLabelFormat("%d")
        counts.setTickCount(ticks + 1)
        counts.setLabelsFont(font)
        counts.setLabelsColor(text)
        counts.setLinePen(QPen(text))
        counts.setGridLinePen(QPen(QColor(p.muted), 1, Qt.PenStyle.DotLine))
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(days)
        series.attachAxis(counts)
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend.setFont(font)
        legend.setLabelColor(text)
        if self.view is None:
            self.view = QChartView(chart)
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._layout.addWidget(self.view)
        else:
            old = self.view.chart()
            self.view.setChart(chart)
            old.deleteLater()
        self.view.setBackgroundBrush(background)
        self.series = series
        self.setAccessibleDescription(
            "; ".join(f"{label}: {b.total}" for label, b in zip(labels, buckets, strict=True))
        )

    def totals(self) -> list[int]:
        """The height of every bar (tests)."""
        if self.series is None:
            return []
        sets = self.series.barSets()
        return [round(sum(s.at(i) for s in sets)) for i in range(sets[0].count())] if sets else []

    def set_accessible(self, lang: Lang) -> None:
        self.setAccessibleName(t("reports.chart_name", lang))
