"""Students, placements and what hangs off them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import SignedLink
from partnerships.models import (
    Partnership,
    Side,
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
from tests.factories.accounts import UserFactory, _days_ago
from tests.factories.partnerships import ContactFactory, PartnershipFactory, PointOfContactFactory, SchoolFactory


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
