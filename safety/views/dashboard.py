"""The safety dashboard: what is due today, each list a few rows or, shown in full, paginated."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.shortcuts import render
from django.utils import timezone

from core.pages import paginate
from safety import cadence
from safety.models import (
    BackgroundCheck,
    SafetyConcern,
    SafetyPolicy,
    SiteVisit,
)
from safety.selectors import checks_due, with_mentor_check
from students.models import Placement

State = BackgroundCheck.State


LIST_SIZE = 10  # rows per dashboard list; "and N more" links to the rest
DUE_SOON_DAYS = 3
SECTION_TITLES = {
    "concerns": "Open concerns",
    "check_ins": "Check-ins due",
    "lapsing": "Placements whose checks lapse",
    "visits": "Site visits due",
    BackgroundCheck.State.EXPIRING: "Background checks expiring",
    BackgroundCheck.State.EXPIRED: "Background checks expired",
    BackgroundCheck.State.PENDING: "Background checks pending",
}


def _section(request, key: str, queryset, show: str) -> dict:
    """One dashboard list: the first rows and the total, or every row, paginated, when shown in full."""
    if show == key:
        page = paginate(request, queryset, per_page=50)
        return {"rows": page.object_list, "count": page.paginator.count, "page": page, "more": 0, "full": True}
    rows = list(queryset[:LIST_SIZE])
    count = queryset.count()
    return {"rows": rows, "count": count, "more": count - len(rows), "full": False}


def dashboard(request):
    """What is due today: checks to renew or chase, check-ins, site visits, open concerns, lapsing checks."""
    today = timezone.localdate()
    policy = SafetyPolicy.current()
    show = request.GET.get("show", "")
    if show not in SECTION_TITLES:
        show = ""
    check_rows = BackgroundCheck.objects.select_related("contact__organization")

    expiring = check_rows.filter(pk__in=checks_due(State.EXPIRING, today, policy).values("pk")).order_by(
        "expires_on", "pk"
    )
    expired = check_rows.filter(pk__in=checks_due(State.EXPIRED, today, policy).values("pk")).order_by(
        F("expires_on").desc(nulls_last=True), "-pk"
    )
    pending = check_rows.filter(pk__in=checks_due(State.PENDING, today, policy).values("pk")).order_by(
        F("requested_on").asc(nulls_last=True), "pk"
    )

    placements = Placement.objects.select_related("student", "partnership__business")
    due = cadence.check_ins_due(placements, on=today, policy=policy, within_days=DUE_SOON_DAYS).order_by(
        "check_in_since", "pk"
    )
    check_ins = _section(request, "check_ins", due, show)
    for placement in check_ins["rows"]:
        placement.next_due = cadence.next_check_in(placement, policy)
        placement.overdue = placement.next_due < today
    overdue_count = cadence.check_ins_overdue(Placement.objects.all(), on=today, policy=policy).count()

    sites, period = cadence.sites_due_visit(today, policy)
    if period is not None:
        scheduled = SiteVisit.objects.live().filter(status=SiteVisit.Status.SCHEDULED).order_by("scheduled_for")
        sites = sites.prefetch_related(Prefetch("site_visits", queryset=scheduled, to_attr="scheduled_visits"))

    severity_first = Case(
        When(severity=SafetyConcern.Severity.HIGH, then=Value(0)),
        When(severity=SafetyConcern.Severity.MEDIUM, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    concerns = (
        SafetyConcern.objects.open()
        .select_related("student", "partnership__business", "placement")
        .annotate(rank=severity_first)
        .order_by("rank", "created_at")
    )
    lapsing = with_mentor_check(
        cadence.placements_with_lapsing_checks(
            Placement.objects.select_related("student", "partnership__business", "mentor"), policy
        )
    ).order_by("end_date", "pk")

    sections = {
        State.EXPIRING: _section(request, State.EXPIRING, expiring, show),
        State.EXPIRED: _section(request, State.EXPIRED, expired, show),
        State.PENDING: _section(request, State.PENDING, pending, show),
        "check_ins": check_ins,
        "visits": _section(request, "visits", sites, show),
        "concerns": _section(request, "concerns", concerns, show),
        "lapsing": _section(request, "lapsing", lapsing, show),
    }
    return render(
        request,
        "safety/dashboard.html",
        {
            "title": f"Safety: {SECTION_TITLES[show].lower()}" if show else "Safety",
            "today": today,
            "policy": policy,
            "period": period,
            "s": sections,
            "overdue_count": overdue_count,
            "due_soon_count": check_ins["count"] - overdue_count,
            "due_soon_days": DUE_SOON_DAYS,
            "show": show,
        },
    )
