"""A coordinator sets up a partnership from nothing to active, through the pages, as they would."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import BusinessFactory, ContactFactory, SchoolFactory


def test_coordinator_creates_a_partnership_writes_its_charter_names_contacts_hands_off_and_activates_it(
    journey, coordinator, mailoutbox
):
    school = SchoolFactory(name="Lincoln High")
    business = BusinessFactory(name="Acme Robotics")
    ContactFactory(organization=school, first_name="Rosa", last_name="Rivera", title="Careers lead")
    ContactFactory(organization=business, first_name="Dana", last_name="Lee", title="Engineering manager")
    page = journey.page

    journey.sign_in(coordinator)
    journey.follow("Partnerships", "partnerships", within=page.get_by_role("navigation", name="Sections"))
    journey.follow("New partnership", "new partnership")
    page.get_by_label("School or district").select_option(label="Lincoln High")
    page.get_by_label("Business").fill("Acme Robotics")
    journey.press("Add partnership", "added")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lincoln High × Acme Robotics")
    assert "Lincoln High × Acme Robotics added as a prospect." in journey.message()
    expect(page.locator("h1 + div .badge")).to_have_text("Prospect")

    # The charter: a vision and one overlapping priority.
    journey.follow("Write the charter", "charter form")
    page.get_by_label("Vision statement").fill("Every student at Lincoln High meets engineers at work.")
    page.get_by_label("District goal").first.fill("More students in STEM internships")
    page.get_by_label("Company goal").first.fill("Grow the local pool of technicians")
    page.get_by_label("Tags").first.fill("STEM, workforce")
    journey.press("Save version 1", "charter saved")
    assert "Charter version 1 saved. Acme Robotics can now acknowledge it." in journey.message()
    charter = page.locator("#charter")
    expect(charter).to_contain_text("Every student at Lincoln High meets engineers at work.")
    expect(charter).to_contain_text("Waiting for acknowledgment")

    # Onboarding, then a primary point of contact on each side.
    journey.follow("Start onboarding", "confirm onboarding")
    journey.press("Start onboarding", "onboarding")
    assert "Lincoln High × Acme Robotics is now onboarding." in journey.message()
    expect(page.get_by_text("There is no primary point of contact on the school side.")).to_be_visible()
    tabs = page.get_by_role("navigation", name="Parts of this partnership")
    journey.follow("People", "people", within=tabs)
    expect(page.get_by_text("No point of contact on this side.")).to_have_count(2)

    for side, person in (
        ("School side", "Rosa Rivera — Lincoln High (Careers lead)"),
        ("Business side", "Dana Lee — Acme Robotics (Engineering manager)"),
    ):
        journey.follow("Add a point of contact", f"point of contact form, {side}", within=page.locator("#people"))
        page.get_by_label("Side").select_option(label=side)
        page.get_by_label("Contact").select_option(label=person)
        page.get_by_label("Role").select_option(label="Primary")
        journey.press("Add point of contact", f"point of contact added, {side}")
        assert f"is now primary contact on the {side.lower()}." in journey.message()
    expect(tabs.get_by_role("link", name="People")).to_have_attribute("aria-current", "page")
    people = page.locator("#people")
    expect(people).to_contain_text("Rosa Rivera")
    expect(people).to_contain_text("Dana Lee")

    # Dana moves on: her successor joins Acme Robotics, and Dana hands the partnership over.
    journey.follow("Overview", "overview", within=tabs)
    journey.follow("Acme Robotics", "business", within=page.locator("#overview"))
    journey.follow("Add a person", "new person form")
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Ortiz")
    page.get_by_label("Title").fill("Apprenticeship lead")
    page.get_by_label("Email").fill("sam.ortiz@acme.example.test")
    journey.press("Add person", "person added")
    assert "Sam Ortiz added to Acme Robotics." in journey.message()
    journey.follow(
        "Lincoln High × Acme Robotics",
        "back to the partnership",
        within=page.get_by_role("region", name="Partnerships"),
    )
    journey.follow("People", "people", within=tabs)
    dana = page.locator("#people .border", has_text="Dana Lee")
    journey.follow("Hand off", "handoff form", within=dana)
    page.get_by_label("Successor").select_option(label="Sam Ortiz — Acme Robotics (Apprenticeship lead)")
    page.get_by_label("Notes", exact=True).fill("The spring site visit still needs a date.")
    journey.press("Hand off", "handed off")
    assert "Sam Ortiz took over from Dana Lee. Both sides will be told by email." in journey.message()
    current = page.locator("#people .border")
    expect(current.filter(has_text="Sam Ortiz")).to_contain_text("Primary")
    expect(current.filter(has_text="Dana Lee")).to_have_count(0)
    assert any("Sam Ortiz" in email.body for email in mailoutbox), [email.subject for email in mailoutbox]

    # Both sides have a primary: the partnership can go live.
    journey.follow("Activate", "confirm activation")
    expect(page.get_by_role("alert")).to_have_count(0)  # nothing stands in the way
    page.get_by_label("Reason (optional)").fill("Charter agreed, contacts named.")
    journey.press("Activate partnership", "active")
    assert "Lincoln High × Acme Robotics is now active." in journey.message()
    expect(page.locator("h1 + div .badge")).to_have_text("Active")
    expect(page.locator("#overview")).to_contain_text(f"From {timezone.localdate():%-d %b %Y}")
    expect(page.locator("#overview")).to_contain_text(
        "Onboarding → Active by Cora Ordinator — “Charter agreed, contacts named.”"
    )
