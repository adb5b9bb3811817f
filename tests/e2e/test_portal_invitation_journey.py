"""A coordinator invites a business's manager to the portal; she opens the emailed link, chooses a password
and lands in the portal of her business; the link then cannot be used again."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import PartnerMembership
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import active_partnership


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_invited_manager_sets_a_password_and_lands_in_her_portal(
    journey, another_journey, coordinator, business_a, settings, live_server, mailoutbox, size
):
    settings.SITE_URL = live_server.url  # the emailed link points at this server
    active_partnership(business=business_a)
    page = journey.page

    journey.sign_in(coordinator)
    journey.visit(reverse("partnerships:organization_detail", args=[business_a.pk]), "the business")
    journey.follow("Invite someone", "invite form")
    page.get_by_label("Email address").fill("Rae.Manager@Acme.example")
    page.get_by_label("Partner administrator").check()
    journey.press("Send invitation", "invited")
    expect(page.locator("#portal-users")).to_contain_text("rae.manager@acme.example")

    [email] = [message for message in mailoutbox if "rae.manager@acme.example" in message.to]
    assert email.subject == f"You are invited to the SchoolBridge portal of {business_a.name}"
    link = re.search(r"http\S+/r/\S+/", email.body).group(0)

    rae = another_journey("rae")
    rae.page.set_viewport_size(size)
    rae.visit(link, "invitation")
    rae.page.get_by_label("First name").fill("Rae")
    rae.page.get_by_label("Last name").fill("Manager")
    rae.page.get_by_label("Choose a password").fill("calibrated-robot-arm-42")
    rae.page.get_by_label("The same password again").fill("calibrated-robot-arm-42")
    rae.press("Create my account and join", "in the portal")
    expect(rae.page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    expect(rae.page.locator("body")).to_contain_text(
        f"You are signed in for {business_a.name} as partner administrator"
    )
    membership = PartnerMembership.objects.get(user__email="rae.manager@acme.example")
    assert membership.role == PartnerMembership.Role.ADMIN and membership.invited_by == coordinator

    rae.page.context.clear_cookies()
    response = rae.page.goto(link)
    assert response is not None and response.status == 410
    rae.statuses.pop(rae.page.url, None)
    rae.check("used link")
    expect(rae.page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
