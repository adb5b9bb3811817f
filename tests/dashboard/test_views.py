"""The coordinator's dashboard at `/`: what needs attention, and who is sent elsewhere."""

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import Partnership, Side
from tests.factories import (
    CharterFactory,
    ContactFactory,
    HandoffFactory,
    PartnershipFactory,
    PointOfContactFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Status = Partnership.Status


def status_card(count: int, label: str) -> str:
    return f'<div class="card-count">{count}</div><div class="small">{label}</div>'


def test_dashboard_counts_partnerships_by_status_and_links_each_count_to_the_list(coordinator_client):
    active_partnership()
    active_partnership()
    PartnershipFactory(status=Status.PROSPECT)
    PartnershipFactory(status=Status.ENDED)

    response = coordinator_client.get("/")
    assert response.status_code == 200
    assert [(status.value, count) for status, count in response.context["status_cards"]] == [
        ("prospect", 1),
        ("onboarding", 0),
        ("active", 2),
        ("paused", 0),
        ("ended", 1),
    ]
    assertContains(response, status_card(2, "Active"))
    assertContains(response, status_card(1, "Prospect"))
    assertContains(response, status_card(0, "Paused"))
    assertContains(response, 'href="/partnerships/?status=active"')


def test_dashboard_lists_live_partnerships_missing_a_primary_point_of_contact(coordinator_client):
    PartnershipFactory(name="Nobody Named Yet", status=Status.ONBOARDING)
    school_only = PartnershipFactory(name="School Side Only", status=Status.ACTIVE)
    PointOfContactFactory(partnership=school_only, side=Side.SCHOOL)
    PartnershipFactory(name="Early Prospect", status=Status.PROSPECT)
    active_partnership(name="Fully Staffed")

    response = coordinator_client.get("/")
    assert [p.name for p in response.context["missing_contact"]] == ["Nobody Named Yet", "School Side Only"]
    assert response.context["missing_contact_count"] == 2
    assertContains(response, "Nobody Named Yet")
    assertContains(response, "no primary on either side")
    assertContains(response, "School Side Only")
    assertContains(response, "no primary on the business side")
    assertNotContains(response, "Early Prospect")
    assertNotContains(response, "Fully Staffed")


def test_dashboard_says_when_every_live_partnership_has_its_contacts(coordinator_client):
    active_partnership(name="Fully Staffed")
    response = coordinator_client.get("/")
    assertContains(response, "Every live partnership has a primary contact on both sides.")
    assertContains(response, "Every current charter has been acknowledged.")
    assertContains(response, "No handoffs yet.")


def test_dashboard_lists_current_charters_waiting_for_acknowledgment(coordinator_client):
    waiting = active_partnership(name="Waiting Charter")
    CharterFactory(partnership=waiting)
    done = active_partnership(name="Signed Charter")
    CharterFactory(partnership=done, acknowledged_by=UserFactory(), acknowledged_at=timezone.now())
    ended = PartnershipFactory(name="Ended Charter", status=Status.ENDED)
    CharterFactory(partnership=ended)

    response = coordinator_client.get("/")
    assert [c.partnership.name for c in response.context["unacknowledged"]] == ["Waiting Charter"]
    assertContains(response, "Waiting Charter")
    assertNotContains(response, "Signed Charter")
    assertNotContains(response, "Ended Charter")


def test_dashboard_shows_recent_handoffs(coordinator_client):
    partnership = PartnershipFactory(name="Handed Over", status=Status.ACTIVE)
    HandoffFactory(
        partnership=partnership,
        side=Side.BUSINESS,
        from_poc__contact=ContactFactory(organization=partnership.business, first_name="Olga", last_name="Leaver"),
        to_poc__contact=ContactFactory(organization=partnership.business, first_name="Nina", last_name="Newcomer"),
    )
    response = coordinator_client.get("/")
    assertContains(response, "Handed Over")
    assertContains(response, "Olga Leaver → Nina Newcomer")


def test_dashboard_sends_a_partner_to_the_portal(partner_a_client):
    response = partner_a_client.get("/")
    assertRedirects(response, "/portal/")


def test_dashboard_sends_an_anonymous_visitor_to_the_login_page(anon_client):
    response = anon_client.get("/")
    assertRedirects(response, "/accounts/login/?next=/")
