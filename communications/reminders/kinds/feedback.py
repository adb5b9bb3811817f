"""Surveys not answered: a reminder 7 days after the link was emailed, then 14; never a third. Only to the
survey's own address."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.signed_links import path_for
from communications.models import FeedbackRequest, Reminder
from communications.reminders.registry import (
    Due,
    Rule,
    content_type,
    local_date,
    register,
)

Kind = Reminder.Kind

FEEDBACK_REMINDER_DAYS = 7  # after the link was emailed, then twice that


def _feedback_rows(today) -> list[dict]:
    """Unanswered surveys whose link was emailed and still works: 7 days after, then 14; never a third."""
    kind_filter = Q(kind=Kind.FEEDBACK_UNANSWERED, subject_type=content_type(FeedbackRequest))
    earlier = (
        Reminder.objects.filter(kind_filter, subject_id=OuterRef("pk"))
        .order_by()
        .values("subject_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    requests = (
        FeedbackRequest.objects.filter(
            response__isnull=True,
            link__used_at__isnull=True,
            link__expires_at__gt=timezone.now(),
            link__emailed_at__isnull=False,
            reminders_sent__lt=FeedbackRequest.MAX_REMINDERS,
        )
        .exclude(recipient_email="")
        .annotate(earlier=Subquery(earlier))
        .select_related("link", "partnership")
    )
    rows = []
    for request in requests:
        nth = max(request.reminders_sent, request.earlier or 0)
        link = request.link
        if link is None or link.emailed_at is None:  # the query already leaves these out
            continue
        if nth >= FeedbackRequest.MAX_REMINDERS:
            continue
        due = local_date(link.emailed_at) + datetime.timedelta(days=FEEDBACK_REMINDER_DAYS * (nth + 1))
        if due > today:
            continue
        rows.append(
            Due(
                kind=Kind.FEEDBACK_UNANSWERED,
                subject_id=request.pk,
                due_on=due,
                partnership_id=request.partnership_id,
                title=f"A reminder: how is the partnership with {request.partnership.name} going?",
                body="We have not heard from you yet. The survey takes about three minutes.",
                url=settings.SITE_URL.rstrip("/") + path_for(link),
                external_email=request.recipient_email,
            )
        )
    return rows


def _counted(reminder: Reminder) -> None:
    """A survey is reminded at most MAX_REMINDERS times, whoever sent the reminders."""
    FeedbackRequest.objects.filter(pk=reminder.subject_id, reminders_sent__lt=FeedbackRequest.MAX_REMINDERS).update(
        reminders_sent=F("reminders_sent") + 1
    )


register(
    Rule(
        kinds=(Kind.FEEDBACK_UNANSWERED,),
        subject=FeedbackRequest,
        due=lambda today, policy: _feedback_rows(today),
        recipients=lambda reminder: [],  # the survey's address is on the row (external_email)
        emailed=_counted,
    )
)
