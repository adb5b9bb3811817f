"""A large file is checked in Celery (the dry run), with the import's own progress page; a small one still in
the upload request. Nothing is written until the Import click, which is refused until the check is done."""

from __future__ import annotations

import datetime
import math
import tracemalloc

import pytest
from django.urls import reverse
from django.utils import timezone

from students.imports import jobs as imports_jobs
from students.imports import services as imports_services
from students.imports import tasks as imports_tasks
from students.imports import validation as imports_validation
from students.imports.columns import LOOKUP_CHUNK
from students.models import ImportJob, Student
from tests.students.imports.helpers import new_job, student_row, to_csv
from tests.students.imports.test_pages import upload

pytestmark = pytest.mark.django_db

Status = ImportJob.Status


@pytest.fixture
def small_inline(settings):
    """Files over 200 bytes (a header and a row or so) are checked in the background."""
    settings.IMPORT_INLINE_MAX_BYTES = 200


def three_students(bad: dict | None = None) -> bytes:
    return to_csv([student_row("S1"), student_row("S2", **(bad or {})), student_row("S3")])


def test_a_small_file_is_still_checked_inside_the_upload(
    coordinator_client, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload(coordinator_client, "students", three_students())

    assert callbacks == []  # nothing queued: one step, as before
    assert ImportJob.objects.get().status == Status.CHECKED


def test_a_large_file_waits_for_the_checker_on_the_progress_page(
    small_inline, coordinator_client, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(coordinator_client, "students", three_students())

    job = ImportJob.objects.get()
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    assert job.status == Status.CHECK_QUEUED and len(callbacks) == 1
    page = coordinator_client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and "js/import-progress.js" in page  # the import's own progress bar
    assert "Waiting for the checker to start…" in page and "nothing is saved until you confirm" in page
    assert 'data-active-statuses="check_queued checking queued running"' in page
    status = coordinator_client.get(reverse("imports:job_status", args=[job.pk])).json()
    assert (status["status"], status["text"]) == ("check_queued", "Waiting for the checker to start…")


def test_the_progress_page_says_which_row_the_check_is_on(coordinator_client, school):
    job = new_job("students", three_students())
    ImportJob.objects.filter(pk=job.pk).update(status=Status.CHECKING, processed_rows=40_000, total_rows=100_000)

    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    status = coordinator_client.get(reverse("imports:job_status", args=[job.pk])).json()

    assert "Checking row 40,000 of 100,000" in page and 'aria-valuenow="40"' in page
    assert (status["text"], status["percent"], status["label"]) == ("Checking row 40,000 of 100,000", 40, "Checking")


def test_the_checker_counts_the_rows_first_then_moves_the_progress(school, monkeypatch):
    raw = to_csv([student_row(f"S{n}") for n in range(2500)])
    job = new_job("students", raw)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.CHECK_QUEUED, total_rows=0)
    seen = []
    validate = imports_validation.validate

    def watched(kind, rows, **kwargs):
        seen.append(ImportJob.objects.values_list("status", "total_rows", "processed_rows").get(pk=job.pk))
        return validate(kind, rows, **kwargs)

    monkeypatch.setattr(imports_validation, "validate", watched)

    assert imports_tasks.check_import(job.pk) == "checked"

    assert seen == [("checking", 2500, 0), ("checking", 2500, 2000)]
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.created_count) == (Status.CHECKED, 2500, 2500)
    assert not Student.objects.exists()  # a dry run writes nothing


def test_a_large_file_with_errors_shows_them_by_line_and_column(
    small_inline, coordinator_client, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(coordinator_client, "students", three_students({"grade": "14"}))

    job = ImportJob.objects.get()
    assert job.status == Status.INVALID and not job.file
    assert [(e["line"], e["column"]) for e in job.errors] == [(3, "grade")]
    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Nothing was imported" in page and "<code>grade</code>" in page and "Grade must be a number" in page
    assert not Student.objects.exists()


def test_a_large_good_file_shows_the_preview_and_imports_on_confirm(
    small_inline, coordinator_client, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(coordinator_client, "students", three_students())
    job = ImportJob.objects.get()
    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Import 3 students" in page and "3 new, 0 updated" in page
    assert not Student.objects.exists()

    coordinator_client.post(reverse("imports:confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Status.DONE and job.confirmed_at is not None
    assert Student.objects.count() == 3


@pytest.mark.parametrize("status", [Status.CHECK_QUEUED, Status.CHECKING])
def test_confirming_before_the_check_is_done_is_refused(status, coordinator_client, school):
    job = new_job("students", three_students())
    ImportJob.objects.filter(pk=job.pk).update(status=status)

    response = coordinator_client.post(reverse("imports:confirm", args=[job.pk]), follow=True)

    job.refresh_from_db()
    assert job.status == status and job.confirmed_at is None
    assert "This file is still being checked, so nothing can be imported yet." in response.content.decode()
    assert not Student.objects.exists()


def test_confirming_a_file_with_problems_is_refused(coordinator_client, school):
    job = new_job("students", three_students({"grade": "14"}))

    response = coordinator_client.post(reverse("imports:confirm", args=[job.pk]), follow=True)

    job.refresh_from_db()
    assert job.status == Status.INVALID
    assert "This file has problems, so nothing can be imported from it." in response.content.decode()
    assert not Student.objects.exists()


def test_a_broker_that_is_down_leaves_the_check_waiting_and_the_page_says_so(
    small_inline, coordinator_client, school, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args):
        raise OSError("connection refused")

    monkeypatch.setattr(imports_tasks.check_import, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(coordinator_client, "students", three_students())

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == Status.CHECK_QUEUED and job.send_failed_at is not None and job.file
    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "The background worker could not be reached, so the check has not started." in page
    assert reverse("imports:retry", args=[job.pk]) in page and "try starting it again" in page

    monkeypatch.undo()  # the broker is back: "try starting it again"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:retry", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Status.CHECKED and job.send_failed_at is None


def test_a_broker_that_is_down_when_importing_leaves_it_queued_and_says_so(
    coordinator_client, school, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports_services, "INLINE_ROWS", 1)
    monkeypatch.setattr(imports_tasks.run_import, "delay", lambda *args: (_ for _ in ()).throw(OSError("refused")))
    job = new_job("students", three_students())
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.send_failed_at is not None
    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "could not be reached, so the import has not started" in page


def test_retry_leaves_a_job_the_worker_has_alone(coordinator_client, school, django_capture_on_commit_callbacks):
    job = new_job("students", three_students())  # checked, waiting for the Import click
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        coordinator_client.post(reverse("imports:retry", args=[job.pk]))

    assert callbacks == []
    job.refresh_from_db()
    assert job.status == Status.CHECKED and not Student.objects.exists()


def test_check_import_claims_a_job_once(school):
    job = new_job("students", three_students())
    ImportJob.objects.filter(pk=job.pk).update(status=Status.CHECK_QUEUED)

    assert imports_tasks.check_import(job.pk) == "checked"
    assert imports_tasks.check_import(job.pk) == "skipped"


def test_abandoned_uploads_are_those_nobody_confirmed_before_the_cutoff(school):
    now = timezone.now()
    old = new_job("students", three_students())
    confirmed = new_job("students", three_students())
    imports_services.start(confirmed)
    recent = new_job("students", three_students())
    ImportJob.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created_at=now - datetime.timedelta(days=2))

    assert list(ImportJob.objects.abandoned(before=now - datetime.timedelta(days=1))) == [old]
    assert recent not in ImportJob.objects.abandoned(before=now - datetime.timedelta(days=1))


# Memory: the check streams -----------------------------------------------------------------------------


def test_the_check_reads_the_file_a_chunk_at_a_time(school, monkeypatch):
    """Structural: never more than one chunk of rows is read ahead of the checking, so memory is one chunk."""
    rows = 3 * LOOKUP_CHUNK + 10
    job = new_job("students", to_csv([student_row(f"S{n}") for n in range(rows)]))
    read = {"rows": 0}
    read_rows = imports_jobs.read_rows

    def counted(*args):
        for row in read_rows(*args):
            read["rows"] += 1
            yield row

    calls = []
    validate = imports_validation.validate

    def watched(kind, chunk, **kwargs):
        calls.append((read["rows"], len(chunk)))
        return validate(kind, chunk, **kwargs)

    monkeypatch.setattr(imports_jobs, "read_rows", counted)
    monkeypatch.setattr(imports_validation, "validate", watched)

    job.status = Status.CHECK_QUEUED
    imports_jobs.check(job)

    assert len(calls) == math.ceil(rows / LOOKUP_CHUNK)
    done = 0
    for read_so_far, size in calls:
        assert read_so_far - done == size <= LOOKUP_CHUNK  # read just this chunk, not the file
        done += size
    assert done == rows and job.status == Status.CHECKED


def _peak_of_checking(rows: int) -> int:
    job = new_job("students", to_csv([student_row(f"S{n:06d}") for n in range(rows)]), check=False)
    tracemalloc.start()
    try:
        imports_jobs.check(job)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert job.status == Status.CHECKED, job.errors[:3]


def test_checking_ten_times_the_rows_takes_far_less_than_ten_times_the_memory(school, monkeypatch):
    """Ratio, not bytes or seconds: checking 10× the rows peaks at well under 10× the memory (holding every
    row, as the check in the request did, grows with the file). Small chunks keep the run short: tracemalloc
    slows Python down many times over."""
    monkeypatch.setattr(imports_jobs, "LOOKUP_CHUNK", 100)
    small, large = _peak_of_checking(500), _peak_of_checking(5_000)
    assert large < 3 * small, f"peak {small:,} B for 500 rows, {large:,} B for 5,000: ×{large / small:.2f}"
