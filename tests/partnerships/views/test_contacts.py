"""Points of contact (partnerships/views/contacts.py): naming, handing over and ending one."""

import datetime

import pytest
from django.core import mail
from pytest_django.asserts import assertContains, assertRedirects

from partnerships.models import (
    Handoff,
    PointOfContact,
    Side,
)
from tests.factories import (
    ContactFactory,
    DistrictFactory,
    GoalFactory,
    PointOfContactFactory,
    active_partnership,
)
from tests.helpers import today
from tests.partnerships.views.helpers import BACKUP, PRIMARY, current_primary, flashed, iso, url

pytestmark = pytest.mark.django_db


# Points of contact -----------------------------------------------------------------------------------


def poc_data(contact, side=Side.SCHOOL, role=PRIMARY):
    return {"side": side, "contact": contact.pk, "role": role, "start_date": iso(today())}


def test_poc_add_form_preselects_the_side(coordinator_client, partnership):
    response = coordinator_client.get(url("poc_add", partnership.pk), {"side": "business"})
    assert response.status_code == 200
    assert response.context["form"]["side"].value() == "business"


def test_poc_add_names_a_primary_contact(coordinator_client, partnership):
    teacher = ContactFactory(organization=partnership.school, first_name="Sara", last_name="Teacher")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(teacher))
    assertRedirects(response, url("people", partnership.pk))
    poc = current_primary(partnership, Side.SCHOOL)
    assert poc.contact == teacher
    assert flashed(response) == ["Sara Teacher is now primary contact on the school side."]


def test_poc_add_accepts_district_staff_on_the_school_side(coordinator_client, partnership):
    district_person = ContactFactory(organization=DistrictFactory(), first_name="Dora", last_name="District")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(district_person))
    assertRedirects(response, url("people", partnership.pk))
    assert current_primary(partnership, Side.SCHOOL).contact == district_person


def test_poc_add_refuses_a_second_primary_on_the_same_side_and_names_the_current_one(coordinator_client, partnership):
    PointOfContactFactory(
        partnership=partnership,
        side=Side.SCHOOL,
        contact=ContactFactory(organization=partnership.school, first_name="Sara", last_name="Teacher"),
    )
    other = ContactFactory(organization=partnership.school, first_name="Omar", last_name="Other")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(other))
    assert response.status_code == 200
    assertContains(response, "Sara Teacher is the primary contact on this side. Hand off from them instead.")
    assert current_primary(partnership, Side.SCHOOL).contact.last_name == "Teacher"
    assert not PointOfContact.objects.filter(contact=other).exists()


def test_poc_add_refuses_a_business_person_on_the_school_side(coordinator_client, partnership):
    worker = ContactFactory(organization=partnership.business, first_name="Walt", last_name="Worker")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(worker, side=Side.SCHOOL))
    assert response.status_code == 200
    assertContains(response, "Walt Worker does not work at Lincoln High or the district.")
    assert not PointOfContact.objects.exists()


def test_poc_add_adds_a_backup_beside_the_primary(coordinator_client):
    partnership = active_partnership()
    backup = ContactFactory(organization=partnership.business)
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(backup, Side.BUSINESS, BACKUP))
    assertRedirects(response, url("people", partnership.pk))
    assert PointOfContact.objects.get(contact=backup).role == BACKUP


@pytest.fixture
def handoff_setup(business_a):
    partnership = active_partnership(name="Acme Mentoring", business=business_a)
    poc = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(
        organization=business_a, first_name="Sam", last_name="Successor", email="sam@example.test"
    )
    return partnership, poc, successor


def test_handoff_page_lists_what_is_still_open(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    GoalFactory(partnership=partnership, description="Twenty job shadows")
    response = coordinator_client.get(url("poc_handoff", partnership.pk, poc.pk))
    assert response.status_code == 200
    assertContains(response, f"Hand off from {poc.contact.full_name}")
    assertContains(response, "Goal: Twenty job shadows")
    assertContains(response, "Sam Successor")


def test_handoff_passes_the_post_to_the_successor_records_it_and_emails_both_sides(
    coordinator_client, coordinator, handoff_setup, django_capture_on_commit_callbacks
):
    partnership, poc, successor = handoff_setup
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("poc_handoff", partnership.pk, poc.pk),
            {"successor": successor.pk, "date": iso(today()), "notes": "Sam has met the mentors."},
        )
    assertRedirects(response, url("people", partnership.pk))

    poc.refresh_from_db()
    assert poc.end_date == today()
    new = current_primary(partnership, Side.BUSINESS)
    assert new.contact == successor
    handoff = Handoff.objects.get()
    assert (handoff.from_poc, handoff.to_poc, handoff.notes, handoff.recorded_by) == (
        poc,
        new,
        "Sam has met the mentors.",
        coordinator,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "New point of contact for Acme Mentoring"
    assert "sam@example.test" in mail.outbox[0].to
    assert poc.contact.email in mail.outbox[0].to
    assert flashed(response) == [
        f"Sam Successor took over from {poc.contact.full_name}. Both sides will be told by email."
    ]
    assertContains(coordinator_client.get(url("people", partnership.pk)), "Sam has met the mentors.")


def test_handoff_without_a_successor_is_refused_and_changes_nothing(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    response = coordinator_client.post(
        url("poc_handoff", partnership.pk, poc.pk), {"successor": "", "date": iso(today()), "notes": "Kept notes"}
    )
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Kept notes")
    assert not Handoff.objects.exists()
    poc.refresh_from_db()
    assert poc.is_current


def test_handoff_dated_in_the_future_is_refused(coordinator_client, handoff_setup):
    partnership, poc, successor = handoff_setup
    response = coordinator_client.post(
        url("poc_handoff", partnership.pk, poc.pk),
        {"successor": successor.pk, "date": iso(today() + datetime.timedelta(days=3))},
    )
    assert response.status_code == 200
    assertContains(response, "A handoff is recorded on or after the day it happens: choose today or earlier.")
    assert not Handoff.objects.exists()


def test_handoff_of_a_post_that_already_ended_goes_back_with_a_message(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    PointOfContact.objects.filter(pk=poc.pk).update(end_date=today())
    response = coordinator_client.get(url("poc_handoff", partnership.pk, poc.pk), follow=True)
    assertRedirects(response, url("people", partnership.pk))
    assertContains(response, "already handed over on")


def test_remove_primary_of_an_active_partnership_is_refused_with_a_hint_to_hand_off(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    confirm = coordinator_client.get(url("poc_end", partnership.pk, poc.pk))
    assertContains(confirm, f"Remove {poc.contact.full_name} as point of contact?")

    response = coordinator_client.post(url("poc_end", partnership.pk, poc.pk))
    assert response.status_code == 200
    assertContains(response, f"hand off from {poc.contact.full_name} to a successor instead")
    poc.refresh_from_db()
    assert poc.is_current


def test_remove_a_backup_ends_their_post(coordinator_client):
    partnership = active_partnership()
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)
    response = coordinator_client.post(url("poc_end", partnership.pk, backup.pk))
    assertRedirects(response, url("people", partnership.pk))
    backup.refresh_from_db()
    assert backup.end_date == today()
    assert not backup.is_current
    assert flashed(response) == [f"{backup.contact.full_name} is no longer a point of contact for {partnership.name}."]


def test_point_of_contact_of_another_partnership_is_404(coordinator_client, partnership):
    foreign = PointOfContactFactory()
    assert coordinator_client.get(url("poc_handoff", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("poc_end", partnership.pk, foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_current
