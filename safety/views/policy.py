"""The district's safety policy: who needs checks, cadences, grading periods."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render

from core.concurrency import save_form
from core.history import history
from core.pages import GET_POST, add_service_errors, posted
from safety.forms import (
    GradingPeriodFormSet,
    PolicyForm,
)
from safety.models import (
    SafetyPolicy,
)
from safety.views.common import (
    dashboard_crumb,
)


@GET_POST
@permission_required("safety.change_safetypolicy", raise_exception=True)
def policy_edit(request):
    policy = SafetyPolicy.current()
    form = PolicyForm(posted(request), instance=policy, user=request.user)
    periods = GradingPeriodFormSet(posted(request), instance=policy, prefix="periods")
    if request.method == "POST" and form.is_valid() and periods.is_valid():
        try:
            with transaction.atomic():
                save_form(form)
                periods.save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Safety policy saved. Due dates everywhere follow it from now on.")
            return redirect("safety:policy_edit")
    return render(
        request,
        "safety/policy_form.html",
        {
            "title": "Safety policy",
            "form": form,
            "periods": periods,
            "history": history(policy, limit=10),
            "breadcrumbs": dashboard_crumb(),
        },
    )
