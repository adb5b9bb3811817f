"""Tell the school side at once that a partner did something (communications.reminders.kinds.events)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from accounts.background import send_after_commit
from communications.models import Reminder
from communications.reminders import registry
from communications.reminders.tasks import dispatch_reminder


def notify(
    *, kind: str, subject: models.Model, title: str, url: str, body: str = "", partnership_id: int | None = None
) -> Reminder:
    """A notice about `subject`, made once a day however often it is asked for, and sent once the current
    transaction commits (a broken broker loses nothing: the daily sweep queues every unsent reminder).

    `title` goes into an email subject: never a student's full name.
    """
    registry.rule_for(kind)  # only kinds with a rule: its recipients are who gets it
    reminder, _ = Reminder.objects.get_or_create(
        kind=kind,
        subject_type=registry.content_type(subject),
        subject_id=subject.pk,
        due_on=timezone.localdate(),
        defaults={"title": title[:300], "body": body, "url": url, "partnership_id": partnership_id},
    )
    if reminder.status == Reminder.Status.PENDING:
        send_after_commit(dispatch_reminder, reminder.pk)
    return reminder
