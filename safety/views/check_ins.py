"""Check-ins with students on placement: recording one and voiding."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from core.pages import GET_POST, add_service_errors, form_page, posted
from core.redirects import next_url
from safety import cadence, services
from safety.forms import (
    CheckInForm,
)
from safety.models import (
    SafetyPolicy,
)
from safety.views.common import (
    check_in_or_404,
    dashboard_crumb,
    day,
    id_param,
    placement_name,
    void_page,
)
from students.models import Placement


def _next_due(placement, policy: SafetyPolicy) -> datetime.date:
    annotated = cadence.with_last_check_in(Placement.objects.filter(pk=placement.pk)).get()
    return cadence.next_check_in(annotated, policy)


@GET_POST
@permission_required("safety.add_checkin", raise_exception=True)
def check_in_create(request):
    placement_id = id_param(request, "placement")
    form = CheckInForm(posted(request), initial={"placement": placement_id} if placement_id else {})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement = data["placement"]
        try:
            check_in = services.check_in_record(
                placement=placement,
                by=request.user,
                date=data["date"],
                mode=data["mode"],
                wellbeing=data["wellbeing"],
                notes=data["notes"],
                concern=data["concern"],
                shared_with_mentor=data["shared_with_mentor"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            who = placement.student.full_name
            if check_in.concern:
                messages.success(request, f"Check-in with {who} recorded. Now describe the concern.")
                return redirect(reverse("safety:concern_create") + f"?placement={placement.pk}")
            text = f"Check-in with {who} recorded."
            if placement.status == Placement.Status.ACTIVE:
                text += f" Next check-in due {day(_next_due(placement, SafetyPolicy.current()))}."
            messages.success(request, text)
            return redirect(next_url(request, reverse("safety:placement", args=[placement.pk])))
    intro = "A short conversation with the student about how the placement is going."
    placement = (
        Placement.objects.select_related("student", "partnership__business").filter(pk=placement_id).first()
        if placement_id
        else None
    )
    cancel = reverse("safety:dashboard")
    if placement is not None:
        cancel = reverse("safety:placement", args=[placement.pk])
        if placement.status == Placement.Status.ACTIVE:
            due = _next_due(placement, SafetyPolicy.current())
            intro = f"{placement_name(placement)}: the next check-in is due {day(due)}."
    return form_page(
        request,
        title="Record a check-in",
        intro=intro,
        form=form,
        submit="Record check-in",
        cancel_url=next_url(request, cancel),
        breadcrumbs=dashboard_crumb(),
    )


@GET_POST
@permission_required("safety.change_checkin", raise_exception=True)
def check_in_void(request, pk):
    check_in = check_in_or_404(pk)
    placement = check_in.placement
    back = reverse("safety:placement", args=[placement.pk])
    return void_page(
        request,
        check_in,
        noun="check-in",
        what=f"the check-in with {placement.student.full_name} on {day(check_in.date)}",
        back=back,
        breadcrumbs=[*dashboard_crumb(), (placement_name(placement), back)],
        details=[
            f"By {check_in.by.display_name}, {check_in.get_mode_display().lower()}, "
            f"wellbeing {check_in.get_wellbeing_display()}."
        ],
    )
