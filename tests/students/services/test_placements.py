"""students/services.py: creating and editing students and placements."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Partnership
from students import services
from students.models import Placement
from tests.factories import (
    BusinessFactory,
    ContactFactory,
    StudentFactory,
    active_partnership,
)
from tests.helpers import days_ago, messages, today
from tests.students.services.helpers import Status, placement_in

pytestmark = pytest.mark.django_db


# Creating and editing --------------------------------------------------------------------------------


def placement_fields(partnership, **overrides):
    fields = {
        "kind": Placement.Kind.INTERNSHIP,
        "mentor": ContactFactory(organization=partnership.business),
        "start_date": today(),
        "end_date": today() + datetime.timedelta(days=30),
        "hours_per_week": Decimal("6"),
    }
    return {**fields, **overrides}


def test_placement_create_proposes_a_placement(coordinator):
    partnership = active_partnership()
    student = StudentFactory(school=partnership.school)

    placement = services.placement_create(
        by=coordinator, student=student, partnership=partnership, **placement_fields(partnership)
    )

    assert placement.pk is not None
    assert Placement.objects.get(pk=placement.pk).status == Status.PROPOSED


def test_placement_create_refuses_a_mentor_at_another_business(coordinator):
    partnership = active_partnership()
    stranger = ContactFactory(organization=BusinessFactory(name="Other Works"), first_name="Ola", last_name="Stranger")

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator,
            student=StudentFactory(),
            partnership=partnership,
            **placement_fields(partnership, mentor=stranger),
        )

    assert error.value.message_dict == {
        "mentor": [f"Ola Stranger does not work at {partnership.business.name}: choose someone there."]
    }
    assert not Placement.objects.exists()


def test_placement_create_refuses_an_end_before_the_start(coordinator):
    partnership = active_partnership()

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator,
            student=StudentFactory(),
            partnership=partnership,
            **placement_fields(partnership, start_date=today(), end_date=days_ago(1)),
        )

    assert error.value.message_dict == {"end_date": ["The placement ends before it starts."]}
    assert not Placement.objects.exists()


def test_placement_create_refuses_an_ended_partnership(coordinator):
    partnership = active_partnership(status=Partnership.Status.ENDED)

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator, student=StudentFactory(), partnership=partnership, **placement_fields(partnership)
        )

    assert error.value.message_dict == {"partnership": [f"{partnership.name} has ended: choose a current partnership."]}
    assert not Placement.objects.exists()


def test_placement_create_refuses_a_student_who_is_no_longer_active(coordinator):
    partnership = active_partnership()
    student = StudentFactory(legal_first_name="Maya", last_name="Former", active=False)

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator, student=student, partnership=partnership, **placement_fields(partnership)
        )

    assert error.value.message_dict == {"student": ["Maya Former is no longer active."]}
    assert not Placement.objects.exists()


def test_placement_create_reports_every_problem_at_once(coordinator):
    partnership = active_partnership(status=Partnership.Status.ENDED)
    fields = placement_fields(partnership, mentor=ContactFactory(), end_date=days_ago(5))

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator, student=StudentFactory(active=False), partnership=partnership, **fields
        )

    assert set(error.value.message_dict) == {"end_date", "mentor", "partnership", "student"}


def test_placement_create_cannot_set_the_status_and_skip_the_readiness_gate(coordinator):
    """A new placement starts as proposed: only placement_transition (and its gate) changes the status."""
    partnership = active_partnership()
    fields = placement_fields(partnership, mentor=None)  # would fail the gate: no mentor

    with pytest.raises(ValueError, match="status"):
        services.placement_create(
            by=coordinator, student=StudentFactory(), partnership=partnership, status=Status.ACTIVE, **fields
        )

    assert not Placement.objects.filter(status=Status.ACTIVE).exists()


def test_placement_update_changes_the_editable_fields(coordinator):
    placement = placement_in(Status.APPROVED)
    new_mentor = ContactFactory(organization=placement.partnership.business)

    services.placement_update(
        placement=placement, by=coordinator, mentor=new_mentor, days="Mon, Wed", hours_per_week=Decimal("8")
    )

    placement = Placement.objects.get(pk=placement.pk)
    assert (placement.mentor, placement.days, placement.hours_per_week) == (new_mentor, "Mon, Wed", Decimal("8"))


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.CANCELLED])
def test_placement_update_refuses_a_finished_placement(status, coordinator):
    placement = placement_in(status, days="Tue")

    with pytest.raises(ValidationError) as error:
        services.placement_update(placement=placement, by=coordinator, days="Mon")

    assert messages(error) == [f"This placement is {status}: it can no longer change."]
    assert Placement.objects.get(pk=placement.pk).days == "Tue"


@pytest.mark.parametrize("field", ["status", "student", "partnership", "cancel_reason"])
def test_placement_update_refuses_fields_it_does_not_edit(field, coordinator):
    placement = placement_in(Status.APPROVED)
    before = Placement.objects.filter(pk=placement.pk).values().get()
    value = {
        "status": Status.ACTIVE,
        "student": StudentFactory(),
        "partnership": active_partnership(),
        "cancel_reason": "x",
    }[field]

    with pytest.raises(ValueError, match=f"Not editable here: \\['{field}'\\]"):
        services.placement_update(placement=placement, by=coordinator, **{field: value})

    assert Placement.objects.filter(pk=placement.pk).values().get() == before


def test_placement_update_refuses_a_mentor_at_another_business_and_saves_nothing(coordinator):
    placement = placement_in(Status.APPROVED)
    mentor = placement.mentor

    with pytest.raises(ValidationError) as error:
        services.placement_update(placement=placement, by=coordinator, mentor=ContactFactory(), days="Fri")

    assert set(error.value.message_dict) == {"mentor"}
    saved = Placement.objects.get(pk=placement.pk)
    assert (saved.mentor, saved.days) == (mentor, "Tue, Thu")
