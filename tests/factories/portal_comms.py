"""Rows the portal's communications tests share: a person at a business with a portal account (a contact
whose user holds a membership), and a school-side primary contact with an account of their own."""

from __future__ import annotations

from partnerships.models import Contact, PartnerMembership, PointOfContact, Side
from tests.factories.accounts import UserFactory
from tests.factories.partnerships import ContactFactory, PartnerMembershipFactory


def portal_person(organization, *, role: str = PartnerMembership.Role.ADMIN, user=None, **contact) -> Contact:
    """A contact at `organization` whose account (made unless given) may use the portal in `role`."""
    user = user or UserFactory()
    if not PartnerMembership.objects.filter(user=user, organization=organization).exists():
        PartnerMembershipFactory(user=user, organization=organization, role=role)
    return ContactFactory.create(organization=organization, user=user, **contact)


def school_primary_user(partnership):
    """Give the partnership's school-side primary contact an account, and return it (who is notified)."""
    poc = PointOfContact.objects.get(partnership=partnership, side=Side.SCHOOL, end_date__isnull=True)
    poc.contact.user = UserFactory(email=f"school{partnership.pk}@example.test")
    poc.contact.save(update_fields=["user"])
    return poc.contact.user
