"""Who may use the portal for a business: invitations, accepting one, and ending someone's access.

An invitation is a signed link (accounts.signed_links, purpose `portal-invitation`) to one email address,
for one business and one role; it works for 7 days, once. Its payload holds ids only (the organization, the
role, the contact it was sent to). It works only while whoever sent it may still manage that business's
team, a coordinator or an active administrator there (selectors.still_valid): someone deactivated since
cannot let anyone in.

Accepting creates the account (email login, unique without regard to case) when there is none, or adds the
membership to the account that signed in; a link never sets the password of an account that exists. A
membership that was ended comes back through a new invitation, with the role it names.

Every function takes keyword arguments, runs in one transaction, and raises ValidationError in plain words.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import signed_links
from accounts.background import send_after_commit
from accounts.models import SignedLink, User
from core.locking import lock
from partnerships.invitations.selectors import INVITATION_LINK, may_manage_team, pending_invitations, still_valid
from partnerships.invitations.tasks import send_invitation
from partnerships.models import Contact, MembershipRole, Organization, PartnerMembership

__all__ = [
    "INVITATION_LINK",
    "LIFETIME",
    "invitation_accept",
    "invitation_accept_new",
    "invitation_cancel",
    "invitation_create",
    "invitation_problem",
    "membership_deactivate",
]

LIFETIME = datetime.timedelta(days=7)


def _not_allowed(organization: Organization) -> ValidationError:
    return ValidationError(
        f"Only a coordinator or an administrator of {organization.name} can change who uses its portal."
    )


def _account(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


# Inviting -------------------------------------------------------------------------------------------


def invitation_create(
    *,
    organization: Organization,
    email: str,
    role: str,
    by: User,
    contact: Contact | None = None,
) -> SignedLink:
    """Invite `email` to the portal of a business in `role`, and email them the link (after commit).

    Refused: someone who may not manage the business's team; an organization that is not a business; a
    person who already uses its portal; an account that is switched off. An earlier invitation of the same
    person to the same business stops working: the newest one counts."""
    email = email.strip().lower()
    with transaction.atomic():
        organization = lock(organization)  # one business's team changes one at a time
        if not may_manage_team(by, organization):
            raise _not_allowed(organization)
        if organization.kind != Organization.Kind.BUSINESS:
            raise ValidationError(f"{organization.name} is not a business: only businesses use the portal.")
        errors: dict[str, str] = {}
        if role not in MembershipRole.values:
            errors["role"] = "Choose whether they will be an administrator or a mentor."
        if not email:
            errors["email"] = "Type the email address to send the invitation to."
        if contact is not None and contact.organization_id != organization.pk:
            errors["contact"] = f"Choose someone who works at {organization.name}."
        if errors:
            raise ValidationError(errors)
        account = _account(email)
        if account is not None:
            member = PartnerMembership.objects.active().filter(user=account, organization=organization).exists()
            if member:
                raise ValidationError(
                    {"email": f"{account.display_name} already uses the portal for {organization.name}."}
                )
            if not account.is_active:
                raise ValidationError(
                    {"email": f"The SchoolBridge account of {email} is switched off. Ask the school district about it."}
                )
        pending_invitations(organization).filter(recipient_email__iexact=email).update(expires_at=timezone.now())
        link = signed_links.create_link(
            purpose=INVITATION_LINK,
            payload={
                "organization": organization.pk,
                "role": role,
                "contact": contact.pk if contact is not None else None,
            },
            by=by,
            recipient_name=contact.full_name if contact is not None else "",
            recipient_email=email,
            lifetime=LIFETIME,
        )
        send_after_commit(send_invitation, link.pk)
    return link


def invitation_cancel(*, link: SignedLink, by: User) -> None:
    """Withdraw an invitation nobody has used yet: the link stops working at once."""
    organization = _organization(link)
    if organization is None:
        raise ValidationError("This is not an invitation to the portal of a business.")
    with transaction.atomic():
        lock(organization)  # the same order as inviting and accepting: the business, then the link
        locked = lock(link)
        if not may_manage_team(by, organization):
            raise _not_allowed(organization)
        if locked.is_used:
            raise ValidationError(f"{locked.recipient_email} has already accepted this invitation.")
        if locked.is_expired:
            raise ValidationError(f"The invitation to {locked.recipient_email} has already expired or been cancelled.")
        locked.expires_at = timezone.now()
        locked.save(update_fields=["expires_at"])


# Accepting ------------------------------------------------------------------------------------------


def _organization(link: SignedLink) -> Organization | None:
    if link.purpose != INVITATION_LINK:
        return None
    return Organization.objects.filter(pk=link.payload.get("organization"), kind=Organization.Kind.BUSINESS).first()


def invitation_problem(link: SignedLink) -> str | None:
    """Why an invitation that is neither used nor expired still cannot be accepted, in words; None if it can."""
    organization = _organization(link)
    if organization is None:
        return "The business this invitation is for is no longer in SchoolBridge."
    if link.pk not in still_valid([link], organization):
        sender = link.created_by.display_name if link.created_by else "The person who sent it"
        return (
            f"This invitation no longer works: {sender} no longer manages the team of {organization.name}. "
            f"Ask an administrator of {organization.name} or the school district for a new invitation."
        )
    return None


def _open(link: SignedLink) -> tuple[SignedLink, Organization]:
    """Lock the business, then the stored link, if it can still be accepted; raises ValidationError in
    words otherwise. (Inviting locks the business first too, so the two never wait on each other.)"""
    organization = _organization(link)
    if organization is not None:
        organization = lock(organization)
    locked = lock(link)
    if locked.is_used:
        raise ValidationError("This invitation has already been used.")
    if locked.is_expired:
        raise ValidationError("This invitation has expired. Ask whoever sent it for a new one.")
    problem = invitation_problem(locked)
    if problem:
        raise ValidationError(problem)
    assert organization is not None  # invitation_problem said so
    return locked, organization


def _join(*, link: SignedLink, organization: Organization, user: User) -> PartnerMembership:
    """Give `user` the invitation's membership (a new row, or the ended one back) and use the link up.
    The business and the link are locked (_open)."""
    membership = PartnerMembership.objects.select_for_update().filter(user=user, organization=organization).first()
    if membership is not None and membership.active:
        raise ValidationError(f"You already use the portal for {organization.name}.")
    role = link.payload["role"]
    if not signed_links.claim(link):
        raise ValidationError("This invitation has already been used.")
    if membership is None:
        membership = PartnerMembership.objects.create(
            user=user, organization=organization, role=role, invited_by=link.created_by
        )
    else:
        membership.active = True
        membership.role = role
        membership.invited_by = link.created_by
        membership.deactivated_at = membership.deactivated_by = None
        membership.save(update_fields=["active", "role", "invited_by", "deactivated_at", "deactivated_by"])
    if link.payload.get("contact"):
        Contact.objects.filter(pk=link.payload["contact"], organization=organization, user__isnull=True).update(
            user=user
        )
    return membership


def invitation_accept_new(*, link: SignedLink, first_name: str, last_name: str, password: str) -> PartnerMembership:
    """Accept an invitation for an email address that has no account yet: create the account with this
    name and password, and its membership. Refused when an account for the address exists (its owner signs
    in and accepts instead: a link never sets an existing account's password)."""
    with transaction.atomic():
        link, organization = _open(link)
        email = link.recipient_email.strip().lower()
        if _account(email) is not None:
            raise ValidationError(f"There is already a SchoolBridge account for {email}: sign in to accept.")
        errors: dict[str, list[str]] = {}
        if not first_name.strip():
            errors["first_name"] = ["Type your first name."]
        if not last_name.strip():
            errors["last_name"] = ["Type your last name."]
        candidate = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as error:
            errors["password"] = error.messages
        if errors:
            raise ValidationError(errors)
        user = User.objects.create_user(
            email, password=password, first_name=first_name.strip(), last_name=last_name.strip()
        )
        return _join(link=link, organization=organization, user=user)


def invitation_accept(*, link: SignedLink, user: User) -> PartnerMembership:
    """Accept an invitation with the account it was sent to, signed in."""
    with transaction.atomic():
        link, organization = _open(link)
        if not user.is_authenticated or user.email.lower() != link.recipient_email.strip().lower():
            raise ValidationError(
                f"This invitation is for {link.recipient_email}. Sign in with that address to accept it."
            )
        return _join(link=link, organization=organization, user=user)


# Ending access --------------------------------------------------------------------------------------


def membership_deactivate(*, membership: PartnerMembership, by: User) -> PartnerMembership:
    """End someone's portal access to one business, from their very next request (the portal reads
    `active` on each one). By a coordinator or an administrator of the same business; an administrator
    cannot end their own access while nobody else administers the business. The row stays."""
    with transaction.atomic():
        organization = lock(membership.organization)  # two administrators ending each other's access wait in turn
        locked = PartnerMembership.objects.select_related("user").select_for_update().get(pk=membership.pk)
        if not may_manage_team(by, organization):
            raise _not_allowed(organization)
        name = locked.user.display_name
        if not locked.active:
            raise ValidationError(f"{name} no longer has access to the portal of {organization.name}.")
        if locked.user_id == by.pk and locked.is_admin:
            others = PartnerMembership.objects.active().admins().filter(organization=organization).exclude(pk=locked.pk)
            if not others.exists():
                raise ValidationError(
                    f"You are the only administrator of {organization.name}: invite another administrator "
                    "first, or ask the school district to end your access."
                )
        locked.active = False
        locked.deactivated_at = timezone.now()
        locked.deactivated_by = by
        locked.save(update_fields=["active", "deactivated_at", "deactivated_by"])
    membership.refresh_from_db()
    return locked
