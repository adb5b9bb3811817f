"""A coordinator records an overdue check-in from the safety page."""

from __future__ import annotations

import datetime
import re

from django.utils import dateformat, timezone
from playwright.sync_api import expect

from students.models import Placement
from tests.factories import BusinessFactory, PlacementFactory, StudentFactory, active_partnership


def test_coordinator_records_an_overdue_check_in_and_it_is_no_longer_due(journey, coordinator):
    today = timezone.localdate()
    partnership = active_partnership(business=BusinessFactory(name="Acme Robotics"))
    PlacementFactory(
        partnership=partnership,
        status=Placement.Status.ACTIVE,
        start_date=today - datetime.timedelta(days=20),  # the policy asks for a check-in every 14 days
        student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=partnership.school),
    )
    page = journey.page
    check_ins = page.get_by_role("region", name="Check-ins overdue or due in the next", exact=False)

    journey.sign_in(coordinator)
    journey.follow("Safety", "safety", within=page.get_by_role("navigation", name="Sections"))
    expect(check_ins).to_contain_text("Maya Okonkwo at Acme Robotics")
    expect(check_ins).to_contain_text("6 days overdue")

    journey.follow("Record check-in with Maya Okonkwo", "check-in form", within=check_ins)
    expect(page.get_by_label("Placement")).to_have_value(re.compile(r"^Maya Okonkwo's \w+ at Acme Robotics, from "))
    page.get_by_label("In person").check()
    page.get_by_label("4 — Good").check()
    page.get_by_label("Notes", exact=True).fill("Enjoying the soldering; wants more time with the design team.")
    journey.press("Record check-in", "recorded")

    next_due = dateformat.format(today + datetime.timedelta(days=14), "j M Y")
    assert f"Check-in with Maya Okonkwo recorded. Next check-in due {next_due}." in journey.message()
    expect(check_ins).not_to_contain_text("Maya Okonkwo")
    expect(check_ins).to_contain_text("No check-ins are overdue")
