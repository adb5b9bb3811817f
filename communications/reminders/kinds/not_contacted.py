"""Partners not contacted within the policy's cadence. To the school side."""

from __future__ import annotations

import datetime

from django.urls import reverse

from communications.log.services import partnerships_not_contacted
from communications.models import Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    local_date,
    register,
)
from partnerships.models import Partnership

Kind = Reminder.Kind


def _not_contacted_rows(today, policy) -> list[dict]:
    days = policy.partner_check_in_days
    rows = []
    values = partnerships_not_contacted(today, days).values_list(
        "pk", "name", "last_contacted_at", "start_date", "created_at"
    )
    for pk, name, last_contacted_at, start_date, created_at in values:
        since = local_date(last_contacted_at) if last_contacted_at else (start_date or local_date(created_at))
        due = since + datetime.timedelta(days=days)
        if due > today:  # a new partnership, not yet silent for that long
            continue
        rows.append(
            Due(
                kind=Kind.NOT_CONTACTED,
                subject_id=pk,
                due_on=due,
                partnership_id=pk,
                title=f"{name}: not contacted in {days} days",
                body=f"Contact each partner at least every {days} days, then log the contact.",
            )
        )
    return rows


def _link(pk: int) -> str:
    return reverse("partnerships:detail", args=[pk])


register(Rule(link=_link, kinds=(Kind.NOT_CONTACTED,), subject=Partnership, due=_not_contacted_rows))
