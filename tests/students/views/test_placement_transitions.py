"""Moving a placement through its lifecycle from its page, the readiness gate included."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from students.models import (
    Placement,
    PlacementStatusChange,
    Student,
)
from tests.factories import (
    ActivePartnershipFactory,
    BackgroundCheckFactory,
    PlacementFactory,
    StudentFactory,
    ready_placement,
)
from tests.helpers import days_ago
from tests.students.views.helpers import Status, flashed, text, url

pytestmark = pytest.mark.django_db


# Placement transitions -------------------------------------------------------------------------------


def transition(placement, status: str) -> str:
    return url("placement_transition", placement.pk, status)


def test_approving_asks_first_then_approves(coordinator_client, coordinator, placement):
    response = coordinator_client.get(transition(placement, "approved"))
    assert response.status_code == 200
    assertContains(response, "Approve placement: Maya Okonkwo at Acme Tools")
    assertContains(response, "It still needs everything on its checklist to start.")
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED

    response = coordinator_client.post(transition(placement, "approved"))
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement approved."]
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    change = PlacementStatusChange.objects.get(placement=placement)
    assert (change.from_status, change.to_status, change.changed_by) == ("proposed", "approved", coordinator)


def test_starting_an_unready_placement_is_refused_with_every_missing_item(coordinator_client, school):
    partnership = ActivePartnershipFactory(
        name="Lincoln and Acme", school=school, status="paused", points_of_contact=False
    )
    student = StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=school, guardian_consent_on=None)
    placement = PlacementFactory(student=student, partnership=partnership, mentor=None, status=Status.APPROVED)
    edit = reverse("students:placement_edit", args=[placement.pk])
    add_poc = reverse("partnerships:poc_add", args=[partnership.pk])
    missing = [  # each problem, then the link to where it is fixed
        ("No mentor is named.", edit, "Name a mentor"),
        (
            "Maya Okonkwo's guardian consent is not on file.",
            reverse("students:student_edit", args=[student.pk]),
            "Record the consent date",
        ),
        ("Lincoln and Acme has no primary point of contact at Lincoln High.", f"{add_poc}?side=school", "Name one"),
        (
            f"Lincoln and Acme has no primary point of contact at {partnership.business.name}.",
            f"{add_poc}?side=business",
            "Name one",
        ),
        ("Lincoln and Acme is paused, not active.", partnership.get_absolute_url(), "Open the partnership"),
    ]

    for response in (
        coordinator_client.get(transition(placement, "active")),
        coordinator_client.post(transition(placement, "active")),
    ):
        assert response.status_code == 200
        page = text(response)
        assert "This placement cannot start yet." in page
        for problem, fix_url, label in missing:
            assert f'<li>{problem} <a class="alert-link" href="{fix_url}">{label}</a></li>' in page

    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    assert not PlacementStatusChange.objects.exists()


def test_a_ready_placement_starts(coordinator_client):
    placement = ready_placement()
    response = coordinator_client.get(transition(placement, "active"))
    assertContains(response, "Start placement")
    assertNotContains(response, "cannot start yet")

    response = coordinator_client.post(transition(placement, "active"))
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement active."]
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


def test_a_placement_starts_once_its_missing_items_are_fixed(coordinator_client, placement, student):
    Placement.objects.filter(pk=placement.pk).update(status=Status.APPROVED, mentor=None)
    Student.objects.filter(pk=student.pk).update(guardian_consent_on=None)
    coordinator_client.post(transition(placement, "active"))
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED

    cleared_mentor = BackgroundCheckFactory(contact__organization=placement.partnership.business).contact
    Placement.objects.filter(pk=placement.pk).update(mentor=cleared_mentor)
    Student.objects.filter(pk=student.pk).update(guardian_consent_on=days_ago(1))
    response = coordinator_client.post(transition(placement, "active"))
    assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


def test_completing_a_running_placement(coordinator_client, active_placement):
    response = coordinator_client.post(transition(active_placement, "completed"))
    assertRedirects(response, active_placement.get_absolute_url())
    assert flashed(response) == ["Placement completed."]
    active_placement.refresh_from_db()
    assert active_placement.status == Status.COMPLETED


def test_cancelling_without_a_reason_is_refused(coordinator_client, placement):
    response = coordinator_client.get(transition(placement, "cancelled"))
    assertContains(response, 'name="reason"')
    assertContains(response, "This cannot be undone.")

    response = coordinator_client.post(transition(placement, "cancelled"), {"reason": "   "})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED


def test_cancelling_with_a_reason_cancels_and_the_reason_shows_on_the_placement(coordinator_client, placement):
    response = coordinator_client.post(transition(placement, "cancelled"), {"reason": "The site closed for repairs."})
    assertRedirects(response, placement.get_absolute_url())
    assert flashed(response) == ["Placement cancelled."]
    placement.refresh_from_db()
    assert placement.status == Status.CANCELLED
    assert placement.cancel_reason == "The site closed for repairs."

    response = coordinator_client.get(placement.get_absolute_url())
    assertContains(response, "Cancelled because")
    assertContains(response, "The site closed for repairs.")
    assertContains(response, ">Cancelled</span>")


def test_an_unknown_status_in_the_address_goes_back_to_the_placement(coordinator_client, placement):
    for method in (coordinator_client.get, coordinator_client.post):
        response = method(transition(placement, "teleported"))
        assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED


def test_a_move_the_lifecycle_does_not_allow_is_refused_with_what_is_allowed(coordinator_client, placement):
    response = coordinator_client.post(transition(placement, "completed"))
    assert response.status_code == 200
    assertContains(response, "A proposed placement cannot become completed. It can become: approved, cancelled.")
    placement.refresh_from_db()
    assert placement.status == Status.PROPOSED


def test_a_transition_for_a_missing_placement_is_404(coordinator_client):
    assert coordinator_client.post(url("placement_transition", 999999, "approved")).status_code == 404
