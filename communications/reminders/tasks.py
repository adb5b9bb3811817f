"""Background work for reminders. Tasks take ids, call communications.reminders.services, and are safe to repeat.

Beat (config/celery.py) runs `sweep_reminders` daily at 06:00, `send_reminder_digests` at 07:00, and the
requeue (accounts.tasks.requeue_lost_work) every few minutes: the outbox rows are the truth, so a message lost
while the broker was down (the page or sweep that queued it logged and carried on), or a reminder whose
retries stopped without an end, is queued again (`Reminder.objects.lost`, registered in communications/apps.py).
"""

from __future__ import annotations

import logging
from smtplib import SMTPException
from typing import Any

from billiard.einfo import ExceptionInfo
from celery import Task, shared_task
from django.db import InterfaceError, OperationalError, transaction

from accounts.background import send_after_commit
from communications.models import Reminder
from communications.reminders import services as reminders
from core import requeue

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


class ReminderTask(Task):
    """After the last retry fails, the reminder is marked FAILED with the error, for the outbox page."""

    def on_failure(
        self, exc: Exception, task_id: str, args: tuple[Any, ...], kwargs: dict[str, Any], einfo: ExceptionInfo
    ) -> None:
        reminder_id = args[0] if args else kwargs.get("reminder_id")
        if reminder_id is not None:
            reminders.mark_failed(reminder_id, exc)
        super().on_failure(exc, task_id, args, kwargs, einfo)


# Each keeps the name it had before the move into this package: beat and queued messages know it by it.
@shared_task(name="communications.tasks.sweep_reminders")
def sweep_reminders() -> dict[str, int]:
    """Create what is due today, then queue a dispatch for every reminder still waiting to be sent."""
    created = reminders.sweep()
    for reminder_id in reminders.pending_ids():
        send_after_commit(dispatch_reminder, reminder_id)
    return created


@shared_task(name="communications.tasks.requeue_lost_reminders")
def requeue_lost_reminders() -> int:
    """What beat ran before accounts.tasks.requeue_lost_work, kept for a message already queued under this
    name (or an old beat's schedule): it does the same, every kind. Returns how many were queued again."""
    return sum(requeue.run(send=send_after_commit).values())


# The mail server or the database away for a moment: try again later (with back-off), then give up as FAILED.
TRANSIENT = (OSError, SMTPException, OperationalError, InterfaceError)


@shared_task(
    name="communications.tasks.dispatch_reminder",
    base=ReminderTask,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=3600,
    max_retries=MAX_RETRIES,
)
def dispatch_reminder(reminder_id: int) -> int:
    """Send one reminder; a retry or a second delivery sends nothing twice."""
    return reminders.dispatch(reminder_id)


@shared_task(
    name="communications.tasks.send_reminder_digests",
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    max_retries=3,
)
def send_reminder_digests() -> int:
    return reminders.send_digests()


def retry_reminder(reminder: Reminder) -> None:
    """A coordinator's "Send again": the reminder waits to be sent (services.reminder_retry) and is queued
    once that commits."""
    with transaction.atomic():
        reminders.reminder_retry(reminder=reminder)
        send_after_commit(dispatch_reminder, reminder.pk)
