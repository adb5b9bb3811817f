"""What needs a host's action about placements: evaluations to send and hours to confirm (for the person
who mentors or assists with the placement, asked together), and placements starting within 14 days (in the
person's scope).

Each item names the student by first name and last initial, so the home page records that it showed them
(one Disclosure row per student however many items name them: `_named`). One query per provider, and one
more to record what it named.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from portal import scope
from portal.access import Ability
from portal.actions import Action, provides
from students import disclosures, services
from students.models import Evaluation, HoursEntry, LearningGoal, Placement

if TYPE_CHECKING:
    from accounts.models import User

SOON = datetime.timedelta(days=14)
FINAL_WINDOW = datetime.timedelta(days=14)  # the final evaluation is asked for in the last 14 days
MIDPOINT_GRACE = datetime.timedelta(days=14)  # a midpoint evaluation is due two weeks after the midpoint
PAGE = "What needs doing"
# A Placement with mentor_work's annotations (midpoint_sent, final_sent, evaluation_due, waiting, since).
MentorPlacement = Any


def _named(request: HttpRequest, placements: Sequence[Placement]) -> None:
    """Record the students these items name, each once for the whole home page (several providers may
    name the same student)."""
    already: set[int] = getattr(request, "_placements_named", set())
    new = [placement for placement in placements if placement.student_id not in already]
    request._placements_named = already | {placement.student_id for placement in new}  # type: ignore[attr-defined]
    disclosures.record(
        placements=new,
        organization=request.organization,  # type: ignore[attr-defined]
        page=PAGE,
        fields=(disclosures.NAME,),
        viewer=cast("User", request.user),
    )


@provides(Ability.MENTOR_WORK)
def mentor_work(request: HttpRequest) -> list[Action]:
    """Evaluations to send and hours to confirm, for the placements the person works on, in one query."""
    today = timezone.localdate()
    placements: list[MentorPlacement] = list(
        _evaluations_due(scope.mentored(request), request, today)
        .annotate(**_hours_waiting())
        .filter(Q(evaluation_due=True) | Q(waiting__gt=0))
        .select_related("student")
        .order_by("end_date", "pk")
    )
    evaluations = {placement.pk: _evaluation_items(placement, today) for placement in placements}
    hours = sorted((placement for placement in placements if placement.waiting), key=lambda p: (p.since, p.pk))
    _named(request, [placement for placement in placements if evaluations[placement.pk] or placement.waiting])
    return [item for placement in placements for item in evaluations[placement.pk]] + [_hours_item(p) for p in hours]


def _evaluations_due(
    placements: QuerySet[Placement], request: HttpRequest, today: datetime.date
) -> QuerySet[Placement]:
    """Marks `evaluation_due` on a placement that has started, has learning goals and lacks a midpoint or a
    final evaluation of the person's (services.mentor_evaluations_of: one through the mentor's signed link
    counts). Whether one is due today is then decided by its dates (_evaluation_items)."""
    theirs = Evaluation.objects.filter(
        services.mentor_evaluations_of(cast("User", request.user)), placement=OuterRef("pk")
    )
    midpoint_sent = Exists(theirs.filter(phase=Evaluation.Phase.MIDPOINT))
    final_sent = Exists(theirs.filter(phase=Evaluation.Phase.FINAL))
    started = Q(status__in=Placement.STARTED_STATUSES, start_date__lte=today)
    return placements.annotate(
        midpoint_sent=midpoint_sent,
        final_sent=final_sent,
        evaluation_due=ExpressionWrapper(
            started
            & Q(Exists(LearningGoal.objects.filter(placement=OuterRef("pk"))))
            & ~(Q(midpoint_sent) & Q(final_sent)),
            output_field=BooleanField(),
        ),
    )


def _hours_waiting() -> dict[str, Coalesce | Subquery]:
    """How many of a placement's hours are neither confirmed nor sent back, and the first one's date."""
    waiting = (
        HoursEntry.objects.filter(placement=OuterRef("pk"), verified_at__isnull=True, rejected_at__isnull=True)
        .order_by()
        .values("placement")
    )
    return {
        "waiting": Coalesce(Subquery(waiting.annotate(n=Count("pk")).values("n")), 0),
        "since": Subquery(waiting.annotate(first=Min("date")).values("first")),
    }


def _due_evaluations(placement: MentorPlacement, today: datetime.date) -> list[tuple[str, str, datetime.date]]:
    """A midpoint evaluation from the placement's midpoint until it ends, a final one in its last 14 days and
    after."""
    if not placement.evaluation_due:
        return []
    due = []
    if not placement.midpoint_sent and placement.midpoint <= today <= placement.end_date:
        due.append(("midpoint", "Midpoint", placement.midpoint + MIDPOINT_GRACE))
    if not placement.final_sent and placement.end_date - FINAL_WINDOW <= today:
        due.append(("final", "Final", placement.end_date))
    return due


def _evaluation_items(placement: MentorPlacement, today: datetime.date) -> list[Action]:
    name = placement.student.partner_name
    return [
        Action(
            title=f"{label} evaluation of {name}",
            url=reverse("portal:placement_evaluate", args=[placement.pk, slug]),
            detail=f"{placement.get_kind_display()}, {placement.start_date:%d %b} to "
            f"{placement.end_date:%d %b %Y}: score each learning goal from 1 to 4.",
            due_on=due_on,
            urgent=due_on < today,
        )
        for slug, label, due_on in _due_evaluations(placement, today)
    ]


def _hours_item(placement: MentorPlacement) -> Action:
    """Hours neither confirmed nor sent back, one item per placement."""
    return Action(
        title=f"Confirm the hours of {placement.student.partner_name}",
        url=reverse("portal:placement_hours", args=[placement.pk]),
        detail=f"{placement.waiting} entr{'y' if placement.waiting == 1 else 'ies'} waiting, "
        f"the first from {placement.since:%d %b %Y}.",
    )


@provides(Ability.PLACEMENTS)
def starting_soon(request: HttpRequest) -> list[Action]:
    """Placements that start within 14 days: a student is coming."""
    today = timezone.localdate()
    placements = list(
        scope.placements(request)
        .filter(status=Placement.Status.APPROVED, start_date__gte=today, start_date__lte=today + SOON)
        .select_related("student", "mentor")
        .order_by("start_date", "pk")
    )
    _named(request, placements)
    return [
        Action(
            title=f"{placement.student.partner_name} starts on {placement.start_date:%d %b}",
            url=reverse("portal:placement", args=[placement.pk]),
            detail=f"{placement.get_kind_display()}"
            + (f", {placement.days}" if placement.days else "")
            + (f", with {placement.mentor.full_name}" if placement.mentor else "")
            + ". See the schedule and learning goals.",
            due_on=placement.start_date,
        )
        for placement in placements
    ]
