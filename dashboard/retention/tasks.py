"""The nightly retention purge (config.celery's beat schedule)."""

from __future__ import annotations

from celery import shared_task

from dashboard.models import PurgeRecord
from dashboard.retention.services import purge_expired as purge


@shared_task(name="dashboard.retention.tasks.purge_expired")
def purge_expired() -> dict[str, int]:
    """Run the retention purge for real. Safe to repeat: a second run finds nothing left to delete."""
    return purge(by=PurgeRecord.By.BEAT).counts
