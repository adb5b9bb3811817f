"""The coordinators' page for the partner guide: edit it, and see it as partners will read it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from communications.guide import selectors
from communications.guide.forms import PartnerGuideForm
from communications.models import PartnerGuide
from communications.navigation import crumbs
from core.concurrency import save_form
from core.pages import GET_POST, add_service_errors, posted


@GET_POST
@permission_required("communications.change_partnerguide", raise_exception=True)
def guide_edit(request):
    guide = PartnerGuide.current()
    form = PartnerGuideForm(posted(request), instance=guide)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        try:
            save_form(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Partner guide saved. Partners see it on their Guide page now.")
            return redirect(reverse("communications:guide_edit"))
    shown = PartnerGuide.current() if form.is_bound else guide  # the preview shows what is saved
    return render(
        request,
        "communications/guide/edit.html",
        {
            "title": "Partner guide",
            "form": form,
            "guide": shown,
            "sections": selectors.sections(shown),
            "questions": selectors.questions(shown.questions),
            "breadcrumbs": crumbs(),
        },
    )
