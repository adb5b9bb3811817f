"""Named reads the safety pages, forms and template tags share."""

from __future__ import annotations

import datetime

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.expressions import OrderBy

from partnerships.models import Organization, Partnership
from safety import cadence
from safety.models import BackgroundCheck, GradingPeriod, SafetyConcern, SafetyPolicy, SiteVisit
from students.models import Placement


def businesses_that_matter() -> QuerySet[Organization]:
    """Businesses with an active partnership or an open placement: the ones protocols are asked of."""
    active_partnership = Partnership.objects.active().filter(business=OuterRef("pk"))
    open_placement = Placement.objects.open().filter(partnership__business=OuterRef("pk"))
    return Organization.objects.businesses().filter(Exists(active_partnership) | Exists(open_placement))


def checks_due(state: str, today: datetime.date, policy: SafetyPolicy) -> QuerySet[BackgroundCheck]:
    """The checks the dashboard counts: each active person's latest live check, by state."""
    checks = BackgroundCheck.objects.filter(contact__active=True)
    if state == BackgroundCheck.State.EXPIRING:
        checks = checks.expiring(on=today, window_days=policy.renewal_window_days)
    elif state == BackgroundCheck.State.EXPIRED:
        checks = checks.expired(today)
    else:
        checks = checks.pending()
    return checks.latest_per_contact()


def with_mentor_check(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """Annotate `mentor_check_expires`: the latest expiry of the mentor's live cleared checks (or None)."""
    cleared = BackgroundCheck.objects.live().filter(contact=OuterRef("mentor"), status=BackgroundCheck.Status.CLEARED)
    return placements.annotate(mentor_check_expires=Subquery(cleared.order_by("-expires_on").values("expires_on")[:1]))


# The safety dashboard's lists, each in the order it is shown.

CHECK_ORDER: dict[str, tuple[str | OrderBy, str]] = {
    BackgroundCheck.State.EXPIRING: ("expires_on", "pk"),  # the soonest first
    BackgroundCheck.State.EXPIRED: (F("expires_on").desc(nulls_last=True), "-pk"),  # the latest first
    BackgroundCheck.State.PENDING: (F("requested_on").asc(nulls_last=True), "pk"),  # waiting longest first
}


def checks_to_show(state: str, today: datetime.date, policy: SafetyPolicy) -> QuerySet[BackgroundCheck]:
    """`checks_due(state)` with what their rows show."""
    due = checks_due(state, today, policy).values("pk")
    return (
        BackgroundCheck.objects.select_related("contact__organization").filter(pk__in=due).order_by(*CHECK_ORDER[state])
    )


def check_ins_due(today: datetime.date, policy: SafetyPolicy, within_days: int) -> QuerySet[Placement]:
    """Placements whose check-in is overdue or due within `within_days`, the longest without one first."""
    placements = Placement.objects.select_related("student", "partnership__business")
    return cadence.check_ins_due(placements, on=today, policy=policy, within_days=within_days).order_by(
        "check_in_since", "pk"
    )


def sites_due_visit(today: datetime.date, policy: SafetyPolicy) -> tuple[QuerySet[Partnership], GradingPeriod | None]:
    """(sites due a visit this grading period with their scheduled visits as `scheduled_visits`, the period);
    no period today gives (sites, None)."""
    sites, period = cadence.sites_due_visit(today, policy)
    if period is not None:
        scheduled = SiteVisit.objects.live().filter(status=SiteVisit.Status.SCHEDULED).order_by("scheduled_for")
        sites = sites.prefetch_related(Prefetch("site_visits", queryset=scheduled, to_attr="scheduled_visits"))
    return sites, period


SEVERITY_FIRST = Case(
    When(severity=SafetyConcern.Severity.HIGH, then=Value(0)),
    When(severity=SafetyConcern.Severity.MEDIUM, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def open_concerns_most_serious_first() -> QuerySet[SafetyConcern]:
    return (
        SafetyConcern.objects.open()
        .select_related("student", "partnership__business", "placement")
        .annotate(rank=SEVERITY_FIRST)
        .order_by("rank", "created_at")
    )


def placements_whose_checks_lapse(policy: SafetyPolicy) -> QuerySet[Placement]:
    """Placements whose people's checks lapse before they end, with the mentor's expiry, the soonest ending first."""
    placements = Placement.objects.select_related("student", "partnership__business", "mentor")
    return with_mentor_check(cadence.placements_with_lapsing_checks(placements, policy)).order_by("end_date", "pk")
