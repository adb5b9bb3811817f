"""The column helpers of dashboard.exports.registry: what each reads from the database and what cell it writes,
through a Plan over real rows (values_list), as an export does."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from dashboard.exports.registry import Column, Group, Plan, built, field, label, plain_decimal
from partnerships.models import Contact, Organization, Partnership
from students.models import HoursEntry, Placement, Student
from tests.factories import (
    BusinessFactory,
    HoursEntryFactory,
    OrganizationFactory,
    PlacementFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def _cells(columns, rows, context=None) -> list:
    """Every row's cells, as an export makes them."""
    plan = Plan(columns, rows, context or {})
    return plan.cells(list(rows.values_list(*plan.reads)))


def test_a_plan_reads_each_field_once_and_the_id_first():
    columns = (field("Name", "name"), field("Again", "name"), built("Both", lambda a, b: a + b, ("name", "city")))

    plan = Plan(columns, Organization.objects.all(), {})

    assert plan.reads == ("pk", "name", "city")


def test_a_plan_of_no_rows_makes_no_cells():
    assert Plan((field("Name", "name"),), Organization.objects.all(), {}).cells([]) == []


def test_a_field_of_text_or_a_number_is_written_as_it_is():
    business = BusinessFactory(name="Acme Tools")

    assert _cells((field("ID", "pk"), field("Name", "name")), Organization.objects.filter(pk=business.pk)) == [
        (business.pk, "Acme Tools")
    ]


def test_a_date_and_time_is_written_in_the_districts_time_to_the_minute(settings):
    settings.TIME_ZONE = "America/Chicago"
    contacted = datetime.datetime(2026, 11, 1, 7, 30, 45, tzinfo=datetime.UTC)  # 01:30 CST, the repeated hour
    partnership = active_partnership()
    Partnership.objects.filter(pk=partnership.pk).update(last_contacted_at=contacted)

    [(cell,)] = _cells((field("Last contacted", "last_contacted_at"),), Partnership.objects.filter(pk=partnership.pk))

    assert cell == timezone.localtime(contacted).strftime("%Y-%m-%d %H:%M") == "2026-11-01 01:30"


def test_a_date_is_written_as_iso_and_a_boolean_as_yes_or_no():
    entry = HoursEntryFactory(date=datetime.date(2027, 3, 12))
    rows = HoursEntry.objects.filter(pk=entry.pk)

    assert _cells((field("Date", "date"), field("Active", "placement__student__active")), rows) == [
        ("2027-03-12", "yes")
    ]


def test_an_annotation_is_written_by_its_output_field():
    partnership = active_partnership()
    rows = Partnership.objects.filter(pk=partnership.pk).with_primary_flags()

    assert _cells((field("School primary", "has_school_primary"),), rows) == [("yes",)]


@pytest.mark.parametrize(
    ("hours", "cell"), [("10.00", "10"), ("2.50", Decimal("2.50")), ("0.75", Decimal("0.75")), ("20.00", "20")]
)
def test_a_whole_decimal_loses_its_zeros_and_never_becomes_an_exponent(hours, cell):
    entry = HoursEntryFactory(hours=hours)

    assert _cells((field("Hours", "hours"),), HoursEntry.objects.filter(pk=entry.pk)) == [(cell,)]
    assert plain_decimal(None) is None


def test_a_field_through_an_empty_foreign_key_is_empty():
    organization = OrganizationFactory(parent=None)

    assert _cells((field("Part of", "parent__name"),), Organization.objects.filter(pk=organization.pk)) == [(None,)]


def test_a_label_is_the_choices_label_as_on_screen():
    placement = PlacementFactory(kind=Placement.Kind.JOB_SHADOW)
    rows = Placement.objects.filter(pk=placement.pk)

    assert _cells((label("Kind", "kind"), label("Status", "status")), rows) == [
        (placement.get_kind_display(), placement.get_status_display())
    ]
    assert placement.get_kind_display() == "Job shadow"


def test_a_value_not_among_the_choices_is_written_as_it_is():
    business = BusinessFactory(sector="")
    rows = Organization.objects.filter(pk=business.pk)

    assert _cells((label("Sector", "sector"),), rows) == [(business.get_sector_display(),)] == [("",)]


def test_a_built_column_passes_its_fields_in_order():
    business = BusinessFactory(name="Acme", city="Springfield")

    rows = Organization.objects.filter(pk=business.pk)
    made = _cells((built("Where", lambda name, city: f"{name} ({city})", ("name", "city")),), rows)

    assert made == [(f"{business.name} ({business.city})",)]


def test_a_built_column_of_a_related_row_is_empty_when_there_is_none():
    with_mentor = PlacementFactory()
    without = PlacementFactory(mentor=None)
    column = built("Mentor", Contact.full_name_of, Contact.FULL_NAME_FIELDS, of="mentor")

    made = dict(_cells((field("ID", "pk"), column), Placement.objects.all()))

    assert made == {with_mentor.pk: with_mentor.mentor.full_name, without.pk: ""}


def test_a_column_may_read_the_exports_context():
    student = PlacementFactory().student
    column = Column(
        "Greeting", ("legal_first_name",), make=lambda context, name: f"{context['hello']} {name}", context=True
    )

    assert _cells((column,), Student.objects.all(), {"hello": "Hi"}) == [(f"Hi {student.legal_first_name}",)]


def test_a_group_fills_several_columns_from_one_call():
    business = BusinessFactory(name="Acme", city="Springfield")
    group = Group(("Upper", "Lower"), ("name",), lambda name: (name.upper(), name.lower()))

    assert _cells((field("ID", "pk"), group), Organization.objects.filter(pk=business.pk)) == [
        (business.pk, "ACME", "acme")
    ]


def test_only_a_foreign_key_that_may_be_empty_is_read_to_know_whether_there_is_a_row():
    student = built("Student", Student.full_name_of, Student.FULL_NAME_FIELDS, of="student")
    mentor = built("Mentor", Contact.full_name_of, Contact.FULL_NAME_FIELDS, of="mentor")

    assert Plan((student,), Placement.objects.all(), {}).reads == (
        "pk", "student__preferred_first_name", "student__legal_first_name", "student__last_name"
    )  # fmt: skip
    assert Plan((mentor,), Placement.objects.all(), {}).reads == (
        "pk", "mentor", "mentor__first_name", "mentor__last_name"
    )  # fmt: skip
