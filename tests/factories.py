"""factory-boy factories for every model in accounts, partnerships, students, safety and communications.

Defaults are plain and predictable (no apostrophes in names, passwords are "pw"), so tests can look for
a name in a page or a message without escaping surprises. Points of contact start 30 days ago, so a
test can hand them off on an earlier day than today.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import SignedLink, User
from accounts.roles import COORDINATOR_GROUP, sync_coordinator_group
from communications.models import (
    FeedbackRequest,
    FeedbackResponse,
    LogEntry,
    Notification,
    Reminder,
    SuccessStory,
    ThankYouNote,
)
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
    Evaluation,
    HoursEntry,
    ImportJob,
    LearningGoal,
    Placement,
    PlacementStatusChange,
    Rating,
    Student,
)

PASSWORD = "pw"


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# Accounts ----------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The manager hashes the password (set_password) and lower-cases the email, as in real life.
        return model_class.objects.create_user(*args, **kwargs)


class CoordinatorFactory(UserFactory):
    """A user in the coordinator group, which holds exactly the permissions in accounts.roles."""

    class Meta:
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"coordinator{n}@example.test")

    @factory.post_generation
    def coordinator_group(self, create, extracted, **kwargs):
        if not create:
            return
        sync_coordinator_group()
        self.groups.add(Group.objects.get(name=COORDINATOR_GROUP))


# Organizations and people ------------------------------------------------------------------------


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
    role = PartnerMembership.Role.MEMBER


# Partnerships ------------------------------------------------------------------------------------


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


# Students and placements -------------------------------------------------------------------------


class StudentFactory(DjangoModelFactory[Student]):
    """A grade 11 student, about 16, whose guardian consent is on file."""

    class Meta:
        model = Student

    legal_first_name = factory.Iterator(["Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa"])
    preferred_first_name = ""
    last_name = factory.Sequence(lambda n: f"Learner{n}")
    date_of_birth = factory.LazyFunction(lambda: _days_ago(16 * 365 + 30))
    grade = 11
    school = factory.SubFactory(SchoolFactory)
    district_student_id = factory.Sequence(lambda n: f"S{n:06d}")
    guardian_name = "Pat Guardian"
    guardian_email = factory.Sequence(lambda n: f"guardian{n}@example.test")
    guardian_phone = "555-0199"
    emergency_contact = "Pat Guardian, 555-0199"
    guardian_consent_on = factory.LazyFunction(lambda: _days_ago(30))


class ActivePartnershipFactory(PartnershipFactory):
    """What active_partnership() makes, as a factory, so it works as a SubFactory and takes
    `partnership__business__name=...`-style keywords. `points_of_contact=False` leaves out the two primaries.
    """

    class Meta:
        skip_postgeneration_save = True

    status = Partnership.Status.ACTIVE
    start_date = factory.LazyAttribute(lambda _: _days_ago(60))

    @factory.post_generation
    def points_of_contact(self, create, extracted, **kwargs):
        if create and extracted is not False:
            PointOfContactFactory(partnership=self, side=Side.SCHOOL)
            PointOfContactFactory(partnership=self, side=Side.BUSINESS)


class PlacementFactory(DjangoModelFactory[Placement]):
    """A proposed internship in an active partnership (both primaries named), mentored by someone at
    the business, started 10 days ago and ending in 60: it passes the readiness checks of students.readiness.

    The student goes to the partnership's school unless one is given.
    """

    class Meta:
        model = Placement

    partnership = factory.SubFactory(ActivePartnershipFactory)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..partnership.school"))
    kind = Placement.Kind.INTERNSHIP
    mentor = factory.SubFactory(ContactFactory, organization=factory.SelfAttribute("..partnership.business"))
    supervisor = None
    start_date = factory.LazyFunction(lambda: _days_ago(10))
    end_date = factory.LazyFunction(lambda: _days_ago(-60))
    days = "Tue, Thu"
    hours_per_week = Decimal("6.0")
    status = Placement.Status.PROPOSED


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


class PlacementStatusChangeFactory(DjangoModelFactory[PlacementStatusChange]):
    class Meta:
        model = PlacementStatusChange

    placement = factory.SubFactory(PlacementFactory)
    from_status = Placement.Status.PROPOSED
    to_status = Placement.Status.APPROVED
    reason = "Approved by the coordinator."
    changed_by = factory.SubFactory(UserFactory)


class LearningGoalFactory(DjangoModelFactory[LearningGoal]):
    """A learning goal; pass `serves=[goal, ...]` (the placement's partnership's goals) to link them."""

    class Meta:
        model = LearningGoal
        skip_postgeneration_save = True

    placement = factory.SubFactory(PlacementFactory)
    text = factory.Sequence(lambda n: f"Learning goal {n}: explain a design choice to a client")
    skill = "Communication"
    target_level = 3

    @factory.post_generation
    def serves(self, create, extracted, **kwargs):
        if create and extracted:
            self.serves.set(extracted)


class EvaluationFactory(DjangoModelFactory[Evaluation]):
    """A mentor's midpoint evaluation of an active placement, without ratings (add RatingFactory rows)."""

    class Meta:
        model = Evaluation

    placement = factory.SubFactory(PlacementFactory, status=Placement.Status.ACTIVE)
    evaluator = Evaluation.Evaluator.MENTOR
    evaluator_name = "Ana Mentor"
    submitted_by = None
    phase = Evaluation.Phase.MIDPOINT
    overall_comments = "Good progress."


class RatingFactory(DjangoModelFactory[Rating]):
    """One score in an evaluation; the learning goal defaults to a new one of the same placement."""

    class Meta:
        model = Rating

    evaluation = factory.SubFactory(EvaluationFactory)
    learning_goal = factory.SubFactory(LearningGoalFactory, placement=factory.SelfAttribute("..evaluation.placement"))
    score = 3
    comment = ""


class HoursEntryFactory(DjangoModelFactory[HoursEntry]):
    class Meta:
        model = HoursEntry

    placement = factory.SubFactory(PlacementFactory, status=Placement.Status.ACTIVE)
    date = factory.LazyFunction(lambda: _days_ago(1))
    hours = Decimal("3.00")
    activity = "Assembled a prototype with the team."
    recorded_by = None
    verified_by = ""
    verified_at = None


class ImportJobFactory(DjangoModelFactory[ImportJob]):
    """A checked students import of a small CSV file (stored under MEDIA_ROOT)."""

    class Meta:
        model = ImportJob

    class Params:
        content = b"district_student_id,legal_first_name,last_name\r\nS900001,Maya,Learner\r\n"

    kind = ImportJob.Kind.STUDENTS
    original_name = "students.csv"
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name=o.original_name))
    status = ImportJob.Status.CHECKED
    total_rows = 1
    created_by = factory.SubFactory(UserFactory)


class SignedLinkFactory(DjangoModelFactory[SignedLink]):
    """An unused evaluation link valid for 14 days. Pass `placement=` for a payload that opens its
    form; without one the payload names no placement and the link opens the "cannot be used" page.
    """

    class Meta:
        model = SignedLink

    class Params:
        placement = None
        evaluator = "mentor"
        phase = "midpoint"

    purpose = "evaluation"
    payload = factory.LazyAttribute(
        lambda o: {"placement": o.placement.pk if o.placement else None, "evaluator": o.evaluator, "phase": o.phase}
    )
    recipient_name = "Ana Mentor"
    recipient_email = "ana.mentor@example.test"
    created_by = None
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    used_at = None


# Safety ------------------------------------------------------------------------------------------


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


# Communications ----------------------------------------------------------------------------------


class LogEntryFactory(DjangoModelFactory[LogEntry]):
    """A phone call an hour ago with an active partnership. Written straight to the table, so it does not
    move the partnership's last_contacted_at: use communications.services.log_entry_save for that."""

    class Meta:
        model = LogEntry

    partnership = factory.SubFactory(ActivePartnershipFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    channel = LogEntry.Channel.PHONE
    direction = LogEntry.Direction.OUTGOING
    summary = "Talked through next term's mentors and the spring site visit."
    logged_by = factory.SubFactory(CoordinatorFactory)


class SuccessStoryFactory(DjangoModelFactory[SuccessStory]):
    """A draft story about an active partnership, for the newsletter, without students or photo."""

    class Meta:
        model = SuccessStory

    title = factory.Sequence(lambda n: f"Robotics club wins regional round {n}")
    body = "Mentors from the partner coached the team every Thursday."
    partnership = factory.SubFactory(ActivePartnershipFactory)
    status = SuccessStory.Status.DRAFT
    channel_newsletter = True
    created_by = factory.SubFactory(CoordinatorFactory)


class FeedbackRequestFactory(DjangoModelFactory[FeedbackRequest]):
    """A partner's end-of-term survey for an active partnership, with an unused 30-day link (purpose
    "feedback"; the link finds its request through `link.feedback_request`)."""

    class Meta:
        model = FeedbackRequest

    partnership = factory.SubFactory(ActivePartnershipFactory)
    audience = FeedbackRequest.Audience.PARTNER
    occasion = FeedbackRequest.Occasion.TERM
    period = factory.Sequence(lambda n: f"Term {n}")
    recipient_name = "Pat Partner"
    recipient_email = "pat.partner@example.test"
    link = factory.SubFactory(
        SignedLinkFactory,
        purpose="feedback",
        payload={},
        recipient_name="Pat Partner",
        recipient_email="pat.partner@example.test",
        expires_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30)),
    )


class FeedbackResponseFactory(DjangoModelFactory[FeedbackResponse]):
    class Meta:
        model = FeedbackResponse

    request = factory.SubFactory(FeedbackRequestFactory)
    communication = 4
    organization = 4
    value = 5
    would_recommend = 9
    comments = "The students were well prepared."


class ThankYouNoteFactory(DjangoModelFactory[ThankYouNote]):
    """A prompt (no student yet) for a completed placement milestone of an active partnership, today."""

    class Meta:
        model = ThankYouNote

    partnership = factory.SubFactory(ActivePartnershipFactory)
    milestone = ThankYouNote.Milestone.PLACEMENT_COMPLETED
    milestone_key = factory.Sequence(lambda n: f"placement:{n}")
    milestone_on = factory.LazyFunction(timezone.localdate)
    status = ThankYouNote.Status.PROMPTED


class ReminderFactory(DjangoModelFactory[Reminder]):
    """A pending "not contacted" reminder about an active partnership, due today."""

    class Meta:
        model = Reminder

    partnership = factory.SubFactory(ActivePartnershipFactory)
    kind = Reminder.Kind.NOT_CONTACTED
    subject_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Partnership))
    subject_id = factory.LazyAttribute(lambda o: o.partnership.pk)
    due_on = factory.LazyFunction(timezone.localdate)
    title = factory.LazyAttribute(lambda o: f"{o.partnership.name}: not contacted in 30 days")
    url = factory.LazyAttribute(lambda o: o.partnership.get_absolute_url())


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    user = factory.SubFactory(CoordinatorFactory)
    reminder = factory.SubFactory(ReminderFactory)
