"""Organizations, people, partnerships and what hangs off them."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.db.models import Max
from django.utils import timezone
from factory.django import DjangoModelFactory

from partnerships.models import (
    Charter,
    CharterPriority,
    Commitment,
    CommitmentDelivery,
    Contact,
    Goal,
    Handoff,
    Organization,
    PartnerMembership,
    Partnership,
    PartnershipRole,
    PointOfContact,
    Program,
    Side,
    StatusChange,
)
from tests.factories.accounts import UserFactory, _days_ago


class OrganizationFactory(DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.SCHOOL
    city = "Springfield"
    state = "IL"


class DistrictFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"District {n}")
    kind = Organization.Kind.DISTRICT


class SchoolFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"School {n}")
    kind = Organization.Kind.SCHOOL


class BusinessFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Business {n}")
    kind = Organization.Kind.BUSINESS
    sector = Organization.Sector.TECHNOLOGY
    size = Organization.Size.SMALL


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    organization = factory.SubFactory(BusinessFactory)
    first_name = factory.Iterator(["Ana", "Ben", "Carla", "Dev", "Elena", "Farid"])
    last_name = factory.Sequence(lambda n: f"Person{n}")
    title = "Coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@example.test")
    phone = "555-0100"
    active = True


class PartnerMembershipFactory(DjangoModelFactory[PartnerMembership]):
    class Meta:
        model = PartnerMembership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(BusinessFactory)
    role = PartnerMembership.Role.ADMIN


class ProgramFactory(DjangoModelFactory[Program]):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")


class PartnershipFactory(DjangoModelFactory[Partnership]):
    class Meta:
        model = Partnership

    school = factory.SubFactory(SchoolFactory)
    business = factory.SubFactory(BusinessFactory)
    name = factory.LazyAttribute(lambda o: f"{o.school.name} × {o.business.name}")
    status = Partnership.Status.PROSPECT
    # The dates the lifecycle would have set (the database insists): running ones started, ended ones ended.
    start_date = factory.LazyAttribute(lambda o: _days_ago(60) if o.status in Partnership.ONGOING_STATUSES else None)
    end_date = factory.LazyAttribute(lambda o: _days_ago(1) if o.status == Partnership.Status.ENDED else None)


class StatusChangeFactory(DjangoModelFactory[StatusChange]):
    class Meta:
        model = StatusChange

    partnership = factory.SubFactory(PartnershipFactory)
    from_status = Partnership.Status.PROSPECT
    to_status = Partnership.Status.ONBOARDING
    reason = "Signed the letter of intent."


def _next_charter_version(charter) -> int:
    if charter.partnership.pk is None:  # built, not saved
        return 1
    last = charter.partnership.charters.aggregate(last=Max("version"))["last"] or 0
    return last + 1


class CharterFactory(DjangoModelFactory[Charter]):
    class Meta:
        model = Charter

    partnership = factory.SubFactory(PartnershipFactory)
    version = factory.LazyAttribute(_next_charter_version)
    vision = "Every student meets a working professional before they graduate."
    hopes = "More internships each year."
    direction = "Start with job shadows, grow into paid internships."


class CharterPriorityFactory(DjangoModelFactory[CharterPriority]):
    class Meta:
        model = CharterPriority

    charter = factory.SubFactory(CharterFactory)
    district_goal = factory.Sequence(lambda n: f"District goal {n}")
    company_goal = factory.Sequence(lambda n: f"Company goal {n}")
    tags = "STEM, workforce"
    position = factory.Sequence(lambda n: n)


class GoalFactory(DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    partnership = factory.SubFactory(PartnershipFactory)
    owner = Goal.Owner.SHARED
    description = factory.Sequence(lambda n: f"Goal {n}: more students in internships")
    measure = "Students placed"
    target = "12 students a year"
    status = Goal.Status.NOT_STARTED


class CommitmentFactory(DjangoModelFactory[Commitment]):
    class Meta:
        model = Commitment

    partnership = factory.SubFactory(PartnershipFactory)
    party = Side.BUSINESS
    kind = Commitment.Kind.TIME
    description = factory.Sequence(lambda n: f"Commitment {n}: mentoring hours")
    amount = Decimal("10")
    unit = "hours"
    cadence = Commitment.Cadence.ONCE
    status = Commitment.Status.PLANNED


class CommitmentDeliveryFactory(DjangoModelFactory[CommitmentDelivery]):
    class Meta:
        model = CommitmentDelivery

    commitment = factory.SubFactory(CommitmentFactory)
    date = factory.LazyFunction(timezone.localdate)
    amount = Decimal("1")


def _organization_for_side(contact_resolver):
    """A point of contact's person works at the organization of the side they speak for."""
    poc = contact_resolver.factory_parent
    return poc.partnership.business if poc.side == Side.BUSINESS else poc.partnership.school


class PointOfContactFactory(DjangoModelFactory[PointOfContact]):
    class Meta:
        model = PointOfContact

    partnership = factory.SubFactory(PartnershipFactory)
    side = Side.BUSINESS
    contact = factory.SubFactory(ContactFactory, organization=factory.LazyAttribute(_organization_for_side))
    role = PointOfContact.Role.PRIMARY
    start_date = factory.LazyFunction(lambda: _days_ago(30))
    end_date = None


class HandoffFactory(DjangoModelFactory[Handoff]):
    class Meta:
        model = Handoff

    partnership = factory.SubFactory(PartnershipFactory)
    side = Side.BUSINESS
    date = factory.LazyFunction(timezone.localdate)
    from_poc = factory.SubFactory(
        PointOfContactFactory,
        partnership=factory.SelfAttribute("..partnership"),
        side=factory.SelfAttribute("..side"),
        end_date=factory.SelfAttribute("..date"),
    )
    to_poc = factory.SubFactory(
        PointOfContactFactory,
        partnership=factory.SelfAttribute("..partnership"),
        side=factory.SelfAttribute("..side"),
        start_date=factory.SelfAttribute("..date"),
    )
    notes = "Introduced the successor to the mentors."
    open_items = factory.LazyFunction(list)


class PartnershipRoleFactory(DjangoModelFactory[PartnershipRole]):
    class Meta:
        model = PartnershipRole

    partnership = factory.SubFactory(PartnershipFactory)
    contact = factory.SubFactory(ContactFactory, organization=factory.SelfAttribute("..partnership.business"))
    title = "Mentor lead"
    responsibilities = "Recruits and supports the mentors."
    hours_per_month = Decimal("4.0")


def active_partnership(**kwargs) -> Partnership:
    """An active partnership with a current primary point of contact on both sides.

    The status is set directly: this is test setup, not the lifecycle under test.
    """
    kwargs.setdefault("status", Partnership.Status.ACTIVE)
    kwargs.setdefault("start_date", _days_ago(60))
    partnership = PartnershipFactory.create(**kwargs)
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS)
    return partnership
