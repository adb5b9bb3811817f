"""What pages call to import a checked file: at once when small, else in Celery."""

from __future__ import annotations

from accounts.background import send_after_commit
from students.imports import jobs
from students.imports.columns import Status
from students.imports.tasks import run_import
from students.models import ImportJob

INLINE_ROWS = 1000  # files up to this many rows are imported inside the request; larger ones in Celery


def start(job: ImportJob) -> ImportJob:
    """Import a checked job the user confirmed: at once when small, else in Celery.

    Claims the job first, so a second click changes nothing. Queuing never waits on, or fails because
    of, the broker: the task is sent after commit and a lost message leaves the job queued, to be sent
    again with `requeue`.
    """
    if job.total_rows <= INLINE_ROWS:
        if ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED).update(status=Status.RUNNING):
            job.status = Status.RUNNING
            return jobs.run(job)
    elif ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED).update(status=Status.QUEUED):
        job.status = Status.QUEUED
        send_after_commit(run_import, job.pk)
    job.refresh_from_db()
    return job


def requeue(job: ImportJob) -> None:
    """Send a queued job to the worker again (the first message may have been lost); harmless if not."""
    if job.status == Status.QUEUED:
        send_after_commit(run_import, job.pk)
