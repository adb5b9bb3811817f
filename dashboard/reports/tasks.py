"""The daily district snapshot (beat: dashboard.reports.tasks.snapshot_district, 05:30). Idempotent per day."""

from __future__ import annotations

from celery import shared_task

from dashboard.reports.services import district_snapshot_take


@shared_task(name="dashboard.reports.tasks.snapshot_district")
def snapshot_district() -> int:
    """Take today's district snapshot (again, if it exists). Returns the snapshot's id."""
    return district_snapshot_take().pk
