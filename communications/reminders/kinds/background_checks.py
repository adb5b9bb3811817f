"""Background checks expiring (60, 30 and 7 days before) or expired recently. To the safety lead."""

from __future__ import annotations

import datetime

from django.urls import reverse

from communications.models import Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    active_coordinators,
    register,
    short,
)
from safety.models import BackgroundCheck, SafetyPolicy

Kind = Reminder.Kind

EXPIRY_NOTICES = (60, 30, 7)  # days before a background check expires
EXPIRED_WINDOW_DAYS = 30


def _check_rows(today) -> list[dict]:
    """Each active contact's latest live check: expiring (60, 30 and 7 days before) or expired recently."""
    rows = []
    latest = BackgroundCheck.objects.latest_per_contact().filter(
        contact__active=True,
        status__in=[BackgroundCheck.Status.CLEARED, BackgroundCheck.Status.EXPIRED],
        expires_on__gte=today - datetime.timedelta(days=EXPIRED_WINDOW_DAYS),
        expires_on__lte=today + datetime.timedelta(days=max(EXPIRY_NOTICES)),
    )
    values = latest.values_list("pk", "status", "expires_on", "contact__first_name", "contact__last_name")
    for pk, status, expires_on, first, last in values:
        person = f"{first} {last}".strip()
        if expires_on < today:
            rows.append(
                Due(
                    kind=Kind.CHECK_EXPIRED,
                    subject_id=pk,
                    due_on=expires_on,
                    title=f"Background check of {person} expired on {short(expires_on)}",
                    body="They may not work with students until a new check is cleared.",
                )
            )
        elif status == BackgroundCheck.Status.CLEARED:
            # The latest notice date that has come: 7 days before if so, else 30, else 60.
            days_left = (expires_on - today).days
            notice = min(n for n in EXPIRY_NOTICES if n >= days_left)
            rows.append(
                Due(
                    kind=Kind.CHECK_EXPIRING,
                    subject_id=pk,
                    due_on=expires_on - datetime.timedelta(days=notice),
                    title=f"Background check of {person} expires on {short(expires_on)}",
                    body="Start the renewal so they can keep working with students.",
                )
            )
    return rows


def _safety_lead(reminder: Reminder) -> list:
    lead = SafetyPolicy.current().safety_lead
    return [lead] if lead is not None and lead.is_active else list(active_coordinators())


def _link(pk: int) -> str:
    return reverse("safety:check_edit", args=[pk])


register(
    Rule(
        link=_link,
        kinds=(Kind.CHECK_EXPIRING, Kind.CHECK_EXPIRED),
        subject=BackgroundCheck,
        due=lambda today, policy: _check_rows(today),
        recipients=_safety_lead,
    )
)
