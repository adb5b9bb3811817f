"""The students CSV (students/imports): reading, checking every row, writing all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError

from students.imports import columns as imports_columns
from students.imports import reading as imports_reading
from students.imports import services as imports_services
from students.imports import validation as imports_validation
from students.models import ImportJob, Student
from tests.students.imports.helpers import (
    STUDENT_HEADER,
    import_file,
    make_student,
    new_job,
    problems,
    student_row,
    to_csv,
)

pytestmark = pytest.mark.django_db


# Reading the file ------------------------------------------------------------------------------------


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
