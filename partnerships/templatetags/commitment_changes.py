"""How a proposed change to a commitment reads, the same on the staff partnership page, the portal and the
notice to the school side; and the changes waiting for a coordinator on a partnership (one query)."""

from __future__ import annotations

import datetime

from django import template
from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.utils.dateformat import format as format_date

from partnerships.models import CommitmentChange, Partnership

register = template.Library()


def _day(value: datetime.date | None) -> str:
    return format_date(value, "j M Y") if value else "no end date"


@register.filter
def change_lines(change: CommitmentChange) -> list[str]:
    """What the change asks for, one line per field; while it waits, each line says what it is now."""
    commitment = change.commitment
    waiting = change.status == CommitmentChange.Status.PROPOSED
    lines = []
    if change.description:
        now = f" (now “{commitment.description}”)" if waiting else ""
        lines.append(f"Description: “{change.description}”{now}")
    if change.amount is not None:
        now = f" (now {floatformat(commitment.amount, -2)})" if waiting else ""
        lines.append(f"Amount: {floatformat(change.amount, -2)} {commitment.unit}{now}")
    if change.period_end is not None:
        now = f" (now {_day(commitment.period_end)})" if waiting else ""
        lines.append(f"End of the period: {_day(change.period_end)}{now}")
    return lines


@register.simple_tag
def waiting_changes(partnership: Partnership) -> QuerySet[CommitmentChange]:
    """The proposals on this partnership's commitments that wait for a coordinator, oldest first."""
    return (
        CommitmentChange.objects.filter(commitment__partnership=partnership, status=CommitmentChange.Status.PROPOSED)
        .select_related("commitment", "proposed_by")
        .order_by("proposed_at", "pk")
    )
