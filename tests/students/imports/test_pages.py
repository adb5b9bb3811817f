"""The import pages (students/imports/views.py): upload, preview, confirm, progress."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Partnership
from students.imports import reading as imports_reading
from students.imports import services as imports_services
from students.imports import tasks as imports_tasks
from students.imports import validation as imports_validation
from students.models import ImportJob, Placement, Student
from tests.students.imports.helpers import import_file, new_job, problems, student_row, to_csv
from tests.students.imports.test_placements_file import placement_row

pytestmark = pytest.mark.django_db


# The pages -------------------------------------------------------------------------------------------


def upload(client, kind, raw: bytes, name="class.csv"):
    return client.post(reverse(f"imports:{kind}"), {"file": SimpleUploadedFile(name, raw, "text/csv")})


def test_upload_preview_confirm_done_as_a_coordinator(coordinator_client, coordinator, school):
    page = coordinator_client.get(reverse("imports:students"))
    assert page.status_code == 200
    assert "district_student_id" in page.content.decode()  # the columns are explained
    assert "examples/students.csv" in page.content.decode()

    response = upload(coordinator_client, "students", to_csv([student_row("S1"), student_row("S2")]))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:job", args=[job.pk])
    assert (job.status, job.created_by, job.original_name) == ("checked", coordinator, "class.csv")
    assert "class" not in job.file.name  # stored under a random name

    preview = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Import 2 students" in preview
    assert "Maria Lopez" in preview and "2 new, 0 updated" in preview
    assert not Student.objects.exists()  # a preview saves nothing

    response = coordinator_client.post(reverse("imports:confirm", args=[job.pk]))
    assert response.status_code == 302
    done = coordinator_client.get(response["Location"]).content.decode()
    assert "Imported: 2 new, 0 updated." in done
    assert Student.objects.count() == 2

    # A second click changes nothing.
    coordinator_client.post(reverse("imports:confirm", args=[job.pk]))
    assert Student.objects.count() == 2


def test_a_file_with_errors_shows_them_and_imports_nothing(coordinator_client, school):
    upload(coordinator_client, "students", to_csv([student_row("S1"), student_row("S2", grade="14")]))
    job = ImportJob.objects.get()
    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()

    assert "Nothing was imported" in page
    assert "Grade must be a number from 6 to 12" in page
    assert "Upload the corrected file" in page
    assert coordinator_client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    assert not Student.objects.exists()


def test_many_errors_are_paginated(coordinator_client, school):
    rows = [student_row(f"S{n}", grade="99") for n in range(120)]
    upload(coordinator_client, "students", to_csv(rows))
    job = ImportJob.objects.get()
    page = coordinator_client.get(reverse("imports:job", args=[job.pk]), {"page": 3}).content.decode()
    assert "Page 3 of 3" in page and "120 problems on 120 lines" in page


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("class.xlsx", b"a,b\n1,2\n", "Choose a .csv file"),
        ("class.csv", b"x" * (10 * 1024 * 1024 + 1), "the limit is 10 MB"),
    ],
)
def test_the_upload_form_refuses_other_files(coordinator_client, name, raw, message):
    response = upload(coordinator_client, "students", raw, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_placements_import_through_the_pages(coordinator_client, coordinator, placement_world):
    upload(coordinator_client, "placements", to_csv([placement_row()]))
    job = ImportJob.objects.get()
    preview = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Import 1 placement<" in preview
    coordinator_client.post(reverse("imports:confirm", args=[job.pk]))
    placement = Placement.objects.get()
    assert placement.supervisor == coordinator  # as the placement form suggests


def test_a_partner_gets_404_on_every_import_url(partner_a_client, school):
    job = new_job("students", to_csv([student_row("S1")]))
    for url in [
        reverse("imports:students"),
        reverse("imports:placements"),
        reverse("imports:job", args=[job.pk]),
        reverse("imports:job_status", args=[job.pk]),
    ]:
        assert partner_a_client.get(url).status_code == 404, url
    assert partner_a_client.post(reverse("imports:confirm", args=[job.pk])).status_code == 404
    assert partner_a_client.post(reverse("imports:retry", args=[job.pk])).status_code == 404
    assert partner_a_client.post(reverse("imports:students"), {}).status_code == 404
    assert not Student.objects.exists()


def test_confirm_is_post_only(coordinator_client, school):
    job = new_job("students", to_csv([student_row("S1")]))
    assert coordinator_client.get(reverse("imports:confirm", args=[job.pk])).status_code == 405


def test_ten_thousand_students_import_through_celery_with_progress(
    coordinator_client, school, django_capture_on_commit_callbacks
):
    rows = [
        student_row(f"D{n:05d}", legal_first_name=f"First{n}", last_name=f"Last{n}", grade=str(6 + n % 7))
        for n in range(10_000)
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        upload(coordinator_client, "students", to_csv(rows), name="district.csv")
    assert len(callbacks) == 1  # a large file is checked by the worker too (eager in tests)
    job = ImportJob.objects.get()
    assert (job.status, job.total_rows, job.created_count) == ("checked", 10_000, 10_000)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = coordinator_client.post(reverse("imports:confirm", args=[job.pk]))
    assert response.status_code == 302
    assert len(callbacks) == 1  # queued for the worker, which ran it (eager in tests)

    status = coordinator_client.get(reverse("imports:job_status", args=[job.pk])).json()
    assert status == {
        "status": "done",
        "label": "Imported",
        "processed_rows": 10_000,
        "total_rows": 10_000,
        "percent": 100,
        "text": "",
    }
    assert Student.objects.count() == 10_000
    assert Student.objects.get(district_student_id="D09999").legal_first_name == "First9999"


def test_a_large_import_shows_a_progress_bar_while_it_runs(coordinator_client, school, monkeypatch):
    monkeypatch.setattr(imports_services, "INLINE_ROWS", 1)
    upload(coordinator_client, "students", to_csv([student_row("S1"), student_row("S2")]))
    job = ImportJob.objects.get()
    coordinator_client.post(reverse("imports:confirm", args=[job.pk]))  # sent on commit, which never comes here

    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    page = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'role="progressbar"' in page and "js/import-progress.js" in page
    assert "refresh it" in page  # for users without JavaScript
    assert coordinator_client.get(reverse("imports:job_status", args=[job.pk])).json()["status"] == "queued"


def test_queuing_survives_a_broker_that_is_down(
    coordinator_client, school, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports_services, "INLINE_ROWS", 1)

    def down(*args):
        raise OSError("connection refused")

    monkeypatch.setattr(imports_tasks.run_import, "delay", down)
    upload(coordinator_client, "students", to_csv([student_row("S1"), student_row("S2")]))
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("imports:confirm", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED  # waiting; "try starting it again" sends it once more


def test_run_import_claims_a_job_once(school):
    job = new_job("students", to_csv([student_row("S1")]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)

    assert imports_tasks.run_import(job.pk) == "done"
    assert imports_tasks.run_import(job.pk) == "skipped"
    assert Student.objects.count() == 1


def test_run_import_checks_the_file_again(placement_world):
    job = new_job("placements", to_csv([placement_row()]))
    Partnership.objects.filter(pk=placement_world["partnership"].pk).update(
        status=Partnership.Status.ENDED, end_date=datetime.date.today()
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)

    assert imports_tasks.run_import(job.pk) == "failed"
    job.refresh_from_db()
    assert problems(job.errors) == [(2, "partnership")]
    assert not Placement.objects.exists()


def test_the_import_never_logs_student_data(school, caplog):
    caplog.set_level(logging.DEBUG)
    rows = [
        student_row("ZX-771", legal_first_name="Quintessa", last_name="Vandersloot", date_of_birth="2010-03-14"),
        student_row("ZX-772", legal_first_name="Bartholomew", last_name="Okonkwo-Reyes"),
    ]
    import_file("students", to_csv(rows))
    new_job("students", to_csv([*rows, student_row("ZX-773", legal_first_name="Philippa", grade="99")]))

    assert "Import job" in caplog.text  # it does log, by job id and counts
    for secret in ("Quintessa", "Vandersloot", "Bartholomew", "Okonkwo", "Philippa", "ZX-77", "2010-03-14"):
        assert secret not in caplog.text


def test_checking_reports_progress_every_thousand_rows(school):
    rows, _errors = imports_reading.parse("students", to_csv([student_row(f"S{n}") for n in range(2500)]))
    seen = []
    imports_validation.validate("students", rows, progress=seen.append)
    assert seen == [1000, 2000, 2500]


def test_uploading_the_same_file_again_writes_nothing(school):
    raw = to_csv([student_row("S1"), student_row("S2")])
    import_file("students", raw)
    before = dict(Student.objects.values_list("district_student_id", "updated_at"))

    job = import_file("students", raw)

    assert (job.created_count, job.updated_count, job.total_rows) == (0, 0, 2)
    assert dict(Student.objects.values_list("district_student_id", "updated_at")) == before


def test_only_the_changed_students_are_updated(school, coordinator_client):
    import_file("students", to_csv([student_row("S1"), student_row("S2"), student_row("S3")]))
    upload(
        coordinator_client, "students", to_csv([student_row("S1"), student_row("S2", grade="12"), student_row("S4")])
    )
    job = ImportJob.objects.latest("pk")
    preview = coordinator_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "1 new, 1 updated, 1 unchanged" in preview and "No change" in preview

    response = coordinator_client.post(reverse("imports:confirm", args=[job.pk]))
    done = coordinator_client.get(response["Location"]).content.decode()
    assert "Imported: 1 new, 1 updated, 1 unchanged." in done
    assert Student.objects.get(district_student_id="S2").grade == 12


def test_school_names_match_whatever_the_case_and_spacing(school):
    job = import_file("students", to_csv([student_row("S1", school="  riverside   HIGH school ")]))
    assert Student.objects.get().school == school and job.status == ImportJob.Status.DONE


def test_a_check_that_breaks_leaves_a_refused_job_and_logs_no_data(coordinator_client, school, monkeypatch, caplog):
    def broken(kind, rows, **kwargs):
        raise ValueError(f"cannot handle {rows[0].data['legal_first_name']}")

    monkeypatch.setattr(imports_validation, "validate", broken)
    response = upload(coordinator_client, "students", to_csv([student_row("S1", legal_first_name="Quintessa")]))

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.INVALID
    assert "Something went wrong" in job.errors[0]["message"]
    assert "Quintessa" not in caplog.text


def test_a_checked_job_whose_file_is_gone_fails_cleanly(coordinator_client, school):
    job = new_job("students", to_csv([student_row("S1")]))
    job.file.storage.delete(job.file.name)

    assert coordinator_client.get(reverse("imports:job", args=[job.pk])).status_code == 200
    coordinator_client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not Student.objects.exists()
