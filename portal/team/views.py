"""The team page and its actions. Every row is looked up within the chosen business (a colleague or an
invitation of another business is a 404); the services decide who may do what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.pages import GET_POST, paginate, posted
from partnerships.invitations import selectors, services
from partnerships.invitations.forms import InvitationForm
from partnerships.models import PartnerMembership
from portal import pages, scope
from portal.access import Ability, needs


def _crumbs():
    return [("Your partnerships", reverse("portal:home")), ("Team", reverse("portal:team"))]


@needs(Ability.TEAM)
def team(request):
    """Who uses the portal for this business, and the invitations nobody has accepted yet."""
    organization = request.organization
    return render(
        request,
        "portal/team/team.html",
        {
            "title": "Team",
            "page": paginate(request, selectors.team(organization)),
            "invitations": selectors.pending(organization),
        },
    )


@GET_POST
@needs(Ability.TEAM)
def team_invite(request):
    initial = {"email": request.GET.get("email", "")}  # "Invite again", from the team page
    form = InvitationForm(posted(request), contacts=scope.contacts(request).active(), initial=initial)
    business = request.organization
    if request.method == "POST" and form.is_valid() and (link := form.send(organization=business, by=request.user)):
        messages.success(request, form.sent_message(link))
        return redirect("portal:team")
    return pages.form_page(
        request,
        title="Invite a colleague",
        intro=(
            f"They get an email with a link to choose a password, and then use the portal for "
            f"{request.organization.name}. A mentor sees only the placements they mentor."
        ),
        form=form,
        submit="Send invitation",
        cancel_url=reverse("portal:team"),
        breadcrumbs=_crumbs(),
    )


@GET_POST
@needs(Ability.TEAM)
def team_deactivate(request, pk):
    member = get_object_or_404(
        PartnerMembership.objects.filter(organization=request.organization).select_related("user"), pk=pk
    )
    name, organization = member.user.display_name, request.organization
    if not member.active:
        messages.info(request, f"{name} no longer has access to the portal of {organization.name}.")
        return redirect("portal:team")
    yourself = member.user_id == request.user.pk
    errors = []
    if request.method == "POST":
        try:
            services.membership_deactivate(membership=member, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            if yourself:
                done = f"Your access to the portal of {organization.name} has ended."
                if PartnerMembership.objects.active().filter(user=request.user).exists():
                    messages.success(request, done)
                    return redirect("portal:home")  # they work for another business too
                logout(request)  # nothing in the portal is theirs to open any more
                messages.success(request, done)
                return redirect("login")
            messages.success(request, f"{name} can no longer use the portal of {organization.name}.")
            return redirect("portal:team")
    who = "You" if yourself else name
    return pages.confirm_page(
        request,
        title="End your own portal access?" if yourself else f"End {name}'s portal access?",
        message=(
            f"{who} will no longer be able to open the portal of {organization.name}, from the next click. "
            "Everything done so far stays; a new invitation gives access again."
        ),
        submit="End access",
        cancel_url=reverse("portal:team"),
        breadcrumbs=_crumbs(),
        errors=errors,
    )


@GET_POST
@needs(Ability.TEAM)
def team_invitation_cancel(request, pk):
    link = get_object_or_404(selectors.pending_invitations(request.organization), pk=pk)
    errors = []
    if request.method == "POST":
        try:
            services.invitation_cancel(link=link, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"Invitation to {link.recipient_email} withdrawn: its link no longer works.")
            return redirect("portal:team")
    return pages.confirm_page(
        request,
        title=f"Withdraw the invitation to {link.recipient_email}?",
        message="The link in their email will stop working. You can invite them again later.",
        submit="Withdraw invitation",
        cancel_url=reverse("portal:team"),
        breadcrumbs=_crumbs(),
        errors=errors,
    )
