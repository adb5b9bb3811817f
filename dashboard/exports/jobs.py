"""The work on one export job, done by Celery (dashboard.exports.tasks), and the purge of expired files.

The worker claims the job with a compare-and-set update, writes the file in chunks while moving `rows_done`,
and marks it done with an expiry (EXPIRES_AFTER), or failed with a plain message. The file lives under
MEDIA_ROOT/exports/ with a random name and only the download view hands it out, to its owner.
"""

from __future__ import annotations

import datetime
import logging
import tempfile
import uuid

from django.core.files import File
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from core.csv import header_text, rows_text
from dashboard.exports import registry
from dashboard.exports.selectors import CHUNK, BadFilters, export_for, stale_cutoff
from dashboard.models import ExportJob

logger = logging.getLogger(__name__)

EXPIRES_AFTER = datetime.timedelta(hours=24)
Status = ExportJob.Status


def _claim(job_id: int) -> bool:
    """Take the queued job for this worker, or a running one whose worker was lost (stale); False when another
    worker (or an earlier delivery) has it."""
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=stale_cutoff())
    won = ExportJob.objects.filter(claimable, pk=job_id).update(
        status=Status.RUNNING, started_at=timezone.now(), rows_done=0
    )
    return won == 1


def _progress(job_id: int, rows_done: int) -> None:
    ExportJob.objects.filter(pk=job_id).update(rows_done=rows_done)


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(status=Status.FAILED, error=message, finished_at=timezone.now())


def export_job_run(*, job_id: int) -> str:
    """Build the job's file. Safe to run twice: only the call that claims the queued job does the work."""
    if not _claim(job_id):
        return "not queued"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    kind = registry.get(job.kind)
    if kind is None:
        _fail(job, "This kind of export no longer exists.")
        return "failed"
    if not job.requested_by.has_perm(kind.permission):
        _fail(job, f"You no longer have access to {kind.title.lower()}, so the export was not made.")
        return "failed"
    try:
        export = export_for(kind, QueryDict(job.query), user=job.requested_by)
    except BadFilters as bad:
        _fail(job, "The filters could not be used: " + "; ".join(bad.problems))
        return "failed"
    try:
        with tempfile.TemporaryFile() as scratch:
            rows = 0
            scratch.write(header_text(export.header).encode("utf-8"))
            for chunk in export.chunks():  # selectors.CHUNK rows each: one write and one progress step
                scratch.write(rows_text(chunk).encode("utf-8"))
                rows += len(chunk)
                _progress(job.pk, rows)
            scratch.seek(0)
            job.file.save(f"{uuid.uuid4().hex}.csv", File(scratch), save=False)
    except Exception as exc:  # log no message: it may quote the data
        logger.error("Export job %s failed: %s", job.pk, type(exc).__name__)
        _fail(
            job,
            f"Something went wrong while writing the file. Run the export again; if it fails again, "
            f"report export {job.pk}.",
        )
        return "failed"
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=Status.DONE,
        file=job.file.name,
        rows_done=rows,
        rows_total=rows,
        finished_at=now,
        expires_at=now + EXPIRES_AFTER,
    )
    logger.info("Export job %s done: %s rows", job.pk, rows)
    return "done"


def export_jobs_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of exports that have expired (the jobs stay, saying so), and mark failed the jobs
    whose worker was lost mid-file. Returns how many files were deleted."""
    now = now or timezone.now()
    ExportJob.objects.filter(status=Status.RUNNING, started_at__lt=stale_cutoff(now)).update(
        status=Status.FAILED, error="The export stopped before it finished. Run it again.", finished_at=now
    )
    purged = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).exclude(file="").iterator(chunk_size=CHUNK):
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="")
        purged += 1
    return purged
