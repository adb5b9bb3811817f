"""Which surveys a person answers in the portal: those addressed to them (the survey's contact is their
account) at the chosen organization, partner surveys and the mentor surveys of placements they mentor.
Students' surveys are never here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from communications.models import FeedbackRequest
from portal import scope

Audience = FeedbackRequest.Audience


def mine(request: HttpRequest) -> QuerySet[FeedbackRequest]:
    """Every survey addressed to the signed-in person here, answered or not."""
    return FeedbackRequest.objects.filter(
        Q(audience=Audience.PARTNER) | Q(audience=Audience.MENTOR, placement__in=scope.mentored(request)),
        partnership__business=request.organization,  # type: ignore[attr-defined]
        contact__organization=request.organization,  # type: ignore[attr-defined]
        contact__user=cast(User, request.user),  # signed in: the portal's middleware saw to it
    )


def open_surveys(request: HttpRequest) -> QuerySet[FeedbackRequest]:
    """Those still to answer: no answer yet, and a link that is neither used nor expired (answered once,
    here or through the emailed link)."""
    return mine(request).filter(
        response__isnull=True, link__isnull=False, link__used_at__isnull=True, link__expires_at__gt=timezone.now()
    )


def for_page(surveys: QuerySet[FeedbackRequest]) -> QuerySet[FeedbackRequest]:
    return surveys.select_related(
        "partnership__school", "partnership__business", "placement__student", "link", "response"
    ).order_by("link__expires_at", "pk")


@dataclass(frozen=True)
class SurveyRow:
    """A survey as the portal shows it: never the Student, only the name a host may see."""

    pk: int
    audience: str
    heading: str  # what it is about, without a student's name
    question: str  # the survey's opening question
    school: str
    student_name: str  # preferred first name and last initial, mentor surveys only
    closes_on: datetime.date | None


def heading(survey: FeedbackRequest) -> str:
    """What a survey is about, in words without a student's name (fit for the home page's list)."""
    if survey.audience == Audience.MENTOR:
        return f"Mentor survey, {survey.get_occasion_display().lower()}"
    return f"Partner survey{f', {survey.period}' if survey.period else ''}"


def closes_on(survey: FeedbackRequest) -> datetime.date | None:
    return timezone.localdate(survey.link.expires_at) if survey.link is not None else None


def row(survey: FeedbackRequest) -> SurveyRow:
    """From a survey of `for_page`."""
    school = survey.partnership.school.name
    end = " now that it is over" if survey.occasion == FeedbackRequest.Occasion.END else ""
    name = ""
    if survey.audience == Audience.MENTOR and survey.placement is not None:
        name = survey.placement.student.partner_name
        business = survey.partnership.business.name
        question = f"Thank you for mentoring {name} at {business}. How is the placement going{end}?"
    else:
        term = f" in {survey.period}" if survey.period else ""
        question = f"How did the partnership between {survey.partnership.business.name} and {school} go{term}?"
    return SurveyRow(survey.pk, survey.audience, heading(survey), question, school, name, closes_on(survey))
