"""The Celery tasks, the beat schedule, and pages that survive a broken broker."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from communications.models import Reminder
from communications.reminders import services as reminders
from communications.reminders.tasks import requeue_lost_reminders, sweep_reminders
from config.celery import app
from safety.models import SafetyConcern
from tests.communications.reminders.common import TODAY, Kind
from tests.communications.reminders.helpers import celery_broker
from tests.factories import (
    CoordinatorFactory,
    LogEntryFactory,
    PlacementFactory,
    ReminderFactory,
)

pytestmark = pytest.mark.django_db


# Celery: the tasks, the schedule, a broken broker ----------------------------------------------------


def test_the_sweep_task_sweeps_and_dispatches_what_is_pending(django_capture_on_commit_callbacks):
    CoordinatorFactory()
    ReminderFactory()  # pending from an earlier day
    LogEntryFactory(follow_up_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        created = sweep_reminders.apply().get()
    assert created[Kind.FOLLOW_UP_DUE] == 1
    assert not Reminder.objects.exclude(status=Reminder.Status.SENT).exists()


def test_the_beat_schedule_sweeps_at_six_and_sends_digests_at_seven():
    schedule = app.conf.beat_schedule
    sweep, digests = schedule["sweep-reminders"], schedule["send-reminder-digests"]
    assert sweep["task"] == "communications.tasks.sweep_reminders"
    assert digests["task"] == "communications.tasks.send_reminder_digests"
    assert (sweep["schedule"].hour, sweep["schedule"].minute) == ({6}, {0})
    assert (digests["schedule"].hour, digests["schedule"].minute) == ({7}, {0})
    app.loader.import_default_modules()  # what a worker loads at start: every app's and feature's tasks.py
    assert set(app.tasks) >= {
        sweep["task"],
        digests["task"],
        "communications.tasks.dispatch_reminder",
        "communications.feedback.send_feedback_request",
        "communications.thanks.deliver_thank_you",
    }
    assert app.conf.task_serializer == "json" and app.conf.task_acks_late


def test_a_page_that_queues_a_task_succeeds_with_the_broker_down(
    coordinator_client, django_capture_on_commit_callbacks, caplog
):
    placement = PlacementFactory(status="active")
    with celery_broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("safety:concern_create") + f"?placement={placement.pk}",
            {"placement": placement.pk, "severity": "high", "description": "Left alone with a stranger."},
        )

    assert response.status_code == 302
    assert SafetyConcern.objects.count() == 1
    assert "broker is unavailable" in caplog.text


def test_only_reminders_nobody_will_try_again_count_as_lost(django_capture_on_commit_callbacks):
    CoordinatorFactory()
    old = timezone.now() - reminders.LOST_AFTER
    lost = ReminderFactory(created_at=old)
    ReminderFactory(created_at=timezone.now())  # just queued: its message may still be on its way
    ReminderFactory(created_at=old, attempts=2, last_attempt_at=timezone.now())  # being retried, with its back-off
    ReminderFactory(created_at=old, status=Reminder.Status.FAILED)  # given up: a coordinator sends it again
    ReminderFactory(created_at=old, status=Reminder.Status.SENT, attempts=1)
    assert reminders.lost_ids() == [lost.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_lost_reminders.apply().get() == 1
    assert Reminder.objects.get(pk=lost.pk).status == Reminder.Status.SENT
    assert reminders.lost_ids() == []
