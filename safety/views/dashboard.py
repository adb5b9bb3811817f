"""The safety dashboard: what is due today, each list a few rows or, shown in full, paginated."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from core.pages import paginate
from safety import cadence, selectors
from safety.models import (
    BackgroundCheck,
    SafetyPolicy,
)
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
    check_ins = _section(request, "check_ins", selectors.check_ins_due(today, policy, DUE_SOON_DAYS), show)
    for placement in check_ins["rows"]:
        placement.next_due = cadence.next_check_in(placement, policy)
        placement.overdue = placement.next_due < today
    overdue_count = cadence.check_ins_overdue(Placement.objects.all(), on=today, policy=policy).count()
    sites, period = selectors.sites_due_visit(today, policy)

    sections = {
        **{
            state: _section(request, state, selectors.checks_to_show(state, today, policy), show)
            for state in (State.EXPIRING, State.EXPIRED, State.PENDING)
        },
        "check_ins": check_ins,
        "visits": _section(request, "visits", sites, show),
        "concerns": _section(request, "concerns", selectors.open_concerns_most_serious_first(), show),
        "lapsing": _section(request, "lapsing", selectors.placements_whose_checks_lapse(policy), show),
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
