"""A partnership's charter: writing a new version, and reading an earlier one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.history import history
from core.pages import (
    GET_POST,
    add_service_errors,
)
from partnerships import services
from partnerships.forms import (
    CharterForm,
    PriorityFormSet,
)
from partnerships.models import (
    Charter,
)
from partnerships.views.common import crumbs, partnership_or_404


@GET_POST
@permission_required("partnerships.add_charter", raise_exception=True)
def charter_edit(request, pk):
    partnership = partnership_or_404(request, pk)
    current = partnership.charters.prefetch_related("priorities").order_by("-version").first()
    if request.method == "POST":
        form = CharterForm(request.POST, record=current, version=services.charter_version_token(current))
        formset = PriorityFormSet(request.POST, prefix="priorities")
        if form.is_valid() and formset.is_valid():
            try:
                charter = services.charter_publish(
                    partnership=partnership,
                    by=request.user,
                    priorities=formset.priorities(),
                    version=form.loaded_version,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Charter version {charter.version} saved. {partnership.business.name} can now acknowledge it.",
                )
                return redirect(reverse("partnerships:detail", args=[partnership.pk]) + "#charter")
    else:
        initial = {}
        priorities = []
        if current:
            initial = {"vision": current.vision, "hopes": current.hopes, "direction": current.direction}
            priorities = [
                {"district_goal": p.district_goal, "company_goal": p.company_goal, "tags": p.tags}
                for p in current.priorities.all()
            ]
        form = CharterForm(initial=initial, version=services.charter_version_token(current))
        formset = PriorityFormSet(initial=priorities, prefix="priorities")
    return render(
        request,
        "partnerships/charter_form.html",
        {
            "partnership": partnership,
            "form": form,
            "formset": formset,
            "current": current,
            "title": f"Charter for {partnership.name}",
            "breadcrumbs": crumbs(partnership),
        },
    )


def charter_version(request, pk, version):
    partnership = partnership_or_404(request, pk)
    charter = get_object_or_404(
        Charter.objects.select_related("created_by", "acknowledged_by").prefetch_related("priorities"),
        partnership=partnership,
        version=version,
    )
    versions = partnership.charters.only("version", "created_at", "acknowledged_at")
    return render(
        request,
        "partnerships/charter_version.html",
        {
            "partnership": partnership,
            "charter": charter,
            "versions": versions,
            "breadcrumbs": crumbs(partnership),
            "title": f"Charter v{charter.version} — {partnership.name}",
            "history": history(charter, known=(partnership, charter.created_by, charter.acknowledged_by)),
        },
    )
