"""A coordinator finds the least healthy partnership, sees why, and follows a reason to the page that fixes it:
on a desktop by sorting the list by health, on a 375 px phone through the list's health filter."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dashboard.health import services
from partnerships.models import Commitment, Partnership
from students.models import Placement
from tests.e2e.browser import DESKTOP, PHONE, sideways_overflow
from tests.factories import (
    BusinessFactory,
    CharterFactory,
    CommitmentFactory,
    ContactFactory,
    CoordinatorFactory,
    PartnershipFactory,
    PlacementFactory,
    PointOfContactFactory,
    SchoolFactory,
    _days_ago,
    active_partnership,
)


def a_district() -> Partnership:
    """Three partnerships, scored this morning; the one returned is drifting."""
    school = SchoolFactory(name="Lincoln High")
    healthy = active_partnership(name="Lincoln High × Acme Robotics", school=school)
    CharterFactory(partnership=healthy, acknowledged_at=timezone.now(), acknowledged_by=CoordinatorFactory())
    fair = active_partnership(name="Lincoln High × Birch Bank", school=school)
    contacted = {healthy.pk: 5, fair.pk: 45}
    for pk, days in contacted.items():
        Partnership.objects.filter(pk=pk).update(last_contacted_at=timezone.now() - datetime.timedelta(days=days))
    quiet = PartnershipFactory.create(
        name="Lincoln High × Quiet Logistics",
        school=school,
        business=BusinessFactory(name="Quiet Logistics"),
        status=Partnership.Status.ACTIVE,
        start_date=_days_ago(100),
    )
    PointOfContactFactory(partnership=quiet, side="school")  # nobody named at the business
    ContactFactory(organization=quiet.business, first_name="Dana", last_name="Lee", title="Operations manager")
    CommitmentFactory(partnership=quiet, status=Commitment.Status.MISSED)
    PlacementFactory(partnership=quiet, status=Placement.Status.ACTIVE, start_date=_days_ago(20))
    services.health_snapshot(today=timezone.localdate())
    return quiet


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_coordinator_finds_the_least_healthy_partnership_and_follows_a_reason_to_its_fix(
    viewport, journey, coordinator
):
    quiet = a_district()
    page = journey.page
    page.set_viewport_size(viewport)

    journey.sign_in(coordinator)
    if viewport == DESKTOP:
        journey.follow("Partnerships", "partnerships", within=page.get_by_role("navigation", name="Sections"))
        journey.follow("Health", "sorted by health")
    else:
        journey.open_menu()
        journey.follow("Partnerships", "partnerships", within=page.get_by_role("navigation", name="Sections"))
        journey.open_filters()
        page.get_by_label("Health").select_option(label="Needs attention: below 50")
        journey.press("Filter", "needing attention")
    first = page.locator("table tbody tr").first
    expect(first).to_contain_text("Lincoln High × Quiet Logistics")
    expect(first).to_contain_text("37 out of 100 · Needs attention")
    expect(first).to_contain_text("Never")

    journey.follow("Lincoln High × Quiet Logistics", "least healthy", within=first)
    card = page.get_by_role("region", name="Health")
    expect(card).to_contain_text("Never contacted in 100 days")
    journey.follow("Health in detail", "its health", within=card)
    expect(page.get_by_role("heading", level=1)).to_have_text("Health of Lincoln High × Quiet Logistics")
    factors = page.get_by_role("table", name="Points earned by each factor, out of its weight")
    expect(factors.get_by_role("row", name="Points of contact on both sides")).to_contain_text("7 of 14")

    assert sideways_overflow(page) == 0
    journey.follow("How the score works", "how the score works")
    expect(page.get_by_role("row", name="Points of contact on both sides")).to_contain_text("14")
    assert sideways_overflow(page) == 0
    page.go_back()
    journey.check("back to its health")

    journey.follow("Business point of contact vacant", "the fix", within=page.get_by_role("region", name="Score"))
    expect(page.get_by_label("Side")).to_have_value("business")
    page.get_by_label("Contact").select_option(label="Dana Lee — Quiet Logistics (Operations manager)")
    journey.press("Add point of contact", "named")
    assert "Dana Lee is now primary contact on the business side." in journey.message()

    services.health_snapshot(today=timezone.localdate())  # the next morning's score
    journey.visit(f"/health/partnerships/{quiet.pk}/", "scored again")
    score = page.get_by_role("region", name="Score")
    expect(score).not_to_contain_text("Business point of contact vacant")
    expect(score).to_contain_text("44 out of 100 · Needs attention")
