"""A mentor in the portal: from the home page's open items to their student's placement, a midpoint
evaluation sent, hours confirmed in a batch and one sent back; then the coordinator corrects it and shares a
check-in note that the mentor reads. At desktop width and on a phone, with axe-core on every page; and another
business's placement by URL is a 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from students.models import Evaluation, HoursEntry, Placement
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import (
    ActivePartnershipFactory,
    BusinessFactory,
    HoursEntryFactory,
    LearningGoalFactory,
    PlacementFactory,
    StudentFactory,
)
from tests.factories.portal_placements import portal_mentor


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_mentor_evaluates_and_confirms_hours_in_a_batch_and_the_coordinator_corrects_one_sent_back(
    viewport, journey, another_journey, coordinator
):
    business = BusinessFactory(name="Acme Robotics")
    mentor, contact = portal_mentor(business, email="dana@acme.test", first_name="Dana", last_name="Lee")
    placement = PlacementFactory(
        partnership=ActivePartnershipFactory(business=business),
        mentor=contact,
        status=Placement.Status.ACTIVE,
        student=StudentFactory(legal_first_name="Marguerite", preferred_first_name="Daisy", last_name="Okonkwo"),
        start_date=_days_ago(40),
        end_date=_days_ago(-20),
    )
    goals = [
        LearningGoalFactory(placement=placement, text="Explain a wiring diagram to a customer"),
        LearningGoalFactory(placement=placement, text="Solder a board to spec"),
    ]
    for day, activity in ((4, "Sanded the frames"), (3, "Wired a panel"), (2, "Soldered the boards")):
        HoursEntryFactory(placement=placement, date=_days_ago(day), hours=3, activity=activity)
    elsewhere = PlacementFactory(partnership=ActivePartnershipFactory(), status=Placement.Status.ACTIVE)
    page = journey.page
    page.set_viewport_size(viewport)

    journey.sign_in(mentor)
    waiting = page.get_by_role("region", name="Waiting for you")
    expect(waiting).to_contain_text("Midpoint evaluation of Daisy O.")
    expect(waiting).to_contain_text("Confirm the hours of Daisy O.")
    expect(page.locator("main")).not_to_contain_text("Okonkwo")

    # The midpoint evaluation, straight from the home page.
    journey.follow("Midpoint evaluation of Daisy O.", "evaluation form", within=waiting)
    for goal, score in zip(goals, ("3 — Proficient", "2 — Developing"), strict=True):
        page.get_by_role("group", name=goal.text).get_by_label(score).check()
    page.get_by_label("Overall comments").fill("Careful, and asks good questions.")
    journey.press("Send midpoint evaluation", "evaluation sent")
    assert "Thank you: your midpoint evaluation of Daisy O. is sent." in journey.message()
    expect(page.locator("#evaluations")).to_contain_text("Careful, and asks good questions.")
    assert Evaluation.objects.get().submitted_by == mentor

    # Hours: tick them all, untick one, confirm the rest in one step.
    journey.follow("Confirm hours", "hours", within=page.locator(".sb-actions"))
    page.get_by_label("Select all").check()
    page.get_by_label(f"{_days_ago(2):%-d %b %Y}").uncheck()
    journey.press("Confirm the hours ticked", "confirmation step")
    expect(page.locator("main")).to_contain_text("Sanded the frames")
    expect(page.locator("main")).not_to_contain_text("Soldered the boards")
    journey.press("Confirm 2 entries", "confirmed")
    assert "2 entries confirmed (6 hours). Thank you." in journey.message()

    # The last one is not right: back to the school, with why.
    page.get_by_label(f"{_days_ago(2):%-d %b %Y}").check()
    journey.press("Send back the hours ticked", "send back step")
    page.get_by_label("What is not right").fill("Daisy was off sick that day.")
    journey.press("Send back 1 entry", "sent back")
    expect(page.get_by_role("region", name="Sent back to the school")).to_contain_text("Daisy was off sick that day.")
    sent_back = HoursEntry.objects.rejected().get()

    # Another business's placement, by URL: not found.
    response = page.request.get(journey.base_url + reverse("portal:placement", args=[elsewhere.pk]))
    assert response.status == 404
    assert elsewhere.student.last_name not in response.text()

    # The coordinator sees it on the placement and corrects it; it goes back to the mentor.
    school = another_journey("coordinator")
    school.page.set_viewport_size(viewport)
    school.sign_in(coordinator)
    school.visit(placement.get_absolute_url() + "#hours", "placement with hours sent back")
    expect(school.page.locator("#hours")).to_contain_text("Daisy was off sick that day.")
    school.follow("Correct and send back to the mentor", "correct hours")
    school.page.get_by_label("Hours").fill("1.5")
    school.press("Save and send to the mentor", "corrected")
    assert "Hours corrected. They go back to the mentor to confirm." in school.message()
    assert HoursEntry.objects.to_verify().get() == sent_back

    # The coordinator shares a check-in's notes with the mentor, who reads them on the placement.
    school.visit(reverse("safety:check_in_create") + f"?placement={placement.pk}", "check-in form")
    school.page.get_by_label("In person").check()
    school.page.get_by_label("4 — Good").check()
    school.page.get_by_label("Notes", exact=True).fill("Would like a turn at the soldering station.")
    school.page.get_by_label("Share these notes with the mentor").check()
    school.press("Record check-in", "check-in recorded")
    journey.visit(reverse("portal:placement", args=[placement.pk]), "placement with a shared note")
    expect(page.locator("#notes")).to_contain_text("Would like a turn at the soldering station.")
