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
from tests.communications.reminders.helpers import celery_broker
from tests.factories import CoordinatorFactory, ReminderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _broker(tmp_path) -> tuple[str, dict]:
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return redis_url, {"broker_transport_options": {"socket_timeout": 5, "socket_connect_timeout": 5}}
    queue, processed = tmp_path / "queue", tmp_path / "processed"
    queue.mkdir()
    processed.mkdir()
    options = {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    return "filesystem://", {"broker_transport_options": options}


def _wait_until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_queued_dispatch_is_sent_once_by_a_real_worker(tmp_path):
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory()
    url, conf = _broker(tmp_path)
    queue = f"test-reminders-{os.getpid()}-{time.monotonic_ns()}"  # never shared with a real worker

    with (
        celery_broker(url, task_default_queue=queue, worker_hijack_root_logger=False, **conf) as app,
        start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue], loglevel="WARNING"),
    ):
        dispatch_reminder.apply_async(args=[reminder.pk], queue=queue)
        dispatch_reminder.apply_async(args=[reminder.pk], queue=queue)  # a duplicate delivery
        assert _wait_until(lambda: Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT)
        assert _wait_until(lambda: Reminder.objects.get(pk=reminder.pk).attempts >= 1)
        time.sleep(1)  # let the duplicate run too

    assert [email.to for email in mail.outbox] == [["cora@example.test"]]
    assert Reminder.objects.get(pk=reminder.pk).sent_at is not None
