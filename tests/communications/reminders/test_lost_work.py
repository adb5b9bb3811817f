"""Nothing a reminder owes is lost: an email whose worker was killed after claiming it is sent by the next
delivery once the claim is stale, and a reminder whose retries stopped without an end (mark_failed could not
write) is queued again by the requeue and ends sent, or failed for the outbox's Send again."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts.background import STALE_CLAIM
from communications.models import Notification, Reminder
from communications.reminders import services as reminders
from communications.reminders.tasks import MAX_RETRIES, dispatch_reminder, requeue_lost_reminders
from config.celery import app
from tests.factories import CoordinatorFactory, NotificationFactory, ReminderFactory

pytestmark = pytest.mark.django_db

STALE = timezone.now() - STALE_CLAIM - datetime.timedelta(seconds=1)
OLD = timezone.now() - reminders.LOST_AFTER - datetime.timedelta(seconds=1)


def test_an_email_claimed_by_a_worker_killed_before_sending_is_sent_once_the_claim_is_stale():
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory()
    NotificationFactory(reminder=reminder, user__email="sam@example.test")
    Notification.objects.update(email_claimed_at=timezone.now())  # claimed a moment ago: it may still send

    assert reminders.dispatch(reminder.pk) == 1  # Cora's, not claimed by anyone
    assert [email.to for email in mail.outbox] == [["cora@example.test"]]
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.PENDING  # Sam's email is still owed

    Notification.objects.filter(user__email="sam@example.test").update(email_claimed_at=STALE)
    assert reminders.dispatch(reminder.pk) == 1
    assert reminders.dispatch(reminder.pk) == 0
    assert sorted(email.to[0] for email in mail.outbox) == ["cora@example.test", "sam@example.test"]
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT


def test_an_external_email_claimed_by_a_killed_worker_is_sent_once_the_claim_is_stale():
    reminder = ReminderFactory(external_email="mentor@example.test", external_claimed_at=timezone.now())

    assert reminders.dispatch(reminder.pk) == 0
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.PENDING

    Reminder.objects.filter(pk=reminder.pk).update(external_claimed_at=STALE)
    assert reminders.dispatch(reminder.pk) == 1
    assert reminders.dispatch(reminder.pk) == 0
    assert [email.to for email in mail.outbox] == [["mentor@example.test"]]
    reminder.refresh_from_db()
    assert (reminder.status, reminder.external_sent_at is not None) == (Reminder.Status.SENT, True)


def test_a_digest_claimed_by_a_killed_worker_is_sent_by_a_later_run_once_the_claim_is_stale():
    NotificationFactory(email="digest", email_claimed_at=timezone.now())
    assert reminders.send_digests() == 0  # its worker may still be sending

    Notification.objects.update(email_claimed_at=STALE)
    assert reminders.send_digests() == 1
    assert reminders.send_digests() == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at is not None


def test_the_requeue_brings_back_a_reminder_whose_killed_worker_left_a_claim(django_capture_on_commit_callbacks):
    """The redelivered message found the claim fresh and left the reminder waiting; the requeue, after
    LOST_AFTER (longer than a claim takes to go stale), sends it."""
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory()
    assert reminders.dispatch(reminder.pk) == 1
    Notification.objects.update(emailed_at=None, email_claimed_at=OLD)  # as if SMTP never answered
    Reminder.objects.filter(pk=reminder.pk).update(status=Reminder.Status.PENDING, last_attempt_at=OLD)
    mail.outbox.clear()

    assert reminders.lost_ids() == [reminder.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_lost_reminders.apply().get() == 1
    assert [email.to for email in mail.outbox] == [["cora@example.test"]]
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT


def test_a_reminder_whose_failure_could_not_be_written_is_queued_again_and_ends_failed(
    flaky_mail, django_capture_on_commit_callbacks
):
    """The mail server was down through every retry and the database too when the last one gave up:
    mark_failed wrote nothing, so the reminder was left waiting with attempts, found by no one before."""
    CoordinatorFactory()
    reminder = ReminderFactory(attempts=MAX_RETRIES + 1, last_attempt_at=OLD, last_error="SMTPServerDisconnected: gone")
    assert reminders.lost_ids() == [reminder.pk]

    flaky_mail.failures = MAX_RETRIES + 1  # the mail server is still down: a new round of retries, then FAILED
    app.conf.task_eager_propagates = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert requeue_lost_reminders.apply().get() == 1
    finally:
        app.conf.task_eager_propagates = True
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED  # in the outbox, with Send again
    assert "SMTPServerDisconnected" in reminder.last_error
    assert reminders.lost_ids() == []


def test_a_reminder_between_two_retries_is_not_lost():
    ReminderFactory(created_at=OLD, attempts=2, last_attempt_at=timezone.now())  # its retry has its own message
    assert reminders.lost_ids() == []


def test_the_requeue_waits_longer_than_a_retry_backs_off_and_than_a_claim_takes_to_go_stale():
    longest_backoff = min(2 ** (MAX_RETRIES - 1), dispatch_reminder.retry_backoff_max)
    assert datetime.timedelta(seconds=longest_backoff) < reminders.LOST_AFTER
    assert STALE_CLAIM <= reminders.LOST_AFTER
    # and a live claim cannot be stale: no task runs longer than its hard time limit
    assert datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) < STALE_CLAIM
