"""Portal invitations as rows (partnerships.invitations): a signed link of purpose "portal-invitation",
open for 7 days. Tests that need the email or the refusals call the service instead."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import SignedLink
from partnerships.invitations.selectors import INVITATION_LINK
from partnerships.models import MembershipRole


class InvitationFactory(DjangoModelFactory[SignedLink]):
    """An open invitation to `organization` (required) as `role`, sent by `created_by` (required: pass the
    coordinator or a partner administrator)."""

    class Meta:
        model = SignedLink

    class Params:
        organization = None
        role = MembershipRole.MENTOR
        contact = None

    purpose = INVITATION_LINK
    payload = factory.LazyAttribute(
        lambda o: {
            "organization": o.organization.pk,
            "role": str(o.role),
            "contact": o.contact.pk if o.contact else None,
        }
    )
    recipient_name = ""
    recipient_email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    used_at = None
