"""The work on one import job: the dry run, the preview, and writing the whole file in one transaction."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django.db import DatabaseError, transaction
from django.utils import timezone

from students.imports import validation
from students.imports.columns import CHUNK, MAX_ERRORS, PREVIEW_ROWS, Cleaned, Kind, Row, Status, error
from students.imports.reading import parse
from students.models import ImportJob, Placement, Student

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


def _read(job: ImportJob) -> bytes:
    with job.file.open("rb") as f:
        return f.read()


def _forget_file(job: ImportJob) -> None:
    """The upload holds student data: once the import is done or refused, only counts and messages stay."""
    if job.file:
        job.file.delete(save=False)
    job.file.name = ""
    ImportJob.objects.filter(pk=job.pk).update(file="")


def _capped(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(errors) <= MAX_ERRORS:
        return errors
    rest = errors[MAX_ERRORS:]
    return errors[:MAX_ERRORS] + [
        error(
            rest[0]["line"],
            "",
            f"And {len(rest):,} more problems from this line on. Fix the ones above, then upload the file again.",
        )
    ]


def _read_and_validate(
    job: ImportJob, progress: Callable[[int], None] | None = None
) -> tuple[list[Row], list[Cleaned], list[dict[str, Any]]]:
    rows, errors = parse(job.kind, _read(job))
    cleaned, more = validation.validate(job.kind, rows, progress=progress) if rows else ([], [])
    return rows, cleaned, sorted(errors + more, key=lambda error: error["line"])


def check(job: ImportJob) -> ImportJob:
    """The dry run after an upload: read and check the whole file, write nothing but the job.

    The job becomes CHECKED, with the counts it would create and update, or INVALID, with its errors.
    """
    try:
        rows, cleaned, errors = _read_and_validate(job)
    except Exception as exc:  # log no message or traceback: either may quote the file
        logger.error("Import job %s could not be checked: %s", job.pk, type(exc).__name__)
        rows, cleaned = [], []
        errors = [error(1, "", f"Something went wrong while checking this file. Report import {job.pk}.")]
    job.total_rows = len(rows)
    job.processed_rows = 0
    job.errors = _capped(errors)
    job.created_count = 0 if errors else sum(1 for c in cleaned if c.is_new)
    job.updated_count = 0 if errors else sum(1 for c in cleaned if c.is_change)
    job.status = Status.INVALID if errors else Status.CHECKED
    job.save(update_fields=["total_rows", "processed_rows", "errors", "created_count", "updated_count", "status"])
    if errors:
        _forget_file(job)
    logger.info("Import job %s checked: %s rows, %s problems", job.pk, job.total_rows, len(errors))
    return job


def preview(job: ImportJob, limit: int = PREVIEW_ROWS) -> list[Cleaned]:
    """The first rows of a checked job, as they will be saved."""
    try:
        raw = _read(job) if job.file else b""
    except OSError:  # the upload is gone from storage; confirming will say so
        return []
    rows, _errors = parse(job.kind, raw)
    cleaned, _errors = validation.validate(job.kind, rows[:limit])
    return cleaned


def _write(kind: str, cleaned: list[Cleaned], *, by: User | None) -> tuple[int, int]:
    new = [c.obj for c in cleaned if c.is_new]
    if kind == Kind.PLACEMENTS:
        placements = cast(list[Placement], new)  # a placements file's rows are placements
        for placement in placements:
            placement.supervisor = by  # as the placement form suggests: whoever adds it supervises it
        Placement.objects.bulk_create(placements, batch_size=CHUNK)
        return len(placements), 0
    Student.objects.bulk_create(cast(list[Student], new), batch_size=CHUNK)  # and a students file's, students
    # Only what changed is written, grouped by the fields that changed: bulk_update's cost grows with
    # rows × fields, and a re-uploaded class list mostly changes nothing or one column.
    groups: dict[tuple[str, ...], list[Student]] = defaultdict(list)
    for c in cleaned:
        if c.is_change:
            groups[tuple(c.fields)].append(cast(Student, c.obj))
    now = timezone.now()  # bulk_update skips auto_now
    for fields, students in groups.items():
        for student in students:
            student.updated_at = now
        Student.objects.bulk_update(students, [*fields, "updated_at"], batch_size=CHUNK)
    return len(new), sum(len(students) for students in groups.values())


def apply(job: ImportJob) -> ImportJob:
    """Check the job's file again (the database may have changed since the dry run), then write every
    row in one transaction: all or nothing. The job ends DONE with its counts, or FAILED with errors.

    The checking is the slow part, so it runs before the transaction and moves `processed_rows` as it
    goes, where other connections (the progress bar) can see it.
    """

    def progress(count: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=count)

    rows, cleaned, errors = _read_and_validate(job, progress)
    if errors:
        return _finish(job, Status.FAILED, errors=errors)
    try:
        with transaction.atomic():
            # Asked again with the students locked: a placement may have started since the check above.
            gate = validation.gate_errors(cleaned) if job.kind == Kind.STUDENTS else []
            if gate:
                return _finish(job, Status.FAILED, errors=gate)
            created, updated = _write(job.kind, cleaned, by=job.created_by)
    except DatabaseError as exc:  # e.g. someone added the same student a moment ago
        logger.warning("Import job %s could not be written: %s", job.pk, type(exc).__name__)
        return _finish(
            job,
            Status.FAILED,
            errors=[
                error(
                    1,
                    "",
                    "The records changed while this file was being imported, so nothing was imported. "
                    "Upload the file again.",
                )
            ],
        )
    return _finish(job, Status.DONE, created=created, updated=updated, processed=len(rows))


def _finish(
    job: ImportJob,
    status: str,
    *,
    errors: Iterable[dict[str, Any]] = (),
    created: int = 0,
    updated: int = 0,
    processed: int | None = None,
) -> ImportJob:
    job.status = status
    job.errors = _capped(list(errors))
    job.created_count, job.updated_count = created, updated
    if processed is not None:
        job.processed_rows = processed
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "created_count", "updated_count", "processed_rows", "finished_at"])
    _forget_file(job)
    logger.info("Import job %s %s: %s new, %s updated, %s problems", job.pk, status, created, updated, len(job.errors))
    return job


def run(job: ImportJob) -> ImportJob:
    """Apply a claimed job; whatever goes wrong, it ends FAILED and the log names only the job."""
    try:
        return apply(job)
    except Exception as exc:  # log no message or traceback: either may quote the file
        logger.error("Import job %s failed: %s", job.pk, type(exc).__name__)
        return _finish(
            job,
            Status.FAILED,
            errors=[
                error(
                    1,
                    "",
                    f"Something went wrong, so nothing was imported. Upload the file again; if this happens "
                    f"again, report import {job.pk}.",
                )
            ],
        )


def run_queued(job_id: int) -> str:
    """Claim a queued job and import it; a job that is not queued (already claimed) is left alone."""
    if not ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(status=Status.RUNNING, processed_rows=0):
        return "skipped"
    return run(ImportJob.objects.get(pk=job_id)).status
