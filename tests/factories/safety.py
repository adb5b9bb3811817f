"""The safety policy and safety's records."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from safety.models import (
    BackgroundCheck,
    CheckIn,
    GradingPeriod,
    ProtocolAcknowledgment,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from students.models import (
    Placement,
)
from tests.factories.accounts import CoordinatorFactory, UserFactory, _days_ago
from tests.factories.partnerships import BusinessFactory, ContactFactory
from tests.factories.students import ActivePartnershipFactory, PlacementFactory


class SafetyPolicyFactory(DjangoModelFactory[SafetyPolicy]):
    """The district's one policy row, changed to the given values (created with defaults if missing).

    `SafetyPolicy.current()` reads the first row, so this factory never makes a second one.
    """

    class Meta:
        model = SafetyPolicy

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        policy = model_class.current()
        for name, value in kwargs.items():
            setattr(policy, name, value)
        policy.save()
        return policy


class GradingPeriodFactory(DjangoModelFactory[GradingPeriod]):
    """A grading period of the district's policy that started 30 days ago and ends in 60."""

    class Meta:
        model = GradingPeriod

    policy = factory.LazyFunction(SafetyPolicy.current)
    name = factory.Sequence(lambda n: f"Period {n}")
    start_date = factory.LazyFunction(lambda: _days_ago(30))
    end_date = factory.LazyFunction(lambda: _days_ago(-60))


class BackgroundCheckFactory(DjangoModelFactory[BackgroundCheck]):
    """A cleared check of someone at a business, recorded by a user: completed 30 days ago, expires in 700 days."""

    class Meta:
        model = BackgroundCheck

    contact = factory.SubFactory(ContactFactory)
    provider = "Sterling Screening"
    reference = factory.Sequence(lambda n: f"BG-{n:05d}")
    requested_on = factory.LazyFunction(lambda: _days_ago(40))
    completed_on = factory.LazyFunction(lambda: _days_ago(30))
    status = BackgroundCheck.Status.CLEARED
    expires_on = factory.LazyFunction(lambda: _days_ago(-700))
    notes = ""
    recorded_by = factory.SubFactory(UserFactory)


class SafetyProtocolFactory(DjangoModelFactory[SafetyProtocol]):
    """Version 1 of a protocol, in effect from today."""

    class Meta:
        model = SafetyProtocol

    key = factory.Sequence(lambda n: f"protocol-{n}")
    title = factory.Sequence(lambda n: f"Protocol {n}")
    body = "Two adults present whenever a student is on site."
    version = 1
    effective_on = factory.LazyFunction(timezone.localdate)


class ProtocolAcknowledgmentFactory(DjangoModelFactory[ProtocolAcknowledgment]):
    class Meta:
        model = ProtocolAcknowledgment

    organization = factory.SubFactory(BusinessFactory)
    protocol = factory.SubFactory(SafetyProtocolFactory)
    acknowledged_by_name = "Olga Owner"
    acknowledged_by = None
    acknowledged_at = factory.LazyFunction(timezone.now)


class SiteVisitFactory(DjangoModelFactory[SiteVisit]):
    """A visit completed today to an active partnership. `placements=[...]` sets the placements it
    covers; `scheduled=True` makes it a visit still to come (no completion date, no findings)."""

    class Meta:
        model = SiteVisit
        skip_postgeneration_save = True

    class Params:
        scheduled = factory.Trait(status=SiteVisit.Status.SCHEDULED, completed_on=None, findings="")

    partnership = factory.SubFactory(ActivePartnershipFactory)
    scheduled_for = factory.LazyFunction(timezone.localdate)
    status = SiteVisit.Status.COMPLETED
    completed_on = factory.SelfAttribute("scheduled_for")
    visitor = factory.SubFactory(CoordinatorFactory)
    findings = "The student works alongside the mentor; the site is safe."
    concerns = ""
    follow_up = ""

    @factory.post_generation
    def placements(self, create, extracted, **kwargs):
        if create and extracted:
            self.placements.set(extracted)


class CheckInFactory(DjangoModelFactory[CheckIn]):
    """Today's phone check-in with the student of an active placement, by a coordinator."""

    class Meta:
        model = CheckIn

    placement = factory.SubFactory(PlacementFactory, status=Placement.Status.ACTIVE)
    student = factory.SelfAttribute("placement.student")
    by = factory.SubFactory(CoordinatorFactory)
    date = factory.LazyFunction(timezone.localdate)
    mode = CheckIn.Mode.PHONE
    wellbeing = 4
    notes = "Enjoys the work."
    concern = False


class SafetyConcernFactory(DjangoModelFactory[SafetyConcern]):
    """An open, low-severity concern about the student of an active placement."""

    class Meta:
        model = SafetyConcern

    placement = factory.SubFactory(PlacementFactory, status=Placement.Status.ACTIVE)
    student = factory.SelfAttribute("placement.student")
    partnership = factory.SelfAttribute("placement.partnership")
    reported_by = factory.SubFactory(CoordinatorFactory)
    severity = SafetyConcern.Severity.LOW
    description = "The student was left alone on the shop floor for an hour."
    status = SafetyConcern.Status.OPEN
    resolution = ""


def ready_placement(**kwargs) -> Placement:
    """An approved placement that passes every item of the readiness gate, so `placement_activate`
    accepts it: active partnership with a current primary on both sides, an active mentor at the
    business, the guardian's consent on file, dates that include today; and the safety items: the
    mentor (and any other staff) has a live cleared background check valid past the end date, and the
    business has acknowledged every current safety protocol.

    Pass `status=Placement.Status.PROPOSED` for one still to approve; other keywords go to PlacementFactory.
    """
    kwargs.setdefault("status", Placement.Status.APPROVED)
    placement = PlacementFactory.create(**kwargs)
    clear_for(placement)
    return placement


def clear_for(placement: Placement) -> None:
    """Give a placement what the safety gate asks for: a cleared check valid past its end date for the
    mentor and any other staff who lack one, and the business's acknowledgment of every current protocol.
    """
    people = [contact for contact in (placement.mentor, *placement.other_staff.all()) if contact is not None]
    valid_until = max(_days_ago(-700), placement.end_date + datetime.timedelta(days=30))
    for contact in people:
        if not BackgroundCheck.objects.cleared_through(placement.end_date).filter(contact=contact).exists():
            BackgroundCheckFactory(contact=contact, expires_on=valid_until)
    business = placement.partnership.business
    for protocol in SafetyProtocol.objects.current().exclude(acknowledgments__organization=business):
        ProtocolAcknowledgmentFactory(organization=business, protocol=protocol)
