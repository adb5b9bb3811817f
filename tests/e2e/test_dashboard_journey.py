"""A coordinator's morning: the dashboard shows the day's work, narrows to one school, and each card leads
to the list where its items are dealt with. At desktop width and on a phone, with axe-core on every page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from students.models import Placement
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import BusinessFactory, PlacementFactory, SchoolFactory, StudentFactory, active_partnership


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_narrows_the_dashboard_to_a_school_and_follows_a_card_to_its_list(viewport, journey, coordinator):
    started = timezone.localdate() - datetime.timedelta(days=20)  # a check-in is due every 14 days
    for school, business, student in (
        ("Lincoln High", "Acme Robotics", "Maya"),
        ("Hamilton High", "Birch Bakery", "Ravi"),
    ):
        partnership = active_partnership(school=SchoolFactory(name=school), business=BusinessFactory(name=business))
        PlacementFactory(
            partnership=partnership,
            status=Placement.Status.ACTIVE,
            start_date=started,
            student=StudentFactory(legal_first_name=student, last_name="Okonkwo", school=partnership.school),
        )
    page = journey.page
    page.set_viewport_size(viewport)
    check_ins = page.get_by_role("region", name="Check-ins overdue")

    journey.sign_in(coordinator)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(check_ins).to_contain_text("Maya Okonkwo at Acme Robotics")
    expect(check_ins).to_contain_text("Ravi Okonkwo at Birch Bakery")
    expect(page.get_by_role("region", name="Follow-ups due")).to_contain_text("All clear.")

    page.get_by_label("School", exact=True).select_option(label="Lincoln High")
    journey.press("Show", "one school")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard: Lincoln High")
    expect(check_ins).to_contain_text("Maya Okonkwo")
    expect(check_ins).not_to_contain_text("Ravi")

    journey.follow("See all 1", "safety check-ins", within=check_ins, exact=False)
    expect(page.get_by_role("region", name="Check-ins overdue or due")).to_contain_text("Maya Okonkwo at Acme Robotics")
