"""The district's figures, computed once a day into a DistrictSnapshot: what the charts of /reports/ draw.

Every figure is a GROUP BY in the database (no rows come into Python), run by the daily task, the
`snapshot_district` command, or a coordinator's "Compute the figures now"; pages only read snapshots.
Snapshots of days before the first one are reconstructed from the records by reports/backfill.py.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from communications.feedback.selectors import feedback_summary
from communications.models import FeedbackRequest
from dashboard.models import DistrictSnapshot
from partnerships.models import Partnership
from students.models import HoursEntry, Placement

FIGURES_VERSION = 1
HOURS_MONTHS = 12
SURVEY_WINDOW = datetime.timedelta(days=365)
# The health score's bands, lowest first: (label, lowest score, highest score), both included.
HEALTH_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0–19", 0, 19),
    ("20–39", 20, 39),
    ("40–59", 40, 59),
    ("60–79", 60, 79),
    ("80–100", 80, 100),
)


def months_back(on: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months that end with `on`'s month, oldest first."""
    year, month = on.year, on.month
    firsts = []
    for _ in range(count):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _placements() -> dict[str, dict[str, int]]:
    by_status = dict(Placement.objects.order_by().values_list("status").annotate(n=Count("pk")))
    by_kind = dict(Placement.objects.not_cancelled().order_by().values_list("kind").annotate(n=Count("pk")))
    return {
        "by_status": {status: by_status.get(status, 0) for status in Placement.Status.values},
        "by_kind": {kind: by_kind.get(kind, 0) for kind in Placement.Kind.values},
    }


def hours_figures(on: datetime.date, *, as_of: datetime.datetime | None = None) -> list[dict[str, Any]]:
    """Hours recorded per month over the last 12 months (to `on`), verified and not yet; sent-back hours
    are left out. With `as_of` (a past moment), as they stood then: verified or sent back only if that
    had happened by `as_of`."""
    months = months_back(on, HOURS_MONTHS)
    zero = Value(0, output_field=DecimalField(max_digits=10, decimal_places=2))
    entries = HoursEntry.objects.filter(date__gte=months[0], date__lte=on)
    if as_of is None:
        entries, verified = entries.filter(rejected_at__isnull=True), Q(verified_at__isnull=False)
    else:
        entries = entries.exclude(rejected_at__lt=as_of)
        verified = Q(verified_at__lt=as_of)
    rows = (
        entries.annotate(month=TruncMonth("date"))
        .order_by()
        .values("month")
        .annotate(
            verified=Coalesce(Sum("hours", filter=verified), zero),
            unverified=Coalesce(Sum("hours", filter=~verified), zero),
        )
    )
    found = {_month_key(row["month"]): row for row in rows}
    result = []
    for first in months:
        row = found.get(_month_key(first), {})
        result.append(
            {
                "month": _month_key(first),
                "verified": float(round(row.get("verified", 0), 2)),
                "unverified": float(round(row.get("unverified", 0), 2)),
            }
        )
    return result


def _month_key(value: datetime.date | datetime.datetime) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def _health() -> dict[str, Any]:
    """How the health scores of partnerships that have not ended spread over the bands; a partnership
    without a score yet counts as not scored."""
    counts = Partnership.objects.exclude(status=Partnership.Status.ENDED).aggregate(
        not_scored=Count("pk", filter=Q(health_score__isnull=True)),
        **{
            f"band_{i}": Count("pk", filter=Q(health_score__gte=low, health_score__lte=high))
            for i, (_label, low, high) in enumerate(HEALTH_BANDS)
        },
    )
    return {
        "bands": [{"band": label, "count": counts[f"band_{i}"]} for i, (label, _l, _h) in enumerate(HEALTH_BANDS)],
        "not_scored": counts["not_scored"],
    }


def survey_figures(on: datetime.date) -> dict[str, Any]:
    """Survey results (ratings 1–5, NPS) of the surveys sent in the 12 months to `on`, overall and per audience."""
    end = timezone.make_aware(datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time()))
    summary = feedback_summary(FeedbackRequest.objects.filter(created_at__gte=end - SURVEY_WINDOW, created_at__lt=end))
    keys = ("sent", "answered", "communication", "organization", "value", "nps", "promoters", "detractors")
    overall = {key: _plain(summary[key]) for key in keys}
    overall["by_audience"] = [
        {"audience": row["audience"], "label": row["label"], **{key: _plain(row[key]) for key in keys}}
        for row in summary["by_audience"]
    ]
    return overall


def _plain(value: Any) -> Any:
    """A number JSON can hold: ratings as floats with one decimal, counts as they are."""
    if value is None or isinstance(value, int):
        return value
    return round(float(value), 1)


def district_figures(*, on: datetime.date) -> dict[str, Any]:
    """The district's figures as of `on`: placements by status and by kind, hours per month for the last
    12 months, the spread of partnership health, survey scores and NPS. JSON-ready."""
    return {
        "version": FIGURES_VERSION,
        "placements": _placements(),
        "hours": hours_figures(on),
        "health": _health(),
        "surveys": survey_figures(on),
    }


def district_snapshot_take(*, on: datetime.date | None = None) -> DistrictSnapshot:
    """Compute the district's figures and keep them as the snapshot of `on` (today by default). One
    snapshot per day: taking it again that day replaces its figures, so the task may run twice; it also
    replaces a reconstructed snapshot of that day (the figures of the day itself are the better ones)."""
    on = on or timezone.localdate()
    snapshot, _created = DistrictSnapshot.objects.update_or_create(
        date=on, defaults={"figures": district_figures(on=on), "reconstructed": False}
    )
    return snapshot
