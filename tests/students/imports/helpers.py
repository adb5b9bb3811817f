"""What the CSV import tests share: building files and uploading them."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from students.imports import columns as imports_columns
from students.imports import jobs as imports_jobs
from students.imports import services as imports_services
from students.models import ImportJob, Student

STUDENT_HEADER = [column.name for column in imports_columns.STUDENT_COLUMNS]


PLACEMENT_HEADER = [column.name for column in imports_columns.PLACEMENT_COLUMNS]


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


def new_job(kind, raw: bytes, user=None, *, check: bool = True) -> ImportJob:
    """A job with its file saved, checked (as an upload of a small file is) unless `check` is false."""
    job = ImportJob(kind=kind, original_name="upload.csv", created_by=user)
    job.file.save("upload.csv", ContentFile(raw), save=False)
    job.save()
    return imports_jobs.check(job) if check else job


def import_file(kind, raw: bytes) -> ImportJob:
    """Upload, check and confirm, as the pages do for a small file."""
    job = new_job(kind, raw)
    assert job.status == ImportJob.Status.CHECKED, job.errors
    return imports_services.start(job)


def problems(errors) -> list[tuple[int, str]]:
    return [(error["line"], error["column"]) for error in errors]
