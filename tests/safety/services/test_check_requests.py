"""safety/services.py: a business asks for a background check of one of its people (check_request)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Contact
from safety import services
from safety.models import BackgroundCheck
from tests.factories import (
    BackgroundCheckFactory,
    BusinessFactory,
    ContactFactory,
    PartnerMembershipFactory,
    SafetyPolicyFactory,
    SchoolFactory,
)
from tests.helpers import days_ago, messages, today
from tests.safety.services.helpers import CheckStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def business():
    return BusinessFactory(name="Acme Tools")


@pytest.fixture
def admin(business):
    return PartnerMembershipFactory(organization=business, user__email="olga@acme.test").user


def ask(business, admin, **kwargs):
    return services.check_request(organization=business, by=admin, **kwargs)


def test_asking_for_someone_new_adds_them_and_a_pending_check_asked_for_today(business, admin):
    check = ask(business, admin, first_name=" Dana ", last_name="Lee", email="dana@acme.test")

    check.refresh_from_db()
    assert (check.status, check.requested_on, check.recorded_by) == (CheckStatus.PENDING, today(), admin)
    assert (check.completed_on, check.expires_on) == (None, None)
    contact = check.contact
    assert (contact.organization, contact.full_name, contact.email, contact.active) == (
        business,
        "Dana Lee",
        "dana@acme.test",
        True,
    )


def test_asking_for_someone_on_the_staff_adds_no_one(business, admin):
    dana = ContactFactory(organization=business)

    check = ask(business, admin, contact=dana)

    assert check.contact == dana
    assert Contact.objects.count() == 1
    assert BackgroundCheck.objects.get().status == CheckStatus.PENDING


@pytest.mark.parametrize("status", [CheckStatus.PENDING, CheckStatus.NOT_STARTED])
def test_a_second_request_while_one_waits_is_refused(status, business, admin):
    dana = ContactFactory(organization=business, first_name="Dana", last_name="Lee")
    BackgroundCheckFactory(contact=dana, status=status, requested_on=days_ago(3), completed_on=None, expires_on=None)

    with pytest.raises(ValidationError) as error:
        ask(business, admin, contact=dana)

    assert messages(error) == [
        f"Dana Lee already has a background check {status.label.lower()}, asked for on "
        f"{days_ago(3):%-d %b %Y}. The district records the result: there is no need to ask again."
    ]
    assert BackgroundCheck.objects.count() == 1


def test_a_request_for_someone_cleared_beyond_the_renewal_window_is_refused(business, admin):
    SafetyPolicyFactory(renewal_window_days=60)
    dana = ContactFactory(organization=business, first_name="Dana", last_name="Lee")
    expires = days_ago(-200)
    BackgroundCheckFactory(contact=dana, expires_on=expires)

    with pytest.raises(ValidationError) as error:
        ask(business, admin, contact=dana)

    renew_from = expires - datetime.timedelta(days=60)
    assert messages(error) == [
        f"Dana Lee's background check is cleared until {expires:%-d %b %Y}. "
        f"A renewal can be asked for from {renew_from:%-d %b %Y}."
    ]
    assert BackgroundCheck.objects.count() == 1


def test_a_renewal_may_be_asked_for_once_the_check_is_within_the_renewal_window(business, admin):
    SafetyPolicyFactory(renewal_window_days=60)
    dana = ContactFactory(organization=business)
    BackgroundCheckFactory(contact=dana, expires_on=days_ago(-59))

    check = ask(business, admin, contact=dana)

    assert check.status == CheckStatus.PENDING
    assert BackgroundCheck.objects.filter(contact=dana).count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"status": CheckStatus.EXPIRED, "expires_on": days_ago(1)},
        {"status": CheckStatus.CLEARED, "completed_on": days_ago(800), "expires_on": days_ago(70)},
        {"status": CheckStatus.NOT_CLEARED, "expires_on": None},
    ],
)
def test_someone_whose_check_no_longer_clears_them_may_be_asked_for_again(fields, business, admin):
    dana = ContactFactory(organization=business)
    BackgroundCheckFactory(contact=dana, **fields)

    assert ask(business, admin, contact=dana).status == CheckStatus.PENDING


def test_a_voided_pending_check_does_not_stop_a_new_request(business, admin, coordinator):
    dana = ContactFactory(organization=business)
    waiting = BackgroundCheckFactory(contact=dana, status=CheckStatus.PENDING, completed_on=None, expires_on=None)
    services.void(record=waiting, by=coordinator, reason="Recorded twice.")

    assert ask(business, admin, contact=dana).status == CheckStatus.PENDING


def test_someone_at_another_business_is_refused(business, admin):
    stranger = ContactFactory(organization=BusinessFactory(name="Birch Bakery"))

    with pytest.raises(ValidationError) as error:
        ask(business, admin, contact=stranger)

    assert error.value.message_dict == {"contact": ["Choose someone who works at Acme Tools."]}
    assert not BackgroundCheck.objects.exists()


def test_someone_who_left_is_refused(business, admin):
    gone = ContactFactory(organization=business, first_name="Gil", last_name="Gone", active=False)

    with pytest.raises(ValidationError) as error:
        ask(business, admin, contact=gone)

    assert error.value.message_dict == {"contact": ["Gil Gone no longer works at Acme Tools."]}


def test_someone_new_needs_a_name_and_an_email_address(business, admin):
    with pytest.raises(ValidationError) as error:
        ask(business, admin, first_name=" ", last_name="", email="not-an-email")

    assert error.value.message_dict == {
        "first_name": ["Give the person's first name."],
        "last_name": ["Give the person's last name."],
        "email": ["Enter an email address such as dana@example.com."],
    }
    assert not Contact.objects.exists()


def test_someone_new_whose_email_a_colleague_has_is_sent_to_the_list(business, admin):
    ContactFactory(organization=business, first_name="Dana", last_name="Lee", email="dana@acme.test")

    with pytest.raises(ValidationError) as error:
        ask(business, admin, first_name="Dana", last_name="Lee", email="DANA@acme.test")

    assert error.value.message_dict == {
        "email": ["Dana Lee already has this email at Acme Tools: choose them from your staff."]
    }
    assert Contact.objects.count() == 1
    assert not BackgroundCheck.objects.exists()


def test_a_school_cannot_ask_for_checks(admin):
    with pytest.raises(ValidationError) as error:
        services.check_request(
            organization=SchoolFactory(), by=admin, first_name="Dana", last_name="Lee", email="d@example.test"
        )

    assert messages(error) == ["Background checks are for people at businesses."]
    assert not Contact.objects.exists()
