"""A charter version not acknowledged by the business a week after it was published. To the business's
portal users (or, without any, its primary contact by email)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from communications.models import Reminder
from communications.reminders.registry import (
    ACK_GRACE_DAYS,
    PORTAL_HOME,
    Due,
    Rule,
    business_fallback_emails,
    local_date,
    register,
)
from partnerships.models import Charter, Partnership

Kind = Reminder.Kind


def _charter_rows(today) -> list[dict]:
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=ACK_GRACE_DAYS), datetime.time.max)
    )
    charters = list(
        Charter.objects.current()
        .unacknowledged()
        .filter(partnership__status__in=Partnership.ENGAGED_STATUSES, created_at__lte=cutoff)
        .values_list("pk", "version", "created_at", "partnership_id", "partnership__name", "partnership__business_id")
    )
    emails = business_fallback_emails({row[5] for row in charters}, today)
    return [
        Due(
            kind=Kind.CHARTER_ACK_PENDING,
            subject_id=pk,
            due_on=local_date(created_at) + datetime.timedelta(days=ACK_GRACE_DAYS),
            partnership_id=partnership_id,
            title=f"Please acknowledge the charter of {name} (version {version})",
            body="The school published a new version of your partnership's charter. Read and acknowledge it.",
            url=PORTAL_HOME,
            external_email=emails.get(business_id, ""),
        )
        for pk, version, created_at, partnership_id, name, business_id in charters
    ]


def _business_users(reminder: Reminder) -> list:
    business = Partnership.objects.filter(charters__pk=reminder.subject_id).values("business_id")
    users = get_user_model().objects.filter(is_active=True, memberships__organization_id__in=business)
    return list(users.distinct())


register(
    Rule(
        kinds=(Kind.CHARTER_ACK_PENDING,),
        subject=Charter,
        due=lambda today, policy: _charter_rows(today),
        recipients=_business_users,
        for_partners=True,
    )
)
