"""What the charts of /reports/ read: district snapshots only (never the placements or the log), and each
chart as one structure that both the canvas (through json_script) and its table are drawn from, so the
table shows exactly the numbers the chart draws."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from dashboard.models import DistrictSnapshot
from dashboard.reports.services import months_back
from students.models import Placement

TREND_MONTHS = 12
DATES_READ = 400  # a year of daily snapshots, and some
AUDIENCE_LABELS = {"partner": "Partners", "mentor": "Mentors", "student": "Students"}
RATINGS = (("communication", "Keeping in touch"), ("organization", "Organization"), ("value", "Worthwhile"))


@dataclass
class Chart:
    """One chart and its table: a row per label, a column per series. `values[i][j]` is series i at label j;
    None is "no figure" (a gap in the chart, a dash in the table)."""

    slug: str
    title: str
    kind: str  # "bar" or "line" (Chart.js types)
    label_heading: str  # the table's first column
    labels: list[str]
    series: list[str]
    values: list[list[float | int | None]]
    note: str = ""
    stacked: bool = False
    unit: str = ""
    y_range: tuple[int, int] | None = None  # fixed ends of the value axis (ratings 1–5, NPS −100 to 100)
    whole: bool = True  # the values are counts: whole-number ticks
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def data_id(self) -> str:
        return f"{self.slug}-data"

    @property
    def wide(self) -> bool:
        """Its table has too many columns to sit beside the chart: it goes below."""
        return len(self.series) + (2 if self.extra.get("answers") else 0) > 3

    @property
    def kind_word(self) -> str:
        return "line" if self.kind == "line" else "bar"

    @property
    def rows(self) -> list[tuple[str, list[float | int | None]]]:
        """The table's rows: each label with its value in every series."""
        return [(label, [values[j] for values in self.values]) for j, label in enumerate(self.labels)]

    @property
    def config(self) -> dict[str, Any]:
        """What static/js/report-charts.js draws."""
        return {
            "type": self.kind,
            "labels": self.labels,
            "datasets": [{"label": name, "data": data} for name, data in zip(self.series, self.values, strict=True)],
            "stacked": self.stacked,
            "unit": self.unit,
            "range": self.y_range,
            "whole": self.whole,
        }


def snapshots_for_charts() -> list[DistrictSnapshot]:
    """The last snapshot of each of the 12 months up to the latest snapshot, oldest first (the newest is
    the latest of all). Two small queries whatever the district's size: the last dates, then those rows."""
    dates = list(DistrictSnapshot.objects.order_by("-date").values_list("date", flat=True)[:DATES_READ])
    if not dates:
        return []
    wanted = {(first.year, first.month) for first in months_back(dates[0], TREND_MONTHS)}
    chosen: dict[tuple[int, int], datetime.date] = {}
    for day in dates:  # newest first: the first one seen in a month is that month's last snapshot
        if (day.year, day.month) in wanted:
            chosen.setdefault((day.year, day.month), day)
    return list(DistrictSnapshot.objects.filter(date__in=chosen.values()).order_by("date"))


def live_from(snapshots: list[DistrictSnapshot]) -> datetime.date | None:
    """Of the snapshots the charts draw (oldest first), the date from which they were all taken on the day,
    when some before it were reconstructed from the records (the page says so); None when none were, or
    when the latest itself was reconstructed (see `all_reconstructed`)."""
    if not any(s.reconstructed for s in snapshots) or snapshots[-1].reconstructed:
        return None
    last = max(i for i, s in enumerate(snapshots) if s.reconstructed)
    return snapshots[last + 1].date


def all_reconstructed(snapshots: list[DistrictSnapshot]) -> bool:
    return bool(snapshots) and snapshots[-1].reconstructed


def _month_label(day: datetime.date) -> str:
    return f"{day:%b %Y}"


def _placement_trend(
    snapshots: list[DistrictSnapshot], key: str, choices: list[tuple[str, str]]
) -> tuple[list[str], list[list[Any]]]:
    series, values = [], []
    for value, label in choices:
        series.append(label)
        values.append([s.figures.get("placements", {}).get(key, {}).get(value, 0) for s in snapshots])
    return series, values


def district_charts(snapshots: list[DistrictSnapshot]) -> list[Chart]:
    """The charts of /reports/ from the monthly snapshots (oldest first; the last is the latest)."""
    latest = snapshots[-1]
    figures = latest.figures
    months = [_month_label(s.date) for s in snapshots]
    as_of = f"As of {latest.date:%-d %b %Y}"
    status_series, status_values = _placement_trend(snapshots, "by_status", Placement.Status.choices)
    kind_series, kind_values = _placement_trend(snapshots, "by_kind", Placement.Kind.choices)
    hours = figures.get("hours", [])
    health = figures.get("health", {"bands": [], "not_scored": 0})
    surveys = figures.get("surveys", {})
    audiences = [*surveys.get("by_audience", []), {"label": "Everyone", **surveys}] if surveys else []
    charts = [
        Chart(
            slug="placements-status",
            title="Placements by status over time",
            kind="line",
            label_heading="Month",
            labels=months,
            series=status_series,
            values=status_values,
            note="How many placements were in each status, from the last snapshot of each month.",
        ),
        Chart(
            slug="placements-kind",
            title="Placements by kind over time",
            kind="line",
            label_heading="Month",
            labels=months,
            series=kind_series,
            values=kind_values,
            note="Placements of each kind, all but the cancelled ones, from the last snapshot of each month.",
        ),
        Chart(
            slug="hours",
            title="Hours per month",
            kind="bar",
            label_heading="Month",
            labels=[_month_label(datetime.date.fromisoformat(row["month"] + "-01")) for row in hours],
            series=["Verified", "Not yet verified"],
            values=[[row["verified"] for row in hours], [row["unverified"] for row in hours]],
            note=f"Hours students recorded in each of the last 12 months; hours sent back are left out. {as_of}.",
            stacked=True,
            unit="hours",
            whole=False,
        ),
        Chart(
            slug="health",
            title="Partnership health",
            kind="bar",
            label_heading="Health score",
            labels=[band["band"] for band in health["bands"]] + ["Not scored yet"],
            series=["Partnerships"],
            values=[[band["count"] for band in health["bands"]] + [health["not_scored"]]],
            note=f"How many partnerships that have not ended score in each band (0–100). {as_of}.",
            unit="partnerships",
        ),
        Chart(
            slug="surveys",
            title="Survey scores",
            kind="bar",
            label_heading="Who answered",
            labels=[row["label"] for row in audiences],
            series=[label for _name, label in RATINGS],
            values=[[row.get(name) for row in audiences] for name, _label in RATINGS],
            note=f"Average ratings from 1 (poor) to 5 (excellent) of the surveys sent in the last 12 months. {as_of}.",
            y_range=(0, 5),
            whole=False,
            extra={
                "answers": [row.get("answered", 0) for row in audiences],
                "nps": [row.get("nps") for row in audiences],
            },
        ),
        Chart(
            slug="nps",
            title="Net promoter score over time",
            kind="line",
            label_heading="Month",
            labels=months,
            series=["NPS"],
            values=[[s.figures.get("surveys", {}).get("nps") for s in snapshots]],
            y_range=(-100, 100),
            note="Percent who would recommend us (9–10) minus percent who would not (0–6), from −100 to 100, "
            "over the surveys sent in the 12 months before each month's last snapshot.",
        ),
    ]
    if "health" not in figures:  # a reconstructed snapshot has no health figures: leave out what is not known
        charts = [chart for chart in charts if chart.slug != "health"]
    return charts
