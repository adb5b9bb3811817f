"""The home page's charter items: each current charter version the business has not acknowledged yet."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from communications.reminders.registry import ACK_GRACE_DAYS, local_date
from partnerships.models import Charter, Partnership
from portal import scope
from portal.access import Ability
from portal.actions import Action, provides


@provides(Ability.ACKNOWLEDGE)
def items(request: HttpRequest) -> list[Action]:
    """One query: the current, unacknowledged versions of the business's partnerships under way, urgent once
    their week to acknowledge has passed (when the reminder goes out)."""
    today = timezone.localdate()
    charters = (
        Charter.objects.current()
        .unacknowledged()
        .filter(partnership__in=scope.partnerships(request), partnership__status__in=Partnership.ENGAGED_STATUSES)
        .select_related("partnership")
        .order_by("created_at", "pk")
    )
    due = [(charter, local_date(charter.created_at) + datetime.timedelta(days=ACK_GRACE_DAYS)) for charter in charters]
    return [
        Action(
            title=f"Acknowledge the charter of {charter.partnership.name} (version {charter.version})",
            url=reverse("portal:charter_acknowledge", args=[charter.pk]),
            detail=charter.change_note or "The school wrote a new version of your partnership's charter.",
            due_on=due_on,
            urgent=due_on < today,
        )
        for charter, due_on in due
    ]
