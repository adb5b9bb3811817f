"""Coordinator pages for charts and reports: the district's charts (read from the daily snapshots only),
computing today's figures on demand, and the printable impact report of a partnership or of a business
across its partnerships. AccessMiddleware keeps partners out; each view also asks for its permission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from dashboard.reports import impact as reports
from dashboard.reports.forms import PeriodForm
from dashboard.reports.selectors import all_reconstructed, district_charts, live_from, snapshots_for_charts
from dashboard.reports.services import district_snapshot_take
from partnerships.models import Organization


@require_GET
@permission_required("dashboard.view_districtsnapshot", raise_exception=True)
def charts(request):
    """The district's charts, each with its numbers as a table; an empty state before the first snapshot."""
    snapshots = snapshots_for_charts()
    return render(
        request,
        "dashboard/reports/charts.html",
        {
            "title": "Charts and reports",
            "latest": snapshots[-1] if snapshots else None,
            "charts": district_charts(snapshots) if snapshots else [],
            "live_from": live_from(snapshots),
            "all_reconstructed": all_reconstructed(snapshots),
        },
    )


@require_POST
@permission_required("dashboard.add_districtsnapshot", raise_exception=True)
def compute(request):
    """Take today's snapshot now rather than wait for the night's task: a coordinator's explicit request,
    the same few GROUP BY queries the task runs (idempotent for the day)."""
    snapshot = district_snapshot_take()
    messages.success(request, f"The district's figures for {snapshot.date:%-d %b %Y} are computed.")
    return redirect("reports:charts")


def _period(request) -> tuple[PeriodForm, reports.Period | None]:
    form = PeriodForm(request.GET)
    chosen = form.period()
    return form, reports.Period(*chosen) if chosen else None


@require_GET
@permission_required("partnerships.view_partnership", raise_exception=True)
def partnership_impact(request, pk: int):
    """One partnership's impact report for a period (the current school year unless chosen)."""
    form, period = _period(request)
    partnership = get_object_or_404(reports.partnership_for_impact(pk, period))
    report = (
        reports.impact_report(partnerships=[partnership], scope={"partnership": partnership}, period=period)
        if period
        else None
    )
    return render(
        request,
        "dashboard/reports/impact.html",
        {
            "title": f"Impact report: {partnership.name}",
            "subject": partnership.name,
            "partnership": partnership,
            "form": form,
            "report": report,
            "breadcrumbs": [
                ("Partnerships", reverse("partnerships:list")),
                (partnership.name, partnership.get_absolute_url()),
            ],
        },
    )


@require_GET
@permission_required("partnerships.view_partnership", raise_exception=True)
def business_impact(request, pk: int):
    """A business's impact report across all its partnerships for a period."""
    form, period = _period(request)
    partnerships = reports.business_partnerships_for_impact(pk, period)
    if partnerships:
        business = partnerships[0].business  # fetched with them: one query fewer
    else:
        business = get_object_or_404(Organization, pk=pk, kind=Organization.Kind.BUSINESS)
    report = (
        reports.impact_report(partnerships=partnerships, scope={"partnership__business": business}, period=period)
        if period
        else None
    )
    return render(
        request,
        "dashboard/reports/impact.html",
        {
            "title": f"Impact report: {business.name}",
            "subject": business.name,
            "business": business,
            "form": form,
            "report": report,
            "breadcrumbs": [
                ("Organizations", reverse("partnerships:organization_list")),
                (business.name, business.get_absolute_url()),
            ],
        },
    )
