"""The work on one import job: the dry run, the preview, and writing the whole file in one transaction."""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.db import DatabaseError, transaction
from django.utils import timezone

from core import audit
from core.batching import batches
from students.imports import validation
from students.imports.columns import CHUNK, LOOKUP_CHUNK, MAX_ERRORS, PREVIEW_ROWS, Cleaned, Kind, Status, error
from students.imports.reading import read_rows
from students.models import ImportJob, Placement, Student

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


def _forget_file(job: ImportJob) -> None:
    """The upload holds student data: once the import is done or refused, only counts and messages stay."""
    if job.file:
        job.file.delete(save=False)
    job.file.name = ""
    ImportJob.objects.filter(pk=job.pk).update(file="")


class _Problems:
    """A file's problems as they are found, in line order: the first MAX_ERRORS kept, the rest only counted,
    so a file with a problem on every line costs no more memory than one with MAX_ERRORS."""

    def __init__(self, errors: Iterable[dict[str, Any]] = ()):
        self.kept: list[dict[str, Any]] = []
        self.more = 0
        self.more_from = 0  # the line the uncounted ones start on
        self.add(errors)

    def add(self, errors: Iterable[dict[str, Any]]) -> None:
        for problem in errors:
            if len(self.kept) < MAX_ERRORS:
                self.kept.append(problem)
            else:
                self.more_from = self.more_from or problem["line"]
                self.more += 1

    def __bool__(self) -> bool:
        return bool(self.kept)

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def listed(self) -> list[dict[str, Any]]:
        if not self.more:
            return self.kept
        return self.kept + [
            error(
                self.more_from,
                "",
                f"And {self.more:,} more problems from this line on. Fix the ones above, then upload the file again.",
            )
        ]


def _capped(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _Problems(errors).listed()


@dataclass
class _Checked:
    """What checking a whole file leaves: counts and (capped) problems, and the rows only when asked."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    problems: _Problems = field(default_factory=_Problems)
    cleaned: list[Cleaned] = field(default_factory=list)


def _check_file(job: ImportJob, progress: Callable[[int], None] | None = None, *, keep: bool = False) -> _Checked:
    """Read the job's file row by row and check it a chunk at a time, so that memory stays flat however long
    the file: only the counts and the problems (capped) are kept, and the cleaned rows only with `keep`
    (what `apply` writes). Problems come in line order, as in the file."""
    checked = _Checked()
    found: list[dict[str, Any]] = []  # what reading finds, appended as the rows are read
    seen = validation.Seen()
    with job.file.open("rb") as stream:
        for rows in batches(read_rows(job.kind, stream, found), LOOKUP_CHUNK):
            cleaned, problems = validation.validate(job.kind, rows, progress=progress, seen=seen)
            checked.rows += len(rows)
            checked.created += sum(1 for c in cleaned if c.is_new)
            checked.updated += sum(1 for c in cleaned if c.is_change)
            if keep:
                checked.cleaned.extend(cleaned)
            # Reading stops at the last row of this chunk, so what it found so far comes before the next chunk.
            checked.problems.add(sorted(found + problems, key=lambda problem: problem["line"]))
            found.clear()
    checked.problems.add(found)
    return checked


def check(job: ImportJob, progress: Callable[[int], None] | None = None) -> ImportJob:
    """The dry run after an upload: read and check the whole file, write nothing but the job.

    The job becomes CHECKED, with the counts it would create and update, or INVALID, with its errors.
    Inside the upload request for a small file; in Celery (`check_queued`, with `progress`) for a large one.
    """
    try:
        checked = _check_file(job, progress)
    except Exception as exc:  # log no message or traceback: either may quote the file
        logger.error("Import job %s could not be checked: %s", job.pk, type(exc).__name__)
        checked = _Checked(
            problems=_Problems(
                [error(1, "", f"Something went wrong while checking this file. Report import {job.pk}.")]
            )
        )
    valid = not checked.problems
    job.total_rows = checked.rows
    job.processed_rows = 0
    job.errors = checked.problems.listed()
    job.created_count = checked.created if valid else 0
    job.updated_count = checked.updated if valid else 0
    job.status = Status.CHECKED if valid else Status.INVALID
    job.save(update_fields=["total_rows", "processed_rows", "errors", "created_count", "updated_count", "status"])
    if not valid:
        _forget_file(job)
    logger.info("Import job %s checked: %s rows, %s problems", job.pk, job.total_rows, len(checked.problems))
    return job


def count_rows(job: ImportJob) -> int:
    """How many data rows the job's file has (a quick pass, no checks), for the progress bar."""
    with job.file.open("rb") as stream:
        return sum(1 for _row in read_rows(job.kind, stream, []))


def check_queued(job_id: int) -> str:
    """Claim a job waiting for its check and check it, moving `processed_rows` as it goes (the progress
    page reads it). A job that is not waiting (already claimed) is left alone."""
    if not ImportJob.objects.filter(pk=job_id, status=Status.CHECK_QUEUED).update(
        status=Status.CHECKING, processed_rows=0, send_failed_at=None
    ):
        return "skipped"
    job = ImportJob.objects.get(pk=job_id)

    def progress(count: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(processed_rows=count)

    try:
        job.total_rows = count_rows(job)
    except Exception as exc:  # check() below meets the same problem and says so on the job
        logger.warning("Import job %s could not be counted: %s", job_id, type(exc).__name__)
    else:
        ImportJob.objects.filter(pk=job_id).update(total_rows=job.total_rows)
    return check(job, progress).status


def preview(job: ImportJob, limit: int = PREVIEW_ROWS) -> list[Cleaned]:
    """The first rows of a checked job, as they will be saved (only those are read from the file)."""
    try:
        with job.file.open("rb") as stream:
            rows = list(itertools.islice(read_rows(job.kind, stream, []), limit))
    except (OSError, ValueError):  # the upload is gone from storage (or was never kept); confirming will say so
        return []
    cleaned, _errors = validation.validate(job.kind, rows)
    return cleaned


def _write(kind: str, cleaned: list[Cleaned], *, by: User | None) -> tuple[int, int]:
    new = [c.obj for c in cleaned if c.is_new]
    if kind == Kind.PLACEMENTS:
        placements = cast(list[Placement], new)  # a placements file's rows are placements
        for placement in placements:
            placement.supervisor = by  # as the placement form suggests: whoever adds it supervises it
        Placement.objects.bulk_create(placements, batch_size=CHUNK)
        audit.log_bulk_create(placements, actor=by)
        return len(placements), 0
    students = cast(list[Student], new)  # and a students file's, students
    Student.objects.bulk_create(students, batch_size=CHUNK)
    audit.log_bulk_create(students, actor=by)
    # Only what changed is written, grouped by the fields that changed: bulk_update's cost grows with
    # rows × fields, and a re-uploaded class list mostly changes nothing or one column.
    groups: dict[tuple[str, ...], list[Student]] = defaultdict(list)
    for c in cleaned:
        if c.is_change:
            groups[tuple(c.fields)].append(cast(Student, c.obj))
    now = timezone.now()  # bulk_update skips auto_now
    for fields, changed in groups.items():
        before = Student.objects.in_bulk([student.pk for student in changed])  # for the audit trail's old values
        for student in changed:
            student.updated_at = now
        Student.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=CHUNK)
        audit.log_bulk_update(changed, before, fields, actor=by)
    return len(new), sum(len(changed) for changed in groups.values())


def apply(job: ImportJob) -> ImportJob:
    """Check the job's file again (the database may have changed since the dry run), then write every
    row in one transaction: all or nothing. The job ends DONE with its counts, or FAILED with errors.

    The checking is the slow part, so it runs before the transaction and moves `processed_rows` as it
    goes, where other connections (the progress bar) can see it.
    """

    def progress(count: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=count)

    checked = _check_file(job, progress, keep=True)
    if checked.problems:
        return _finish(job, Status.FAILED, errors=checked.problems.listed())
    cleaned = checked.cleaned
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
    return _finish(job, Status.DONE, created=created, updated=updated, processed=checked.rows)


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
