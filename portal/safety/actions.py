"""The home page's safety items: the current protocols the business has not acknowledged, and (for partner
administrators) staff whose background check is waiting, expiring or expired."""

from __future__ import annotations

import datetime

from django.db.models import Count, Max, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.templatetags.ui import relative_day
from communications.reminders.registry import ACK_GRACE_DAYS
from core.history import day_in_words
from portal.access import Ability
from portal.actions import Action, provides
from portal.safety.protocols import outstanding
from safety.models import BackgroundCheck, SafetyPolicy

Status = BackgroundCheck.Status


@provides(Ability.ACKNOWLEDGE)
def protocol_items(request: HttpRequest) -> list[Action]:
    """One query: how many current protocols wait for the business's acknowledgment, and since when."""
    waiting = outstanding(request.organization).order_by().aggregate(count=Count("pk"), since=Max("effective_on"))  # type: ignore[attr-defined]
    if not waiting["count"]:
        return []
    count = waiting["count"]
    return [
        Action(
            title=f"Acknowledge the district's safety protocols ({count} to read)",
            url=reverse("portal:protocols_acknowledge"),
            detail="Students can only be placed with you once the current safety protocols are acknowledged.",
            due_on=waiting["since"] + datetime.timedelta(days=ACK_GRACE_DAYS),
        )
    ]


def _check_action(check: BackgroundCheck, today: datetime.date) -> Action:
    name = check.contact.full_name
    if check.status in BackgroundCheck.WAITING_STATUSES:
        asked = f"Asked for on {day_in_words(check.requested_on)}. " if check.requested_on else ""
        return Action(
            title=f"Background check of {name}: waiting for the result",
            url=reverse("portal:staff_checks") + f"#contact-{check.contact_id}",
            detail=f"{asked}Make sure they complete the provider's forms; the district records the result.",
        )
    ask = reverse("portal:check_request") + f"?contact={check.contact_id}"
    expires = check.expires_on
    if expires is None or expires < today:
        return Action(
            title=f"{name}'s background check has expired: ask for a new one",
            url=ask,
            detail="They may not work with students until a new check is cleared.",
            due_on=expires,
            urgent=True,
        )
    return Action(
        title=f"Ask for a renewal of {name}'s background check",
        url=ask,
        detail=f"It expires on {day_in_words(expires)} ({relative_day(expires)}).",
        due_on=expires,
    )


@provides(Ability.STAFF_CHECKS)
def check_items(request: HttpRequest) -> list[Action]:
    """Two queries (the policy, the checks): each active person's latest check when it is waiting, expires
    within the renewal window or has expired. A renewal asked for becomes the latest check, so the
    expiring item gives way to a waiting one, which goes once the district records the result."""
    today = timezone.localdate()
    window = SafetyPolicy.current().renewal_window_days
    checks = (
        BackgroundCheck.objects.latest_per_contact()
        .filter(contact__organization=request.organization, contact__active=True)  # type: ignore[attr-defined]
        .filter(
            Q(status__in=BackgroundCheck.WAITING_STATUSES)
            | Q(status=Status.CLEARED, expires_on__lte=today + datetime.timedelta(days=window))
            | Q(status=Status.EXPIRED)
        )
        .select_related("contact")
        .order_by("expires_on", "pk")
    )
    return [_check_action(check, today) for check in checks]
