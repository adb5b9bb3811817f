"""A real Celery worker (in this process) consumes a queued dispatch_reminder and sends it once.

The broker is Redis at REDIS_URL when it is set (CI sets it), else kombu's filesystem broker in a
temporary folder: the test always runs.
"""

from __future__ import annotations

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from communications.models import Reminder
from communications.reminders.tasks import dispatch_reminder
from tests.communications.reminders.helpers import celery_broker, wait_until, worker_broker
from tests.factories import CoordinatorFactory, ReminderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_queued_dispatch_is_sent_once_by_a_real_worker(tmp_path):
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory()
    url, conf = worker_broker(tmp_path)
    queue = f"test-reminders-{os.getpid()}-{time.monotonic_ns()}"  # never shared with a real worker

    with (
        celery_broker(url, task_default_queue=queue, worker_hijack_root_logger=False, **conf) as app,
        start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue], loglevel="WARNING"),
    ):
        dispatch_reminder.apply_async(args=[reminder.pk], queue=queue)
        dispatch_reminder.apply_async(args=[reminder.pk], queue=queue)  # a duplicate delivery
        assert wait_until(lambda: Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT)
        assert wait_until(lambda: Reminder.objects.get(pk=reminder.pk).attempts >= 1)
        time.sleep(1)  # let the duplicate run too

    assert [email.to for email in mail.outbox] == [["cora@example.test"]]
    assert Reminder.objects.get(pk=reminder.pk).sent_at is not None
