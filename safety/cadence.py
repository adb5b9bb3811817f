"""When check-ins and site visits are due: computed in the database from the policy, never stored.

A placement's next check-in is due `cadence` days after its last live check-in (or its start, if
none yet), where the cadence is the placement's own or the district's. A partnership with active
placements needs `site_visits_per_period` completed visits within the current grading period.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from partnerships.models import Partnership
from safety.models import BackgroundCheck, CheckIn, GradingPeriod, SafetyPolicy, SiteVisit
from students.models import Placement


def with_last_check_in(placements):
    """Annotate `last_check_in` (the latest live check-in date) and `check_in_since` (that, or the start).

    A subquery per placement rather than a join and GROUP BY, so that what is built on it (a count of the
    overdue among them, say) is a plain expression and the rows need no grouping."""
    latest = CheckIn.objects.live().filter(placement=OuterRef("pk")).order_by("-date").values("date")[:1]
    return placements.annotate(last_check_in=Subquery(latest)).annotate(
        check_in_since=Coalesce("last_check_in", "start_date")
    )


def cadences_in_use() -> set[int | None]:
    """The check-in cadences of active placements (None: the district's), a handful of values."""
    return set(Placement.objects.active().order_by().values_list("check_in_every_days", flat=True).distinct())


def due_condition(on: datetime.date, policy: SafetyPolicy, slack_days: int, cadences: set[int | None]) -> Q:
    """On placements annotated by `with_last_check_in`: the next check-in falls on or before `on + slack_days`.

    The cadence differs per placement, so the condition is written once per cadence in use (a handful),
    each a plain date comparison that every database does the same way."""
    condition = Q(pk__in=[])
    for cadence in cadences:
        days = cadence or policy.student_check_in_days
        same = Q(check_in_every_days__isnull=True) if cadence is None else Q(check_in_every_days=cadence)
        condition |= same & Q(check_in_since__lte=on + datetime.timedelta(days=slack_days - days))
    return condition


def _due_by(placements, on: datetime.date, policy: SafetyPolicy, slack_days: int, cadences=None):
    """Active placements whose next check-in falls on or before `on + slack_days`."""
    cadences = cadences_in_use() if cadences is None else cadences
    return with_last_check_in(placements.active()).filter(due_condition(on, policy, slack_days, cadences))


def check_ins_due(
    placements, on: datetime.date, policy: SafetyPolicy | None = None, within_days: int = 0, cadences=None
):
    """Active placements whose check-in is due on `on` or earlier, or within the next `within_days`
    (`cadences`: those of `cadences_in_use`, when already known)."""
    return _due_by(placements, on, policy or SafetyPolicy.current(), within_days, cadences)


def check_ins_overdue(placements, on: datetime.date, policy: SafetyPolicy | None = None):
    """Active placements whose check-in was due before `on`."""
    return _due_by(placements, on, policy or SafetyPolicy.current(), -1)


def next_check_in(placement, policy: SafetyPolicy) -> datetime.date:
    """The next due date of a placement annotated by `with_last_check_in`."""
    days = placement.check_in_every_days or policy.student_check_in_days
    return placement.check_in_since + datetime.timedelta(days=days)


def sites_due_visit(on: datetime.date, policy: SafetyPolicy | None = None, period: GradingPeriod | None = None):
    """Partnerships with active placements that have fewer completed visits this grading period than
    the policy asks for (the period covering `on`; pass it when already known). Between grading periods
    nothing is due."""
    policy = policy or SafetyPolicy.current()
    period = period or GradingPeriod.containing(on)
    return sites_due_visit_in(period, policy), period


def sites_due_visit_in(period: GradingPeriod | None, policy: SafetyPolicy):
    """`sites_due_visit` in a grading period already known (none: nothing is due)."""
    if period is None or policy.site_visits_per_period == 0:
        return Partnership.objects.none()
    done = Count(
        "site_visits",
        filter=Q(
            site_visits__voided_at__isnull=True,
            site_visits__status=SiteVisit.Status.COMPLETED,
            site_visits__completed_on__range=(period.start_date, period.end_date),
        ),
        distinct=True,
    )
    active = Placement.objects.active().filter(partnership=OuterRef("pk"))
    return (
        Partnership.objects.filter(Exists(active))
        .annotate(visits_done=done)
        .filter(visits_done__lt=policy.site_visits_per_period)
        .select_related("school", "business")
        .order_by("name")
    )


def placements_with_lapsing_checks(placements, policy: SafetyPolicy | None = None):
    """Active placements where someone who needs a check has none cleared through the placement's end,
    so it will lapse (or has) while the student is there."""
    policy = policy or SafetyPolicy.current()
    cleared = BackgroundCheck.objects.cleared_through(OuterRef("end_date"))
    mentor_ok = Exists(cleared.filter(contact=OuterRef("mentor")))
    # A Q at run time; django-stubs types Q & ~Exists as a Combinable.
    lapsing: Q | Combinable = Q(mentor__isnull=False) & ~mentor_ok
    if policy.checks_required_for == SafetyPolicy.ChecksFor.EVERYONE:
        staff = Placement.other_staff.through.objects.filter(placement=OuterRef("pk")).exclude(
            Exists(
                BackgroundCheck.objects.cleared_through(OuterRef("placement__end_date")).filter(
                    contact=OuterRef("contact")
                )
            )
        )
        lapsing |= Exists(staff)
    return placements.active().filter(lapsing)
