"""Named reads of the health score: the facts of every open partnership at once, in a fixed number of grouped
queries (whatever the size of the district), and what the pages show from the daily snapshots."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Avg, Count, F, Max, QuerySet
from django.utils import timezone

from communications.models import FeedbackResponse, SuccessStory, ThankYouNote
from dashboard.health.factors import (
    ACK_GRACE_DAYS,
    FEEDBACK_DAYS,
    Context,
    Facts,
    Health,
    commitment_is_behind,
    health,
)
from dashboard.models import HealthSnapshot
from partnerships.models import Charter, Commitment, Partnership
from safety import cadence
from safety.models import ProtocolAcknowledgment, SafetyPolicy, SafetyProtocol
from students.models import Placement, Rating
from students.querysets import PlacementQuerySet

TREND_DAYS = 90


def _local(moment: datetime.datetime | None) -> datetime.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def open_partnership_facts(today: datetime.date) -> tuple[list[Facts], Context]:
    """The facts of every open partnership, and what the factors need to know of the district."""
    policy = SafetyPolicy.current()
    context = Context(today=today, contact_every_days=policy.partner_check_in_days)
    rows = (
        Partnership.objects.open()
        .with_primary_flags()
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "business_id",
            "business__name",
            "start_date",
            "created_at",
            "last_contacted_at",
            "has_school_primary",
            "has_business_primary",
        )
    )
    facts = {
        pk: Facts(
            pk=pk,
            status=status,
            business_id=business_id,
            business_name=business,
            start_date=start,
            created_on=_local(created) or today,
            last_contacted_on=_local(contacted),
            has_school_primary=school,
            has_business_primary=business_side,
        )
        for pk, status, business_id, business, start, created, contacted, school, business_side in rows
    }
    _add_schedule(facts, today, policy)
    _add_commitments(facts, today)
    _add_feedback(facts, today)
    _add_safety(facts, today, policy)
    _add_charters(facts)
    _add_thanks(facts)
    return list(facts.values()), context


def _open_placements() -> PlacementQuerySet:
    return Placement.objects.filter(partnership__status__in=Partnership.OPEN_STATUSES)


def _add_schedule(facts: dict[int, Facts], today: datetime.date, policy: SafetyPolicy) -> None:
    active = _open_placements().active().values_list("partnership_id").annotate(n=Count("pk")).order_by()
    for partnership_id, n in active:
        if partnership_id in facts:
            facts[partnership_id].active_placements = n
    overdue = cadence.check_ins_overdue(_open_placements(), on=today, policy=policy).order_by("check_in_since", "pk")
    for pk, partnership_id in overdue.values_list("pk", "partnership_id"):
        if partnership_id in facts:
            facts[partnership_id].overdue_check_ins.append(pk)
    sites, period = cadence.sites_due_visit(today, policy)
    for pk in sites.values_list("pk", flat=True):
        if pk in facts:
            facts[pk].visit_due = True
            facts[pk].period_name = period.name if period else ""


def _add_commitments(facts: dict[int, Facts], today: datetime.date) -> None:
    commitments = (
        Commitment.objects.filter(partnership__status__in=Partnership.OPEN_STATUSES)
        .exclude(status=Commitment.Status.CANCELLED)
        .with_delivered()
        .values_list("partnership_id", "status", "cadence", "amount", "delivered", "period_start", "period_end")
    )
    for partnership_id, status, every, amount, delivered, start, end in commitments:
        if partnership_id not in facts:
            continue
        fact = facts[partnership_id]
        fact.commitments += 1
        fact.commitments_behind += commitment_is_behind(
            status=status,
            cadence=every,
            amount=amount,
            delivered=delivered,
            period_start=start,
            period_end=end,
            today=today,
        )


def _add_feedback(facts: dict[int, Facts], today: datetime.date) -> None:
    since = _start_of(today - datetime.timedelta(days=FEEDBACK_DAYS))
    ratings = (
        Rating.objects.filter(
            evaluation__placement__partnership__status__in=Partnership.OPEN_STATUSES,
            evaluation__submitted_at__gte=since,
        )
        .values_list("evaluation__placement__partnership_id")
        .annotate(average=Avg("score"))
        .order_by()
    )
    for partnership_id, average in ratings:
        if partnership_id in facts:
            facts[partnership_id].rating_average = float(average)
    surveys = (
        FeedbackResponse.objects.filter(
            request__partnership__status__in=Partnership.OPEN_STATUSES, submitted_at__gte=since
        )
        .values_list("request__partnership_id")
        .annotate(average=Avg(F("communication") + F("organization") + F("value")))
        .order_by()
    )
    for partnership_id, average in surveys:
        if partnership_id in facts:
            facts[partnership_id].survey_average = float(average) / 3


def _add_safety(facts: dict[int, Facts], today: datetime.date, policy: SafetyPolicy) -> None:
    lapsing = cadence.placements_with_lapsing_checks(_open_placements(), policy).order_by("end_date", "pk")
    for pk, partnership_id, mentor_id in lapsing.values_list("pk", "partnership_id", "mentor_id"):
        if partnership_id in facts:
            facts[partnership_id].lapsing_checks.append((pk, mentor_id))
    grace = today - datetime.timedelta(days=ACK_GRACE_DAYS)
    due = list(SafetyProtocol.objects.current(today).filter(effective_on__lte=grace).values_list("pk", flat=True))
    if not due:
        return
    acknowledged: dict[int, set[int]] = defaultdict(set)
    for organization_id, protocol_id in ProtocolAcknowledgment.objects.filter(protocol_id__in=due).values_list(
        "organization_id", "protocol_id"
    ):
        acknowledged[organization_id].add(protocol_id)
    for fact in facts.values():
        fact.protocols_due = len(due)
        fact.protocols_missing = len(due) - len(acknowledged[fact.business_id])


def _add_charters(facts: dict[int, Facts]) -> None:
    charters = (
        Charter.objects.current()
        .filter(partnership__status__in=Partnership.OPEN_STATUSES)
        .values_list("partnership_id", "version", "acknowledged_at", "created_at")
    )
    for partnership_id, version, acknowledged_at, created_at in charters:
        if partnership_id in facts:
            fact = facts[partnership_id]
            fact.charter_version = version
            fact.charter_acknowledged = acknowledged_at is not None
            fact.charter_waiting_since = _local(created_at)


def _add_thanks(facts: dict[int, Facts]) -> None:
    notes = (
        ThankYouNote.objects.filter(
            status=ThankYouNote.Status.APPROVED, partnership__status__in=Partnership.OPEN_STATUSES
        )
        .values_list("partnership_id")
        .annotate(at=Max("reviewed_at"))
        .order_by()
    )
    stories = (
        SuccessStory.objects.published()
        .filter(partnership__status__in=Partnership.OPEN_STATUSES)
        .values_list("partnership_id")
        .annotate(on=Max("publish_on"))
        .order_by()
    )
    days = [(pk, _local(at)) for pk, at in notes] + list(stories)
    for partnership_id, day in days:
        if partnership_id in facts and day is not None:
            fact = facts[partnership_id]
            fact.last_thanked_on = max(day, fact.last_thanked_on or day)


def open_partnership_health(today: datetime.date) -> list[Health]:
    """Every open partnership's health today (see dashboard.health.factors)."""
    facts, context = open_partnership_facts(today)
    return [health(fact, context) for fact in facts]


# What the pages read ----------------------------------------------------------------------------------


def trend(partnership: Partnership, today: datetime.date) -> QuerySet[HealthSnapshot]:
    """The partnership's daily snapshots of the last 90 days, the oldest first."""
    since = today - datetime.timedelta(days=TREND_DAYS - 1)
    return HealthSnapshot.objects.filter(partnership=partnership, date__gte=since, date__lte=today).order_by("date")
