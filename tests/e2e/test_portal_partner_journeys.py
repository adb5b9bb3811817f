"""A partner in the portal: reads students' thanks, answers a survey, and cannot reach another business's
rows by typing their address. On a desktop and on a 375 px phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from communications.models import FeedbackResponse, ThankYouNote
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import (
    BusinessFactory,
    FeedbackRequestFactory,
    PlacementFactory,
    SchoolFactory,
    ThankYouNoteFactory,
    active_partnership,
)
from tests.factories.portal_comms import portal_person


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_partner_reads_a_thank_you_note_answers_a_survey_and_cannot_open_another_business_rows(
    journey, partner_a, business_a, coordinator, size
):
    page = journey.page
    page.set_viewport_size(size)
    partnership = active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))
    me = portal_person(business_a, user=partner_a, first_name="Pat", last_name="Partner")
    ThankYouNoteFactory(
        partnership=partnership,
        status=ThankYouNote.Status.APPROVED,
        body="Thank you for showing me how a robot arm is calibrated.",
        signed_as="Maya R.",
        reviewed_by=coordinator,
        reviewed_at=timezone.now(),
    )
    survey = FeedbackRequestFactory(
        partnership=partnership, contact=me, recipient_name=me.full_name, period="Fall 2026"
    )
    elsewhere = PlacementFactory(partnership=active_partnership(business=BusinessFactory(name="Birch Bakery")))

    journey.sign_in(partner_a)
    assert page.url.endswith(reverse("portal:home"))
    waiting = page.get_by_role("region", name="Waiting for you")
    expect(waiting).to_contain_text("survey")

    if size == PHONE:
        journey.open_menu()
    journey.follow("Thanks", "thanks", within=page.get_by_role("navigation", name="Portal sections"))
    expect(page.get_by_text("Thank you for showing me how a robot arm is calibrated.")).to_be_visible()
    expect(page.get_by_text("Maya R.")).to_be_visible()

    journey.visit(reverse("portal:home"), "home again")
    journey.follow(waiting.get_by_role("link").first.inner_text(), "survey", within=waiting)
    for question, answer in (
        ("How well did the school keep in touch with you?", "4"),
        ("How well organized was the partnership?", "3"),
        ("How worthwhile was the partnership for your business?", "5"),
        ("How likely are you to recommend partnering with the school to another business?", "9"),
    ):
        page.get_by_role("group", name=question).get_by_text(answer, exact=True).click()
    page.get_by_label("Anything else you would like to tell us?").fill("A great term; more notice before events.")
    journey.press("Send my answers", "answered")
    assert "Thank you" in journey.message()
    answer = FeedbackResponse.objects.get(request=survey)
    assert (answer.communication, answer.organization, answer.value, answer.would_recommend) == (4, 3, 5, 9)

    journey.visit(reverse("portal:home"), "nothing waiting")
    expect(waiting).not_to_contain_text("survey")

    journey.visit_refused(f"/portal/placements/{elsewhere.pk}/", "another business's placement")
    expect(page.get_by_role("heading", level=1)).to_contain_text("not found", ignore_case=True)
    assert "Birch" not in page.content()
