"""The safety cards on placement and partnership pages."""

import pytest

from safety.models import (
    BackgroundCheck,
)
from tests.factories import (
    CheckInFactory,
    ready_placement,
)
from tests.safety.views.helpers import Status, day, days, section, url

pytestmark = pytest.mark.django_db


# Safety cards on other pages -------------------------------------------------------------------------


def test_the_placement_safety_tab_shows_its_safety_card(coordinator_client):
    placement = ready_placement(status=Status.ACTIVE, start_date=days(-20))
    CheckInFactory(placement=placement, date=days(-4))
    expires = BackgroundCheck.objects.get(contact=placement.mentor).expires_on

    card = section(coordinator_client.get(url("placement", placement.pk)), "safety")

    assert f"Cleared</span> Mentor {placement.mentor.full_name}" in card
    assert f"cleared until {day(expires)}, past the end date" in card
    assert f"Next check-in due <strong>{day(days(10))}</strong>" in card
    assert "(due in 10 days)" in card

    pending = ready_placement(status=Status.APPROVED)
    BackgroundCheck.objects.filter(contact=pending.mentor).update(status="pending", completed_on=None, expires_on=None)
    card = section(coordinator_client.get(url("placement", pending.pk)), "safety")
    assert f"Pending</span> Mentor {pending.mentor.full_name}" in card
    assert "still pending" in card
    assert "Check-ins are due once the placement starts." in card


def test_the_placement_overview_links_to_its_safety_tab_which_marks_itself_current(coordinator_client):
    placement = ready_placement(status=Status.ACTIVE)
    assert f'href="{url("placement", placement.pk)}"' in coordinator_client.get(placement.get_absolute_url()).text
    tab = coordinator_client.get(url("placement", placement.pk))
    assert f'aria-current="page" href="{url("placement", placement.pk)}"' in tab.text
    assert tab.text.count("<h1") == 1
    assert '<li class="breadcrumb-item active" aria-current="page">Safety</li>' in tab.text


def test_the_safety_tab_of_a_missing_placement_is_404(coordinator_client):
    assert coordinator_client.get(url("placement", 999999)).status_code == 404
