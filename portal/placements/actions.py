"""What needs a host's action about placements: evaluations to send and hours to confirm (for the person
who mentors or assists with the placement), and placements starting within 14 days (in the person's scope).

Each item names the student by first name and last initial, so the home page records that it showed them
(one Disclosure row per student however many items name them: `_named`). One query per provider, and one
more to record what it named.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from portal import scope
from portal.access import Ability
from portal.actions import Action, provides
from students import disclosures, services
from students.models import Evaluation, LearningGoal, Placement

if TYPE_CHECKING:
    from accounts.models import User

SOON = datetime.timedelta(days=14)
FINAL_WINDOW = datetime.timedelta(days=14)  # the final evaluation is asked for in the last 14 days
MIDPOINT_GRACE = datetime.timedelta(days=14)  # a midpoint evaluation is due two weeks after the midpoint
PAGE = "What needs doing"


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
def evaluations_to_send(request: HttpRequest) -> list[Action]:
    """A midpoint evaluation from the placement's midpoint until it ends, a final one in its last 14 days and
    after: for each placement the person works on that has learning goals and no such evaluation of theirs
    (services.mentor_evaluations_of: one through the mentor's signed link counts)."""
    today = timezone.localdate()
    theirs = Evaluation.objects.filter(
        services.mentor_evaluations_of(cast("User", request.user)), placement=OuterRef("pk")
    )
    placements = list(
        scope.mentored(request)
        .filter(status__in=Placement.STARTED_STATUSES, start_date__lte=today)
        .annotate(
            midpoint_sent=Exists(theirs.filter(phase=Evaluation.Phase.MIDPOINT)),
            final_sent=Exists(theirs.filter(phase=Evaluation.Phase.FINAL)),
            has_goals=Exists(LearningGoal.objects.filter(placement=OuterRef("pk"))),
        )
        .filter(has_goals=True)
        .exclude(midpoint_sent=True, final_sent=True)
        .select_related("student")
        .order_by("end_date", "pk")
    )
    items, named = [], []
    for placement in placements:
        name = placement.student.partner_name
        due = []
        if not placement.midpoint_sent and placement.midpoint <= today <= placement.end_date:
            due.append(("midpoint", "Midpoint", placement.midpoint + MIDPOINT_GRACE))
        if not placement.final_sent and placement.end_date - FINAL_WINDOW <= today:
            due.append(("final", "Final", placement.end_date))
        for slug, label, due_on in due:
            items.append(
                Action(
                    title=f"{label} evaluation of {name}",
                    url=reverse("portal:placement_evaluate", args=[placement.pk, slug]),
                    detail=f"{placement.get_kind_display()}, {placement.start_date:%d %b} to "
                    f"{placement.end_date:%d %b %Y}: score each learning goal from 1 to 4.",
                    due_on=due_on,
                    urgent=due_on < today,
                )
            )
        if due:
            named.append(placement)
    _named(request, named)
    return items


@provides(Ability.MENTOR_WORK)
def hours_to_confirm(request: HttpRequest) -> list[Action]:
    """Hours neither confirmed nor sent back, one item per placement the person works on."""
    waiting = Q(hours__verified_at__isnull=True, hours__rejected_at__isnull=True)
    placements = list(
        scope.mentored(request)
        .annotate(waiting=Count("hours", filter=waiting), since=Min("hours__date", filter=waiting))
        .filter(waiting__gt=0)
        .select_related("student")
        .order_by("since", "pk")
    )
    _named(request, placements)
    return [
        Action(
            title=f"Confirm the hours of {placement.student.partner_name}",
            url=reverse("portal:placement_hours", args=[placement.pk]),
            detail=f"{placement.waiting} entr{'y' if placement.waiting == 1 else 'ies'} waiting, "
            f"the first from {placement.since:%d %b %Y}.",
        )
        for placement in placements
    ]


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
