"""The named reads of safety records: concerns that are open or serious, and who is cleared through a day."""

import datetime

import pytest
from django.utils import timezone

from safety.models import BackgroundCheck, SafetyConcern, SafetyProtocol
from safety.selectors import checks_of
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    PlacementFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Concern = SafetyConcern.Status


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_open_concerns_are_the_live_unresolved_ones():
    open_one = SafetyConcernFactory(status=Concern.OPEN)
    investigating = SafetyConcernFactory(status=Concern.INVESTIGATING)
    SafetyConcernFactory(status=Concern.RESOLVED, resolution="Spoke with the mentor.")
    SafetyConcernFactory(status=Concern.OPEN, voided_at=timezone.now(), voided_by=UserFactory(), void_reason="Typo.")

    assert set(SafetyConcern.objects.open()) == {open_one, investigating}


def test_serious_concerns_are_the_high_severity_ones():
    high = SafetyConcernFactory(severity=SafetyConcern.Severity.HIGH)
    SafetyConcernFactory(severity=SafetyConcern.Severity.MEDIUM)

    assert list(SafetyConcern.objects.serious()) == [high]


def test_a_concern_is_about_its_placement_or_about_the_student_there_when_none_is_named():
    placement = PlacementFactory()
    named = SafetyConcernFactory(placement=placement)
    unnamed = SafetyConcernFactory(placement=None, student=placement.student, partnership=placement.partnership)
    elsewhere = PlacementFactory(student=placement.student)
    SafetyConcernFactory(placement=None, student=placement.student, partnership=elsewhere.partnership)
    SafetyConcernFactory(placement=elsewhere)

    assert set(SafetyConcern.objects.about(placement)) == {named, unnamed}


def test_a_later_not_cleared_result_overrides_an_older_cleared_check():
    person = ContactFactory()
    cleared = BackgroundCheckFactory(contact=person, completed_on=days_from_today(-300))
    assert list(BackgroundCheck.objects.cleared_through(days_from_today(30))) == [cleared]

    BackgroundCheckFactory(
        contact=person, status=BackgroundCheck.Status.NOT_CLEARED, completed_on=days_from_today(-2), expires_on=None
    )

    assert not BackgroundCheck.objects.cleared_through(days_from_today(30)).exists()


def test_an_older_not_cleared_result_does_not_override_a_newer_cleared_check():
    person = ContactFactory()
    BackgroundCheckFactory(
        contact=person, status=BackgroundCheck.Status.NOT_CLEARED, completed_on=days_from_today(-400), expires_on=None
    )
    cleared = BackgroundCheckFactory(contact=person, completed_on=days_from_today(-10))

    assert list(BackgroundCheck.objects.cleared_through(days_from_today(30))) == [cleared]


def test_a_pending_renewal_does_not_take_away_a_clearance_still_valid():
    person = ContactFactory()
    cleared = BackgroundCheckFactory(contact=person)
    BackgroundCheckFactory(contact=person, status=BackgroundCheck.Status.PENDING, completed_on=None, expires_on=None)

    assert list(BackgroundCheck.objects.cleared_through(days_from_today(30))) == [cleared]


def test_current_protocols_on_a_given_day():
    first = SafetyProtocolFactory(key="supervision", version=1, effective_on=days_from_today(-100))
    second = SafetyProtocolFactory(key="supervision", version=2, effective_on=days_from_today(10))

    assert list(SafetyProtocol.objects.current()) == [first]
    assert list(SafetyProtocol.objects.current(days_from_today(10))) == [second]


def test_the_deciding_check_is_a_later_not_cleared_result_even_recorded_before_the_clearance():
    """A pending check recorded first and later marked not cleared still overrides a newer row."""
    person = ContactFactory()
    refused = BackgroundCheckFactory(
        contact=person, status=BackgroundCheck.Status.PENDING, completed_on=None, expires_on=None
    )
    BackgroundCheckFactory(contact=person, completed_on=days_from_today(-20))  # recorded after, completed earlier
    BackgroundCheck.objects.filter(pk=refused.pk).update(status="not_cleared", completed_on=days_from_today(-2))

    assert BackgroundCheck.objects.deciding(person) == BackgroundCheck.objects.get(pk=refused.pk)
    assert not BackgroundCheck.objects.cleared_through(days_from_today(1)).filter(contact=person).exists()


def test_without_a_not_cleared_result_the_latest_check_decides():
    person = ContactFactory()
    BackgroundCheckFactory(contact=person)
    pending = BackgroundCheckFactory(
        contact=person, status=BackgroundCheck.Status.PENDING, completed_on=None, expires_on=None
    )

    assert BackgroundCheck.objects.deciding(person) == pending
    assert BackgroundCheck.objects.deciding(ContactFactory()) is None


def test_the_checks_of_some_people_say_whether_their_person_is_cleared_through_a_day(django_assert_num_queries):
    cleared, overridden, lapsing, other = ContactFactory.create_batch(4)
    good = BackgroundCheckFactory(contact=cleared, expires_on=days_from_today(400))
    pending = BackgroundCheckFactory(contact=cleared, status=BackgroundCheck.Status.PENDING, expires_on=None)
    old = BackgroundCheckFactory(
        contact=overridden, completed_on=days_from_today(-300), expires_on=days_from_today(400)
    )
    refused = BackgroundCheckFactory(
        contact=overridden, status=BackgroundCheck.Status.NOT_CLEARED, completed_on=days_from_today(-2), expires_on=None
    )
    short = BackgroundCheckFactory(contact=lapsing, expires_on=days_from_today(10))
    BackgroundCheckFactory(contact=other)

    with django_assert_num_queries(1):
        checks = checks_of([cleared.pk, overridden.pk, lapsing.pk], through=days_from_today(30))

    # The newest first; a person's every check says it of them (the pending renewal too), as the gate does.
    assert [(check, check.covers_end) for check in checks] == [
        (short, False),
        (refused, False),
        (old, False),
        (pending, True),
        (good, True),
    ]
