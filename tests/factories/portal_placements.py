"""People and placements the portal's placement pages work with: a mentor with an account at a business."""

from __future__ import annotations

from accounts.models import User
from partnerships.models import Contact, Organization, PartnerMembership
from tests.factories.partnerships import ContactFactory, PartnerMembershipFactory


def portal_mentor(business: Organization, **user: object) -> tuple[User, Contact]:
    """A person at `business` who signs in to the portal as a mentor: their membership and their contact."""
    membership = PartnerMembershipFactory.create(
        organization=business, role=PartnerMembership.Role.MENTOR, **{f"user__{k}": v for k, v in user.items()}
    )
    contact = ContactFactory.create(
        organization=business,
        user=membership.user,
        first_name=membership.user.first_name or "Dana",
        last_name=membership.user.last_name or "Lee",
    )
    return membership.user, contact
