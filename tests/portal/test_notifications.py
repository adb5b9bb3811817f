"""The partner's notifications in the portal: only their own, settings for the kinds they receive."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.models import Notification, Reminder
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("portal:notifications")
SETTINGS = reverse("portal:notification_settings")


def _charter_notification(user, **kwargs):
    return NotificationFactory(
        user=user,
        reminder__kind=Reminder.Kind.CHARTER_ACK_PENDING,
        reminder__url="/portal/",
        reminder__title=kwargs.pop("title", "Please acknowledge the charter"),
        **kwargs,
    )


def test_a_partner_sees_their_own_notifications(partner_a, partner_a_client, partner_b):
    _charter_notification(partner_a, title="Acme: acknowledge the charter")
    _charter_notification(partner_b, title="Birch: acknowledge the charter")

    response = partner_a_client.get(LIST)

    assertContains(response, "<h1", count=1)
    assertContains(response, "Acme: acknowledge the charter")
    assertNotContains(response, "Birch")
    assertContains(response, "Notifications (1")  # the header link
    assertNotContains(response, reverse("communications:log_list"))  # no staff link


def test_the_portal_list_has_an_empty_state(partner_a_client):
    assertContains(partner_a_client.get(LIST), "No notifications yet.")


def test_opening_marks_read_and_goes_to_the_portal_page(partner_a, partner_a_client):
    notification = _charter_notification(partner_a)
    response = partner_a_client.post(reverse("portal:notification_open", args=[notification.pk]))
    assertRedirects(response, "/portal/", fetch_redirect_response=False)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_partner_never_opens_another_users_notification(partner_a_client, partner_b):
    other = _charter_notification(partner_b)
    response = partner_a_client.post(reverse("portal:notification_open", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_as_read_in_the_portal(partner_a, partner_a_client, partner_b):
    _charter_notification(partner_a)
    theirs = _charter_notification(partner_b)
    response = partner_a_client.post(LIST, follow=True)
    assertContains(response, "1 notification marked as read.")
    assert not Notification.objects.filter(user=partner_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_portal_settings_offer_the_partner_kinds_and_save(partner_a, partner_a_client):
    response = partner_a_client.get(SETTINGS)
    assertContains(response, "Charter not acknowledged")
    assertContains(response, "Safety protocols not acknowledged")
    assertNotContains(response, "Student check-in due")

    response = partner_a_client.post(
        SETTINGS, {"charter_ack_pending": "digest", "protocol_ack_pending": "none"}, follow=True
    )
    assertContains(response, "Notification settings saved.")
    assert dict(partner_a.reminder_preferences.values_list("kind", "email")) == {
        "charter_ack_pending": "digest",
        "protocol_ack_pending": "none",
    }


def test_invalid_portal_settings_keep_the_input(partner_a_client):
    response = partner_a_client.post(SETTINGS, {"charter_ack_pending": "weekly", "protocol_ack_pending": "none"})
    assert response.status_code == 200
    assert response.context["form"]["protocol_ack_pending"].value() == "none"
    assertContains(response, "Please correct the")


def test_the_portal_notification_pages_need_a_partner(coordinator_client, anon_client):
    assert coordinator_client.get(LIST).status_code == 404
    assert anon_client.get(LIST).status_code == 302
    assert anon_client.get(SETTINGS).status_code == 302
