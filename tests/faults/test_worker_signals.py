"""A worker killed mid-task, and a worker asked to stop while messages keep arriving, lose and double nothing.

Real worker processes (tests/faults/worker_settings.py) on the Redis broker and the PostgreSQL test database,
which they share with the test: collected only when REDIS_URL and a PostgreSQL DATABASE_URL are set (CI's
second run; tests/faults/conftest.py). Emails go to files, counted by subject.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from accounts.background import STALE_CLAIM
from communications.models import Notification, Reminder
from communications.reminders.tasks import dispatch_reminder
from tests.communications.reminders.helpers import celery_broker, wait_until
from tests.factories import CoordinatorFactory, ReminderFactory
from tests.faults.helpers import HANG_DETECTOR_SECONDS

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


class Workers:
    """Start worker processes on one private queue; hold a dispatch mid-task while `hold` exists."""

    def __init__(self, tmp_path: Path) -> None:
        self.queue = f"test-faults-{os.getpid()}-{time.monotonic_ns()}"
        self.mail = tmp_path / "mail"
        self.hold, self.held = tmp_path / "hold", tmp_path / "held"
        self.hold_claimed = tmp_path / "hold-claimed"
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
            "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT']}/{db['NAME']}",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_FILE_PATH": str(self.mail),
            "FAULTS_QUEUE": self.queue,
            "FAULTS_HOLD": str(self.hold),
            "FAULTS_HELD": str(self.held),
            "FAULTS_HOLD_CLAIMED": str(self.hold_claimed),
        }
        self.started: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", self.queue]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"]
        process = subprocess.Popen(command, cwd=ROOT, env=self.env)  # noqa: S603 (our own command line)
        self.started.append(process)
        return process

    def send(self, reminder_id: int) -> None:
        with celery_broker(
            os.environ["REDIS_URL"],
            broker_transport_options={**django_settings.BROKER_TIMEOUTS, "global_keyprefix": f"{self.queue}:"},
        ):
            dispatch_reminder.apply_async(args=(reminder_id,), queue=self.queue)

    def subjects(self) -> list[str]:
        if not self.mail.exists():
            return []
        return [
            line.removeprefix("Subject: ")
            for path in sorted(self.mail.iterdir())
            for line in path.read_text().splitlines()
            if line.startswith("Subject: ")
        ]

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.fixture
def workers(tmp_path):
    pool = Workers(tmp_path)
    yield pool
    pool.hold.unlink(missing_ok=True)
    pool.hold_claimed.unlink(missing_ok=True)
    pool.stop_all()
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete(*client.scan_iter(f"{pool.queue}*"), "__no_key__")  # its queue, bindings, unacked set


def _all_sent(reminders) -> bool:
    return not Reminder.objects.filter(pk__in=[r.pk for r in reminders]).exclude(status=Reminder.Status.SENT).exists()


def test_a_worker_killed_mid_task_has_its_reminder_delivered_again_and_sent_once(workers):
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory(title="Acme: not contacted in 30 days")
    workers.hold.touch()
    first = workers.start()
    workers.send(reminder.pk)
    assert wait_until(workers.held.exists, HANG_DETECTOR_SECONDS)  # the task is running
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.PENDING
    assert workers.subjects() == []

    workers.hold.unlink()
    workers.start()  # the unacknowledged message comes back (acks late) and this worker runs it
    assert wait_until(lambda: _all_sent([reminder]), HANG_DETECTOR_SECONDS)
    assert workers.subjects() == ["Acme: not contacted in 30 days"]
    assert Reminder.objects.get(pk=reminder.pk).attempts == 2


def test_a_worker_killed_after_claiming_an_email_has_it_sent_once_when_the_claim_is_stale(workers):
    """Killed between the claim and the mail server: before, the email was claimed for ever and never sent. The
    message comes back (acks late) once the claim has gone stale (production's visibility timeout, an hour, is
    longer than STALE_CLAIM) and the worker that takes it sends the email, once."""
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory(title="Acme: not contacted in 30 days")
    workers.hold_claimed.touch()
    first = workers.start()
    workers.send(reminder.pk)
    assert wait_until(workers.held.exists, HANG_DETECTOR_SECONDS)  # the email is claimed, not sent
    first.send_signal(signal.SIGKILL)
    first.wait()
    claim = Notification.objects.filter(reminder=reminder)
    assert claim.filter(email_claimed_at__isnull=False, emailed_at__isnull=True).exists()
    assert workers.subjects() == []

    claim.update(email_claimed_at=timezone.now() - STALE_CLAIM)  # time passes: nobody is sending it
    workers.hold_claimed.unlink()
    workers.start()
    assert wait_until(lambda: _all_sent([reminder]), HANG_DETECTOR_SECONDS)
    assert workers.subjects() == ["Acme: not contacted in 30 days"]
    assert claim.get().emailed_at is not None


def test_a_worker_stops_cleanly_on_sigterm_while_messages_arrive(workers):
    CoordinatorFactory(email="cora@example.test")
    reminders = [ReminderFactory(title=f"Reminder {n}") for n in range(4)]
    workers.hold.touch()
    worker = workers.start()
    workers.send(reminders[0].pk)
    assert wait_until(workers.held.exists, HANG_DETECTOR_SECONDS)
    worker.send_signal(signal.SIGTERM)  # warm shutdown: finish the task in hand, take no new one
    for reminder in reminders[1:]:
        workers.send(reminder.pk)
    workers.hold.unlink()
    assert worker.wait(HANG_DETECTOR_SECONDS) == 0
    assert Reminder.objects.get(pk=reminders[0].pk).status == Reminder.Status.SENT  # the one in flight finished

    workers.start()  # what arrived meanwhile waited in the queue
    assert wait_until(lambda: _all_sent(reminders), HANG_DETECTOR_SECONDS)
    assert sorted(workers.subjects()) == [f"Reminder {n}" for n in range(4)]
