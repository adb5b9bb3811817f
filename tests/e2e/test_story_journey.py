"""A coordinator writes a success story: the partnership first (typed, with suggestions), then the story with
the partnership's students who have media consent, then approves it. At desktop width and on a phone, with
axe-core on every page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communications.models import SuccessStory
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import BusinessFactory, PlacementFactory, StudentFactory, active_partnership


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_writes_a_story_about_a_partnership_and_approves_it(viewport, journey, coordinator):
    partnership = active_partnership(
        name="Lincoln High × Acme Robotics", business=BusinessFactory(name="Acme Robotics")
    )
    maya = StudentFactory(
        legal_first_name="Maya", last_name="Lopez", media_consent=True, media_consent_on=timezone.localdate()
    )
    PlacementFactory(partnership=partnership, student=maya)
    page = journey.page
    page.set_viewport_size(viewport)

    journey.sign_in(coordinator)
    journey.visit("/communications/stories/", "stories")
    journey.follow("Write the first story", "choose the partnership")
    page.get_by_label("Which partnership is the story about?").fill("Acme Robotics")
    journey.press("Continue", "the story form")
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a success story: Lincoln High × Acme Robotics")

    page.get_by_label("Title").fill("Maya's gripper")
    page.get_by_label("Story").fill("Maya designed a gripper the engineers now use on the line.")
    page.get_by_label("Students").select_option(label=f"{maya.full_name} — grade {maya.grade}")
    journey.press("Save draft", "saved")
    assert "saved as a draft" in journey.message()

    journey.follow("Approve story", "approve step")
    journey.press("Approve story", "approved")
    story = SuccessStory.objects.get()
    assert (story.partnership, list(story.students.all()), story.status) == (partnership, [maya], "approved")
