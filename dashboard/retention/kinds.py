"""The dashboard's own kind of expired data: export jobs finished RETENTION["export_days"] ago, with any file
they still have (dashboard.exports.jobs deletes the files a day after they are ready)."""

from __future__ import annotations

from django.db.models import QuerySet

from core import retention
from core.retention import Purge, delete_file_on_commit
from dashboard.models import ExportJob


def delete_exports(jobs: QuerySet[ExportJob], purge: Purge) -> int:
    files = [(job.file.storage, job.file.name) for job in jobs.exclude(file="").only("file")]
    deleted = purge.delete(jobs)
    for storage, name in files:
        delete_file_on_commit(storage, name)
    return deleted


retention.register(retention.Kind("exports", "finished exports", ExportJob.objects.expired, delete_exports, order=60))
