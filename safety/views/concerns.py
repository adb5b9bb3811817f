"""Safety concerns: reporting one (the lead is told at once), its page with status, and voiding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from core.history import history
from core.pages import GET_POST, add_service_errors, posted
from core.redirects import next_url
from safety import services
from safety.forms import (
    ConcernForm,
    ConcernStatusForm,
)
from safety.models import (
    SafetyConcern,
    SafetyPolicy,
)
from safety.views.common import (
    concern_or_404,
    dashboard_crumb,
    day,
    id_param,
    placement_name,
    void_page,
)
from students.models import Placement


@GET_POST
@permission_required("safety.add_safetyconcern", raise_exception=True)
def concern_create(request):
    placement_id = id_param(request, "placement")
    placement = (
        Placement.objects.select_related("student", "partnership__business").filter(pk=placement_id).first()
        if placement_id
        else None
    )
    initial = {}
    if placement is not None:
        initial = {"placement": placement.pk, "student": placement.student_id, "partnership": placement.partnership_id}
    form = ConcernForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.concern_report(
                student=data["student"],
                partnership=data["partnership"],
                placement=data["placement"],
                by=request.user,
                severity=data["severity"],
                description=data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = "Concern reported."
            if concern.severity == SafetyConcern.Severity.HIGH:
                for paused in concern.paused_placements:
                    text += f" {placement_name(paused)} is paused."
                text += " The safety lead is being told by email."
            messages.success(request, text)
            return redirect("safety:concern_detail", pk=concern.pk)
    policy = SafetyPolicy.objects.select_related("safety_lead").order_by("pk").first() or SafetyPolicy.current()
    lead = policy.safety_lead.display_name if policy.safety_lead else "every administrator"
    return render(
        request,
        "safety/concern_form.html",
        {
            "title": "Report a safety concern",
            "form": form,
            "placement": placement,
            "Severity": SafetyConcern.Severity,
            "lead": lead,
            "cancel_url": next_url(
                request, reverse("safety:placement", args=[placement.pk]) if placement else reverse("safety:dashboard")
            ),
            "breadcrumbs": dashboard_crumb(),
        },
    )


@GET_POST
def concern_detail(request, pk):
    """A concern's page: what happened, its status (investigating, resolved) and its history."""
    concern = concern_or_404(pk)
    can_change = (
        not concern.is_voided
        and SafetyConcern.TRANSITIONS[concern.status]
        and request.user.has_perm("safety.change_safetyconcern")
    )
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = ConcernStatusForm(posted(request), concern=concern) if can_change else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.concern_transition(
                concern=concern,
                to_status=form.cleaned_data["status"],
                by=request.user,
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            concern.refresh_from_db()
        else:
            messages.success(request, f"Concern marked as {concern.get_status_display().lower()}.")
            return redirect("safety:concern_detail", pk=concern.pk)
    return render(
        request,
        "safety/concern_detail.html",
        {
            "title": f"{concern.get_severity_display()}-severity concern about {concern.student.full_name}",
            "concern": concern,
            "form": form,
            "history": history(concern),
            "breadcrumbs": dashboard_crumb(),
        },
    )


@GET_POST
@permission_required("safety.change_safetyconcern", raise_exception=True)
def concern_void(request, pk):
    concern = concern_or_404(pk)
    return void_page(
        request,
        concern,
        noun="concern",
        what=f"the concern about {concern.student.full_name} reported on {day(concern.created_at)}",
        back=reverse("safety:concern_detail", args=[concern.pk]),
        breadcrumbs=dashboard_crumb(),
        details=["Void a concern only if it was recorded in error. A concern that was dealt with is resolved."],
    )
