"""An import leaves the same audit trail as the forms (core.audit): who created each row, and each change
as old → new, though it writes with bulk_create and bulk_update (which send no signals)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from students.imports import services as imports_services
from students.models import ImportJob, Placement, Student
from tests.students.imports.helpers import make_student, new_job, student_row, to_csv
from tests.students.imports.test_placements_file import placement_row

pytestmark = pytest.mark.django_db


def _imported(kind, raw, user) -> ImportJob:
    job = new_job(kind, raw, user)
    assert job.status == ImportJob.Status.CHECKED, job.errors
    return imports_services.start(job)


def test_each_student_created_or_changed_has_an_entry_by_the_person_who_imported(school, coordinator):
    existing = make_student("S1", school)
    LogEntry.objects.all().delete()  # the factory's own entry
    job = _imported("students", to_csv([student_row("S1", grade="12"), student_row("S2")]), coordinator)
    assert (job.created_count, job.updated_count) == (1, 1)

    [change] = LogEntry.objects.get_for_object(existing)
    assert (change.action, change.actor) == (LogEntry.Action.UPDATE, coordinator)
    assert change.changes_dict["grade"] == ["10", "12"]
    new = Student.objects.get(district_student_id="S2")
    [created] = LogEntry.objects.get_for_object(new)
    assert (created.action, created.actor, created.object_repr) == (LogEntry.Action.CREATE, coordinator, str(new))
    assert created.changes_dict["legal_first_name"] == ["None", "Maria"]
    assert "created_at" not in created.changes_dict  # the registration's exclusions hold


def test_a_file_that_changes_nothing_writes_no_entry(school, coordinator):
    raw = to_csv([student_row("S1"), student_row("S2")])
    _imported("students", raw, coordinator)
    before = LogEntry.objects.count()

    job = _imported("students", raw, coordinator)

    assert (job.created_count, job.updated_count) == (0, 0)
    assert LogEntry.objects.count() == before


def test_each_placement_imported_has_a_created_entry(placement_world, coordinator):
    _imported("placements", to_csv([placement_row()]), coordinator)

    placement = Placement.objects.get()
    [entry] = LogEntry.objects.get_for_object(placement)
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, coordinator)
