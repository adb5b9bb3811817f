"""The coordinator's notifications, notification settings and the reminder outbox pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.models import Notification, Reminder, ReminderPreference
from communications.reminders.services import reminder_retry
from tests.factories import CoordinatorFactory, NotificationFactory, ReminderFactory

pytestmark = pytest.mark.django_db

LIST = reverse("communications:notification_list")
SETTINGS = reverse("communications:notification_settings")
OUTBOX = reverse("communications:reminder_list")


def test_the_list_shows_only_my_notifications_unread_first(coordinator, coordinator_client):
    read = NotificationFactory(user=coordinator, reminder__title="Old news", read_at="2026-01-01T10:00:00Z")
    NotificationFactory(user=coordinator, reminder__title="Call Acme Tools")
    NotificationFactory(reminder__title="Someone else's reminder")

    response = coordinator_client.get(LIST)

    assertContains(response, "<h1", count=1)
    assertContains(response, "2 notifications, 1 unread")
    assertNotContains(response, "Someone else")
    content = response.content.decode()
    assert content.index("Call Acme Tools") < content.index("Old news")
    assertContains(response, reverse("communications:notification_open", args=[read.pk]))
    assertContains(response, "Mark all as read")


def test_the_list_has_an_empty_state(coordinator_client):
    response = coordinator_client.get(LIST)
    assertContains(response, "No notifications yet.")
    assertNotContains(response, "Mark all as read")


def test_the_list_is_paginated(coordinator, coordinator_client):
    for _ in range(26):
        NotificationFactory(user=coordinator)
    response = coordinator_client.get(LIST)
    assertContains(response, "Page 1 of 2")
    assert len(response.context["page"].object_list) == 25


def test_the_list_counts_queries_once_whatever_its_length(coordinator, coordinator_client, django_assert_num_queries):
    for _ in range(3):
        NotificationFactory(user=coordinator)
    coordinator_client.get(LIST)
    with django_assert_num_queries(6):
        coordinator_client.get(LIST)
    for _ in range(10):
        NotificationFactory(user=coordinator)
    with django_assert_num_queries(6):
        coordinator_client.get(LIST)


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(coordinator, coordinator_client):
    notification = NotificationFactory(user=coordinator)
    response = coordinator_client.post(reverse("communications:notification_open", args=[notification.pk]))
    assertRedirects(response, notification.reminder.url, fetch_redirect_response=False)
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_opening_never_redirects_off_the_site(coordinator, coordinator_client, url):
    notification = NotificationFactory(user=coordinator, reminder__url=url)
    response = coordinator_client.post(reverse("communications:notification_open", args=[notification.pk]))
    assertRedirects(response, LIST, fetch_redirect_response=False)


def test_opening_needs_a_post(coordinator, coordinator_client):
    notification = NotificationFactory(user=coordinator)
    response = coordinator_client.get(reverse("communications:notification_open", args=[notification.pk]))
    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_someone_elses_notification_is_not_found(coordinator_client):
    other = NotificationFactory()
    response = coordinator_client.post(reverse("communications:notification_open", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_as_read_marks_only_mine(coordinator, coordinator_client):
    NotificationFactory.create_batch(2, user=coordinator)
    other = NotificationFactory()
    response = coordinator_client.post(reverse("communications:notification_read_all"), follow=True)
    assertContains(response, "2 notifications marked as read.")
    assert not Notification.objects.filter(user=coordinator, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_unread_count_is_in_the_top_bar(coordinator, coordinator_client):
    NotificationFactory.create_batch(3, user=coordinator)
    response = coordinator_client.get(reverse("communications:log_list"))
    assert str(response.context["unread_notifications"]) == "3"


def test_settings_show_one_choice_per_kind(coordinator, coordinator_client):
    ReminderPreference.objects.create(user=coordinator, kind=Reminder.Kind.NOT_CONTACTED, email="digest")
    response = coordinator_client.get(SETTINGS)
    assertContains(response, "<h1", count=1)
    for _, label in Reminder.Kind.choices:
        assertContains(response, label)
    assert response.context["form"]["not_contacted"].value() == "digest"
    assert response.context["form"]["follow_up_due"].value() == "now"


def test_saving_settings_keeps_my_choices(coordinator, coordinator_client):
    data = dict.fromkeys(Reminder.Kind.values, "now") | {"not_contacted": "digest", "follow_up_due": "none"}
    response = coordinator_client.post(SETTINGS, data, follow=True)
    assertContains(response, "Notification settings saved.")
    assert dict(coordinator.reminder_preferences.values_list("kind", "email")) == {
        "not_contacted": "digest",
        "follow_up_due": "none",
    }


def test_invalid_settings_keep_what_was_typed(coordinator, coordinator_client):
    data = dict.fromkeys(Reminder.Kind.values, "now") | {"not_contacted": "hourly", "follow_up_due": "none"}
    response = coordinator_client.post(SETTINGS, data)
    assert response.status_code == 200
    assertContains(response, "Please correct the")
    assert response.context["form"]["follow_up_due"].value() == "none"
    assert not ReminderPreference.objects.exists()


def test_a_partner_cannot_reach_the_staff_notification_pages(partner_a_client):
    for url in (LIST, SETTINGS, OUTBOX):
        assert partner_a_client.get(url).status_code == 404


def test_the_outbox_lists_and_filters_reminders(coordinator_client):
    ReminderFactory(title="Acme: not contacted", status="sent", attempts=1)
    failed = ReminderFactory(
        title="Birch: follow up",
        kind="follow_up_due",
        status="failed",
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    response = coordinator_client.get(OUTBOX)
    assertContains(response, "<h1", count=1)
    assertContains(response, "2 reminders")
    assertContains(response, "Could not be sent")
    assertContains(response, "The mail server could not be reached or did not take the email.")
    assertContains(response, "(SMTPServerDisconnected: Connection unexpectedly closed)")
    assertContains(response, reverse("communications:reminder_retry", args=[failed.pk]), count=1)

    response = coordinator_client.get(OUTBOX, {"status": "failed"})
    assertContains(response, "Birch: follow up")
    assertNotContains(response, "Acme: not contacted")
    response = coordinator_client.get(OUTBOX, {"kind": "not_contacted"})
    assertContains(response, "Acme: not contacted")
    assertNotContains(response, "Birch: follow up")


def test_the_outbox_has_an_empty_state_and_refuses_bad_filters(coordinator_client):
    assertContains(coordinator_client.get(OUTBOX), "No reminders yet.")
    response = coordinator_client.get(OUTBOX, {"kind": "nonsense\x00"})
    assert response.status_code == 200


def test_the_outbox_needs_the_view_permission(coordinator_client):
    user = CoordinatorFactory()
    user.groups.clear()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_partnership"))
    coordinator_client.force_login(user)
    assert coordinator_client.get(OUTBOX).status_code == 403


def test_a_coordinator_sends_a_failed_reminder_again_after_confirming(
    coordinator_client, django_capture_on_commit_callbacks, mailoutbox
):
    CoordinatorFactory(email="cora@example.test")
    failed = ReminderFactory(title="Birch: follow up", status="failed", attempts=6, last_error="SMTPDataError: 451")
    url = reverse("communications:reminder_retry", args=[failed.pk])

    confirm = coordinator_client.get(url)
    assertContains(confirm, "Send “Birch: follow up” again?")
    assertContains(confirm, "Last error: SMTPDataError: 451")
    assert Reminder.objects.get(pk=failed.pk).status == "failed"  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, follow=True)
    assertContains(response, "“Birch: follow up” will be sent again shortly.")
    failed.refresh_from_db()
    assert (failed.status, failed.last_error) == ("sent", "")
    assert [m.subject for m in mailoutbox if m.to == ["cora@example.test"]] == ["Birch: follow up"]


def test_only_a_failed_reminder_can_be_sent_again(coordinator_client):
    sent = ReminderFactory(title="Acme: not contacted", status="sent", attempts=1)
    response = coordinator_client.post(reverse("communications:reminder_retry", args=[sent.pk]), follow=True)
    assertContains(response, "“Acme: not contacted” is not waiting to be tried again: it is sent.")
    assert Reminder.objects.get(pk=sent.pk).attempts == 1
    with pytest.raises(ValidationError, match="could not be sent"):
        reminder_retry(reminder=sent)


def test_sending_again_needs_the_change_permission(coordinator_client):
    from django.contrib.auth.models import Permission

    failed = ReminderFactory(status="failed")
    user = CoordinatorFactory()
    user.groups.clear()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_partnership", "view_reminder"]))
    coordinator_client.force_login(user)
    assert coordinator_client.get(OUTBOX).status_code == 200
    assertNotContains(coordinator_client.get(OUTBOX), "Send again")
    assert coordinator_client.post(reverse("communications:reminder_retry", args=[failed.pk])).status_code == 403
    assert Reminder.objects.get(pk=failed.pk).status == "failed"
