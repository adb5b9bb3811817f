"""The coordinator's pages for a placement's hours: record, confirm, correct (a correction of hours the
mentor sent back goes back to the mentor). Partners confirm hours in the portal (portal/placements/hours.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat

from core.pages import GET_POST, add_service_errors, form_page, posted
from students.forms import HoursForm, VerifyHoursForm
from students.hours import services as hours_services
from students.models import HoursEntry
from students.views import placement_crumbs, placement_or_404, placement_title


@GET_POST
@permission_required("students.add_hoursentry", raise_exception=True)
def hours_create(request, pk):
    placement = placement_or_404(pk)
    form = HoursForm(posted(request))
    back = placement.get_absolute_url() + "#hours"
    if request.method == "POST" and form.is_valid():
        try:
            hours_services.hours_record(placement=placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Hours recorded.")
            return redirect(back)
    return form_page(
        request,
        title=f"Record hours — {placement_title(placement)}",
        form=form,
        submit="Record hours",
        cancel_url=back,
        breadcrumbs=placement_crumbs(placement),
    )


@GET_POST
@permission_required("students.change_hoursentry", raise_exception=True)
def hours_verify(request, pk, entry_pk):
    placement = placement_or_404(pk)
    entry = get_object_or_404(HoursEntry, placement=placement, pk=entry_pk)
    form = VerifyHoursForm(
        posted(request), initial={"verified_by": placement.mentor.full_name if placement.mentor else ""}
    )
    back = placement.get_absolute_url() + "#hours"
    if request.method == "POST" and form.is_valid():
        try:
            hours_services.hours_verify(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{floatformat(entry.hours, -2)} hours on {entry.date:%d %b %Y} confirmed.")
            return redirect(back)
    return form_page(
        request,
        title="Confirm hours",
        intro=f"{floatformat(entry.hours, -2)} hours on {entry.date:%d %b %Y}: {entry.activity}",
        form=form,
        submit="Confirm hours",
        cancel_url=back,
        breadcrumbs=placement_crumbs(placement),
    )


@GET_POST
@permission_required("students.change_hoursentry", raise_exception=True)
def hours_edit(request, pk, entry_pk):
    """Correct an entry not yet confirmed, most often one the mentor sent back: it goes back to them."""
    placement = placement_or_404(pk)
    entry = get_object_or_404(HoursEntry.objects.select_related("rejected_by"), placement=placement, pk=entry_pk)
    initial = {name: getattr(entry, name) for name in hours_services.HOURS_FIELDS}
    form = HoursForm(posted(request), initial=initial, record=entry)
    back = placement.get_absolute_url() + "#hours"
    if request.method == "POST" and form.is_valid():
        try:
            hours_services.hours_correct(entry=entry, by=request.user, version=form.loaded_version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Hours corrected. They go back to the mentor to confirm.")
            return redirect(back)
    intro = f"{hours_services.hours_words(entry)}: {entry.activity}"
    if entry.is_rejected:
        who = entry.rejected_by.display_name if entry.rejected_by else "The mentor"
        intro = f"{who} sent these hours back on {entry.rejected_at:%d %b %Y}: “{entry.reject_reason}”"
    return form_page(
        request,
        title="Correct hours",
        intro=intro,
        form=form,
        submit="Save and send to the mentor",
        cancel_url=back,
        breadcrumbs=placement_crumbs(placement),
    )
