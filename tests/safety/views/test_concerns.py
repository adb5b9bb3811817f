"""Concern pages (safety/views/concerns.py)."""

import pytest
from django.core import mail
from pytest_django.asserts import assertContains, assertRedirects

from safety.models import (
    SafetyConcern,
)
from tests.factories import (
    SafetyConcernFactory,
    SafetyPolicyFactory,
    UserFactory,
    ready_placement,
)
from tests.safety.views.helpers import Status, flashed, url

pytestmark = pytest.mark.django_db


# Concerns --------------------------------------------------------------------------------------------


def test_a_high_severity_concern_pauses_the_placement_and_emails_the_safety_lead(
    coordinator_client, coordinator, django_capture_on_commit_callbacks
):
    SafetyPolicyFactory(safety_lead=UserFactory(email="lead@example.test"))
    placement = ready_placement(status=Status.ACTIVE, student__legal_first_name="Maya", student__last_name="Okonkwo")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("concern_create") + f"?placement={placement.pk}",
            {"placement": placement.pk, "severity": "high", "description": "Left alone with a stranger."},
        )

    concern = SafetyConcern.objects.get()
    assertRedirects(response, url("concern_detail", concern.pk))
    business = placement.partnership.business.name
    assert flashed(response) == [
        f"Concern reported. Maya Okonkwo at {business} is paused. The safety lead is being told by email."
    ]
    assert (concern.student, concern.partnership, concern.reported_by) == (
        placement.student,
        placement.partnership,
        coordinator,
    )
    placement.refresh_from_db()
    assert placement.status == Status.PAUSED
    assert [email.to for email in mail.outbox] == [["lead@example.test"]]
    assert "Okonkwo" not in mail.outbox[0].subject


def test_a_concern_about_no_placement_needs_the_student_and_partnership(coordinator_client):
    response = coordinator_client.post(url("concern_create"), {"severity": "low", "description": "Worried."})

    assert response.status_code == 200
    assertContains(response, "Choose the student, or the placement the concern is about.")
    assertContains(response, "Choose the partnership, or the placement the concern is about.")
    assert not SafetyConcern.objects.exists()


def test_resolving_a_concern_needs_a_resolution(coordinator_client):
    concern = SafetyConcernFactory()
    page = url("concern_detail", concern.pk)

    response = coordinator_client.post(page, {"status": "resolved", "resolution": " "})
    assert response.status_code == 200
    assertContains(response, "Say how the concern was resolved.")
    concern.refresh_from_db()
    assert concern.status == SafetyConcern.Status.OPEN

    response = coordinator_client.post(page, {"status": "resolved", "resolution": "A second adult is now on site."})
    assertRedirects(response, page)
    assert flashed(response) == ["Concern marked as resolved."]
    concern.refresh_from_db()
    assert (concern.status, concern.resolution) == ("resolved", "A second adult is now on site.")
    assertContains(coordinator_client.get(page), "A second adult is now on site.")
