"""Celery tasks of the exports: build one export job's file, and delete expired files (the beat, daily)."""

from __future__ import annotations

from celery import shared_task

from dashboard.exports import jobs
from dashboard.exports.selectors import BUILD_TIME_LIMIT


# An export of the whole log at district scale takes minutes: more than the default limits allow.
@shared_task(
    name="dashboard.exports.tasks.build_export", time_limit=BUILD_TIME_LIMIT, soft_time_limit=BUILD_TIME_LIMIT - 60
)
def build_export(job_id: int) -> str:
    """Build a queued export job's file. Safe to repeat: a job that is not queued is left alone."""
    return jobs.export_job_run(job_id=job_id)


@shared_task(name="dashboard.exports.tasks.purge_expired_exports")
def purge_expired_exports() -> int:
    """Delete the files of expired exports. Safe to repeat: a purged job has no file left."""
    return jobs.export_jobs_purge()
