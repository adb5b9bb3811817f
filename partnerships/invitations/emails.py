"""An invitation's email: its link, sent once (claimed on the link's emailed_at). The subject names the
business and nothing about any student."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import signed_links
from accounts.background import claimed_until_sent
from accounts.models import SignedLink, User
from partnerships.invitations.selectors import INVITATION_LINK
from partnerships.models import MembershipRole, Organization


def invitation_email(link_id: int) -> int:
    """Email an invitation that is still open to its recipient, once however often this runs. Returns how
    many emails were sent (0 when it was sent already, used, cancelled or expired)."""
    link = (
        SignedLink.objects.select_related("created_by")
        .filter(pk=link_id, purpose=INVITATION_LINK, used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or not link.recipient_email:
        return 0
    organization = Organization.objects.filter(pk=link.payload.get("organization")).first()
    if organization is None:
        return 0
    context = {
        "link": link,
        "organization": organization,
        "role": MembershipRole(link.payload["role"]).label,
        "is_admin": link.payload["role"] == MembershipRole.ADMIN,
        "inviter": link.created_by.display_name if link.created_by else "The school district",
        "has_account": User.objects.filter(email__iexact=link.recipient_email).exists(),
        "url": settings.SITE_URL.rstrip("/") + signed_links.path_for(link),
    }
    with claimed_until_sent(SignedLink.objects.filter(pk=link.pk), claim="email_claimed_at", sent="emailed_at") as won:
        if not won:  # a retry or a second delivery of the same message: already sent
            return 0
        message = EmailMultiAlternatives(
            subject=f"You are invited to the SchoolBridge portal of {organization.name}",
            body=render_to_string("emails/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[link.recipient_email],
        )
        message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
        message.send()
    return 1
