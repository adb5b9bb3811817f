"""What pages call to export in the background: an export over EXPORT_STREAM_LIMIT rows becomes an
ExportJob, queued for Celery (tasks.build_export, which runs dashboard.exports.jobs) once the transaction
commits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from accounts.background import send_after_commit
from dashboard.exports.selectors import ACTIVE_JOBS_LIMIT, active_jobs, running_job
from dashboard.exports.tasks import build_export
from dashboard.models import ExportJob

if TYPE_CHECKING:
    from accounts.models import User

Status = ExportJob.Status


def _queue(job: ExportJob) -> None:
    send_after_commit(build_export, job.pk)


def export_job_start(*, kind: str, query: str, rows_total: int, by: User) -> ExportJob:
    """A background export of `kind` filtered by `query`, for `by`, queued once the transaction commits. The
    same export already waiting or running is returned instead of a second one; a person with
    ACTIVE_JOBS_LIMIT of them waiting or running is refused. A broker that is down
    leaves the job waiting (its page says so, and offers to try again); the request still succeeds."""
    existing = running_job(by, kind, query)
    if existing is not None:
        return existing
    if active_jobs(by).count() >= ACTIVE_JOBS_LIMIT:
        raise ValidationError(
            f"You already have {ACTIVE_JOBS_LIMIT} exports waiting or running. Download or wait for one of them, "
            "then ask again."
        )
    job = ExportJob.objects.create(kind=kind, query=query, requested_by=by, rows_total=rows_total)
    _queue(job)
    return job


def export_job_retry(*, job: ExportJob, by: User) -> None:
    """Queue a waiting job again ("try again" when the worker never picked it up). Anything else is left
    alone: a running job has its worker, a finished one its result."""
    if job.requested_by_id == by.pk and job.status == Status.QUEUED:
        _queue(job)
