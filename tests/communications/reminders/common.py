"""What the reminder tests share: dates and reminders by kind."""

from __future__ import annotations

import datetime

from django.utils import timezone

from communications.models import Reminder

Kind = Reminder.Kind


TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def of_kind(kind) -> list[Reminder]:
    return list(Reminder.objects.filter(kind=kind).order_by("due_on", "pk"))
