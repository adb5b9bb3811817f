"""A placement the readiness gate refuses to start, the fix it points to, and the start."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from students.models import Placement
from tests.factories import BusinessFactory, ContactFactory, PlacementFactory, StudentFactory, active_partnership


def test_placement_is_refused_until_the_mentor_is_cleared_then_starts(journey, coordinator):
    partnership = active_partnership(business=BusinessFactory(name="Acme Robotics"))
    placement = PlacementFactory(
        partnership=partnership,
        status=Placement.Status.APPROVED,
        student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=partnership.school),
        mentor=ContactFactory(organization=partnership.business, first_name="Dana", last_name="Lee"),
    )  # the mentor has no background check yet
    page = journey.page
    badge = page.locator("h1 + div .badge")

    journey.sign_in(coordinator)
    journey.follow("Placements", "placements", within=page.get_by_role("navigation", name="Sections"))
    journey.follow("Maya Okonkwo", "placement")
    readiness = page.locator("#readiness")
    expect(readiness.get_by_role("heading")).to_have_text("Before this placement can start")
    expect(readiness).to_contain_text("Mentor Dana Lee has no background check.")

    # Starting anyway: the gate says no, in words, with the way to fix it.
    journey.follow("Start placement", "confirm start")
    journey.press("Start placement", "refused")
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("This placement cannot start yet.")
    expect(refusal).to_contain_text("Mentor Dana Lee has no background check.")
    assert Placement.objects.get(pk=placement.pk).status == Placement.Status.APPROVED

    # The fix: record Dana's cleared check, from the refusal's own link.
    journey.follow("Record a check", "background check form", within=refusal)
    mentor = placement.mentor
    expect(page.get_by_label("Person")).to_have_value(f"{mentor.full_name}, {mentor.organization.name} (#{mentor.pk})")
    page.get_by_label("Status").select_option(label="Cleared")
    page.get_by_label("Provider", exact=True).fill("Sterling Screening")
    page.get_by_label("Completed on").fill(timezone.localdate().isoformat())
    journey.press("Record check", "check recorded")
    assert "Background check of Dana Lee recorded: cleared until" in journey.message()
    expect(readiness.get_by_role("heading")).to_have_text("Ready to start")
    expect(readiness).to_contain_text("Mentor Dana Lee: background check cleared through the end date")
    expect(badge).to_have_text("Approved")

    journey.follow("Start placement", "confirm start again")
    expect(page.get_by_role("alert")).to_have_count(0)
    journey.press("Start placement", "started")
    assert "Placement active." in journey.message()
    expect(badge).to_have_text("Active")
