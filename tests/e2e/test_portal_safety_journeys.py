"""Browser journeys through the portal's charter and safety pages: a partner follows the reminder emails to
acknowledge the charter and the protocols; an administrator asks for a check for a new colleague, which the
coordinator finds pending; a mentor reports a concern about their student."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communications.models import Reminder
from communications.reminders import services as reminders
from partnerships.models import PartnerMembership
from safety.models import SafetyConcern
from students.models import Placement
from tests.factories import (
    CharterFactory,
    ContactFactory,
    PartnerMembershipFactory,
    PlacementFactory,
    SafetyPolicyFactory,
    SafetyProtocolFactory,
    StudentFactory,
    UserFactory,
    active_partnership,
)


@pytest.fixture
def acme_mentor(business_a):
    """Mo Mentor, who mentors Maya Okafor's internship at Acme: (their user, the placement)."""
    user = UserFactory(email="mo.mentor@example.test", first_name="Mo", last_name="Mentor")
    PartnerMembershipFactory(user=user, organization=business_a, role=PartnerMembership.Role.MENTOR)
    mentor = ContactFactory(organization=business_a, first_name="Mo", last_name="Mentor", user=user)
    partnership = active_partnership(business=business_a)
    student = StudentFactory(legal_first_name="Maya", last_name="Okafor", school=partnership.school)
    placement = PlacementFactory(
        partnership=partnership, student=student, mentor=mentor, status=Placement.Status.ACTIVE
    )
    return user, placement


def _link(email) -> str:
    found = re.search(r"^Where to act on it:\n(\S+)$", email.body, re.MULTILINE)
    assert found, email.body
    return found.group(1)


def test_a_partner_follows_the_reminder_emails_to_acknowledge_the_charter_and_the_protocols(
    journey, partner_a, business_a, settings, live_server, mailoutbox
):
    settings.SITE_URL = live_server.url  # the emails link to this server
    partnership = active_partnership(business=business_a, name="Acme at Lincoln")
    CharterFactory(partnership=partnership, vision="Every student meets a mentor.")
    CharterFactory(partnership=partnership, vision="Every student meets two mentors.", change_note="Two mentors.")
    SafetyProtocolFactory(title="Supervision of minors", body="Two adults present whenever a student is on site.")
    reminders.sweep(timezone.localdate() + datetime.timedelta(days=7))
    for reminder in Reminder.objects.order_by("pk"):
        reminders.dispatch(reminder.pk)
    by_subject = {email.subject: email for email in mailoutbox if email.to == [partner_a.email]}
    charter_email = by_subject["Please acknowledge the charter of Acme at Lincoln (version 2)"]
    protocols_email = by_subject[f"{business_a.name}: please acknowledge the district's safety protocols"]
    page = journey.page

    # From the charter email: the sign-in page, then the page where version 2 is acknowledged.
    journey.visit(_link(charter_email), "the email's link asks to sign in")
    page.get_by_label("Email").fill(partner_a.email)
    page.get_by_label("Password").fill("pw")
    journey.press("Sign in", "the charter to acknowledge")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme at Lincoln: acknowledge charter version 2")
    expect(page.locator("main")).to_contain_text("Every student meets two mentors.")
    journey.follow("See every change, word by word", "what changed")
    expect(page.locator("main section del")).to_contain_text("a mentor.")
    expect(page.locator("main section ins")).to_contain_text("two mentors.")
    page.go_back()
    journey.check("back to the acknowledgment")
    page.get_by_label(f"I have read version 2 of this charter and agree to it for {business_a.name}.").check()
    journey.press("Acknowledge version 2", "charter acknowledged")
    assert f"{business_a.name} acknowledged version 2 of the charter of Acme at Lincoln." in journey.message()
    expect(page.locator("main")).to_contain_text("Acknowledged")

    # From the protocols email, already signed in: straight to them.
    journey.visit(_link(protocols_email), "the protocols to acknowledge")
    expect(page.locator("main")).to_contain_text("Two adults present whenever a student is on site.")
    page.get_by_label(re.compile("I have read these protocols")).check()
    journey.press("Acknowledge the protocol", "protocols acknowledged")
    assert f"{business_a.name} acknowledged “Supervision of minors” (version 1)." in journey.message()

    journey.follow("Home", "nothing left", within=page.get_by_role("navigation", name="Portal sections"))
    expect(page.locator("main")).to_contain_text("All clear: nothing is waiting for you")


def test_an_administrator_asks_for_a_check_for_a_new_colleague_and_the_coordinator_finds_it_pending(
    journey, another_journey, partner_a, business_a, coordinator
):
    active_partnership(business=business_a)
    SafetyPolicyFactory(renewal_window_days=60)
    page = journey.page

    journey.sign_in(partner_a)
    journey.follow("Safety", "safety", within=page.get_by_role("navigation", name="Portal sections"))
    journey.follow("Background checks", "background checks", within=page.get_by_role("navigation", name="Safety pages"))
    journey.follow("Ask for a background check", "ask for a check")
    page.get_by_label("First name (someone new)").fill("Nina")
    page.get_by_label("Last name (someone new)").fill("New")
    page.get_by_label("Email (someone new)").fill("nina.new@example.test")
    journey.press("Ask for the check", "check asked for")
    assert "Background check of Nina New asked for." in journey.message()
    expect(page.get_by_role("row", name=re.compile("Nina New"))).to_contain_text("Pending")

    school = another_journey("coordinator")
    school.sign_in(coordinator)
    school.visit("/safety/", "safety dashboard")
    expect(school.page.get_by_role("region", name=re.compile("Background checks pending"))).to_contain_text("Nina New")


def test_a_mentor_reports_a_concern_about_their_student_and_sees_what_was_sent(journey, business_a, acme_mentor):
    user, placement = acme_mentor
    SafetyPolicyFactory(safety_lead=UserFactory(email="lead@example.test"))
    page = journey.page

    journey.sign_in(user)
    journey.follow("Safety", "safety", within=page.get_by_role("navigation", name="Portal sections"))
    journey.follow("Report a concern", "report a concern", within=page.get_by_role("navigation", name="Safety pages"))
    page.get_by_label("Which student is it about").select_option(label="Maya O. · Internship")
    page.get_by_label("Medium").check()
    page.get_by_label("What happened").fill("A customer shouted at her; she was upset all afternoon.")
    journey.press("Send to the safety lead", "concern sent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Safety concern sent")
    expect(page.locator("main")).to_contain_text("A customer shouted at her")
    assert SafetyConcern.objects.get().placement == placement
