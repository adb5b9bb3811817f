"""Check-ins with students on placement: due within two days, or overdue. To the placement's school supervisor."""

from __future__ import annotations

import datetime

from django.urls import reverse

from communications.models import Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    register,
    school_people,
    short,
    student_name,
)
from safety import cadence
from students.models import Placement

Kind = Reminder.Kind

CHECK_IN_LOOKAHEAD_DAYS = 2


def _check_in_rows(today, policy) -> list[dict]:
    placements = cadence.check_ins_due(Placement.objects.all(), today, policy, within_days=CHECK_IN_LOOKAHEAD_DAYS)
    rows = []
    values = placements.values_list(
        "pk",
        "partnership_id",
        "check_in_since",
        "check_in_every_days",
        "student__legal_first_name",
        "student__preferred_first_name",
        "student__last_name",
        "partnership__business__name",
    )
    for pk, partnership_id, since, every, first, preferred, last, business in values:
        due = since + datetime.timedelta(days=every or policy.student_check_in_days)
        student = student_name(first, preferred, last)
        if due < today:
            kind, title = Kind.CHECK_IN_OVERDUE, f"Check-in with {student} at {business} overdue since {short(due)}"
        elif due <= today + datetime.timedelta(days=CHECK_IN_LOOKAHEAD_DAYS):
            kind, title = Kind.CHECK_IN_DUE, f"Check-in with {student} at {business} due {short(due)}"
        else:
            continue
        rows.append(
            Due(
                kind=kind,
                subject_id=pk,
                due_on=due,
                partnership_id=partnership_id,
                title=title,
                body="Check in with the student and record it on the placement.",
            )
        )
    return rows


def _supervisor(reminder: Reminder) -> list:
    placement = Placement.objects.select_related("supervisor").filter(pk=reminder.subject_id).first()
    if placement is not None and placement.supervisor and placement.supervisor.is_active:
        return [placement.supervisor]
    return school_people(reminder.partnership_id)


def _link(pk: int) -> str:
    return reverse("students:placement_detail", args=[pk])


register(
    Rule(
        link=_link,
        kinds=(Kind.CHECK_IN_DUE, Kind.CHECK_IN_OVERDUE),
        subject=Placement,
        due=_check_in_rows,
        recipients=_supervisor,
    )
)
