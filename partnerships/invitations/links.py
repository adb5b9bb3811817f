"""What an invitation link opens (/r/<token>/).

- No account for the address yet: a form for a name and a password; sending it creates the account and the
  membership, uses the link up, signs the person in and lands them in the portal with the business chosen.
- An account exists: the link never sets its password. The person signs in (and comes back here), then
  accepts with one button; signed in as someone else, they are told so.
- The sender was deactivated since (their account, or their administrator membership there): the page says
  the invitation no longer works, and nothing changes. Used and expired links say so (accounts.views).
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from accounts import signed_links
from accounts.models import User
from accounts.views import link_unusable
from core.pages import add_service_errors, posted
from partnerships.invitations import services
from partnerships.invitations.forms import AcceptForm
from partnerships.models import MembershipRole, Organization, PartnerMembership

# The model backend, not django-axes': the person has just chosen their password, there is nothing to count.
BACKEND = "accounts.backends.OneQueryModelBackend"


def portal_url(membership: PartnerMembership) -> str:
    return reverse("portal:home") + "?" + urlencode({"organization": membership.organization_id})


def _welcome(request, membership: PartnerMembership):
    messages.success(
        request,
        f"Welcome to the portal of {membership.organization.name}. You are "
        f"{'a partner administrator' if membership.is_admin else 'a mentor'} there.",
    )
    return redirect(portal_url(membership))


def _refused(request, link, error: ValidationError):
    """After a refusal: the page for a link used or expired meanwhile, else None (show the error)."""
    link.refresh_from_db()
    if link.is_used:
        return link_unusable(request, "used")
    if link.is_expired:
        return link_unusable(request, "expired")
    problem = services.invitation_problem(link)
    if problem:
        return _withdrawn(request, problem)
    return None


def _withdrawn(request, problem: str):
    return render(
        request,
        "partnerships/invitations/withdrawn.html",
        {"problem": problem, "title": "This invitation no longer works"},
        status=410,
    )


@signed_links.register(services.INVITATION_LINK)
def invitation_link(request, link):
    problem = services.invitation_problem(link)
    if problem:
        return _withdrawn(request, problem)
    organization = Organization.objects.get(pk=link.payload["organization"])
    page = {
        "link": link,
        "organization": organization,
        "role": MembershipRole(link.payload["role"]).label,
        "title": f"Join {organization.name} on SchoolBridge",
    }
    account = User.objects.filter(email__iexact=link.recipient_email).first()
    if account is not None:
        return _existing_account(request, link, account, page)
    form = AcceptForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept_new(
                link=link,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            if User.objects.filter(email__iexact=link.recipient_email).exists():  # made meanwhile
                return redirect(request.get_full_path())
            refused = _refused(request, link, error)
            if refused is not None:
                return refused
            add_service_errors(form, error)
        else:
            login(request, membership.user, backend=BACKEND)
            return _welcome(request, membership)
    return render(request, "partnerships/invitations/accept.html", {**page, "form": form})


def _existing_account(request, link, account: User, page: dict):
    """The address has an account: it signs in (its own password), then accepts."""
    here = request.get_full_path()
    signed_in_as_it = request.user.is_authenticated and request.user.pk == account.pk
    errors = []
    if signed_in_as_it and request.method == "POST":
        try:
            membership = services.invitation_accept(link=link, user=request.user)
        except ValidationError as error:
            refused = _refused(request, link, error)
            if refused is not None:
                return refused
            errors = error.messages
        else:
            return _welcome(request, membership)
    context = {
        **page,
        "account": account,
        "signed_in_as_it": signed_in_as_it,
        "errors": errors,
        "login_url": reverse("login") + "?" + urlencode({"next": here}),
        "here": here,
    }
    return render(request, "partnerships/invitations/sign_in.html", context)
