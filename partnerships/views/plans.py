"""Goals, commitments (and their delivery) and roles: plain records with no rule beyond their own validation;
and the business's proposals to change a commitment, which a coordinator approves or declines."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat
from django.urls import reverse

from core.concurrency import save_form
from core.pages import (
    GET_POST,
    add_service_errors,
    confirm_page,
    form_page,
    posted,
)
from partnerships.commitments import services as commitments
from partnerships.forms import (
    CommitmentForm,
    DeliveryForm,
    GoalForm,
    PartnershipRoleForm,
)
from partnerships.models import (
    Commitment,
    CommitmentChange,
    Goal,
    PartnershipRole,
)
from partnerships.templatetags.commitment_changes import change_lines
from partnerships.views.common import crumbs, partnership_or_404, section_url


def _child_form_view(request, *, partnership, form, noun: str, anchor: str, instance=None):
    """Create or edit a record that belongs to a partnership, through a ModelForm."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record = save_form(form, commit=False)
                record.partnership = partnership
                record.save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{noun.capitalize()} {'saved' if instance else 'added'}.")
            return redirect(section_url(partnership, anchor))
    verb = "Edit" if instance else "Add"
    return form_page(
        request,
        title=f"{verb} {noun} — {partnership.name}",
        form=form,
        submit="Save changes" if instance else f"Add {noun}",
        cancel_url=section_url(partnership, anchor),
        breadcrumbs=crumbs(partnership),
        datalist=PartnershipRole.SUGGESTED_TITLES if noun == "role" else None,
    )


def _child_delete_view(request, *, partnership, record, noun: str, anchor: str, description: str):
    back = section_url(partnership, anchor)
    if request.method == "POST":
        record.delete()
        messages.success(request, f"{noun.capitalize()} removed.")
        return redirect(back)
    return confirm_page(
        request,
        title=f"Remove this {noun}?",
        message=f"“{description}” will be removed from {partnership.name}. This cannot be undone.",
        submit=f"Remove {noun}",
        cancel_url=back,
        breadcrumbs=crumbs(partnership),
    )


@GET_POST
@permission_required("partnerships.add_goal", raise_exception=True)
def goal_create(request, pk):
    partnership = partnership_or_404(request, pk)
    return _child_form_view(
        request, partnership=partnership, form=GoalForm(posted(request)), noun="goal", anchor="goals"
    )


@GET_POST
@permission_required("partnerships.change_goal", raise_exception=True)
def goal_edit(request, pk, goal_pk):
    partnership = partnership_or_404(request, pk)
    goal = get_object_or_404(Goal, partnership=partnership, pk=goal_pk)
    form = GoalForm(posted(request), instance=goal)
    return _child_form_view(request, partnership=partnership, form=form, noun="goal", anchor="goals", instance=goal)


@GET_POST
@permission_required("partnerships.delete_goal", raise_exception=True)
def goal_delete(request, pk, goal_pk):
    partnership = partnership_or_404(request, pk)
    goal = get_object_or_404(Goal, partnership=partnership, pk=goal_pk)
    return _child_delete_view(
        request, partnership=partnership, record=goal, noun="goal", anchor="goals", description=goal.description[:120]
    )


@GET_POST
@permission_required("partnerships.add_commitment", raise_exception=True)
def commitment_create(request, pk):
    partnership = partnership_or_404(request, pk)
    form = CommitmentForm(posted(request))
    return _child_form_view(request, partnership=partnership, form=form, noun="commitment", anchor="commitments")


@GET_POST
@permission_required("partnerships.change_commitment", raise_exception=True)
def commitment_edit(request, pk, commitment_pk):
    partnership = partnership_or_404(request, pk)
    commitment = get_object_or_404(Commitment, partnership=partnership, pk=commitment_pk)
    form = CommitmentForm(posted(request), instance=commitment)
    return _child_form_view(
        request, partnership=partnership, form=form, noun="commitment", anchor="commitments", instance=commitment
    )


@GET_POST
@permission_required("partnerships.delete_commitment", raise_exception=True)
def commitment_delete(request, pk, commitment_pk):
    partnership = partnership_or_404(request, pk)
    commitment = get_object_or_404(Commitment, partnership=partnership, pk=commitment_pk)
    return _child_delete_view(
        request,
        partnership=partnership,
        record=commitment,
        noun="commitment",
        anchor="commitments",
        description=commitment.description,
    )


@GET_POST
@permission_required("partnerships.add_commitmentdelivery", raise_exception=True)
def commitment_delivery(request, pk, commitment_pk):
    partnership = partnership_or_404(request, pk)
    commitment = get_object_or_404(Commitment.objects.with_delivered(), partnership=partnership, pk=commitment_pk)
    form = DeliveryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            commitments.commitment_record_delivery(commitment=commitment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            amount = floatformat(form.cleaned_data["amount"], -2)
            messages.success(request, f"Recorded {amount} {commitment.unit} for “{commitment.description}”.")
            return redirect(reverse("partnerships:detail", args=[partnership.pk]) + "#commitments")
    return form_page(
        request,
        title=f"Record what was delivered — {commitment.description}",
        intro=f"Promised {floatformat(commitment.amount, -2)} {commitment.unit} "
        f"({commitment.get_cadence_display().lower()}); delivered so far {floatformat(commitment.delivered, -2)}.",
        form=form,
        submit="Record delivery",
        cancel_url=reverse("partnerships:detail", args=[partnership.pk]) + "#commitments",
        breadcrumbs=crumbs(partnership),
    )


class DeclineChangeForm(forms.Form):
    decline_reason = forms.CharField(
        label="Why you decline it",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The business reads this in the portal: say what would work instead.",
    )


def _waiting_change(request, partnership, change_pk):
    """A proposal on one of this partnership's commitments, or None (with a word) once it was decided."""
    change = get_object_or_404(
        CommitmentChange.objects.select_related("commitment", "proposed_by"),
        commitment__partnership=partnership,
        pk=change_pk,
    )
    if change.status != CommitmentChange.Status.PROPOSED:
        messages.info(request, f"This change was already {change.get_status_display().lower()}.")
        return None
    return change


def _change_intro(partnership, change) -> str:
    who = change.proposed_by.display_name if change.proposed_by else partnership.business.name
    return f"{who} of {partnership.business.name} proposes to change “{change.commitment.description}”: {change.reason}"


@GET_POST
@permission_required("partnerships.change_commitment", raise_exception=True)
def commitment_change_approve(request, pk, change_pk):
    partnership = partnership_or_404(request, pk)
    back = reverse("partnerships:detail", args=[partnership.pk]) + "#commitments"
    change = _waiting_change(request, partnership, change_pk)
    if change is None:
        return redirect(back)
    errors = []
    if request.method == "POST":
        try:
            commitments.commitment_change_decide(change=change, by=request.user, approve=True)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"Change approved: “{change.commitment.description}” now reads as proposed.")
            return redirect(back)
    return confirm_page(
        request,
        title="Approve this change?",
        message=_change_intro(partnership, change) + " Approving changes the commitment at once:",
        details=change_lines(change),
        submit="Approve the change",
        cancel_url=back,
        breadcrumbs=crumbs(partnership),
        danger=False,
        errors=errors,
    )


@GET_POST
@permission_required("partnerships.change_commitment", raise_exception=True)
def commitment_change_decline(request, pk, change_pk):
    partnership = partnership_or_404(request, pk)
    back = reverse("partnerships:detail", args=[partnership.pk]) + "#commitments"
    change = _waiting_change(request, partnership, change_pk)
    if change is None:
        return redirect(back)
    form = DeclineChangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            commitments.commitment_change_decide(
                change=change, by=request.user, approve=False, decline_reason=form.cleaned_data["decline_reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Change declined. {partnership.business.name} sees your reason in the portal.")
            return redirect(back)
    return form_page(
        request,
        title="Decline this change",
        intro=_change_intro(partnership, change) + " " + " · ".join(change_lines(change)),
        form=form,
        submit="Decline the change",
        cancel_url=back,
        breadcrumbs=crumbs(partnership),
    )


@GET_POST
@permission_required("partnerships.add_partnershiprole", raise_exception=True)
def role_create(request, pk):
    partnership = partnership_or_404(request, pk)
    form = PartnershipRoleForm(posted(request), partnership=partnership)
    return _child_form_view(request, partnership=partnership, form=form, noun="role", anchor="people")


@GET_POST
@permission_required("partnerships.change_partnershiprole", raise_exception=True)
def role_edit(request, pk, role_pk):
    partnership = partnership_or_404(request, pk)
    role = get_object_or_404(PartnershipRole, partnership=partnership, pk=role_pk)
    form = PartnershipRoleForm(posted(request), instance=role, partnership=partnership)
    return _child_form_view(request, partnership=partnership, form=form, noun="role", anchor="people", instance=role)


@GET_POST
@permission_required("partnerships.delete_partnershiprole", raise_exception=True)
def role_delete(request, pk, role_pk):
    partnership = partnership_or_404(request, pk)
    role = get_object_or_404(PartnershipRole.objects.select_related("contact"), partnership=partnership, pk=role_pk)
    return _child_delete_view(
        request, partnership=partnership, record=role, noun="role", anchor="people", description=str(role)
    )
