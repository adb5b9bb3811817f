"""Named reads of the outbox and of the emails the communications app queues (see core.requeue): what is still
waiting to be sent, by the field that marks it sent. They read the model's own choices through `self.model`, so
this module imports no model."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.requeue import queued_between


class ReminderQuerySet(models.QuerySet[Any]):
    def lost(self, before: datetime.datetime, since: datetime.datetime | None = None) -> ReminderQuerySet:
        """Reminders still waiting to be sent whose work stopped: never tried since they were created (their
        message never reached a worker), or tried and left waiting, their last attempt at or before `before`
        (retries cut short: `mark_failed` could not write, the worker died, another worker's claim went stale).
        A reminder being retried has a recent attempt and its own message, so it is not among them."""
        Status = self.model.Status
        never_tried = Q(attempts=0, created_at__lte=before)
        stopped = Q(attempts__gt=0) & (Q(last_attempt_at__lte=before) | Q(last_attempt_at__isnull=True))
        rows = self.filter(never_tried | stopped, status=Status.PENDING)
        return rows if since is None else rows.filter(created_at__gte=since)


class FeedbackRequestQuerySet(models.QuerySet[Any]):
    def email_waiting(
        self, before: datetime.datetime, since: datetime.datetime | None = None
    ) -> FeedbackRequestQuerySet:
        """Surveys opened in that span whose link was never emailed and still works (the task emails those)."""
        now = timezone.now()
        rows = self.exclude(recipient_email="").filter(
            link__emailed_at__isnull=True, link__used_at__isnull=True, link__expires_at__gt=now
        )
        return queued_between(rows, "created_at", before, since)


class ThankYouNoteQuerySet(models.QuerySet[Any]):
    def delivery_waiting(
        self, before: datetime.datetime, since: datetime.datetime | None = None
    ) -> ThankYouNoteQuerySet:
        """Notes approved in that span and not yet emailed to the partner."""
        rows = self.filter(status=self.model.Status.APPROVED, delivered_at__isnull=True)
        return queued_between(rows, "reviewed_at", before, since)
