"""Coordinator views for organizations, contacts and partnerships.

The staff prefix is guarded by accounts.middleware.AccessMiddleware (signed-in coordinators only);
each view that writes also checks the model permission. Objects are loaded through the helpers
below, which answer 404 for anything the user may not see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse

from core.pages import (
    GET_POST,
    add_service_errors,
    confirm_page,
    form_page,
    model_form_page,
    paginate,
    posted,
    service_form_page,
)
from core.refusals import refusal_of
from partnerships import services
from partnerships.filters import OrganizationFilter, PartnershipFilter
from partnerships.forms import (
    CharterForm,
    CommitmentForm,
    ContactDeactivateForm,
    ContactForm,
    DeliveryForm,
    GoalForm,
    HandoffForm,
    OrganizationForm,
    PartnershipForm,
    PartnershipRoleForm,
    PointOfContactForm,
    PriorityFormSet,
    TransitionForm,
)
from partnerships.models import (
    Charter,
    Commitment,
    Contact,
    Goal,
    Handoff,
    Organization,
    Partnership,
    PartnershipRole,
    PointOfContact,
    Side,
)


def _partnership(request, pk) -> Partnership:
    return get_object_or_404(Partnership.objects.visible_to(request.user).select_related("school", "business"), pk=pk)


def _organization(request, pk) -> Organization:
    return get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)


def _crumbs(partnership: Partnership, *more):
    return [("Partnerships", reverse("partnerships:list")), (partnership.name, partnership.get_absolute_url()), *more]


# Partnerships ----------------------------------------------------------------------------------


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
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user).for_detail(), pk=pk)
    pocs = list(partnership.points_of_contact.all())
    charters = list(partnership.charters.all())
    context = {
        "partnership": partnership,
        "charter": charters[0] if charters else None,
        "older_charters": charters[1:],
        "goals": partnership.goals.all(),
        "commitments": partnership.commitments.with_delivered(),
        "people_sides": [
            (side, organization, [p for p in pocs if p.is_current and p.side == side])
            for side, organization in ((Side.SCHOOL, partnership.school), (Side.BUSINESS, partnership.business))
        ],
        "past_pocs": [p for p in pocs if not p.is_current],
        "handoffs": Handoff.objects.filter(partnership=partnership).select_related(
            "from_poc__contact", "to_poc__contact", "recorded_by"
        ),
        "roles": partnership.roles.select_related("contact__organization"),
        "history": partnership.status_changes.select_related("changed_by")[:10],
        "transitions": [Partnership.Status(s) for s in partnership.allowed_transitions()],
        "activation_problems": services.partnership_activation_problems(partnership)
        if Partnership.Status.ACTIVE in partnership.allowed_transitions()
        else [],
    }
    return render(request, "partnerships/partnership_detail.html", context)


@GET_POST
@permission_required("partnerships.change_partnership", raise_exception=True)
def partnership_edit(request, pk):
    partnership = _partnership(request, pk)
    # Worked out before the form is bound: validation writes the typed values onto the instance.
    title, breadcrumbs = f"Edit {partnership.name}", _crumbs(partnership)
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
    partnership = _partnership(request, pk)
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
        breadcrumbs=_crumbs(partnership),
        danger=status in (Partnership.Status.ENDED, Partnership.Status.PAUSED),
        form=form,
        errors=errors,
        refusal=refusal,
        fix_link=("Add a point of contact", reverse("partnerships:poc_add", args=[partnership.pk]))
        if errors and status == Partnership.Status.ACTIVE
        else None,
    )


# Charter ---------------------------------------------------------------------------------------


@GET_POST
@permission_required("partnerships.add_charter", raise_exception=True)
def charter_edit(request, pk):
    partnership = _partnership(request, pk)
    current = partnership.charters.prefetch_related("priorities").order_by("-version").first()
    if request.method == "POST":
        form = CharterForm(request.POST)
        formset = PriorityFormSet(request.POST, prefix="priorities")
        if form.is_valid() and formset.is_valid():
            try:
                charter = services.charter_publish(
                    partnership=partnership, by=request.user, priorities=formset.priorities(), **form.cleaned_data
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
        form = CharterForm(initial=initial)
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
            "breadcrumbs": _crumbs(partnership),
        },
    )


def charter_version(request, pk, version):
    partnership = _partnership(request, pk)
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
            "breadcrumbs": _crumbs(partnership),
            "title": f"Charter v{charter.version} — {partnership.name}",
        },
    )


# Goals, commitments and roles: plain records with no rule beyond their own validation ---------


def _child_form_view(request, *, partnership, form, noun: str, anchor: str, instance=None):
    """Create or edit a record that belongs to a partnership, through a ModelForm."""
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.partnership = partnership
        record.save()
        messages.success(request, f"{noun.capitalize()} {'saved' if instance else 'added'}.")
        return redirect(reverse("partnerships:detail", args=[partnership.pk]) + f"#{anchor}")
    verb = "Edit" if instance else "Add"
    return form_page(
        request,
        title=f"{verb} {noun} — {partnership.name}",
        form=form,
        submit="Save changes" if instance else f"Add {noun}",
        cancel_url=reverse("partnerships:detail", args=[partnership.pk]) + f"#{anchor}",
        breadcrumbs=_crumbs(partnership),
        datalist=PartnershipRole.SUGGESTED_TITLES if noun == "role" else None,
    )


def _child_delete_view(request, *, partnership, record, noun: str, anchor: str, description: str):
    back = reverse("partnerships:detail", args=[partnership.pk]) + f"#{anchor}"
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
        breadcrumbs=_crumbs(partnership),
    )


@GET_POST
@permission_required("partnerships.add_goal", raise_exception=True)
def goal_create(request, pk):
    partnership = _partnership(request, pk)
    return _child_form_view(
        request, partnership=partnership, form=GoalForm(posted(request)), noun="goal", anchor="goals"
    )


@GET_POST
@permission_required("partnerships.change_goal", raise_exception=True)
def goal_edit(request, pk, goal_pk):
    partnership = _partnership(request, pk)
    goal = get_object_or_404(Goal, partnership=partnership, pk=goal_pk)
    form = GoalForm(posted(request), instance=goal)
    return _child_form_view(request, partnership=partnership, form=form, noun="goal", anchor="goals", instance=goal)


@GET_POST
@permission_required("partnerships.delete_goal", raise_exception=True)
def goal_delete(request, pk, goal_pk):
    partnership = _partnership(request, pk)
    goal = get_object_or_404(Goal, partnership=partnership, pk=goal_pk)
    return _child_delete_view(
        request, partnership=partnership, record=goal, noun="goal", anchor="goals", description=goal.description[:120]
    )


@GET_POST
@permission_required("partnerships.add_commitment", raise_exception=True)
def commitment_create(request, pk):
    partnership = _partnership(request, pk)
    form = CommitmentForm(posted(request))
    return _child_form_view(request, partnership=partnership, form=form, noun="commitment", anchor="commitments")


@GET_POST
@permission_required("partnerships.change_commitment", raise_exception=True)
def commitment_edit(request, pk, commitment_pk):
    partnership = _partnership(request, pk)
    commitment = get_object_or_404(Commitment, partnership=partnership, pk=commitment_pk)
    form = CommitmentForm(posted(request), instance=commitment)
    return _child_form_view(
        request, partnership=partnership, form=form, noun="commitment", anchor="commitments", instance=commitment
    )


@GET_POST
@permission_required("partnerships.delete_commitment", raise_exception=True)
def commitment_delete(request, pk, commitment_pk):
    partnership = _partnership(request, pk)
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
    partnership = _partnership(request, pk)
    commitment = get_object_or_404(Commitment.objects.with_delivered(), partnership=partnership, pk=commitment_pk)
    form = DeliveryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_record_delivery(commitment=commitment, by=request.user, **form.cleaned_data)
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
        breadcrumbs=_crumbs(partnership),
    )


@GET_POST
@permission_required("partnerships.add_partnershiprole", raise_exception=True)
def role_create(request, pk):
    partnership = _partnership(request, pk)
    form = PartnershipRoleForm(posted(request), partnership=partnership)
    return _child_form_view(request, partnership=partnership, form=form, noun="role", anchor="people")


@GET_POST
@permission_required("partnerships.change_partnershiprole", raise_exception=True)
def role_edit(request, pk, role_pk):
    partnership = _partnership(request, pk)
    role = get_object_or_404(PartnershipRole, partnership=partnership, pk=role_pk)
    form = PartnershipRoleForm(posted(request), instance=role, partnership=partnership)
    return _child_form_view(request, partnership=partnership, form=form, noun="role", anchor="people", instance=role)


@GET_POST
@permission_required("partnerships.delete_partnershiprole", raise_exception=True)
def role_delete(request, pk, role_pk):
    partnership = _partnership(request, pk)
    role = get_object_or_404(PartnershipRole.objects.select_related("contact"), partnership=partnership, pk=role_pk)
    return _child_delete_view(
        request, partnership=partnership, record=role, noun="role", anchor="people", description=str(role)
    )


# Points of contact -----------------------------------------------------------------------------


@GET_POST
@permission_required("partnerships.add_pointofcontact", raise_exception=True)
def poc_add(request, pk):
    partnership = _partnership(request, pk)
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
            return redirect(reverse("partnerships:detail", args=[partnership.pk]) + "#people")
    return form_page(
        request,
        title=f"Add a point of contact — {partnership.name}",
        form=form,
        submit="Add point of contact",
        cancel_url=reverse("partnerships:detail", args=[partnership.pk]) + "#people",
        breadcrumbs=_crumbs(partnership),
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
    partnership = _partnership(request, pk)
    poc = _poc(partnership, poc_pk)
    if not poc.is_current:
        messages.info(request, f"{poc.contact} already handed over on {poc.end_date:%d %b %Y}.")
        return redirect(reverse("partnerships:detail", args=[partnership.pk]) + "#people")
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
            return redirect(reverse("partnerships:detail", args=[partnership.pk]) + "#people")
    return form_page(
        request,
        title=f"Hand off from {poc.contact}",
        intro=f"{poc.contact} is {poc.get_role_display().lower()} contact on the {poc.get_side_display().lower()} "
        f"of {partnership.name}. Choose who takes over; the handoff is recorded with what is still open.",
        form=form,
        submit="Hand off",
        cancel_url=reverse("partnerships:detail", args=[partnership.pk]) + "#people",
        breadcrumbs=_crumbs(partnership),
        open_items=services.open_items_snapshot(partnership),
    )


@GET_POST
@permission_required("partnerships.change_pointofcontact", raise_exception=True)
def poc_end(request, pk, poc_pk):
    partnership = _partnership(request, pk)
    poc = _poc(partnership, poc_pk)
    back = reverse("partnerships:detail", args=[partnership.pk]) + "#people"
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
        breadcrumbs=_crumbs(partnership),
        errors=errors,
    )


# Organizations and contacts --------------------------------------------------------------------


def organization_list(request):
    filterset = OrganizationFilter(request.GET, queryset=Organization.objects.visible_to(request.user).for_list())
    page = paginate(request, filterset.qs)
    return render(request, "partnerships/organization_list.html", {"filter": filterset, "page": page})


@GET_POST
@permission_required("partnerships.add_organization", raise_exception=True)
def organization_create(request):
    form = OrganizationForm(posted(request), initial={"kind": request.GET.get("kind", Organization.Kind.BUSINESS)})
    return model_form_page(
        request,
        form=form,
        saved=lambda organization: f"{organization.name} added. Next: add the people you work with there.",
        title="New organization",
        submit="Add organization",
        cancel_url=reverse("partnerships:organization_list"),
        breadcrumbs=[("Organizations", reverse("partnerships:organization_list"))],
    )


def organization_detail(request, pk):
    organization = get_object_or_404(Organization.objects.visible_to(request.user).select_related("parent"), pk=pk)
    partnerships = (
        Partnership.objects.visible_to(request.user)
        .filter(Q(school=organization) | Q(business=organization))
        .select_related("school", "business")
    )
    contacts = organization.contacts.prefetch_related(
        Prefetch(
            "points_of_contact",
            queryset=PointOfContact.objects.current().select_related("partnership"),
            to_attr="current_posts",
        )
    )
    return render(
        request,
        "partnerships/organization_detail.html",
        {
            "organization": organization,
            "contacts": contacts,
            "partnerships": partnerships,
            "breadcrumbs": [("Organizations", reverse("partnerships:organization_list"))],
            "title": organization.name,
        },
    )


@GET_POST
@permission_required("partnerships.change_organization", raise_exception=True)
def organization_edit(request, pk):
    organization = _organization(request, pk)
    title, breadcrumbs = f"Edit {organization.name}", _org_crumbs(organization)  # before binding, as above
    return service_form_page(
        request,
        form=OrganizationForm(posted(request), instance=organization),
        record=organization,
        fields=services.ORGANIZATION_FIELDS,
        save=lambda **fields: services.organization_update(organization=organization, by=request.user, **fields),
        saved=lambda organization: f"{organization.name} saved.",
        title=title,
        submit="Save changes",
        cancel_url=organization.get_absolute_url(),
        breadcrumbs=breadcrumbs,
    )


def _org_crumbs(organization):
    return [
        ("Organizations", reverse("partnerships:organization_list")),
        (organization.name, organization.get_absolute_url()),
    ]


@GET_POST
@permission_required("partnerships.add_contact", raise_exception=True)
def contact_create(request, pk):
    organization = _organization(request, pk)
    form = ContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.organization = organization
        contact.save()
        messages.success(request, f"{contact} added to {organization.name}.")
        return redirect(organization.get_absolute_url() + "#contacts")
    return form_page(
        request,
        title=f"Add a person at {organization.name}",
        form=form,
        submit="Add person",
        cancel_url=organization.get_absolute_url(),
        breadcrumbs=_org_crumbs(organization),
    )


def _contact(request, pk) -> Contact:
    return get_object_or_404(
        Contact.objects.filter(organization__in=Organization.objects.visible_to(request.user)).select_related(
            "organization"
        ),
        pk=pk,
    )


@GET_POST
@permission_required("partnerships.change_contact", raise_exception=True)
def contact_edit(request, pk):
    contact = _contact(request, pk)
    title = f"Edit {contact}"  # before binding, as above
    form = ContactForm(posted(request), instance=contact)
    return model_form_page(
        request,
        form=form,
        saved=lambda contact: f"{contact} saved.",
        success_url=contact.organization.get_absolute_url() + "#contacts",
        title=title,
        submit="Save changes",
        cancel_url=contact.organization.get_absolute_url(),
        breadcrumbs=_org_crumbs(contact.organization),
    )


@GET_POST
@permission_required("partnerships.change_contact", raise_exception=True)
def contact_deactivate(request, pk):
    contact = _contact(request, pk)
    back = contact.organization.get_absolute_url() + "#contacts"
    if not contact.active:
        messages.info(request, f"{contact} is already inactive.")
        return redirect(back)
    posts = services.contact_posts_needing_successor(contact)
    form = ContactDeactivateForm(posted(request), posts=posts)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_deactivate(
                contact=contact, by=request.user, successors=form.successors(), notes=form.cleaned_data["notes"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{contact} is now inactive.")
            return redirect(back)
    intro = f"{contact} will no longer be offered as a contact. Their history stays."
    if form.posts:
        intro += " They are the primary contact of a live partnership: name who takes over each one."
    return form_page(
        request,
        title=f"Deactivate {contact}?",
        intro=intro,
        form=form,
        submit="Deactivate",
        cancel_url=back,
        breadcrumbs=_org_crumbs(contact.organization),
        danger=True,
    )
