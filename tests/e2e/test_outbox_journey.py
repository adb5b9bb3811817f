"""The mail server was down through every retry: the coordinator finds the failed reminder in the outbox with
what went wrong, presses Send again, confirms, and sees it sent (once) when the server is back."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from communications.models import Reminder
from tests.factories import ReminderFactory


def test_a_coordinator_sends_a_failed_reminder_again_from_the_outbox(journey, coordinator, mailoutbox):
    reminder = ReminderFactory(
        status=Reminder.Status.FAILED,
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    page = journey.page
    row = page.get_by_role("row").filter(has_text=reminder.title)

    journey.sign_in(coordinator)
    journey.visit(reverse("communications:reminder_list"), "outbox")
    expect(row).to_contain_text("Could not be sent")
    expect(row).to_contain_text("The mail server could not be reached or did not take the email.")

    journey.follow("Send again", "asked to confirm", within=row, exact=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Send “{reminder.title}” again?")
    expect(page.get_by_role("main")).to_contain_text("Last error: SMTPServerDisconnected")
    assert mailoutbox == []  # nothing is sent before the coordinator confirms

    journey.press("Send again", "sent again")
    assert f"“{reminder.title}” will be sent again shortly." in journey.message()

    journey.visit(reverse("communications:reminder_list"), "outbox after")
    expect(row).to_contain_text("Sent")
    expect(row).not_to_contain_text("Could not be sent")
    expect(row.get_by_role("link", name="Send again")).to_have_count(0)
    assert [email.to for email in mailoutbox] == [[coordinator.email]]
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT
