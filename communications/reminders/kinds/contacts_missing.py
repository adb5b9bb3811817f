"""Live partnerships without a primary point of contact on a side, weekly. To the school side."""

from __future__ import annotations

import datetime

from django.urls import reverse

from communications.models import Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    register,
)
from partnerships.models import Partnership, Side

Kind = Reminder.Kind


def _contact_missing_rows(today) -> list[dict]:
    monday = today - datetime.timedelta(days=today.weekday())
    rows = []
    values = Partnership.objects.missing_primary_contact().values_list(
        "pk", "name", "has_school_primary", "has_business_primary"
    )
    for pk, name, has_school, has_business in values:
        sides = [side for side, has in ((Side.SCHOOL, has_school), (Side.BUSINESS, has_business)) if not has]
        rows.append(
            Due(
                kind=Kind.CONTACT_MISSING,
                subject_id=pk,
                due_on=monday,
                partnership_id=pk,
                title=f"{name}: no primary point of contact on the {' and '.join(sides)} side",
                body="Every live partnership needs a primary point of contact on both sides. Name one.",
            )
        )
    return rows


def _link(pk: int) -> str:
    return reverse("partnerships:detail", args=[pk])


register(
    Rule(
        link=_link,
        kinds=(Kind.CONTACT_MISSING,),
        subject=Partnership,
        due=lambda today, policy: _contact_missing_rows(today),
    )
)
