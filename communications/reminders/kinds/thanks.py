"""Thank-you notes prompted at a milestone, waiting for a student to be asked. To the school side."""

from __future__ import annotations

from django.urls import reverse

from communications.models import Reminder, ThankYouNote
from communications.reminders.registry import (
    Due,
    Rule,
    register,
)

Kind = Reminder.Kind


def _thank_you_rows(today) -> list[dict]:
    notes = ThankYouNote.objects.filter(status=ThankYouNote.Status.PROMPTED, milestone_on__lte=today)
    return [
        Due(
            kind=Kind.THANK_YOU_PROMPT,
            subject_id=pk,
            due_on=milestone_on,
            partnership_id=partnership_id,
            title=f"Time to thank {business}: {ThankYouNote.Milestone(milestone).label.lower()}",
            body="Invite a student to write a thank-you note.",
        )
        for pk, partnership_id, milestone_on, milestone, business in notes.values_list(
            "pk", "partnership_id", "milestone_on", "milestone", "partnership__business__name"
        )
    ]


def _link(pk: int) -> str:
    return reverse("communications:thanks_detail", args=[pk])


register(
    Rule(
        link=_link,
        kinds=(Kind.THANK_YOU_PROMPT,),
        subject=ThankYouNote,
        due=lambda today, policy: _thank_you_rows(today),
    )
)
