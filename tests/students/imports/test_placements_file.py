"""The placements CSV (students/imports): the same rules as a placement made by hand."""

from __future__ import annotations

import pytest

from students.imports import reading as imports_reading
from students.imports import validation as imports_validation
from students.models import ImportJob, Placement, Student
from tests.students.imports.helpers import import_file, make_student, new_job, problems, to_csv

pytestmark = pytest.mark.django_db


# Placements ------------------------------------------------------------------------------------------


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
