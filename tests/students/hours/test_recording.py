"""students/services.py: hours logged and verified."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from students.hours import services as hours_services
from students.models import HoursEntry
from tests.factories import (
    HoursEntryFactory,
)
from tests.helpers import days_ago, messages, today
from tests.students.services.helpers import Status, placement_in

pytestmark = pytest.mark.django_db


# Hours -----------------------------------------------------------------------------------------------


def test_hours_record_saves_an_entry(coordinator):
    placement = placement_in(Status.ACTIVE)

    entry = hours_services.hours_record(
        placement=placement, by=coordinator, date=days_ago(2), hours=Decimal("3.5"), activity=" Built a jig "
    )

    entry = HoursEntry.objects.get(pk=entry.pk)
    assert (entry.placement, entry.date, entry.hours, entry.activity) == (
        placement,
        days_ago(2),
        Decimal("3.5"),
        "Built a jig",
    )
    assert entry.recorded_by == coordinator
    assert not entry.is_verified


def test_hours_record_refuses_a_future_date(coordinator):
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_record(
            placement=placement, by=coordinator, date=today() + datetime.timedelta(days=1), hours=2, activity="Plan"
        )

    assert error.value.message_dict == {"date": ["Record hours once they are worked: choose today or earlier."]}
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("where", ["before the start", "after the end"])
def test_hours_record_refuses_a_date_outside_the_placement(where, coordinator):
    start, end = days_ago(10), days_ago(3)
    placement = placement_in(Status.COMPLETED, start_date=start, end_date=end)
    date = days_ago(11) if where == "before the start" else days_ago(2)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_record(placement=placement, by=coordinator, date=date, hours=2, activity="Plan")

    assert error.value.message_dict == {"date": [f"The placement runs from {start:%d %b %Y} to {end:%d %b %Y}."]}
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_hours_record_refuses_a_placement_that_has_not_started(status, coordinator):
    placement = placement_in(status)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_record(placement=placement, by=coordinator, date=days_ago(1), hours=2, activity="Plan")

    assert messages(error) == ["Hours are recorded once the placement has started."]
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("-1"), Decimal("24.25"), Decimal("25")])
def test_hours_record_refuses_hours_outside_0_to_24(hours, coordinator):
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_record(placement=placement, by=coordinator, date=days_ago(1), hours=hours, activity="Plan")

    assert "Constraint “hours_entry_0_24” is violated." in messages(error)
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("hours", [Decimal("0.25"), Decimal("24")])
def test_hours_record_accepts_the_edges_of_a_day(hours, coordinator):
    placement = placement_in(Status.ACTIVE)

    hours_services.hours_record(placement=placement, by=coordinator, date=today(), hours=hours, activity="Plan")

    assert HoursEntry.objects.get().hours == hours


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("24.5")])
def test_the_database_refuses_hours_outside_0_to_24(hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursEntryFactory(hours=hours)


def test_hours_verify_records_who_confirmed():
    entry = HoursEntryFactory()

    hours_services.hours_verify(entry=entry, verified_by=" Ana Mentor ")

    entry = HoursEntry.objects.get(pk=entry.pk)
    assert entry.verified_by == "Ana Mentor"
    assert entry.is_verified


def test_hours_verify_keeps_the_first_confirmation():
    entry = HoursEntryFactory()
    hours_services.hours_verify(entry=entry, verified_by="Ana Mentor")
    first = HoursEntry.objects.get(pk=entry.pk)

    returned = hours_services.hours_verify(entry=HoursEntry.objects.get(pk=entry.pk), verified_by="Ben Late")

    assert (returned.verified_by, returned.verified_at) == ("Ana Mentor", first.verified_at)
    again = HoursEntry.objects.get(pk=entry.pk)
    assert (again.verified_by, again.verified_at) == ("Ana Mentor", first.verified_at)


def test_hours_verify_needs_a_name():
    entry = HoursEntryFactory()

    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify(entry=entry, verified_by="  ")

    assert error.value.message_dict == {"verified_by": ["Say who confirmed these hours."]}
    assert not HoursEntry.objects.get(pk=entry.pk).is_verified
