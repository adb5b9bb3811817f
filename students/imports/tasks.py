"""The Celery task that imports a queued job."""

from __future__ import annotations

from celery import shared_task

from students.imports import jobs


# Named as before imports became a package, so queued messages still find it.
@shared_task(name="students.imports.run_import")
def run_import(job_id: int) -> str:
    """Import a queued job. Safe to repeat: a job that is not queued (already claimed) is left alone."""
    return jobs.run_queued(job_id)
