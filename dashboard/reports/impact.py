"""The partner impact report: what a partnership (or a business across its partnerships) achieved in a
period. Named reads, a fixed number of queries whatever the size (each figure one query in the database,
scoped to the partnership or the business, never the district).

Students are named as partners see them (preferred first name and last initial, `Student.partner_name`),
never by legal name, date of birth or anything else on their record: the report is printed for the partner.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from communications.feedback.selectors import feedback_summary
from communications.models import FeedbackRequest, LogEntry, SuccessStory, ThankYouNote
from partnerships.models import Commitment, Organization, Partnership
from students.models import Placement, Rating

Channel = LogEntry.Channel


@dataclass
class Period:
    start: datetime.date
    end: datetime.date  # included

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes: from the start's midnight to the midnight after the end (excluded)."""
        begin = datetime.datetime.combine(self.start, datetime.time())
        after = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(begin), timezone.make_aware(after)


@dataclass
class Impact:
    """The report's figures. `events` are (channel label, count) for channels with any."""

    period: Period
    partnerships: list[Partnership]
    placements: list[Placement]
    students_served: int
    hours: Decimal
    events: list[tuple[str, int]]
    events_total: int
    skills: list[dict[str, Any]]
    surveys: dict[str, Any]
    stories: list[SuccessStory]
    thanks: list[ThankYouNote]
    thanks_delivered: int
    commitments: list[Commitment]
    commitments_kept: int


def _events(period: Period | None) -> dict[str, Any]:
    """Per channel, the partnership's log entries in the period (live ones), as subqueries on the
    partnership row: one query for the partnerships and their events together. None without a period."""
    if period is None:
        return {}
    begin, after = period.bounds
    annotations = {}
    for channel in Channel.values:
        entries = (
            LogEntry.objects.live()
            .filter(partnership=OuterRef("pk"), channel=channel, occurred_at__gte=begin, occurred_at__lt=after)
            .order_by()
            .values("partnership")
            .annotate(n=Count("pk"))
            .values("n")
        )
        annotations[f"events_{channel}"] = Coalesce(Subquery(entries[:1]), Value(0), output_field=IntegerField())
    return annotations


def partnership_for_impact(pk: int, period: Period | None) -> QuerySet[Partnership]:
    """The partnership (by id) with what its report's heading names, and its events in the period (if any)."""
    return Partnership.objects.filter(pk=pk).select_related("business", "school").annotate(**_events(period))


def business_partnerships_for_impact(business_pk: int, period: Period | None) -> list[Partnership]:
    """A business's partnerships (with the business and school, and each one's events in the period), by name."""
    return list(
        Partnership.objects.filter(business_id=business_pk, business__kind=Organization.Kind.BUSINESS)
        .select_related("business", "school")
        .annotate(**_events(period))
        .order_by("name", "pk")
    )


def impact_report(*, partnerships: list[Partnership], scope: dict[str, Any], period: Period) -> Impact:
    """The figures of the report for `partnerships` (annotated by `_events`), whose other records are
    found with `scope` (`{"partnership": p}` or `{"partnership__business": b}`) in `period`.

    - students served: students with a placement that started (active, paused or completed) and overlaps the period;
    - hours: the verified hours of those placements dated in the period;
    - events: log entries in the period, by channel;
    - evaluation summary: the average rating (1–4) per learning-goal skill of evaluations submitted in it;
    - survey results: of the surveys sent in it;
    - stories: published in it, and only those whose every student has media consent now;
    - thank-you notes: approved in it (and how many of those were delivered);
    - commitments kept: commitments running in the period (not cancelled), with what was delivered by its end.
    """
    start, end = period.start, period.end
    begin, after = period.bounds
    within = {f"{key.replace('partnership', 'placement__partnership', 1)}": value for key, value in scope.items()}
    placements = list(
        Placement.objects.started()
        .filter(**scope, start_date__lte=end, end_date__gte=start)
        .select_related("student", "partnership")
        .annotate(
            verified_hours=Coalesce(
                Sum("hours__hours", filter=Q(hours__verified_at__isnull=False, hours__date__range=(start, end))),
                Value(0),
                output_field=DecimalField(max_digits=10, decimal_places=2),
            )
        )
        .order_by("start_date", "pk")
    )
    events = [(label, sum(getattr(p, f"events_{channel}") for p in partnerships)) for channel, label in Channel.choices]
    skills = list(
        Rating.objects.filter(
            **{f"evaluation__{key}": value for key, value in within.items()},
            evaluation__submitted_at__gte=begin,
            evaluation__submitted_at__lt=after,
        )
        .order_by()
        .values("learning_goal__skill")
        .annotate(average=Avg("score"), ratings=Count("pk"))
        .order_by("learning_goal__skill")
    )
    for row in skills:
        row["average"] = round(row["average"], 1)
    thanks = list(
        ThankYouNote.objects.filter(
            **scope, status=ThankYouNote.Status.APPROVED, reviewed_at__gte=begin, reviewed_at__lt=after
        ).order_by("reviewed_at", "pk")
    )
    commitments = list(
        Commitment.objects.filter(**scope)
        .exclude(status=Commitment.Status.CANCELLED)
        .filter(Q(period_start__lte=end) | Q(period_start__isnull=True, created_at__lt=after))
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=start))
        .annotate(
            delivered=Coalesce(
                Sum("deliveries__amount", filter=Q(deliveries__date__lte=end)),
                Value(0),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .select_related("partnership")
        .order_by("partnership__name", "party", "pk")
    )
    for commitment in commitments:
        commitment.kept = commitment.status == Commitment.Status.FULFILLED or commitment.delivered >= commitment.amount
    return Impact(
        period=period,
        partnerships=partnerships,
        placements=placements,
        students_served=len({p.student_id for p in placements}),
        hours=sum((p.verified_hours for p in placements), Decimal(0)),
        events=[(label, n) for label, n in events if n],
        events_total=sum(n for _label, n in events),
        skills=skills,
        surveys=feedback_summary(FeedbackRequest.objects.filter(**scope, created_at__gte=begin, created_at__lt=after)),
        stories=list(
            SuccessStory.objects.published()
            .filter(**scope, publish_on__range=(start, end))
            .exclude(students__media_consent=False)
            .order_by("publish_on", "pk")
        ),
        thanks=thanks,
        thanks_delivered=sum(1 for note in thanks if note.delivered_at is not None),
        commitments=commitments,
        commitments_kept=sum(1 for c in commitments if c.kept),
    )
