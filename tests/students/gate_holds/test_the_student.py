"""The readiness gate keeps holding through changes to the student on a placement (the page and the CSV import)."""

import pytest
from django.urls import reverse

from students import services
from students.imports import jobs as imports_jobs
from students.imports import tasks as imports
from students.models import ImportJob, Student
from tests.factories import (
    ready_placement,
)
from tests.form_data import versioned
from tests.students.gate_holds.helpers import Status, refused, running, text
from tests.students.imports.helpers import new_job, student_row, to_csv

pytestmark = pytest.mark.django_db


# The student on a placement --------------------------------------------------------------------------


def row_of(student, **changes) -> dict:
    """The student's row of a class list as the school would upload it again, with `changes`."""
    consent = student.guardian_consent_on.isoformat() if student.guardian_consent_on else ""
    values = {
        "school": student.school.name,
        "legal_first_name": student.legal_first_name,
        "last_name": student.last_name,
        "grade": str(student.grade),
        "date_of_birth": student.date_of_birth.isoformat(),
        "guardian_consent_on": consent,
    }
    return student_row(student.district_student_id, **(values | changes))


def test_taking_away_the_guardian_consent_of_a_student_on_an_active_placement_is_refused():
    placement = running()
    student = placement.student

    refusal = refused(lambda: services.student_update(student=student, by=None, guardian_consent_on=None))

    assert refusal.messages == [
        services.student_refusal_lead(student),
        f"{student.partner_name}'s internship at {placement.partnership.business.name}: "
        f"{student.full_name}'s guardian consent is not on file.",
    ]
    assert Student.objects.get(pk=student.pk).guardian_consent_on is not None


def test_once_the_placement_is_paused_the_consent_may_be_withdrawn():
    placement = running()
    services.placement_transition(placement=placement, to_status=Status.PAUSED, by=None)

    services.student_update(student=placement.student, by=None, guardian_consent_on=None)

    assert Student.objects.get(pk=placement.student_id).guardian_consent_on is None


def test_the_student_edit_page_refuses_it_and_links_to_the_placement_fix(coordinator_client):
    placement = running()
    student = placement.student
    data = {
        "legal_first_name": "Changed",
        "last_name": student.last_name,
        "date_of_birth": student.date_of_birth.isoformat(),
        "grade": student.grade,
        "school": student.school_id,
        "district_student_id": student.district_student_id,
        "guardian_consent_on": "",
        "disclosure_basis": student.disclosure_basis,
    }

    response = coordinator_client.post(reverse("students:student_edit", args=[student.pk]), versioned(student, data))

    assert response.status_code == 200
    assert services.student_refusal_lead(student) in text(response)
    assert 'value="Changed"' in text(response)
    assert Student.objects.get(pk=student.pk).legal_first_name != "Changed"


def test_an_import_that_takes_the_consent_away_names_the_line_and_column_and_imports_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    placement = running()
    student = placement.student
    row = row_of(student, guardian_consent_on="")
    other = student_row("S-NEW-1", school=student.school.name)

    job = new_job("students", to_csv([other, row]))

    assert job.status == ImportJob.Status.INVALID
    (error,) = job.errors
    assert (error["line"], error["column"]) == (3, "guardian_consent_on")
    assert error["message"].startswith(services.student_refusal_lead(student))
    assert f"{student.full_name}'s guardian consent is not on file." in error["message"]
    assert Student.objects.get(pk=student.pk).guardian_consent_on is not None
    assert not Student.objects.filter(district_student_id="S-NEW-1").exists()


def test_the_celery_import_task_refuses_it_too_when_the_consent_goes_after_the_dry_run(settings, tmp_path):
    """The worker checks the file again before writing: a placement started since the check is kept."""
    settings.MEDIA_ROOT = tmp_path
    placement = ready_placement()
    student = placement.student
    row = row_of(student, guardian_consent_on="")
    job = new_job("students", to_csv([row]))
    assert job.status == ImportJob.Status.CHECKED  # not started yet: taking the consent away is allowed
    services.placement_activate(placement=placement, by=None)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)

    assert imports.run_import(job.pk) == ImportJob.Status.FAILED

    job.refresh_from_db()
    assert [(error["line"], error["column"]) for error in job.errors] == [(2, "guardian_consent_on")]
    assert Student.objects.get(pk=student.pk).guardian_consent_on is not None


def test_an_import_that_changes_other_details_of_a_student_on_a_placement_goes_through(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    placement = running()
    student = placement.student
    row = row_of(student, guardian_phone="555-0111")

    job = imports_jobs.apply(new_job("students", to_csv([row])))

    assert (job.status, job.errors) == (ImportJob.Status.DONE, [])
    assert Student.objects.get(pk=student.pk).guardian_phone == "555-0111"
