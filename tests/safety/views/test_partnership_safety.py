"""The Safety tab of a partnership's page: protocols, visits this grading period, open concerns, lapsing checks."""

import pytest
from pytest_django.asserts import assertContains

from safety.models import BackgroundCheck, SafetyConcern
from tests.factories import (
    GradingPeriodFactory,
    PartnershipFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    SiteVisitFactory,
    active_partnership,
    ready_placement,
)
from tests.safety.views.helpers import Status, day, days, section, url

pytestmark = pytest.mark.django_db


def test_a_partnership_with_nothing_to_watch_says_so_in_each_part(coordinator_client):
    partnership = active_partnership()

    response = coordinator_client.get(url("partnership", partnership.pk))

    assert response.status_code == 200
    assertContains(response, "<h1", count=1)
    assertContains(response, 'aria-current="page" href="' + url("partnership", partnership.pk) + '"')
    card = section(response, "safety")
    assert "No safety protocols are in effect." in card
    assert "No grading period today, so no visits are due." in card
    assert "No site visits yet." in card
    assert "No open concerns." in card
    assert "None: every active placement's checks last until it ends." in card


def test_visits_count_those_completed_this_grading_period_against_the_policy(coordinator_client):
    period = GradingPeriodFactory(name="Autumn term")
    placement = ready_placement(status=Status.ACTIVE)
    partnership = placement.partnership
    scheduled = SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(3))
    SiteVisitFactory(partnership=partnership, completed_on=days(-40), scheduled_for=days(-40))  # before the period
    SiteVisitFactory(partnership=active_partnership())  # another partnership's

    card = section(coordinator_client.get(url("partnership", partnership.pk)), "safety")

    assert "Autumn term: <strong>0 of 1</strong> visit done" in card
    assert f"Visit due by {day(period.end_date)}" in card
    assert url("visit_edit", scheduled.pk) in card

    SiteVisitFactory(partnership=partnership)  # completed today
    card = section(coordinator_client.get(url("partnership", partnership.pk)), "safety")
    assert "Autumn term: <strong>1 of 1</strong> visit done" in card
    assert "Done</span>" in card


def test_no_visit_is_due_without_active_placements(coordinator_client):
    GradingPeriodFactory(name="Autumn term")
    partnership = active_partnership()

    card = section(coordinator_client.get(url("partnership", partnership.pk)), "safety")

    assert "No active placements, so no visits are due in Autumn term." in card


def test_open_concerns_are_listed_and_resolved_ones_are_not(coordinator_client):
    placement = ready_placement(status=Status.ACTIVE)
    open_concern = SafetyConcernFactory(placement=placement)
    resolved = SafetyConcernFactory(
        placement=placement, status=SafetyConcern.Status.RESOLVED, resolution="Spoke with the supervisor."
    )

    card = section(coordinator_client.get(url("partnership", placement.partnership_id)), "safety")

    assert url("concern_detail", open_concern.pk) in card
    assert url("concern_detail", resolved.pk) not in card


def test_a_mentor_whose_check_lapses_before_the_placement_ends_is_named_with_a_way_to_fix_it(coordinator_client):
    placement = ready_placement(status=Status.ACTIVE, end_date=days(60))
    BackgroundCheck.objects.filter(contact=placement.mentor).update(expires_on=days(20))

    card = section(coordinator_client.get(url("partnership", placement.partnership_id)), "safety")

    assert f"mentor {placement.mentor.full_name} is cleared only until {day(days(20))}." in card
    assert f"{url('check_create')}?contact={placement.mentor_id}" in card


def test_a_protocol_the_business_has_not_acknowledged_is_marked_missing(coordinator_client):
    protocol = SafetyProtocolFactory(title="Supervision rules")
    partnership = active_partnership()

    card = section(coordinator_client.get(url("partnership", partnership.pk)), "safety")

    assert "Missing</span>" in card and "Supervision rules" in card
    assert f"{url('protocol_detail', protocol.pk)}?organization={partnership.business_id}#acknowledge" in card
    assert "No placement here can start until every current protocol is acknowledged." in card


def test_the_safety_tab_of_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.get(url("partnership", 999999)).status_code == 404


def test_the_safety_tab_of_a_prospect_shows_its_header_actions(coordinator_client):
    partnership = PartnershipFactory()

    response = coordinator_client.get(url("partnership", partnership.pk))

    assertContains(response, "Start onboarding")
    assertContains(response, f'<a href="{partnership.get_absolute_url()}">{partnership.name}</a>', html=False)
