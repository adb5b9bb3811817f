"""safety/services.py: recording and updating background checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safety import services
from safety.models import BackgroundCheck
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    SafetyPolicyFactory,
    SchoolFactory,
)
from tests.helpers import days_ago, today
from tests.safety.services.helpers import CheckStatus

pytestmark = pytest.mark.django_db


# Background checks -----------------------------------------------------------------------------------


def test_check_record_gives_a_cleared_check_its_expiry_from_the_policy(coordinator):
    SafetyPolicyFactory(check_valid_days=365)
    contact = ContactFactory()

    check = services.check_record(
        contact=contact, by=coordinator, provider="Sterling", status=CheckStatus.CLEARED, completed_on=days_ago(10)
    )

    check.refresh_from_db()
    assert check.expires_on == days_ago(10) + datetime.timedelta(days=365)
    assert (check.contact, check.recorded_by, check.provider) == (contact, coordinator, "Sterling")


def test_check_record_keeps_an_expiry_date_it_is_given(coordinator):
    check = services.check_record(
        contact=ContactFactory(),
        by=coordinator,
        status=CheckStatus.CLEARED,
        completed_on=days_ago(10),
        expires_on=days_ago(-100),
    )

    assert BackgroundCheck.objects.get(pk=check.pk).expires_on == days_ago(-100)


def test_a_pending_check_gets_no_expiry_date(coordinator):
    check = services.check_record(
        contact=ContactFactory(), by=coordinator, status=CheckStatus.PENDING, requested_on=today()
    )

    assert BackgroundCheck.objects.get(pk=check.pk).expires_on is None


@pytest.mark.parametrize("field", ["requested_on", "completed_on"])
def test_check_record_refuses_a_date_in_the_future(field, coordinator):
    with pytest.raises(ValidationError) as error:
        services.check_record(
            contact=ContactFactory(), by=coordinator, status=CheckStatus.PENDING, **{field: days_ago(-1)}
        )

    assert error.value.message_dict == {field: ["This date is in the future."]}
    assert not BackgroundCheck.objects.exists()


@pytest.mark.parametrize("status", [CheckStatus.CLEARED, CheckStatus.NOT_CLEARED])
def test_check_record_refuses_a_result_without_the_date_it_came_back(status, coordinator):
    with pytest.raises(ValidationError) as error:
        services.check_record(contact=ContactFactory(), by=coordinator, status=status)

    assert error.value.message_dict == {"completed_on": ["Give the date the check came back."]}
    assert not BackgroundCheck.objects.exists()


@pytest.mark.parametrize("expires", [0, 5])
def test_check_record_refuses_an_expiry_on_or_before_completion(expires, coordinator):
    with pytest.raises(ValidationError) as error:
        services.check_record(
            contact=ContactFactory(),
            by=coordinator,
            status=CheckStatus.CLEARED,
            completed_on=days_ago(10),
            expires_on=days_ago(10 + expires),
        )

    assert error.value.message_dict == {"expires_on": ["A check expires after it was completed."]}
    assert not BackgroundCheck.objects.exists()


def test_check_record_refuses_someone_at_a_school(coordinator):
    teacher = ContactFactory(organization=SchoolFactory())

    with pytest.raises(ValidationError) as error:
        services.check_record(contact=teacher, by=coordinator, status=CheckStatus.PENDING)

    assert error.value.message_dict == {"contact": ["Background checks are for people at businesses."]}
    assert not BackgroundCheck.objects.exists()


def test_check_record_refuses_fields_it_does_not_set(coordinator):
    with pytest.raises(ValueError, match="voided_at"):
        services.check_record(contact=ContactFactory(), by=coordinator, voided_at=timezone.now())


def test_check_update_changes_a_check_and_fills_in_the_expiry_once_cleared(coordinator):
    SafetyPolicyFactory(check_valid_days=730)
    check = BackgroundCheckFactory(status=CheckStatus.PENDING, completed_on=None, expires_on=None)

    services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=days_ago(2))

    check.refresh_from_db()
    assert (check.status, check.expires_on) == (CheckStatus.CLEARED, days_ago(2) + datetime.timedelta(days=730))


def test_a_check_whose_recorder_left_can_still_be_updated(coordinator):
    # recorded_by is SET_NULL: deleting the user who recorded a check must not lock the check.
    check = BackgroundCheckFactory(status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    check.recorded_by.delete()
    check.refresh_from_db()
    assert check.recorded_by is None

    services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=days_ago(1))

    assert BackgroundCheck.objects.get(pk=check.pk).status == CheckStatus.CLEARED


def test_check_update_refuses_a_voided_check(coordinator):
    check = BackgroundCheckFactory(status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    services.void(record=check, by=coordinator, reason="Duplicate.")

    with pytest.raises(ValidationError) as error:
        services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=today())

    assert error.value.messages == ["This check was voided: record a new one instead."]
    assert BackgroundCheck.objects.get(pk=check.pk).status == CheckStatus.PENDING
