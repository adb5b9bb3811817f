"""Organizations, their people, and the partnerships between a school (or the district) and a business,
one module per kind of record. Everything is importable from here, as Django and the other apps expect."""

from partnerships.choices import ContactRole, OrganizationKind, PartnershipStatus, Side
from partnerships.models.charters import Charter, CharterPriority
from partnerships.models.contacts import Handoff, PointOfContact
from partnerships.models.organizations import Contact, MembershipRole, Organization, PartnerMembership
from partnerships.models.partnerships import BaseStatusChange, Partnership, Program, StatusChange
from partnerships.models.plans import Commitment, CommitmentChange, CommitmentDelivery, Goal, PartnershipRole

__all__ = [
    "BaseStatusChange",
    "Charter",
    "CharterPriority",
    "Commitment",
    "CommitmentChange",
    "CommitmentDelivery",
    "Contact",
    "ContactRole",
    "Goal",
    "Handoff",
    "MembershipRole",
    "Organization",
    "OrganizationKind",
    "PartnerMembership",
    "Partnership",
    "PartnershipRole",
    "PartnershipStatus",
    "PointOfContact",
    "Program",
    "Side",
    "StatusChange",
]
