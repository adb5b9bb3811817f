"""Background check pages (safety/views/checks.py)."""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from safety.models import (
    BackgroundCheck,
)
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    ready_placement,
)
from tests.form_data import versioned
from tests.safety.views.helpers import Status, day, days, flashed, iso, person, text, transition, url

pytestmark = pytest.mark.django_db


# Background checks -----------------------------------------------------------------------------------


def test_the_check_list_filters_by_state(coordinator_client, coordinator):
    BackgroundCheckFactory(contact=person("Erin", "Expiring"), expires_on=days(20))
    BackgroundCheckFactory(contact=person("Ezra", "Expired"), completed_on=days(-800), expires_on=days(-5))
    BackgroundCheckFactory(contact=person("Pia", "Pending"), status="pending", completed_on=None, expires_on=None)
    BackgroundCheckFactory(contact=person("Cleo", "Cleared"))
    BackgroundCheckFactory(
        contact=person("Vic", "Voided"), voided_at=timezone.now(), voided_by=coordinator, void_reason="Wrong person"
    )
    names = ["Erin Expiring", "Ezra Expired", "Pia Pending", "Cleo Cleared", "Vic Voided"]

    def listed(query: str) -> list[str]:
        page = text(coordinator_client.get(url("check_list") + query))
        return [name for name in names if name in page]

    assert listed("") == ["Erin Expiring", "Ezra Expired", "Pia Pending", "Cleo Cleared"]
    assert listed("?state=expiring") == ["Erin Expiring"]
    assert listed("?state=expired") == ["Ezra Expired"]
    assert listed("?state=pending") == ["Pia Pending"]
    assert listed("?state=cleared") == ["Erin Expiring", "Cleo Cleared"]
    assert listed("?state=voided") == ["Vic Voided"]
    response = coordinator_client.get(url("check_list") + "?state=voided")
    assertContains(response, "by Cora Ordinator")
    assertContains(response, "1 background check")


def test_recording_a_cleared_check_takes_its_expiry_from_the_policy(coordinator_client, coordinator):
    dana = person("Dana", "Lee")

    response = coordinator_client.post(
        url("check_create"),
        {"contact": dana.pk, "status": "cleared", "provider": "Sterling", "completed_on": iso(days(-1))},
    )

    assertRedirects(response, url("check_list"))
    expires = days(-1) + datetime.timedelta(days=730)
    assert flashed(response) == [f"Background check of Dana Lee recorded: cleared until {day(expires)}."]
    check = BackgroundCheck.objects.get(contact=dana)
    assert (check.status, check.expires_on, check.recorded_by) == ("cleared", expires, coordinator)


def test_a_check_completed_in_the_future_is_refused_keeping_what_was_typed(coordinator_client):
    dana = person("Dana", "Lee")

    response = coordinator_client.post(
        url("check_create"),
        {
            "contact": dana.pk,
            "status": "cleared",
            "provider": "Sterling Screening",
            "reference": "REF-42",
            "completed_on": iso(days(2)),
        },
    )

    assert response.status_code == 200
    assertContains(response, "This date is in the future.")
    assertContains(response, 'value="REF-42"')
    assertContains(response, 'value="Sterling Screening"')
    assertContains(response, f'value="{iso(days(2))}"')
    assertContains(response, f'value="Dana Lee, {dana.organization.name} (#{dana.pk})"')
    assert not BackgroundCheck.objects.exists()


def test_the_contact_parameter_picks_the_person_and_says_what_is_on_record(coordinator_client):
    dana = person("Dana", "Lee")
    BackgroundCheckFactory(contact=dana, completed_on=days(-800), expires_on=days(-5))

    response = coordinator_client.get(url("check_create") + f"?contact={dana.pk}")

    assertContains(response, f'value="Dana Lee, {dana.organization.name} (#{dana.pk})"')
    assert f"Dana Lee ({dana.organization.name}): the latest check is expired on {day(days(-5))}." in text(response)


def test_a_placement_starts_once_its_mentor_check_is_recorded_from_the_checklist(coordinator_client):
    placement = ready_placement()
    mentor = person("Nia", "Newmentor", organization=placement.partnership.business)
    Placement.objects.filter(pk=placement.pk).update(mentor=mentor)

    response = coordinator_client.post(transition(placement, "active"))
    assert response.status_code == 200
    assert "This placement cannot start yet." in text(response)
    assert "Mentor Nia Newmentor has no background check." in text(response)
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED

    back = placement.get_absolute_url() + "#readiness"
    response = coordinator_client.post(
        url("check_create") + f"?contact={mentor.pk}&next={placement.get_absolute_url()}%23readiness",
        {"contact": mentor.pk, "status": "pending", "requested_on": iso(days(-3))},
    )
    assert response["Location"] == back
    check = BackgroundCheck.objects.get(contact=mentor)
    coordinator_client.post(transition(placement, "active"))
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED  # still pending

    response = coordinator_client.post(
        check.get_absolute_url(),
        versioned(check, {"status": "cleared", "requested_on": iso(days(-3)), "completed_on": iso(days(-1))}),
    )
    assertRedirects(response, check.get_absolute_url())
    assertContains(coordinator_client.get(check.get_absolute_url()), "Status: Pending → Cleared")

    response = coordinator_client.post(transition(placement, "active"))
    assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


def test_voiding_a_check_asks_first_needs_a_reason_and_keeps_it_on_record(coordinator_client, coordinator):
    check = BackgroundCheckFactory(contact=person("Dana", "Lee"))
    void_url = url("check_void", check.pk)

    response = coordinator_client.get(void_url)
    assert response.status_code == 200
    assertContains(response, "Void the background check of Dana Lee?")
    assertContains(response, "Void check")

    response = coordinator_client.post(void_url, {"reason": "  "})
    assert response.status_code == 200
    assertContains(response, "Say why this record is voided: it stays in the history.")
    check.refresh_from_db()
    assert not check.is_voided

    response = coordinator_client.post(void_url, {"reason": "Entered for the wrong person"})
    assertRedirects(response, check.get_absolute_url())
    assert flashed(response) == ["The background check of Dana Lee voided. It stays on record, marked void."]
    check.refresh_from_db()
    assert (check.is_voided, check.voided_by, check.void_reason) == (True, coordinator, "Entered for the wrong person")
    assert BackgroundCheck.objects.filter(pk=check.pk).exists()

    page = coordinator_client.get(check.get_absolute_url())
    assertContains(page, "Voided by Cora Ordinator on")
    assert "<strong>Voided</strong> by Cora Ordinator" in text(page)
    assert "“Entered for the wrong person”" in text(page)
    assertNotContains(page, "Save check")
    assertNotContains(page, "Void this check")
    assert coordinator_client.post(check.get_absolute_url(), {"status": "pending"}).status_code == 403

    assertNotContains(coordinator_client.get(url("check_list")), "Dana Lee")
    voided = coordinator_client.get(url("check_list") + "?state=voided")
    assertContains(voided, "Dana Lee")
    assertContains(voided, '<span class="badge text-bg-dark">Voided</span>')
