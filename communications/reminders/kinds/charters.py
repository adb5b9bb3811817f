"""A charter version not acknowledged by the business a week after it was published. To the business's
partner administrators (or, without any, its primary contact by email), linking to the portal page where
that version is acknowledged."""

from __future__ import annotations

import datetime
from functools import partial

from django.urls import reverse
from django.utils import timezone

from communications.models import Reminder
from communications.reminders.registry import (
    ACK_GRACE_DAYS,
    Due,
    Rule,
    business_admins,
    business_fallback_emails,
    local_date,
    portal_url,
    register,
)
from partnerships.models import Charter, Partnership

Kind = Reminder.Kind


def acknowledge_url(charter_id: int, business_id: int) -> str:
    """The portal page where the business acknowledges that charter version."""
    return portal_url(reverse("portal:charter_acknowledge", args=[charter_id]), business_id)


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
            # Its own address (not a Rule.link, which knows only the charter): the page is the business's.
            url=partial(acknowledge_url, pk, business_id),
            external_email=emails.get(business_id, ""),
        )
        for pk, version, created_at, partnership_id, name, business_id in charters
    ]


def _business_users(reminder: Reminder) -> list:
    business = Partnership.objects.filter(charters__pk=reminder.subject_id).values_list("business_id", flat=True)
    return list(business_admins(business))


register(
    Rule(
        kinds=(Kind.CHARTER_ACK_PENDING,),
        subject=Charter,
        due=lambda today, policy: _charter_rows(today),
        recipients=_business_users,
        for_partners=True,
    )
)
