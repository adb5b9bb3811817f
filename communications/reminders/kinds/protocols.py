"""The district's current safety protocols not acknowledged by an engaged business a week after they took
effect. To the business's partner administrators (or, without any, its primary contact by email), linking
to the portal page where they are acknowledged."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.urls import reverse

from communications.models import Reminder
from communications.reminders.registry import (
    ACK_GRACE_DAYS,
    Due,
    Rule,
    business_admins,
    business_fallback_emails,
    portal_url,
    register,
)
from partnerships.models import Organization, Partnership
from safety.models import ProtocolAcknowledgment, SafetyProtocol

Kind = Reminder.Kind


def _protocol_rows(today) -> list[dict]:
    current = dict(SafetyProtocol.objects.current(today).values_list("pk", "effective_on"))
    if not current:
        return []
    businesses = dict(
        Organization.objects.filter(
            kind=Organization.Kind.BUSINESS, business_partnerships__status__in=Partnership.ENGAGED_STATUSES
        )
        .distinct()
        .values_list("pk", "name")
    )
    acknowledged = defaultdict(set)
    for organization_id, protocol_id in ProtocolAcknowledgment.objects.filter(
        organization_id__in=businesses, protocol_id__in=current
    ).values_list("organization_id", "protocol_id"):
        acknowledged[organization_id].add(protocol_id)
    pending = {}
    for business_id in businesses:
        missing = [day for pk, day in current.items() if pk not in acknowledged[business_id]]
        if missing and max(missing) + datetime.timedelta(days=ACK_GRACE_DAYS) <= today:
            pending[business_id] = max(missing) + datetime.timedelta(days=ACK_GRACE_DAYS)
    emails = business_fallback_emails(pending, today)
    return [
        Due(
            kind=Kind.PROTOCOL_ACK_PENDING,
            subject_id=business_id,
            due_on=due,
            title=f"{businesses[business_id]}: please acknowledge the district's safety protocols",
            body="Students can only be placed with you once the current safety protocols are acknowledged.",
            external_email=emails.get(business_id, ""),
        )
        for business_id, due in pending.items()
    ]


def _organization_users(reminder: Reminder) -> list:
    return list(business_admins([reminder.subject_id]))


def _link(business_id: int) -> str:
    return portal_url(reverse("portal:protocols_acknowledge"), business_id)


register(
    Rule(
        link=_link,
        kinds=(Kind.PROTOCOL_ACK_PENDING,),
        subject=Organization,
        due=lambda today, policy: _protocol_rows(today),
        recipients=_organization_users,
        for_partners=True,
    )
)
