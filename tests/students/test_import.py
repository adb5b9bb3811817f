"""CSV import of students and placements: reading, checking, all-or-nothing writes, and the pages."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from partnerships.models import Partnership
from students.imports import columns as imports_columns
from students.imports import jobs as imports_jobs
from students.imports import reading as imports_reading
from students.imports import services as imports_services
from students.imports import tasks as imports_tasks
from students.imports import validation as imports_validation
from students.models import ImportJob, Placement, Student
from tests.factories import BusinessFactory, ContactFactory, PartnershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db

STUDENT_HEADER = [column.name for column in imports_columns.STUDENT_COLUMNS]
PLACEMENT_HEADER = [column.name for column in imports_columns.PLACEMENT_COLUMNS]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def school(db):
    return SchoolFactory(name="Riverside High School")


def student_row(sid="S1", **values) -> dict:
    row = {
        "district_student_id": sid,
        "legal_first_name": "Maria",
        "preferred_first_name": "",
        "last_name": "Lopez",
        "date_of_birth": "2010-04-17",
        "grade": "10",
        "school": "Riverside High School",
        "guardian_name": "Ana Lopez",
        "guardian_email": "ana@example.test",
        "guardian_phone": "555-0142",
        "emergency_contact": "Luis Lopez 555-0143",
        "guardian_consent_on": "2026-01-10",
        "media_consent": "no",
        "media_consent_on": "",
        "disclosure_basis": "directory",
    }
    row.update(values)
    return row


def to_csv(rows: list[dict], header: list[str] | None = None, delimiter: str = ",") -> bytes:
    header = header or list(rows[0])

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value or '"' in value else value

    lines = [delimiter.join(header)]
    lines += [delimiter.join(cell(str(row.get(name, ""))) for name in header) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def make_student(sid, school, **fields) -> Student:
    values = {
        "legal_first_name": "Existing",
        "last_name": "Student",
        "date_of_birth": datetime.date(2010, 1, 1),
        "grade": 10,
        "school": school,
        "district_student_id": sid,
        **fields,
    }
    return Student.objects.create(**values)


def new_job(kind, raw: bytes, user=None) -> ImportJob:
    job = ImportJob(kind=kind, original_name="upload.csv", created_by=user)
    job.file.save("upload.csv", ContentFile(raw), save=False)
    job.save()
    return imports_jobs.check(job)


def import_file(kind, raw: bytes) -> ImportJob:
    """Upload, check and confirm, as the pages do for a small file."""
    job = new_job(kind, raw)
    assert job.status == ImportJob.Status.CHECKED, job.errors
    return imports_services.start(job)


def problems(errors) -> list[tuple[int, str]]:
    return [(error["line"], error["column"]) for error in errors]


# Reading the file ------------------------------------------------------------------------------


def test_good_students_file_creates_students(school):
    job = import_file("students", to_csv([student_row("S1"), student_row("S2", legal_first_name="Jamal")]))

    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.updated_count, job.processed_rows) == (2, 0, 2)
    assert job.finished_at is not None
    jamal = Student.objects.get(district_student_id="S2")
    assert (jamal.legal_first_name, jamal.school, jamal.grade) == ("Jamal", school, 10)
    assert jamal.guardian_consent_on == datetime.date(2026, 1, 10)
    assert jamal.media_consent is False and jamal.disclosure_basis == "directory"


def test_second_upload_of_the_same_ids_updates_and_does_not_duplicate(school):
    import_file("students", to_csv([student_row("S1"), student_row("S2")]))
    job = import_file("students", to_csv([student_row("S1", grade="11"), student_row("S3")]))

    assert (job.created_count, job.updated_count) == (1, 1)
    assert Student.objects.count() == 3
    assert Student.objects.get(district_student_id="S1").grade == 11


def test_an_update_leaves_columns_the_file_does_not_have_alone(school):
    make_student("S1", school, preferred_first_name="Mia", guardian_consent_on=datetime.date(2026, 2, 1))
    row = student_row("S1", grade="12")
    del row["preferred_first_name"], row["guardian_consent_on"]

    import_file("students", to_csv([row]))

    student = Student.objects.get(district_student_id="S1")
    assert (student.grade, student.preferred_first_name) == (12, "Mia")
    assert student.guardian_consent_on == datetime.date(2026, 2, 1)


def test_a_duplicate_id_inside_the_file_is_an_error_naming_both_lines(school):
    job = new_job("students", to_csv([student_row("S1"), student_row("S2"), student_row("S1")]))

    assert job.status == ImportJob.Status.INVALID
    assert problems(job.errors) == [(4, "district_student_id")]
    assert "lines 2 and 4" in job.errors[0]["message"]
    assert not Student.objects.exists()


def test_bad_rows_are_reported_by_line_and_column_and_nothing_changes(school):
    existing = make_student("S0", school, grade=9)
    rows = [
        student_row("S0", grade="10"),  # a good update
        student_row("S1"),  # a good new student
        student_row("S2", date_of_birth="17.04.2010"),
        student_row("S3", grade="14"),
        student_row("S4", school="Nowhere High"),
        student_row("S5", media_consent="yes", media_consent_on=""),
    ]
    job = new_job("students", to_csv(rows))

    assert job.status == ImportJob.Status.INVALID
    assert problems(job.errors) == [
        (4, "date_of_birth"),
        (5, "grade"),
        (6, "school"),
        (7, "media_consent_on"),
    ]
    messages = [error["message"] for error in job.errors]
    assert "YYYY-MM-DD" in messages[0]
    assert "6 to 12" in messages[1]
    assert "Nowhere High" in messages[2]
    assert "media consent" in messages[3]
    assert list(Student.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.grade == 9
    assert not job.file  # the upload is not kept once refused


def test_form_rules_apply_future_consent_and_age(school):
    rows = [
        student_row("S1", guardian_consent_on="2999-01-01"),
        student_row("S2", date_of_birth="1950-01-01"),
        student_row("S3", guardian_email="not-an-email"),
    ]
    _rows, errors = imports_reading.parse("students", to_csv(rows))
    _cleaned, errors = imports_validation.validate("students", _rows)

    assert problems(errors) == [(2, "guardian_consent_on"), (3, "date_of_birth"), (4, "guardian_email")]


def test_a_failure_while_writing_leaves_nothing_behind(school, monkeypatch):
    make_student("S0", school)
    job = new_job("students", to_csv([student_row("S1"), student_row("S0", grade="12")]))

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Student.objects, "bulk_update", broken)
    job = imports_services.start(job)

    assert job.status == ImportJob.Status.FAILED
    assert "nothing was imported" in job.errors[0]["message"]
    assert not Student.objects.filter(district_student_id="S1").exists()  # created, then rolled back


def test_latin1_bytes_are_refused_with_a_clear_message(school):
    raw = to_csv([student_row("S1"), student_row("S2", legal_first_name="Zoë")]).decode().encode("latin-1")
    rows, errors = imports_reading.parse("students", raw)

    assert rows == []
    assert problems(errors) == [(3, "")]
    assert "CSV UTF-8" in errors[0]["message"] and "line 3" in errors[0]["message"]


def test_an_excel_workbook_is_refused_with_a_clear_message():
    _rows, errors = imports_reading.parse("students", b"PK\x03\x04 rest of a zip file")
    assert "Excel workbook" in errors[0]["message"]


def test_a_utf8_bom_and_loose_header_spelling_are_accepted(school):
    header = [f" {name.upper()} " for name in STUDENT_HEADER]
    raw = "\ufeff".encode() + to_csv([dict(zip(header, student_row("S1").values(), strict=True))], header=header)
    rows, errors = imports_reading.parse("students", raw)

    assert errors == []
    assert rows[0].line == 2 and rows[0].data["district_student_id"] == "S1"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_work(school, delimiter):
    row = student_row("S1", emergency_contact="Luis; or Ana, 555-0143")
    job = import_file("students", to_csv([row], delimiter=delimiter))

    assert job.created_count == 1
    assert Student.objects.get().emergency_contact == "Luis; or Ana, 555-0143"


def test_us_dates_are_accepted(school):
    job = import_file("students", to_csv([student_row("S1", date_of_birth="4/17/2010")]))
    assert job.status == ImportJob.Status.DONE
    assert Student.objects.get().date_of_birth == datetime.date(2010, 4, 17)


def test_a_missing_required_column_is_named():
    header = [name for name in STUDENT_HEADER if name not in ("grade", "school")]
    rows, errors = imports_reading.parse("students", to_csv([student_row()], header=header))

    assert rows == []
    assert problems(errors) == [(1, "")]
    assert errors[0]["message"] == "Missing columns: grade, school."


def test_an_unknown_column_is_named_with_the_expected_ones():
    header = [*STUDENT_HEADER, "Shoe size"]
    _rows, errors = imports_reading.parse("students", to_csv([student_row()], header=header))

    assert "Unknown column: Shoe size." in errors[0]["message"]
    assert "district_student_id, legal_first_name" in errors[0]["message"]


def test_optional_columns_may_be_left_out(school):
    required = [column.name for column in imports_columns.STUDENT_COLUMNS if column.required]
    job = import_file("students", to_csv([student_row("S1")], header=required))
    assert job.created_count == 1


def test_a_file_without_separators_is_refused():
    _rows, errors = imports_reading.parse("students", b"just one column\nS1\n")
    assert errors[0]["message"] == "Could not tell how columns are separated: use commas."


@pytest.mark.parametrize("raw", [b"", b"\n\n", "\ufeff".encode()])
def test_an_empty_file_is_refused(raw):
    rows, errors = imports_reading.parse("students", raw)
    assert rows == []
    assert "The file is empty" in errors[0]["message"]


def test_a_header_without_rows_is_refused():
    _rows, errors = imports_reading.parse("students", (",".join(STUDENT_HEADER) + "\n").encode())
    assert "no students below it" in errors[0]["message"]


def test_a_line_with_too_few_values_is_reported(school):
    raw = to_csv([student_row("S1")]) + b"S2,Jamal\r\n"
    _rows, errors = imports_reading.parse("students", raw)
    assert problems(errors) == [(3, "")]
    assert "2 values but the header has 15 columns" in errors[0]["message"]


# Placements ------------------------------------------------------------------------------------


@pytest.fixture
def placement_world(school):
    business = BusinessFactory(name="Acme Robotics")
    other = BusinessFactory(name="Birch Bakery")
    return {
        "partnership": PartnershipFactory(school=school, business=business, status=Partnership.Status.ACTIVE),
        "ended": PartnershipFactory(
            school=school, business=other, status=Partnership.Status.ENDED, name="Old bakery visits"
        ),
        "mentor": ContactFactory(organization=business, email="jordan@acme.test"),
        "baker": ContactFactory(organization=other, email="baker@birch.test"),
        "student": make_student("S1", school),
    }


def placement_row(**values) -> dict:
    row = {
        "district_student_id": "S1",
        "partnership": "Riverside High School × Acme Robotics",
        "kind": "internship",
        "mentor_email": "jordan@acme.test",
        "start_date": "2027-02-01",
        "end_date": "2027-05-28",
        "days": "Tue, Thu",
        "hours_per_week": "8",
        "site_address": "1200 Foundry Road",
    }
    row.update(values)
    return row


def test_good_placements_file_creates_proposed_placements(placement_world):
    rows = [
        placement_row(),
        placement_row(partnership="riverside high school x ACME ROBOTICS", kind="Job shadow", mentor_email=""),
    ]
    job = import_file("placements", to_csv(rows))

    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 2)
    internship, shadow = Placement.objects.order_by("pk")
    assert internship.mentor == placement_world["mentor"]
    assert internship.status == Placement.Status.PROPOSED
    assert str(internship.hours_per_week) == "8.0"
    assert shadow.kind == Placement.Kind.JOB_SHADOW and shadow.mentor is None
    assert shadow.partnership == placement_world["partnership"]


def test_placement_rows_are_checked_like_placements_made_by_hand(placement_world):
    rows = [
        placement_row(),  # good, but nothing is saved
        placement_row(district_student_id="S404"),
        placement_row(partnership="Old bakery visits", mentor_email=""),
        placement_row(mentor_email="baker@birch.test"),
        placement_row(start_date="2027-05-01", end_date="2027-04-01"),
        placement_row(kind="field trip", hours_per_week="80"),
    ]
    job = new_job("placements", to_csv(rows))

    assert job.status == ImportJob.Status.INVALID
    assert problems(job.errors) == [
        (3, "district_student_id"),
        (4, "partnership"),
        (5, "mentor_email"),
        (6, "end_date"),
        (7, "kind"),
        (7, "hours_per_week"),
    ]
    by_line = {error["line"]: error["message"] for error in job.errors}
    assert "No student with ID S404" in by_line[3]
    assert "has ended" in by_line[4]
    assert "does not work at Acme Robotics" in by_line[5]
    assert "ends before it starts" in by_line[6]
    assert not Placement.objects.exists()


def test_importing_the_same_placements_twice_adds_nothing_the_second_time(placement_world):
    raw = to_csv([placement_row()])
    import_file("placements", raw)
    job = new_job("placements", raw)

    assert job.status == ImportJob.Status.INVALID
    assert "already in SchoolBridge" in job.errors[0]["message"]
    assert Placement.objects.count() == 1


def test_an_inactive_student_cannot_be_placed(placement_world):
    Student.objects.filter(pk=placement_world["student"].pk).update(active=False)
    job = new_job("placements", to_csv([placement_row()]))
    assert problems(job.errors) == [(2, "district_student_id")]


def test_the_lookups_do_not_grow_with_the_file(placement_world, django_assert_max_num_queries):
    for n in range(2, 40):
        make_student(f"S{n}", placement_world["student"].school)
    raw = to_csv([placement_row(district_student_id=f"S{n}") for n in range(1, 40)])
    rows, _errors = imports_reading.parse("placements", raw)
    with django_assert_max_num_queries(5):
        cleaned, errors = imports_validation.validate("placements", rows)
    assert (len(cleaned), errors) == (39, [])


# The pages -------------------------------------------------------------------------------------


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
    upload(coordinator_client, "students", to_csv(rows), name="district.csv")
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
