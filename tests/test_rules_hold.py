"""The rules hold whatever order people do things in: a Hypothesis state machine over the services.

It drives the services as the app's users would, in random orders and on random days: organizations,
contacts and partnerships; points of contact named, ended and handed off; partnerships and placements
through their lifecycles; background checks recorded, changed, voided and left to expire while the clock
moves on; protocols published and acknowledged; placements created, edited and started; concerns
reported and resolved; students' consent changed; the reminder sweep run and every reminder dispatched
twice. A service may refuse (that is a rule working); after every step the invariants below must hold.

They are checked from the rows themselves, not through the services that keep them:
- every active or paused partnership has a primary point of contact on both sides today, and on every
  later day that recorded start and end dates already decide;
- no active placement fails an item of the readiness gate that a person's action brought: only the
  passing of time and the district changing its rules (a new protocol version) may, and those are flags;
- no placement with an open high-severity concern about it is active;
- at most one reminder exists per (kind, subject, due date), and no email went out twice;
- no record with legal weight (checks, visits, check-ins, concerns, log entries) was deleted.

`make test` runs a modest, reproducible number of examples on SQLite and on PostgreSQL; `make fuzz`
runs many more, each with new random choices (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from communications.reminders import services as reminders
from partnerships import services as partnerships
from partnerships.models import Contact, Organization, Partnership, PointOfContact, Side
from safety import services as safety
from students import services as students
from students.models import Placement, Student
from tests.factories import (
    BusinessFactory,
    ContactFactory,
    CoordinatorFactory,
    DistrictFactory,
    SchoolFactory,
    StudentFactory,
    UserFactory,
)
from tests.rules_hold_common import DAYS, LEGAL
from tests.rules_hold_invariants import Invariants
from tests.rules_hold_safety import SafetySteps

settings.register_profile(
    "default",
    max_examples=int(os.environ.get("RULES_EXAMPLES", "12")),
    stateful_step_count=30,
    deadline=None,
    derandomize=True,  # the same sequences each run, so CI is never red by luck; `make fuzz` explores
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    parent=settings.get_profile("default"),
    max_examples=int(os.environ.get("RULES_EXAMPLES", "100")),
    stateful_step_count=50,
    derandomize=False,
)
FUZZ_STEPS_AT_LEAST = 2000

START = datetime.datetime(2027, 1, 11, 9, 0, tzinfo=datetime.UTC)
PartnershipStatus, PlacementStatus = Partnership.Status, Placement.Status


class District(SafetySteps, Invariants, RuleBasedStateMachine):
    """One district on a moving clock, with a coordinator doing everything the app lets them try."""

    steps = 0  # over every example of a run, to say how much was tried

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()  # every example starts from the same empty database and leaves it so
        self._clock = time_machine.travel(START, tick=False)
        self.traveller = self._clock.start()
        mail.outbox = []
        self.by = CoordinatorFactory()
        self.district = DistrictFactory(name="Rivertown District")
        self.school = SchoolFactory(name="Rivertown High", parent=self.district)
        self.allowed: dict[int, set[str]] = {}  # active placement -> failures time or the district's rules brought
        self.rules_changed = False
        self.legal: dict[type, set[int]] = {model: set() for model in LEGAL}
        self.admin = Client()
        self.superuser = UserFactory(is_staff=True, is_superuser=True)

    def teardown(self):
        self._clock.stop()
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # Helpers -------------------------------------------------------------------------------------

    @property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    def attempt(self, name: str, call):
        """Call a service; a refusal (ValidationError) is a rule doing its job, so it is only counted."""
        try:
            result = call()
        except ValidationError:
            event(f"{name}: refused")
            return None
        event(f"{name}: done")
        return result

    def keep(self, record):
        if type(record) in self.legal:
            self.legal[type(record)].add(record.pk)
        return record

    def pick(self, data, queryset, label: str):
        pks = list(queryset.order_by("pk").values_list("pk", flat=True))
        if not pks:
            return None
        return queryset.model.objects.get(pk=data.draw(st.sampled_from(pks), label=label))

    def pick_mostly(self, data, likely, queryset, label: str):
        """Mostly one of `likely` (where the rules bite), sometimes any of `queryset`."""
        if likely.exists() and data.draw(st.integers(0, 3), label=f"{label}: the likely kind"):
            return self.pick(data, likely, label)
        return self.pick(data, queryset, label)

    def pick_placement(self, data, queryset=None):
        """Mostly one under way, where the rules bite; sometimes any of `queryset`."""
        return self.pick_mostly(data, Placement.objects.ongoing(), queryset or Placement.objects.all(), "placement")

    # A district to start from: one partnership ready for its first placement --------------------------

    @initialize()
    def a_district_with_one_partnership_ready(self):
        self.publish_protocol(effective_in=0)
        business = BusinessFactory(name="Acme Robotics")
        school_person = ContactFactory(organization=self.school, first_name="Sam", last_name="School")
        mentor = ContactFactory(organization=business, first_name="Mo", last_name="Mentor")
        partnership = partnerships.partnership_create(by=self.by, school=self.school, business=business)
        partnerships.partnership_transition(partnership=partnership, to_status=PartnershipStatus.ONBOARDING, by=self.by)
        partnerships.poc_assign(
            partnership=partnership, side=Side.SCHOOL, contact=school_person, role="primary", by=self.by
        )
        partnerships.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=mentor, role="primary", by=self.by)
        partnerships.partnership_transition(partnership=partnership, to_status=PartnershipStatus.ACTIVE, by=self.by)
        self.keep(safety.check_record(contact=mentor, by=self.by, status="cleared", completed_on=self.day(-5)))
        self.acknowledge(business)
        student = StudentFactory(school=self.school, guardian_consent_on=self.day(-10))
        placement = students.placement_create(
            by=self.by,
            student=student,
            partnership=partnership,
            kind="internship",
            mentor=mentor,
            start_date=self.today,
            end_date=self.day(90),
        )
        students.placement_transition(placement=placement, to_status=PlacementStatus.APPROVED, by=self.by)
        students.placement_transition(placement=placement, to_status=PlacementStatus.ACTIVE, by=self.by)
        # And a second business being brought on board.
        newcomer = BusinessFactory(name="Birch Bakery")
        prospect = partnerships.partnership_create(by=self.by, school=self.district, business=newcomer)
        self.onboard(prospect)

    # Organizations, people, students -----------------------------------------------------------------

    @precondition(lambda self: Organization.objects.businesses().count() < 3)
    @rule()
    def add_business(self):
        BusinessFactory()

    @precondition(lambda self: Contact.objects.count() < 10)
    @rule(data=st.data(), school_side=st.booleans())
    def add_person(self, data, school_side):
        organization = self.school if school_side else self.pick(data, Organization.objects.businesses(), "business")
        if organization is not None:
            ContactFactory(organization=organization)

    @precondition(lambda self: Student.objects.count() < 5)
    @rule(consent=st.booleans())
    def add_student(self, consent):
        StudentFactory(school=self.school, guardian_consent_on=self.day(-3) if consent else None)

    @rule(data=st.data(), consent=st.booleans())
    def change_a_students_consent(self, data, consent):
        on_placement = Student.objects.filter(placements__status=PlacementStatus.ACTIVE).distinct()
        student = self.pick_mostly(data, on_placement, Student.objects.all(), "student")
        if student is not None:
            value = self.day(-1) if consent else None
            self.attempt(
                "student_update",
                lambda: students.student_update(student=student, by=self.by, guardian_consent_on=value),
            )

    @rule(data=st.data())
    def someone_leaves(self, data):
        mentors = Contact.objects.active().filter(mentored_placements__status=PlacementStatus.ACTIVE).distinct()
        person = self.pick_mostly(data, mentors, Contact.objects.active(), "leaving")
        if person is None:
            return
        posts = partnerships.contact_posts_needing_successor(person)
        successors = {}
        for post in posts:
            candidate = self.pick(
                data, Contact.objects.on_side(post.partnership, post.side).active().exclude(pk=person.pk), "successor"
            )
            if candidate is not None and data.draw(st.booleans(), label="names a successor"):
                successors[post.pk] = candidate
        self.attempt(
            "contact_deactivate",
            lambda: partnerships.contact_deactivate(contact=person, by=self.by, successors=successors),
        )

    # Partnerships and their points of contact ----------------------------------------------------------

    @precondition(lambda self: Partnership.objects.count() < 4)
    @rule(data=st.data())
    def create_partnership(self, data):
        business = self.pick(data, Organization.objects.businesses(), "business")
        school = data.draw(st.sampled_from([self.school, self.district]), label="school side")
        if business is not None:
            self.attempt(
                "partnership_create",
                lambda: partnerships.partnership_create(by=self.by, school=school, business=business),
            )

    def next_status(self, data, record, every: list[str]) -> str:
        """Mostly a move its page offers; now and then any, as a hand-made request would be."""
        offered = list(record.allowed_transitions())
        return data.draw(st.sampled_from(offered if offered and data.draw(st.integers(0, 3)) else every), label="to")

    @rule(data=st.data())
    def move_a_partnership(self, data):
        likely = Partnership.objects.filter(
            Q(placements__status=PlacementStatus.ACTIVE) | Q(status=PartnershipStatus.ONBOARDING)
        ).distinct()
        partnership = self.pick_mostly(data, likely, Partnership.objects.all(), "partnership")
        if partnership is not None:
            to_status = self.next_status(data, partnership, PartnershipStatus.values)
            self.attempt(
                f"partnership to {to_status}",
                lambda: partnerships.partnership_transition(partnership=partnership, to_status=to_status, by=self.by),
            )

    @rule(data=st.data())
    def onboard_a_partnership(self, data):
        partnership = self.pick(data, Partnership.objects.filter(status=PartnershipStatus.PROSPECT), "prospect")
        if partnership is not None:
            self.onboard(partnership)

    def onboard(self, partnership):
        """What a coordinator does with a new prospect: onboarding, then a primary on each side."""
        partnerships.partnership_transition(partnership=partnership, to_status=PartnershipStatus.ONBOARDING, by=self.by)
        for side, organization in ((Side.SCHOOL, partnership.school), (Side.BUSINESS, partnership.business)):
            person = ContactFactory(organization=organization)
            self.attempt(
                "poc_assign",
                lambda side=side, person=person: partnerships.poc_assign(
                    partnership=partnership, side=side, contact=person, role="primary", by=self.by
                ),
            )

    @rule(data=st.data(), side=st.sampled_from(Side.values), role=st.sampled_from(PointOfContact.Role.values))
    def name_a_point_of_contact(self, data, side, role):
        partnership = self.pick(data, Partnership.objects.open(), "partnership")
        if partnership is None:
            return
        person = self.pick(data, Contact.objects.on_side(partnership, side), "contact")
        if person is not None:
            self.attempt(
                "poc_assign",
                lambda: partnerships.poc_assign(
                    partnership=partnership, side=side, contact=person, role=role, by=self.by
                ),
            )

    @rule(data=st.data(), offset=st.integers(min_value=-10, max_value=10))
    def end_a_point_of_contact(self, data, offset):
        posts = PointOfContact.objects.filter(end_date__isnull=True)
        being_set_up = posts.primary().filter(
            partnership__status__in=[PartnershipStatus.PROSPECT, PartnershipStatus.ONBOARDING]
        )
        post = self.pick_mostly(data, being_set_up, posts, "post")
        if post is not None:
            self.attempt("poc_end", lambda: partnerships.poc_end(poc=post, by=self.by, date=self.day(offset)))

    @rule(data=st.data(), offset=st.integers(min_value=-10, max_value=3))
    def hand_off(self, data, offset):
        post = self.pick(data, PointOfContact.objects.filter(end_date__isnull=True), "post")
        if post is None:
            return
        successor = self.pick(data, Contact.objects.on_side(post.partnership, post.side), "successor")
        if successor is not None:
            self.attempt(
                "poc_handoff",
                lambda: partnerships.poc_handoff(poc=post, successor=successor, by=self.by, date=self.day(offset)),
            )

    # Placements --------------------------------------------------------------------------------------

    @precondition(lambda self: Placement.objects.count() < 8)
    @rule(data=st.data(), start=st.integers(min_value=-5, max_value=20), length=st.integers(min_value=0, max_value=200))
    def propose_a_placement(self, data, start, length):
        partnership = self.pick(data, Partnership.objects.open(), "partnership")
        student = self.pick(data, Student.objects.active(), "student")
        if partnership is None or student is None:
            return
        mentor = self.pick(data, Contact.objects.filter(organization=partnership.business), "mentor")
        self.attempt(
            "placement_create",
            lambda: students.placement_create(
                by=self.by,
                student=student,
                partnership=partnership,
                kind="internship",
                mentor=mentor,
                start_date=self.day(start),
                end_date=self.day(start + length),
            ),
        )

    @rule(data=st.data())
    def fix_a_checklist_and_start_the_placement(self, data):
        """What a coordinator does before a start: a mentor, their cleared check, the business's
        acknowledgment, the guardian's consent, an active partnership; then the start, through the gate."""
        placement = self.pick(
            data, Placement.objects.filter(status__in=[*Placement.PLANNED_STATUSES, "paused"]), "planned"
        )
        if placement is None:
            return
        partnership, student = placement.partnership, placement.student
        if placement.mentor is None or not placement.mentor.active:
            mentor = ContactFactory(organization=partnership.business)
            self.attempt(
                "placement_update mentor",
                lambda: students.placement_update(placement=placement, by=self.by, mentor=mentor),
            )
        if placement.end_date < self.today:
            end = self.day(30)
            self.attempt(
                "placement_update end_date",
                lambda: students.placement_update(placement=placement, by=self.by, end_date=end),
            )
        placement.refresh_from_db()
        if placement.mentor is not None:
            valid = max(placement.end_date, self.today) + datetime.timedelta(days=30)
            check = self.attempt(
                "check_record",
                lambda: safety.check_record(
                    contact=placement.mentor, by=self.by, status="cleared", completed_on=self.today, expires_on=valid
                ),
            )
            if check is not None:
                self.keep(check)
        self.acknowledge(partnership.business)
        if not student.has_guardian_consent:
            self.attempt(
                "student_update",
                lambda: students.student_update(student=student, by=self.by, guardian_consent_on=self.today),
            )
        for to_status in (PartnershipStatus.ONBOARDING, PartnershipStatus.ACTIVE):
            self.attempt(
                f"partnership to {to_status}",
                lambda to_status=to_status: partnerships.partnership_transition(
                    partnership=partnership, to_status=to_status, by=self.by
                ),
            )
        if placement.status == PlacementStatus.PROPOSED:
            self.attempt(
                "placement to approved",
                lambda: students.placement_transition(placement=placement, to_status="approved", by=self.by),
            )
        self.attempt(
            "placement to active",
            lambda: students.placement_transition(placement=placement, to_status="active", by=self.by),
        )

    @rule(data=st.data())
    def move_a_placement(self, data):
        placement = self.pick_placement(data)
        if placement is not None:
            to_status = self.next_status(data, placement, PlacementStatus.values)
            self.attempt(
                f"placement to {to_status}",
                lambda: students.placement_transition(
                    placement=placement, to_status=to_status, by=self.by, reason="Changed plans."
                ),
            )

    @rule(data=st.data(), what=st.sampled_from(["mentor", "end_date", "other_staff", "days"]), offset=DAYS)
    def edit_a_placement(self, data, what, offset):
        placement = self.pick_placement(data, Placement.objects.open())
        if placement is None:
            return
        if data.draw(st.booleans(), label="someone new"):
            person = ContactFactory(organization=placement.partnership.business)  # no check yet
        else:
            person = self.pick(data, Contact.objects.filter(organization=placement.partnership.business), "person")
        change = {
            "mentor": {"mentor": person},
            "end_date": {
                "end_date": max(placement.start_date, placement.end_date + datetime.timedelta(days=offset * 10))
            },
            "other_staff": {"other_staff": [person] if person else []},
            "days": {"days": "Mon, Wed"},
        }[what]
        self.attempt(
            f"placement_update {what}", lambda: students.placement_update(placement=placement, by=self.by, **change)
        )

    # Time and the reminders ----------------------------------------------------------------------------

    @rule(days=st.integers(min_value=1, max_value=120))
    def time_passes(self, days):
        self.traveller.shift(datetime.timedelta(days=days))
        self.rules_changed = True

    @rule()
    def the_daily_sweep_runs_and_every_reminder_is_dispatched_twice(self):
        reminders.sweep(self.today)
        reminders.sweep(self.today)
        for reminder_id in reminders.pending_ids():
            reminders.dispatch(reminder_id)
            reminders.dispatch(reminder_id)


@pytest.mark.django_db
def test_the_rules_hold_in_any_order():
    name = os.environ.get("HYPOTHESIS_PROFILE", "default")
    District.steps = 0
    run_state_machine_as_test(District, settings=settings.get_profile(name))
    print(f"\nThe rules held over {District.steps} steps ({name} profile).")
    if name == "fuzz":
        assert District.steps >= FUZZ_STEPS_AT_LEAST, "a long run must try at least this many steps"
