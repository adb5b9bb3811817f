"""The business's staff background checks in the portal (partner administrators): status and dates only, who
needs renewal soon, asking for a check, and the school side seeing the request as pending."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from communications.models import Notification, Reminder
from partnerships.models import Contact
from portal.safety import actions
from safety import services
from safety.models import BackgroundCheck
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    CoordinatorFactory,
    SafetyPolicyFactory,
    active_partnership,
)
from tests.helpers import days_ago, today
from tests.portal.safety.conftest import request_for

pytestmark = pytest.mark.django_db

CHECKS = reverse("portal:staff_checks")
REQUEST = reverse("portal:check_request")
HOME = reverse("portal:home")
Status = BackgroundCheck.Status


def ask_for(contact):
    return f"{REQUEST}?contact={contact.pk}"


@pytest.fixture
def dana(business_a):
    return ContactFactory(organization=business_a, first_name="Dana", last_name="Lee", email="dana@acme.test")


# The list ------------------------------------------------------------------------------------------------


def test_the_list_shows_status_and_dates_never_the_provider_or_its_notes(partner_a_client, dana):
    BackgroundCheckFactory(
        contact=dana,
        provider="Sterling Screening",
        reference="BG-SECRET-1",
        notes="Provider's remark that must stay with the district",
        requested_on=days_ago(40),
        completed_on=days_ago(30),
        expires_on=days_ago(-700),
    )

    response = partner_a_client.get(CHECKS)

    assertContains(response, "Dana Lee")
    assertContains(response, "Cleared")
    for day in (days_ago(40), days_ago(30), days_ago(-700)):
        assertContains(response, f"{day:%-d %b %Y}")
    for secret in ("Sterling Screening", "BG-SECRET-1", "Provider&#x27;s remark", "Provider's remark"):
        assertNotContains(response, secret)


def test_someone_without_a_check_says_so_and_can_be_asked_for(partner_a_client, dana):
    response = partner_a_client.get(CHECKS)
    assertContains(response, "No check")
    assertContains(response, f'href="{ask_for(dana)}"')


def test_checks_expiring_or_expired_are_listed_as_needing_renewal(partner_a_client, business_a, dana):
    SafetyPolicyFactory(renewal_window_days=60)
    BackgroundCheckFactory(contact=dana, expires_on=days_ago(-20))
    lapsed = ContactFactory(organization=business_a, first_name="Lee", last_name="Lapsed")
    BackgroundCheckFactory(contact=lapsed, completed_on=days_ago(800), expires_on=days_ago(5))
    fine = ContactFactory(organization=business_a, first_name="Fay", last_name="Fine")
    BackgroundCheckFactory(contact=fine, expires_on=days_ago(-300))
    renewing = ContactFactory(organization=business_a, first_name="Ren", last_name="Renewing")
    BackgroundCheckFactory(contact=renewing, expires_on=days_ago(-10))
    BackgroundCheckFactory(contact=renewing, status=Status.PENDING, completed_on=None, expires_on=None)

    response = partner_a_client.get(CHECKS)

    assert [check.contact for check in response.context["renewals"]] == [lapsed, dana]
    assertContains(response, "Expiring")
    assertContains(response, "Expired")
    assertContains(response, f"still cleared until {days_ago(-10):%-d %b %Y}")
    assertContains(response, f'href="{ask_for(dana)}"', count=2)  # in the renewals and in the list
    assertNotContains(response, ask_for(fine))
    assertNotContains(response, ask_for(renewing))


def test_another_business_staff_are_not_listed(partner_a_client, business_b):
    ContactFactory(organization=business_b, first_name="Bea", last_name="Birch")
    assertNotContains(partner_a_client.get(CHECKS), "Bea Birch")


def test_people_who_left_are_not_listed(partner_a_client, business_a):
    ContactFactory(organization=business_a, first_name="Gil", last_name="Gone", active=False)
    assertNotContains(partner_a_client.get(CHECKS), "Gil Gone")


def test_a_mentor_sees_no_staff_checks(mentor_client):
    assert mentor_client.get(CHECKS).status_code == 404
    assert mentor_client.get(REQUEST).status_code == 404
    assertNotContains(mentor_client.get(reverse("portal:safety")), CHECKS)


@pytest.mark.parametrize("size", [2, 6])
def test_the_list_costs_the_same_queries_however_many_people(
    size, partner_a, partner_a_client, business_a, django_assert_num_queries
):
    for n in range(size):
        person = ContactFactory(organization=business_a)
        BackgroundCheckFactory(contact=person, expires_on=days_ago(-10 - n))
        BackgroundCheckFactory(contact=person, status=Status.PENDING, completed_on=None, expires_on=None)
        BackgroundCheckFactory(contact=ContactFactory(organization=business_a), expires_on=days_ago(-20))
    partner_a_client.get(CHECKS)
    request = request_for(partner_a, business_a)

    with django_assert_num_queries(9):
        response = partner_a_client.get(CHECKS)
    with django_assert_num_queries(2):
        items = actions.check_items(request)

    assert len(response.context["rows"]) == 2 * size
    assert len(items) == 2 * size


# Asking for a check --------------------------------------------------------------------------------------


def test_the_request_form_offers_the_staff_and_someone_new(partner_a_client, dana, business_b):
    ContactFactory(organization=business_b, first_name="Bea", last_name="Birch")

    response = partner_a_client.get(REQUEST)

    assertContains(response, "Dana Lee")
    assertContains(response, "Someone new (fill in below)")
    assertNotContains(response, "Bea Birch")


def test_asking_for_someone_new_adds_them_with_a_pending_check_the_coordinator_sees(
    partner_a, partner_a_client, coordinator, coordinator_client, acme
):
    page = partner_a_client.post(
        REQUEST, {"first_name": "Nina", "last_name": "New", "email": "nina@acme.test"}, follow=True
    )

    assert page.redirect_chain == [(CHECKS, 302)]
    assertContains(page, "Background check of Nina New asked for.")
    contact = Contact.objects.get(email="nina@acme.test")
    check = BackgroundCheck.objects.get(contact=contact)
    assert (check.status, check.requested_on, check.recorded_by) == (Status.PENDING, today(), partner_a)
    assertContains(page, "Pending")

    dashboard = coordinator_client.get(reverse("safety:dashboard"))
    assert check in dashboard.context["s"][BackgroundCheck.State.PENDING]["rows"]
    assertContains(dashboard, "Nina New")
    pending = coordinator_client.get(reverse("safety:check_list"), {"state": "pending"})
    assertContains(pending, "Nina New")
    assertContains(coordinator_client.get(check.get_absolute_url()), "Pending")


def test_the_school_side_is_told_at_once_with_a_link_to_the_check(
    partner_a_client, coordinator, acme, dana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partner_a_client.post(ask_for(dana), {"contact": dana.pk})

    check = BackgroundCheck.objects.get(contact=dana)
    reminder = Reminder.objects.get(kind=Reminder.Kind.CHECK_REQUESTED)
    assert (reminder.subject_id, reminder.title) == (dana.pk, "Acme Tools asked for a background check of Dana Lee")
    assert reminder.url == reverse("safety:check_edit", args=[check.pk])
    assert reminder.partnership_id == acme.pk
    assert reminder.status == Reminder.Status.SENT
    assert list(Notification.objects.values_list("user", flat=True)) == [coordinator.pk]
    assert [email.subject for email in mail.outbox] == ["Acme Tools asked for a background check of Dana Lee"]


def test_a_request_while_one_is_pending_is_refused_and_keeps_what_was_typed(partner_a_client, dana):
    BackgroundCheckFactory(
        contact=dana, status=Status.PENDING, requested_on=days_ago(2), completed_on=None, expires_on=None
    )

    response = partner_a_client.post(ask_for(dana), {"contact": dana.pk})

    assert response.status_code == 200
    assertContains(response, "Dana Lee already has a background check pending")
    assertContains(response, f'<option value="{dana.pk}" selected>Dana Lee</option>', html=True)
    assert BackgroundCheck.objects.count() == 1
    assert not Reminder.objects.exists()


def test_a_new_person_missing_an_email_keeps_the_names_typed(partner_a_client):
    response = partner_a_client.post(REQUEST, {"first_name": "Nina", "last_name": "New", "email": ""})

    assertContains(response, "Give an email address")
    assertContains(response, 'value="Nina"')
    assertContains(response, 'value="New"')
    assert not Contact.objects.exists()


def test_choosing_someone_and_typing_a_new_person_is_refused(partner_a_client, dana):
    response = partner_a_client.post(REQUEST, {"contact": dana.pk, "first_name": "Nina"})
    assertContains(response, "not both")
    assert not BackgroundCheck.objects.exists()


def test_another_business_person_cannot_be_asked_for(partner_a_client, business_b):
    theirs = ContactFactory(organization=business_b)

    assert partner_a_client.get(ask_for(theirs)).status_code == 404
    response = partner_a_client.post(REQUEST, {"contact": theirs.pk})

    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not BackgroundCheck.objects.exists()


# The home page's items ------------------------------------------------------------------------------------


def test_an_expiring_check_is_an_item_until_a_renewal_is_asked_for_and_then_until_it_is_recorded(
    partner_a, partner_a_client, business_a, coordinator, dana
):
    SafetyPolicyFactory(renewal_window_days=60)
    BackgroundCheckFactory(contact=dana, expires_on=days_ago(-20))
    request = request_for(partner_a, business_a)

    [item] = actions.check_items(request)
    assert (item.title, item.url, item.due_on) == (
        "Ask for a renewal of Dana Lee's background check",
        ask_for(dana),
        days_ago(-20),
    )
    assertContains(partner_a_client.get(HOME), f'href="{ask_for(dana)}"')

    partner_a_client.post(ask_for(dana), {"contact": dana.pk})

    [item] = actions.check_items(request)
    assert item.title == "Background check of Dana Lee: waiting for the result"
    assert item.url == f"{CHECKS}#contact-{dana.pk}"
    assertNotContains(partner_a_client.get(HOME), ask_for(dana))

    pending = BackgroundCheck.objects.get(contact=dana, status=Status.PENDING)
    services.check_update(check=pending, by=coordinator, status=Status.CLEARED, completed_on=today())

    assert actions.check_items(request) == []
    assertNotContains(partner_a_client.get(HOME), "Dana Lee")


def test_an_expired_check_is_an_urgent_item(partner_a, business_a, dana):
    BackgroundCheckFactory(contact=dana, completed_on=days_ago(800), expires_on=days_ago(1))

    [item] = actions.check_items(request_for(partner_a, business_a))

    assert item.urgent
    assert item.title == "Dana Lee's background check has expired: ask for a new one"
    assert item.due_on == days_ago(1)


def test_checks_far_from_expiry_or_of_another_business_are_no_items(partner_a, business_a, business_b, dana):
    BackgroundCheckFactory(contact=dana, expires_on=today() + datetime.timedelta(days=300))
    BackgroundCheckFactory(contact=ContactFactory(organization=business_b), expires_on=days_ago(-5))
    assert actions.check_items(request_for(partner_a, business_a)) == []


def test_a_business_with_several_partnerships_tells_every_coordinator(
    partner_a_client, business_a, acme, dana, django_capture_on_commit_callbacks
):
    active_partnership(business=business_a)
    other = CoordinatorFactory()

    with django_capture_on_commit_callbacks(execute=True):
        partner_a_client.post(ask_for(dana), {"contact": dana.pk})

    reminder = Reminder.objects.get(kind=Reminder.Kind.CHECK_REQUESTED)
    assert reminder.partnership_id is None
    assert set(Notification.objects.values_list("user", flat=True)) == {other.pk}
