"""Background work for the health score: the daily snapshot (beat, config/celery.py, at 05:00)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from dashboard.health import services


@shared_task(name="dashboard.health.tasks.snapshot_health")
def snapshot_health() -> int:
    """Score every open partnership for today; run twice, it rewrites the same day's rows."""
    return services.health_snapshot(today=timezone.localdate())
