"""Follow-ups promised in the log, due or late (for 30 days). To whoever logged the contact."""

from __future__ import annotations

import datetime

from django.urls import reverse

from communications.models import LogEntry, Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    register,
    short,
)

Kind = Reminder.Kind

FOLLOW_UP_WINDOW_DAYS = 30


def _follow_up_rows(today) -> list[dict]:
    entries = LogEntry.objects.live().filter(
        follow_up_done=False,
        follow_up_on__range=(today - datetime.timedelta(days=FOLLOW_UP_WINDOW_DAYS), today),
    )
    return [
        Due(
            kind=Kind.FOLLOW_UP_DUE,
            subject_id=pk,
            due_on=follow_up_on,
            partnership_id=partnership_id,
            title=f"Follow up with {business} by {short(follow_up_on)}",
            body=summary[:300],
        )
        for pk, partnership_id, follow_up_on, business, summary in entries.values_list(
            "pk", "partnership_id", "follow_up_on", "partnership__business__name", "summary"
        )
        if follow_up_on is not None  # always, inside the range; said for the type checker
    ]


def _who_logged_it(reminder: Reminder) -> list:
    entry = LogEntry.objects.select_related("logged_by").filter(pk=reminder.subject_id).first()
    return [entry.logged_by] if entry is not None and entry.logged_by.is_active else []


def _link(pk: int) -> str:
    return reverse("communications:log_edit", args=[pk])


register(
    Rule(
        link=_link,
        kinds=(Kind.FOLLOW_UP_DUE,),
        subject=LogEntry,
        due=lambda today, policy: _follow_up_rows(today),
        recipients=_who_logged_it,
    )
)
