"""The communications log and thank-you notes, as the coordinator, a student and the partner use them."""

from __future__ import annotations

import datetime

from django.utils import dateformat, timezone
from playwright.sync_api import expect

from students.models import Placement
from tests.factories import BusinessFactory, ContactFactory, PlacementFactory, StudentFactory, active_partnership


def _day(date: datetime.date) -> str:
    return dateformat.format(date, "j M Y")


def test_coordinator_logs_a_call_and_the_partner_no_longer_counts_as_quiet(journey, coordinator):
    partnership = active_partnership(business=BusinessFactory(name="Acme Robotics"))
    ContactFactory(organization=partnership.business, first_name="Dana", last_name="Lee", title="")
    page = journey.page
    quiet = page.get_by_role("region", name="Not contacted in 30 days")
    today = timezone.localdate()

    journey.sign_in(coordinator)
    journey.follow("Communications", "communications", within=page.get_by_role("navigation", name="Sections"))
    expect(quiet).to_contain_text(partnership.name)
    expect(quiet).to_contain_text("Last contacted: never")

    journey.follow("Log a contact", "choose the partnership", within=page.locator(".sb-actions"))
    page.get_by_label("Which partnership was it with?").fill("Acme")  # typed, not picked: one partnership has it
    journey.press("Continue", "log form")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a contact with Acme Robotics")
    page.get_by_label("Channel").select_option(label="Phone")
    page.get_by_label("Direction").select_option(label="They contacted us")
    page.get_by_label("Summary").fill("Dana called to offer two more summer internships.")
    page.get_by_label("Their people").select_option(label="Dana Lee — Acme Robotics")
    page.get_by_label("Follow up by").fill((today + datetime.timedelta(days=7)).isoformat())
    journey.press("Log contact", "logged")

    assert f"Phone with Acme Robotics on {_day(today)} logged." in journey.message()
    row = page.get_by_role("row").filter(has_text="Dana called to offer two more summer internships.")
    expect(row).to_contain_text("They contacted us")
    expect(row).to_contain_text(_day(today + datetime.timedelta(days=7)))
    expect(quiet).to_contain_text("Every partner has been contacted within 30 days.")

    journey.follow(partnership.name, "partnership", within=row)
    last_contacted = page.locator("#overview dt", has_text="Last contacted").locator("+ dd")
    expect(last_contacted).to_contain_text(f"{_day(today)} (today)")


def test_student_writes_a_thank_you_note_through_a_link_and_the_coordinator_approves_it(
    journey, another_journey, coordinator, business_a, partner_a, settings, live_server, mailoutbox
):
    settings.SITE_URL = live_server.url  # the link the coordinator hands over points at this server
    partnership = active_partnership(business=business_a)
    today = timezone.localdate()
    placement = PlacementFactory(
        partnership=partnership,
        student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=partnership.school),
        status=Placement.Status.COMPLETED,
        start_date=today - datetime.timedelta(days=70),
        end_date=today - datetime.timedelta(days=1),
    )
    page = journey.page
    words = "Thank you for letting me build a robot arm with your team. I want to be an engineer now."

    # The coordinator starts a note for the placement and makes Maya's link.
    journey.sign_in(coordinator)
    journey.follow("Communications", "communications", within=page.get_by_role("navigation", name="Sections"))
    journey.follow("Thank-you notes", "thank-you notes", within=page.locator(".sb-actions"))
    journey.follow(f"Start a note to {business_a.name}", "start a note")
    page.get_by_label("What is the note for?").select_option(label="Placement completed")
    dates = f"{placement.start_date:%-d %b %Y} to {placement.end_date:%-d %b %Y}"
    page.get_by_label("Placement").select_option(label=f"Maya Okonkwo — Internship, {dates}")
    journey.press("Start note", "note started")
    assert f"Thank-you note to {business_a.name} started. Now ask a student." in journey.message()
    page.get_by_label("Who writes the note?").select_option(label="Maya Okonkwo, grade 11")
    journey.press("Make the link", "link made")
    assert "Link for Maya Okonkwo ready: copy it below and hand it over." in journey.message()
    link = page.get_by_label("Link for Maya").input_value()
    note_page = page.url

    # Maya opens the link on her own device, with no account, and writes the note.
    student = another_journey("student")
    student.visit(link, "the link")
    expect(student.page.get_by_role("heading", level=1)).to_have_text(f"Say thank you to {business_a.name}")
    student.page.get_by_label("Your note").fill(words)
    student.page.get_by_label("Sign as").fill("Maya O.")
    student.press("Send my thank-you note", "sent")
    expect(student.page.get_by_role("heading", level=1)).to_have_text("Thank you!")

    # The coordinator reads it and approves it.
    journey.visit(note_page, "note waiting for approval")
    expect(page.locator("h1 + div .badge")).to_have_text("Waiting for approval")
    expect(page.get_by_role("heading", name="The note, signed “Maya O.”")).to_be_visible()
    expect(page.get_by_label("The note as the partner will read it")).to_have_value(words)
    journey.press("Approve…", "confirm approval")
    journey.press("Approve and email", "approved")
    assert f"Note approved. {business_a.name} will get it by email and in the portal." in journey.message()
    expect(page.locator("h1 + div .badge")).to_have_text("Approved")
    expect(page.get_by_role("region", name="The note as delivered")).to_contain_text(words)
    assert any(partner_a.email in email.to and words in email.body for email in mailoutbox), [
        (email.to, email.subject) for email in mailoutbox
    ]

    # The partner finds it in the portal.
    partner = another_journey("partner")
    partner.sign_in(partner_a)
    partner.follow(
        "Thanks", "notes from students", within=partner.page.get_by_role("navigation", name="Portal sections")
    )
    expect(partner.page.locator("main")).to_contain_text(words)
    expect(partner.page.locator("main")).to_contain_text("Maya O.")
