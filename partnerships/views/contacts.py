"""Points of contact on a partnership: naming one, handing one over, ending one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from core.pages import (
    GET_POST,
    add_service_errors,
    confirm_page,
    form_page,
    posted,
)
from partnerships import services
from partnerships.forms import (
    HandoffForm,
    PointOfContactForm,
)
from partnerships.models import (
    PointOfContact,
)
from partnerships.views.common import crumbs, partnership_or_404


@GET_POST
@permission_required("partnerships.add_pointofcontact", raise_exception=True)
def poc_add(request, pk):
    partnership = partnership_or_404(request, pk)
    form = PointOfContactForm(posted(request), partnership=partnership, initial={"side": request.GET.get("side")})
    if request.method == "POST" and form.is_valid():
        try:
            poc = services.poc_assign(partnership=partnership, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{poc.contact} is now {poc.get_role_display().lower()} contact "
                f"on the {poc.get_side_display().lower()}.",
            )
            return redirect(reverse("partnerships:people", args=[partnership.pk]))
    return form_page(
        request,
        title=f"Add a point of contact — {partnership.name}",
        form=form,
        submit="Add point of contact",
        cancel_url=reverse("partnerships:people", args=[partnership.pk]),
        breadcrumbs=crumbs(partnership),
    )


def _poc(partnership, poc_pk) -> PointOfContact:
    return get_object_or_404(
        PointOfContact.objects.select_related("contact", "partnership__school", "partnership__business"),
        partnership=partnership,
        pk=poc_pk,
    )


@GET_POST
@permission_required("partnerships.add_handoff", raise_exception=True)
def poc_handoff(request, pk, poc_pk):
    partnership = partnership_or_404(request, pk)
    poc = _poc(partnership, poc_pk)
    if not poc.is_current:
        messages.info(request, f"{poc.contact} already handed over on {poc.end_date:%d %b %Y}.")
        return redirect(reverse("partnerships:people", args=[partnership.pk]))
    form = HandoffForm(posted(request), poc=poc)
    if request.method == "POST" and form.is_valid():
        try:
            handoff = services.poc_handoff(poc=poc, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{handoff.to_poc.contact} took over from {poc.contact}. Both sides will be told by email.",
            )
            return redirect(reverse("partnerships:people", args=[partnership.pk]))
    return form_page(
        request,
        title=f"Hand off from {poc.contact}",
        intro=f"{poc.contact} is {poc.get_role_display().lower()} contact on the {poc.get_side_display().lower()} "
        f"of {partnership.name}. Choose who takes over; the handoff is recorded with what is still open.",
        form=form,
        submit="Hand off",
        cancel_url=reverse("partnerships:people", args=[partnership.pk]),
        breadcrumbs=crumbs(partnership),
        open_items=services.open_items_snapshot(partnership),
    )


@GET_POST
@permission_required("partnerships.change_pointofcontact", raise_exception=True)
def poc_end(request, pk, poc_pk):
    partnership = partnership_or_404(request, pk)
    poc = _poc(partnership, poc_pk)
    back = reverse("partnerships:people", args=[partnership.pk])
    errors = []
    if request.method == "POST":
        try:
            services.poc_end(poc=poc, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"{poc.contact} is no longer a point of contact for {partnership.name}.")
            return redirect(back)
    return confirm_page(
        request,
        title=f"Remove {poc.contact} as point of contact?",
        message=f"{poc.contact} stops being {poc.get_role_display().lower()} contact on the "
        f"{poc.get_side_display().lower()} today. To name a successor, hand off instead.",
        submit="Remove point of contact",
        cancel_url=back,
        breadcrumbs=crumbs(partnership),
        errors=errors,
    )
