"""Site visits due this grading period. To the school side."""

from __future__ import annotations

from django.urls import reverse

from communications.models import Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    register,
    short,
)
from partnerships.models import Partnership
from safety import cadence

Kind = Reminder.Kind


def _site_visit_rows(today, policy) -> list[dict]:
    partnerships, period = cadence.sites_due_visit(today, policy)
    if period is None:
        return []
    return [
        Due(
            kind=Kind.SITE_VISIT_DUE,
            subject_id=pk,
            due_on=period.end_date,
            partnership_id=pk,
            title=f"Site visit to {name} due by {short(period.end_date)}",
            body=f"{period.name} needs {policy.site_visits_per_period} completed site visit(s) with students there.",
        )
        for pk, name in partnerships.values_list("pk", "name")
    ]


def _link(pk: int) -> str:
    return reverse("partnerships:detail", args=[pk])


register(Rule(link=_link, kinds=(Kind.SITE_VISIT_DUE,), subject=Partnership, due=_site_visit_rows))
