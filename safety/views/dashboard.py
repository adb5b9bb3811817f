"""The safety dashboard: what is due today, each list a few rows or, shown in full, paginated."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from core.pages import paginate
from safety import cadence, selectors
from safety.models import BackgroundCheck

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


def _first_rows(queryset) -> dict:
    """One dashboard list: its first rows and, counted in the same query (`selectors.with_total`), all of them."""
    rows = list(selectors.with_total(queryset)[:LIST_SIZE])
    count = rows[0].total if rows else 0
    return {"rows": rows, "count": count, "more": count - len(rows), "full": False}


def _all_rows(request, queryset) -> dict:
    """One dashboard list shown in full: every row, paginated."""
    page = paginate(request, queryset, per_page=50)
    return {"rows": page.object_list, "count": page.paginator.count, "page": page, "more": 0, "full": True}


def _mark_due(placements, today, policy) -> None:
    for placement in placements:
        placement.next_due = cadence.next_check_in(placement, policy)
        placement.overdue = placement.next_due < today


def _checks_by_state(today, policy, scope) -> dict[str, dict]:
    rows: dict[str, list] = {state: [] for state in selectors.DUE_STATES}
    for check in selectors.checks_due_by_state(today, policy, LIST_SIZE, scope):
        rows[check.due_state].append(check)  # type: ignore[attr-defined]  # annotated by the selector
    sections = {}
    for state, checks in rows.items():
        count = checks[0].state_total if checks else 0
        sections[state] = {"rows": checks, "count": count, "more": count - len(checks), "full": False}
    return sections


def _everything(today, policy, period, scope) -> tuple[dict[str, dict], int]:
    """Every list's first rows and counts, a query each (the three of checks in one), and the overdue count."""
    cadences = cadence.cadences_in_use()
    due = scope.placements(selectors.check_ins_due(today, policy, DUE_SOON_DAYS, cadences))
    check_ins = _first_rows(selectors.with_overdue_total(due, today, policy, cadences))
    overdue_count = check_ins["rows"][0].overdue_total if check_ins["rows"] else 0
    sections = {
        **_checks_by_state(today, policy, scope),
        "check_ins": check_ins,
        "visits": _first_rows(scope.partnerships(selectors.sites_due_visit(period, policy))),
        "concerns": _first_rows(scope.concerns(selectors.open_concerns_most_serious_first())),
        "lapsing": _first_rows(scope.placements(selectors.placements_whose_checks_lapse(policy))),
    }
    return sections, overdue_count


def _one(request, show: str, today, policy, period, scope) -> dict:
    queryset: QuerySet
    if show in selectors.DUE_STATES:
        queryset = scope.checks(selectors.checks_to_show(show, today, policy))
    elif show == "check_ins":
        queryset = scope.placements(selectors.check_ins_due(today, policy, DUE_SOON_DAYS))
    elif show == "visits":
        queryset = scope.partnerships(selectors.sites_due_visit(period, policy))
    elif show == "concerns":
        queryset = scope.concerns(selectors.open_concerns_most_serious_first())
    else:
        queryset = scope.placements(selectors.placements_whose_checks_lapse(policy))
    return _all_rows(request, queryset)


def dashboard(request):
    """What is due today: checks to renew or chase, check-ins, site visits, open concerns, lapsing checks.
    The same few queries however much is due: each list's rows come with their count. `?school=<id>`
    narrows every list to one school (as the dashboard's cards that link here are); an unknown one is ignored."""
    today = timezone.localdate()
    policy, period = selectors.policy_and_period(today)
    choice = selectors.school_choice(request.GET)
    school, scope = choice.school, choice.scope
    show = request.GET.get("show", "")
    if show not in SECTION_TITLES:
        show = ""
    if show:
        sections, overdue_count = {show: _one(request, show, today, policy, period, scope)}, 0
    else:
        sections, overdue_count = _everything(today, policy, period, scope)
    if "check_ins" in sections:
        _mark_due(sections["check_ins"]["rows"], today, policy)
    check_ins_count = sections["check_ins"]["count"] if "check_ins" in sections else 0
    return render(
        request,
        "safety/dashboard.html",
        {
            "title": (f"Safety: {SECTION_TITLES[show].lower()}" if show else "Safety")
            + (f" at {school.name}" if school else ""),
            "here": reverse("safety:dashboard") + (f"?{urlencode(scope.query)}" if school else ""),
            **choice.context,
            # Appended to the page's own links so they stay on the chosen school.
            "also": scope.also,
            "today": today,
            "policy": policy,
            "period": period,
            "s": sections,
            "overdue_count": overdue_count,
            "due_soon_count": check_ins_count - overdue_count,
            "due_soon_days": DUE_SOON_DAYS,
            "show": show,
        },
    )
