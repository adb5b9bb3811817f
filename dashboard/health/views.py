"""The health score's pages: the help page (from the one registry of factors) and a partnership's health,
read from its columns and its daily snapshots (never computed in the request)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from dashboard.health import selectors
from dashboard.health.factors import FACTORS
from dashboard.models import HealthSnapshot
from partnerships.choices import HEALTH_BAND_SCORES, HEALTH_BAND_WORDS
from partnerships.models import Partnership

SPARK_WIDTH, SPARK_HEIGHT = 300, 60


@permission_required("partnerships.view_partnership", raise_exception=True)
def help_page(request):
    bands = [(HEALTH_BAND_WORDS[band], low, high) for band, (low, high) in HEALTH_BAND_SCORES.items()]
    return render(
        request,
        "dashboard/health/help.html",
        {"factors": FACTORS, "total": sum(f.weight for f in FACTORS), "bands": bands},
    )


def sparkline(snapshots: list[HealthSnapshot], today: datetime.date) -> str:
    """The `points` of an SVG polyline through the scores, placed by date over the trend's days (today on the
    right, so a short history starts part-way across); 100 at the top."""
    if len(snapshots) < 2:
        return ""
    first = today - datetime.timedelta(days=selectors.TREND_DAYS - 1)
    step = SPARK_WIDTH / (selectors.TREND_DAYS - 1)
    return " ".join(
        f"{(s.date - first).days * step:.1f},{SPARK_HEIGHT - s.score * SPARK_HEIGHT / 100:.1f}" for s in snapshots
    )


@permission_required("partnerships.view_partnership", raise_exception=True)
def partnership_health(request, pk):
    partnership = get_object_or_404(Partnership.objects.select_related("school", "business"), pk=pk)
    today = timezone.localdate()
    snapshots = list(selectors.trend(partnership, today))
    latest = snapshots[-1] if snapshots else None
    breakdown = []
    if latest is not None:
        for factor in FACTORS:
            part = latest.factors.get(factor.key)
            if part is not None:
                breakdown.append((factor, part))
    return render(
        request,
        "dashboard/health/partnership.html",
        {
            "partnership": partnership,
            "latest": latest,
            "breakdown": breakdown,
            "snapshots": snapshots,
            "days": list(reversed(snapshots)),
            "spark": sparkline(snapshots, today),
            "spark_width": SPARK_WIDTH,
            "spark_height": SPARK_HEIGHT,
            "trend_days": selectors.TREND_DAYS,
        },
    )
