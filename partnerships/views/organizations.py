"""Organizations and their people: the list, creating and editing, contacts, and deactivating someone who left."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.history import history
from core.pages import (
    GET_POST,
    add_service_errors,
    form_page,
    model_form_page,
    paginate,
    posted,
    service_form_page,
)
from partnerships import services
from partnerships.filters import OrganizationFilter
from partnerships.forms import (
    ContactDeactivateForm,
    ContactForm,
    OrganizationForm,
)
from partnerships.invitations import selectors as invitations
from partnerships.models import (
    Contact,
    Organization,
    Partnership,
    PointOfContact,
)
from partnerships.views.common import organization_or_404


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
    is_business = organization.kind == Organization.Kind.BUSINESS
    memberships = list(invitations.team(organization)) if is_business else None
    return render(
        request,
        "partnerships/organization_detail.html",
        {
            "organization": organization,
            "contacts": contacts,
            "partnerships": partnerships,
            # Portal users: only businesses have them.
            "memberships": memberships,
            # Who was given, changed or lost access to the portal, by whom: the rows above name themselves.
            "history": history(
                None,
                also=(organization.memberships.all(),),
                known=(
                    organization,
                    *memberships,
                    *(m.user for m in memberships),
                    *(m.invited_by for m in memberships),
                    *(m.deactivated_by for m in memberships),
                ),
            )
            if memberships is not None
            else None,
            "invitations": invitations.pending(organization) if is_business else None,
            "breadcrumbs": [("Organizations", reverse("partnerships:organization_list"))],
            "title": organization.name,
        },
    )


@GET_POST
@permission_required("partnerships.change_organization", raise_exception=True)
def organization_edit(request, pk):
    organization = organization_or_404(request, pk)
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
    organization = organization_or_404(request, pk)
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
