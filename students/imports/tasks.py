"""The Celery tasks of an import job: checking a large file, and importing a confirmed one."""

from __future__ import annotations

from celery import shared_task

from students.imports import jobs


# Named as before imports became a package, so queued messages still find it.
@shared_task(name="students.imports.run_import")
def run_import(job_id: int) -> str:
    """Import a queued job. Safe to repeat: a job that is not queued (already claimed) is left alone."""
    return jobs.run_queued(job_id)


@shared_task(name="students.imports.check_import")
def check_import(job_id: int) -> str:
    """Check a large uploaded file (the dry run). Safe to repeat: a job not waiting for it is left alone."""
    return jobs.check_queued(job_id)
