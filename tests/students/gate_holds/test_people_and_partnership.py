"""The readiness gate keeps holding through changes to the people at the business and to the partnership."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships import services as partnership_services
from partnerships.models import Contact, Partnership
from students import readiness, services
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
)
from tests.students.gate_holds.helpers import Status, days_from_today, refused, running, text, uncleared

pytestmark = pytest.mark.django_db


# People at the business and the partnership ----------------------------------------------------------


def test_the_mentor_of_an_active_placement_cannot_be_deactivated():
    placement = running()
    mentor = placement.mentor

    refusal = refused(lambda: partnership_services.contact_deactivate(contact=mentor, by=None))

    assert refusal.messages == [
        f"{mentor} mentors students on active placements: name another mentor on these before deactivating:",
        f"{placement.student.partner_name}'s internship at {placement.partnership.business.name}: "
        f"Mentor {mentor} is no longer active.",
    ]
    assert refusal.fixes[0].url == reverse("students:placement_edit", args=[placement.pk])
    assert Contact.objects.get(pk=mentor.pk).active


def test_the_deactivate_page_shows_which_placement_to_give_another_mentor(coordinator_client):
    placement = running()

    response = coordinator_client.post(reverse("partnerships:contact_deactivate", args=[placement.mentor_id]), {})

    assert response.status_code == 200
    assert f'href="{reverse("students:placement_edit", args=[placement.pk])}">Name another mentor</a>' in text(response)
    assert Contact.objects.get(pk=placement.mentor_id).active


def test_once_someone_else_mentors_it_the_old_mentor_may_leave():
    placement = running()
    mentor = placement.mentor
    successor = BackgroundCheckFactory(contact=uncleared(placement), expires_on=days_from_today(800)).contact
    services.placement_update(placement=placement, by=None, mentor=successor)

    partnership_services.contact_deactivate(contact=mentor, by=None)

    assert not Contact.objects.get(pk=mentor.pk).active


def test_a_partnership_with_active_placements_cannot_be_paused():
    placement = running()
    partnership = placement.partnership

    refusal = refused(
        lambda: partnership_services.partnership_transition(
            partnership=partnership, to_status=Partnership.Status.PAUSED, by=None
        )
    )

    assert refusal.messages == [
        f"{partnership.name} cannot become paused while placements there are active. Pause or complete them first:",
        f"{placement.student.partner_name}'s internship at {partnership.business.name}.",
    ]
    assert refusal.fixes[0].url == placement.get_absolute_url()
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.ACTIVE
    assert not partnership.status_changes.exists()


@pytest.mark.parametrize("placement_status", [Status.ACTIVE, Status.PAUSED])
def test_a_partnership_cannot_end_while_a_placement_is_under_way_even_a_paused_one(placement_status):
    placement = running()
    if placement_status == Status.PAUSED:
        services.placement_transition(placement=placement, to_status=Status.PAUSED, by=None)
    partnership = placement.partnership

    refusal = refused(
        lambda: partnership_services.partnership_transition(
            partnership=partnership, to_status=Partnership.Status.ENDED, by=None
        )
    )

    assert refusal.messages == [
        f"{partnership.name} cannot end while placements there are under way. Complete or cancel them first:",
        f"{placement.student.partner_name}'s internship at {partnership.business.name}.",
    ]
    assert Partnership.objects.get(pk=partnership.pk).status == Partnership.Status.ACTIVE


@pytest.mark.parametrize(
    ("placement_to", "partnership_to"),
    [(Status.COMPLETED, Partnership.Status.ENDED), (Status.PAUSED, Partnership.Status.PAUSED)],
)
def test_once_its_placements_are_out_of_the_way_the_partnership_may_follow(placement_to, partnership_to):
    """Finished placements let it end; paused ones let it pause."""
    placement = running()
    services.placement_transition(placement=placement, to_status=placement_to, by=None)

    partnership_services.partnership_transition(partnership=placement.partnership, to_status=partnership_to, by=None)

    assert Partnership.objects.get(pk=placement.partnership_id).status == partnership_to


def test_the_partnership_page_says_which_placements_to_pause_first(coordinator_client):
    placement = running()
    url = reverse("partnerships:transition", args=[placement.partnership_id, "paused"])

    response = coordinator_client.post(url, {"reason": "Renovation."})

    assert response.status_code == 200
    page = text(response)
    assert "cannot become paused while placements there are active. Pause or complete them first:" in page
    link = f'<a class="alert-link" href="{placement.get_absolute_url()}">Open the placement</a>'
    assert f"<li>{placement.student.partner_name}'s internship at {placement.partnership.business.name}. {link}" in page


def test_a_handoff_of_the_business_primary_keeps_the_gate(coordinator):
    """Points of contact change hands on a running partnership without a gap, so no placement notices."""
    placement = running()
    primary = placement.partnership.points_of_contact.get(side="business", end_date=None)
    successor = ContactFactory(organization=placement.partnership.business)

    partnership_services.poc_handoff(poc=primary, successor=successor, by=coordinator)

    assert readiness.problems(Placement.objects.get(pk=placement.pk)) == []


@pytest.mark.django_db(transaction=True)
def test_a_watch_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError):
        readiness.Watch(Placement.objects.all())


def test_a_refusal_is_a_validation_error_so_every_caller_handles_it():
    placement = running()
    with pytest.raises(ValidationError):
        services.placement_update(placement=placement, by=None, mentor=None)
