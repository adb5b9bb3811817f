"""Site visit and check-in pages (safety/views/visits.py, check_ins.py)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from safety.models import (
    CheckIn,
    SiteVisit,
)
from tests.factories import (
    GradingPeriodFactory,
    SiteVisitFactory,
    ready_placement,
)
from tests.form_data import versioned
from tests.helpers import today
from tests.safety.views.helpers import Status, day, days, flashed, iso, section, url

pytestmark = pytest.mark.django_db


# Site visits and check-ins ---------------------------------------------------------------------------


def test_recording_a_visit_as_completed_needs_findings(coordinator_client, coordinator):
    GradingPeriodFactory(name="Spring term")
    placement = ready_placement(status=Status.ACTIVE)
    visit = SiteVisitFactory(scheduled=True, partnership=placement.partnership, placements=[placement])
    data = {
        "scheduled_for": iso(today()),
        "visitor": coordinator.pk,
        "placements": [placement.pk],
        "status": "completed",
        "completed_on": iso(today()),
        "findings": "",
    }

    response = coordinator_client.post(url("visit_edit", visit.pk), versioned(visit, data))
    assert response.status_code == 200
    assertContains(response, "Say what you found, even if all was well.")
    visit.refresh_from_db()
    assert visit.status == SiteVisit.Status.SCHEDULED

    response = coordinator_client.post(
        url("visit_edit", visit.pk), versioned(visit, {**data, "findings": "Safe and supervised."})
    )
    assertRedirects(
        response, reverse("safety:partnership", args=[placement.partnership_id]), fetch_redirect_response=False
    )
    business = placement.partnership.business.name
    assert flashed(response) == [f"Site visit to {business} on {day(today())} recorded."]
    visit.refresh_from_db()
    assert (visit.status, visit.completed_on, visit.findings) == ("completed", today(), "Safe and supervised.")
    page = coordinator_client.get(url("dashboard"))
    assert placement.partnership.name not in section(page, "visits")


def test_recording_a_check_in(coordinator_client, coordinator):
    placement = ready_placement(
        status=Status.ACTIVE, start_date=days(-20), student__legal_first_name="Maya", student__last_name="Okonkwo"
    )
    data = {"placement": placement.pk, "date": iso(days(1)), "mode": "phone", "wellbeing": 4, "notes": "Fine"}

    response = coordinator_client.post(url("check_in_create"), data)
    assert response.status_code == 200
    assertContains(response, "Record a check-in once it has happened: choose today or earlier.")
    assert not CheckIn.objects.exists()

    response = coordinator_client.post(
        url("check_in_create") + f"?placement={placement.pk}", {**data, "date": iso(today())}
    )
    assertRedirects(response, reverse("safety:placement", args=[placement.pk]), fetch_redirect_response=False)
    assert flashed(response) == [f"Check-in with Maya Okonkwo recorded. Next check-in due {day(days(14))}."]
    check_in = CheckIn.objects.get()
    assert (check_in.by, check_in.date, check_in.wellbeing, check_in.notes) == (coordinator, today(), 4, "Fine")


def test_a_check_in_shared_with_the_mentor_says_so_on_the_placement(coordinator_client):
    placement = ready_placement(status=Status.ACTIVE, start_date=days(-20))
    data = {"placement": placement.pk, "date": iso(today()), "mode": "phone", "wellbeing": 4}

    form = coordinator_client.get(url("check_in_create"))
    assertContains(form, "Share these notes with the mentor")
    assertNotContains(form, 'name="shared_with_mentor" checked')  # off unless chosen

    response = coordinator_client.post(
        url("check_in_create"), {**data, "notes": "Upset after a shift.", "concern": "on", "shared_with_mentor": "on"}
    )
    assert response.status_code == 200
    assertContains(response, "A check-in that raises a concern stays with the school: do not share it.")
    assertContains(response, "Upset after a shift.")  # what was typed is kept
    assert not CheckIn.objects.exists()

    coordinator_client.post(url("check_in_create"), {**data, "notes": "Wants the lathe.", "shared_with_mentor": "on"})
    assert CheckIn.objects.get().shared_with_mentor is True
    page = coordinator_client.get(url("placement", placement.pk))
    assertContains(page, "Shared with the mentor")


def test_a_placement_that_has_not_started_takes_no_check_in(coordinator_client):
    planned = ready_placement(status=Status.APPROVED)
    active = ready_placement(status=Status.ACTIVE)

    form = coordinator_client.get(url("check_in_create"), {"placement": active.pk})
    assertContains(form, f'(#{active.pk})"')  # the placement it is for, by name and id

    response = coordinator_client.post(
        url("check_in_create"), {"placement": planned.pk, "date": iso(today()), "mode": "phone", "wellbeing": 3}
    )
    assert response.status_code == 200
    assertContains(response, "is not a placement you can choose here")
    assert not CheckIn.objects.exists()
