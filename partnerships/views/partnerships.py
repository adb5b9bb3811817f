"""Partnerships: the list, creating one, its page, editing it, and moving it through its lifecycle."""

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
    confirm_page,
    form_page,
    paginate,
    posted,
    service_form_page,
)
from core.refusals import refusal_of
from partnerships import services
from partnerships.filters import PartnershipFilter
from partnerships.forms import (
    PartnershipForm,
    TransitionForm,
)
from partnerships.models import (
    Handoff,
    Partnership,
    PartnershipRole,
    Side,
)
from partnerships.views.common import crumbs, partnership_or_404


def partnership_list(request):
    filterset = PartnershipFilter(request.GET, queryset=Partnership.objects.visible_to(request.user).for_list())
    page = paginate(request, filterset.qs)
    return render(request, "partnerships/partnership_list.html", {"filter": filterset, "page": page})


@GET_POST
@permission_required("partnerships.add_partnership", raise_exception=True)
def partnership_create(request):
    form = PartnershipForm(
        posted(request), initial={"school": request.GET.get("school"), "business": request.GET.get("business")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{partnership.name} added as a prospect. Next: name a point of contact on each side."
            )
            return redirect(partnership)
    return form_page(
        request,
        title="New partnership",
        form=form,
        submit="Add partnership",
        cancel_url=reverse("partnerships:list"),
        breadcrumbs=[("Partnerships", reverse("partnerships:list"))],
    )


def partnership_detail(request, pk):
    """The partnership's overview: its details, health, charter, goals and commitments."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user).for_detail(), pk=pk)
    charters = list(partnership.charters.all())
    context = {
        "partnership": partnership,
        "charter": charters[0] if charters else None,
        "older_charters": charters[1:],
        "goals": partnership.goals.all(),
        "commitments": partnership.commitments.with_delivered(),
        "history": partnership.status_changes.select_related("changed_by")[:10],
        "activation_problems": services.partnership_activation_problems(partnership)
        if Partnership.Status.ACTIVE in partnership.allowed_transitions()
        else [],
    }
    return render(request, "partnerships/partnership_detail.html", context)


def partnership_people(request, pk):
    """Who does what on both sides: the points of contact, the roles, the handoffs and who held a post before."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user).with_points_of_contact(), pk=pk)
    pocs = list(partnership.points_of_contact.all())
    handoffs = list(
        Handoff.objects.filter(partnership=partnership).select_related(
            "from_poc__contact", "to_poc__contact", "recorded_by"
        )
    )
    roles = list(partnership.roles.select_related("contact__organization"))
    context = {
        "partnership": partnership,
        "people_sides": [
            (side, organization, [p for p in pocs if p.is_current and p.side == side])
            for side, organization in ((Side.SCHOOL, partnership.school), (Side.BUSINESS, partnership.business))
        ],
        "past_pocs": [p for p in pocs if not p.is_current],
        "handoffs": handoffs,
        "roles": roles,
        # Changes to who does what, in one list: the rows above (and the people they name) name themselves.
        "history": history(
            None,
            also=(partnership.points_of_contact.all(), partnership.roles.all(), partnership.handoffs.all()),
            deleted=((PartnershipRole, "partnership", partnership.pk),),  # removed roles
            known=(
                partnership,
                *pocs,
                *(poc.contact for poc in pocs),
                *roles,
                *(role.contact for role in roles),
                *handoffs,
                *(handoff.recorded_by for handoff in handoffs),
            ),
        ),
    }
    return render(request, "partnerships/partnership_people.html", context)


@GET_POST
@permission_required("partnerships.change_partnership", raise_exception=True)
def partnership_edit(request, pk):
    partnership = partnership_or_404(request, pk)
    # Worked out before the form is bound: validation writes the typed values onto the instance.
    title, breadcrumbs = f"Edit {partnership.name}", crumbs(partnership)
    form = PartnershipForm(posted(request), instance=partnership)
    return service_form_page(
        request,
        form=form,
        record=partnership,
        fields=form.Meta.fields,
        save=lambda **fields: services.partnership_update(partnership=partnership, by=request.user, **fields),
        saved=lambda partnership: f"{partnership.name} saved.",
        title=title,
        submit="Save changes",
        cancel_url=partnership.get_absolute_url(),
        breadcrumbs=breadcrumbs,
    )


TRANSITION_WORDS = {
    Partnership.Status.ONBOARDING: (
        "Start onboarding",
        "The partnership moves to onboarding: agree the charter, goals and contacts.",
    ),
    Partnership.Status.ACTIVE: (
        "Activate partnership",
        "The partnership becomes active. Placements can then be planned with it.",
    ),
    Partnership.Status.PAUSED: (
        "Pause partnership",
        "The partnership is paused. Nothing is deleted; you can reactivate it later.",
    ),
    Partnership.Status.ENDED: (
        "End partnership",
        "The partnership ends. This cannot be undone: an ended partnership cannot be reopened.",
    ),
    Partnership.Status.PROSPECT: ("Move back to prospect", "The partnership goes back to being a prospect."),
}


@GET_POST
@permission_required("partnerships.change_partnership", raise_exception=True)
def partnership_transition(request, pk, status):
    partnership = partnership_or_404(request, pk)
    if status not in TRANSITION_WORDS:
        return redirect(partnership)
    submit, message = TRANSITION_WORDS[status]
    form = TransitionForm(posted(request))
    errors, refusal = [], None
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_transition(
                partnership=partnership, to_status=status, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors, refusal = error.messages, refusal_of(error)
        else:
            messages.success(request, f"{partnership.name} is now {partnership.get_status_display().lower()}.")
            return redirect(partnership)
    elif status == Partnership.Status.ACTIVE and status in partnership.allowed_transitions():
        # Say up front what will stop it, rather than after the click.
        problems = services.partnership_activation_problems(partnership)
        errors = [f"{partnership.name} cannot be activated yet."] + problems if problems else []
    return confirm_page(
        request,
        title=f"{submit}: {partnership.name}",
        message=message,
        submit=submit,
        cancel_url=partnership.get_absolute_url(),
        breadcrumbs=crumbs(partnership),
        danger=status in (Partnership.Status.ENDED, Partnership.Status.PAUSED),
        form=form,
        errors=errors,
        refusal=refusal,
        fix_link=("Add a point of contact", reverse("partnerships:poc_add", args=[partnership.pk]))
        if errors and status == Partnership.Status.ACTIVE
        else None,
    )
