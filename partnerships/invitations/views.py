"""The coordinator's side of portal access, from a business's page (its "Portal users" section): invite
someone, withdraw an invitation, end someone's access. Each page is thin; the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from accounts.models import SignedLink
from core.filters import id_from
from core.pages import GET_POST, confirm_page, form_page, posted
from partnerships.invitations import services
from partnerships.invitations.forms import InvitationForm
from partnerships.invitations.selectors import INVITATION_LINK
from partnerships.models import Organization, PartnerMembership
from partnerships.views.common import organization_or_404


def _crumbs(organization: Organization):
    return [
        ("Organizations", reverse("partnerships:organization_list")),
        (organization.name, organization.get_absolute_url()),
    ]


def _back(organization: Organization) -> str:
    return organization.get_absolute_url() + "#portal-users"


@GET_POST
@permission_required("partnerships.add_partnermembership", raise_exception=True)
def invitation_create(request, pk):
    organization = organization_or_404(request, pk)
    if organization.kind != Organization.Kind.BUSINESS:
        raise Http404("Only businesses have portal users.")
    contacts = organization.contacts.active()
    initial = {"email": request.GET.get("email", "")}  # "Invite again", from the Portal users section
    if (contact_pk := id_from(request.GET.get("contact", ""))) is not None:
        initial["contact"] = contacts.filter(pk=contact_pk).first()
    form = InvitationForm(posted(request), contacts=contacts, initial=initial)
    if request.method == "POST" and form.is_valid() and (link := form.send(organization=organization, by=request.user)):
        messages.success(request, form.sent_message(link))
        return redirect(_back(organization))
    return form_page(
        request,
        title=f"Invite someone to the portal of {organization.name}",
        intro="They get an email with a link to choose a password (or to sign in, if they have an account).",
        form=form,
        submit="Send invitation",
        cancel_url=_back(organization),
        breadcrumbs=_crumbs(organization),
    )


def _membership(request, pk) -> PartnerMembership:
    return get_object_or_404(
        PartnerMembership.objects.filter(organization__in=Organization.objects.visible_to(request.user)).select_related(
            "user", "organization"
        ),
        pk=pk,
    )


@GET_POST
@permission_required("partnerships.change_partnermembership", raise_exception=True)
def membership_deactivate(request, pk):
    membership = _membership(request, pk)
    organization, name = membership.organization, membership.user.display_name
    if not membership.active:
        messages.info(request, f"{name} no longer has access to the portal of {organization.name}.")
        return redirect(_back(organization))
    errors = []
    if request.method == "POST":
        try:
            services.membership_deactivate(membership=membership, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"{name} can no longer use the portal of {organization.name}.")
            return redirect(_back(organization))
    return confirm_page(
        request,
        title=f"End {name}'s portal access?",
        message=(
            f"{name} will no longer be able to open the portal of {organization.name}, from their next click. "
            "Their account and everything they did stay; a new invitation gives them access again."
        ),
        submit="End access",
        cancel_url=_back(organization),
        breadcrumbs=_crumbs(organization),
        errors=errors,
    )


def _invitation(request, pk) -> tuple[SignedLink, Organization]:
    link = get_object_or_404(SignedLink.objects.filter(purpose=INVITATION_LINK), pk=pk)
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=link.payload.get("organization"))
    return link, organization


@GET_POST
@permission_required("partnerships.add_partnermembership", raise_exception=True)
def invitation_cancel(request, pk):
    link, organization = _invitation(request, pk)
    if link.is_used or link.is_expired:
        messages.info(request, f"The invitation to {link.recipient_email} is no longer open.")
        return redirect(_back(organization))
    errors = []
    if request.method == "POST":
        try:
            services.invitation_cancel(link=link, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, f"The invitation to {link.recipient_email} was withdrawn: its link no longer works."
            )
            return redirect(_back(organization))
    return confirm_page(
        request,
        title=f"Withdraw the invitation to {link.recipient_email}?",
        message="The link in their email will stop working. You can invite them again later.",
        submit="Withdraw invitation",
        cancel_url=_back(organization),
        breadcrumbs=_crumbs(organization),
        errors=errors,
    )
