"""A coordinator subscribes to their calendar feed and later turns it off; a partner administrator makes the
business's feed in the portal; a coordinator finds a student from the top bar's search box, by keyboard."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from students.models import Placement
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import PlacementFactory, SchoolFactory, SiteVisitFactory, StudentFactory, active_partnership

SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def placement(business_a):
    partnership = active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=next_week)
    return PlacementFactory(
        partnership=partnership,
        status=Placement.Status.ACTIVE,
        student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=partnership.school),
    )


def subscribe(playwright, address: str) -> Calendar:
    """Fetch the feed as a calendar app does: no cookies, no sign-in."""
    app = playwright.request.new_context()
    try:
        response = app.get(address)
        assert response.status == 200, f"{address} answered {response.status}"
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        return Calendar.from_ical(response.body())
    finally:
        app.dispose()


def summaries(calendar: Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.events}


@SIZES
def test_a_coordinator_makes_a_calendar_feed_subscribes_and_turns_it_off(
    journey, coordinator, placement, settings, live_server, playwright, size
):
    settings.SITE_URL = live_server.url
    page = journey.page
    page.set_viewport_size(size)

    journey.sign_in(coordinator)
    page.get_by_role("button", name=coordinator.display_name).click()
    journey.follow("Calendar feed", "calendar page")
    expect(page.get_by_text("No calendar feed yet")).to_be_visible()
    journey.press("Make a calendar feed", "feed made")
    expect(page.locator("body")).to_contain_text("it is not shown again")
    address = page.get_by_label("Subscription address").input_value()

    calendar = subscribe(playwright, address)
    calendar.validate()
    assert {"Site visit: Acme Tools", "Internship starts: Maya O. at Acme Tools"} <= summaries(calendar)

    journey.visit(reverse("calendar:home"), "the page again")
    expect(page.get_by_label("Subscription address")).to_have_count(0)
    journey.follow("Turn off the feed", "asked to confirm")
    journey.press("Turn off the feed", "turned off")
    assert "Calendar feed turned off. Its address no longer works." in journey.message()
    app = playwright.request.new_context()
    assert app.get(address).status == 404
    app.dispose()


@SIZES
def test_a_partner_administrator_makes_the_business_feed_which_names_no_student(
    journey, partner_a, placement, settings, live_server, playwright, size
):
    settings.SITE_URL = live_server.url
    page = journey.page
    page.set_viewport_size(size)

    journey.sign_in(partner_a)
    if size == PHONE:
        journey.open_menu()
    journey.follow("Calendar", "calendar", within=page.get_by_role("navigation", name="Portal sections"))
    expect(page.locator("body")).to_contain_text("never a student")
    journey.press("Make a calendar feed", "feed made")
    address = page.get_by_label("Subscription address").input_value()

    calendar = subscribe(playwright, address)
    assert summaries(calendar) == {
        "Internship starts (Lincoln High)",
        "Internship ends (Lincoln High)",
        "Site visit (Lincoln High)",
    }
    assert "Maya" not in calendar.to_ical().decode()

    journey.follow("Get a new link", "asked to confirm")
    journey.press("Get a new link", "new link")
    assert page.get_by_label("Subscription address").input_value() != address


@SIZES
def test_a_coordinator_searches_from_the_top_bar_and_reaches_a_student_by_keyboard(
    journey, coordinator, placement, size
):
    page = journey.page
    page.set_viewport_size(size)

    journey.sign_in(coordinator)
    box = page.get_by_role("search").get_by_role("searchbox", name="Search")
    box.fill("okonkwo")
    with page.expect_navigation():
        box.press("Enter")
    journey.check("results")
    students = page.get_by_role("region", name="Students")
    expect(students).to_contain_text("Maya Okonkwo")
    expect(page.get_by_text("No partnerships, organizations or contacts match.")).to_be_visible()

    result = students.get_by_role("link", name="Maya Okonkwo")
    for _ in range(40):  # Tab through the page as a keyboard user does, until the result has the focus
        page.keyboard.press("Tab")
        if result.evaluate("link => link === document.activeElement"):
            break
    expect(result).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    journey.check("the student")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maya Okonkwo")
