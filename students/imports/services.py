"""What pages call to check an uploaded file and to import a checked one: at once when small, else in Celery."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from accounts.background import send_after_commit
from students.imports import jobs
from students.imports.columns import Status
from students.imports.tasks import check_import, run_import
from students.models import ImportJob

INLINE_ROWS = 1000  # files up to this many rows are imported inside the request; larger ones in Celery


def _send(job: ImportJob) -> None:
    """Hand a waiting job to the worker once the transaction commits. A broker that is down leaves the job
    waiting, marked so that its page says so and offers to send it again; nothing is lost."""

    def failed() -> None:
        ImportJob.objects.filter(pk=job.pk, status=job.status).update(send_failed_at=timezone.now())

    task = check_import if job.status == Status.CHECK_QUEUED else run_import
    send_after_commit(task, job.pk, on_failure=failed)


def check_start(job: ImportJob) -> ImportJob:
    """The dry run of a saved upload: inside the request when the file is at most IMPORT_INLINE_MAX_BYTES,
    so the common case is one step; else queued for `check_import`, whose progress the job's page shows."""
    if job.file.size <= settings.IMPORT_INLINE_MAX_BYTES:
        return jobs.check(job)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.CHECK_QUEUED)
    job.status = Status.CHECK_QUEUED
    _send(job)
    return job


def start(job: ImportJob) -> ImportJob:
    """Import a checked job the user confirmed: at once when small, else in Celery.

    Claims the job first (and records when it was confirmed), so a second click changes nothing. Queuing
    never waits on, or fails because of, the broker: the task is sent after commit and a lost message
    leaves the job queued, to be sent again with `requeue`.
    """
    now = timezone.now()
    claim = ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED)
    if job.total_rows <= INLINE_ROWS:
        if claim.update(status=Status.RUNNING, confirmed_at=now):
            job.status, job.confirmed_at = Status.RUNNING, now
            return jobs.run(job)
    elif claim.update(status=Status.QUEUED, confirmed_at=now):
        job.status = Status.QUEUED
        _send(job)
    job.refresh_from_db()
    return job


def requeue(job: ImportJob) -> None:
    """Send a job waiting for the worker (its check or its import) again: the first message may have been
    lost. Harmless otherwise: the worker claims a job once."""
    if job.status in (Status.CHECK_QUEUED, Status.QUEUED):
        ImportJob.objects.filter(pk=job.pk).update(send_failed_at=None)
        job.send_failed_at = None
        _send(job)


STILL_CHECKING = (
    "This file is still being checked, so nothing can be imported yet. When the check is done this page shows "
    "the problems to fix, or the button to import it."
)
REFUSALS: dict[str, str] = {
    Status.CHECK_QUEUED: STILL_CHECKING,
    Status.CHECKING: STILL_CHECKING,
    Status.INVALID: "This file has problems, so nothing can be imported from it. Fix them and upload the file again.",
}


def confirm_refusal(job: ImportJob) -> str | None:
    """Why a job cannot be confirmed (its check is not finished, or found problems), or None if it can."""
    return REFUSALS.get(job.status)
