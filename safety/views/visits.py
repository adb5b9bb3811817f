"""Site visits: scheduling or recording one, its page and voiding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.history import history
from core.pages import GET_POST, add_service_errors, form_page, posted
from core.redirects import next_url
from partnerships.choosers import choose_partnership_page
from partnerships.models import Partnership
from safety import services
from safety.forms import (
    VisitForm,
)
from safety.models import (
    SiteVisit,
)
from safety.views.common import (
    dashboard_crumb,
    day,
    id_param,
    visit_or_404,
    void_page,
)


def _visit_title(visit: SiteVisit) -> str:
    return f"Site visit to {visit.partnership.business.name}, {day(visit.scheduled_for)}"


def _visit_fields(form) -> dict:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "visitor",
            "scheduled_for",
            "placements",
            "site",
            "status",
            "completed_on",
            "findings",
            "concerns",
            "follow_up",
        )
    }


def _visit_message(visit: SiteVisit) -> str:
    where = visit.partnership.business.name
    if visit.status == SiteVisit.Status.COMPLETED:
        return f"Site visit to {where} on {day(visit.completed_on)} recorded."
    if visit.status == SiteVisit.Status.CANCELLED:
        return f"Site visit to {where} marked as cancelled."
    return f"Site visit to {where} scheduled for {day(visit.scheduled_for)}."


@GET_POST
@permission_required("safety.add_sitevisit", raise_exception=True)
def visit_create(request):
    partnership_id = id_param(request, "partnership")
    if partnership_id is None:
        return choose_partnership_page(
            request,
            title="Schedule a site visit",
            question="Which partnership's site?",
            hint="The visit covers that partnership's placements; you choose which on the next page.",
            cancel_url=reverse("safety:dashboard"),
            breadcrumbs=dashboard_crumb(),
        )
    partnership = get_object_or_404(Partnership.objects.select_related("business", "school"), pk=partnership_id)
    active = list(partnership.placements.active().values_list("pk", flat=True))
    form = VisitForm(
        posted(request),
        partnership=partnership,
        user=request.user,
        initial={"visitor": request.user.pk, "placements": active, "status": SiteVisit.Status.SCHEDULED},
    )
    back = reverse("safety:partnership", args=[partnership.pk])
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_save(partnership=partnership, **_visit_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _visit_message(visit))
            return redirect(next_url(request, back))
    return form_page(
        request,
        title=f"Schedule a site visit to {partnership.business.name}",
        intro=f"For {partnership.name}. Record it as completed here, or later from the visit's page.",
        form=form,
        submit="Save visit",
        cancel_url=next_url(request, back),
        breadcrumbs=[*dashboard_crumb(), (partnership.name, back)],
    )


@GET_POST
def visit_edit(request, pk):
    """A visit's page: schedule it, record how it went, see its history."""
    visit = visit_or_404(pk)
    partnership = visit.partnership
    back = reverse("safety:partnership", args=[partnership.pk])
    title = _visit_title(visit)
    can_edit = not visit.is_voided and request.user.has_perm("safety.change_sitevisit")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    covered = list(visit.placements.select_related("student", "partnership__business"))
    form = None
    if can_edit:
        today = timezone.localdate()
        initial = {
            "visitor": visit.visitor_id,
            "scheduled_for": visit.scheduled_for,
            "placements": [p.pk for p in covered],
            "site": visit.site,
            "status": visit.status,
            "completed_on": visit.completed_on or (visit.scheduled_for if visit.scheduled_for <= today else None),
            "findings": visit.findings,
            "concerns": visit.concerns,
            "follow_up": visit.follow_up,
        }
        form = VisitForm(
            posted(request),
            partnership=partnership,
            user=request.user,
            current_visitor=visit.visitor,
            initial=initial,
            record=visit,
        )
        if request.method == "POST" and form.is_valid():
            try:
                visit = services.visit_save(
                    partnership=partnership, visit=visit, version=form.loaded_version, **_visit_fields(form)
                )
            except ValidationError as error:
                add_service_errors(form, error)
                visit.refresh_from_db()
            else:
                messages.success(request, _visit_message(visit))
                return redirect(next_url(request, back))
    return render(
        request,
        "safety/visit_edit.html",
        {
            "title": title,
            "visit": visit,
            "covered": covered,
            "form": form,
            "history": history(visit),
            "back": back,
            "breadcrumbs": [*dashboard_crumb(), (partnership.name, back)],
        },
    )


@GET_POST
@permission_required("safety.change_sitevisit", raise_exception=True)
def visit_void(request, pk):
    visit = visit_or_404(pk)
    return void_page(
        request,
        visit,
        noun="visit",
        what=f"the site visit to {visit.partnership.business.name} on {day(visit.scheduled_for)}",
        back=reverse("safety:visit_edit", args=[visit.pk]),
        breadcrumbs=[
            *dashboard_crumb(),
            (visit.partnership.name, reverse("safety:partnership", args=[visit.partnership_id])),
        ],
    )
