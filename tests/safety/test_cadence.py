"""When check-ins and site visits are due, and which placements' checks lapse: at the boundaries."""

import datetime

import pytest
from django.utils import timezone

from safety import cadence, services
from safety.models import BackgroundCheck, SafetyPolicy
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    CheckInFactory,
    ContactFactory,
    GradingPeriodFactory,
    PlacementFactory,
    SafetyPolicyFactory,
    SiteVisitFactory,
    UserFactory,
    ready_placement,
)
from tests.helpers import days_ago, today

pytestmark = pytest.mark.django_db

Status = Placement.Status


def plus(date: datetime.date, days: int) -> datetime.date:
    return date + datetime.timedelta(days=days)


def due(on, **kwargs) -> list[Placement]:
    return list(cadence.check_ins_due(Placement.objects.order_by("pk"), on, **kwargs))


def overdue(on, **kwargs) -> list[Placement]:
    return list(cadence.check_ins_overdue(Placement.objects.order_by("pk"), on, **kwargs))


@pytest.fixture
def policy(db):
    return SafetyPolicyFactory(student_check_in_days=14)


@pytest.fixture
def running(policy):
    """An active placement that started 60 days ago, with no check-in yet."""
    return PlacementFactory(status=Status.ACTIVE, start_date=days_ago(60), end_date=days_ago(-60))


# Check-ins ---------------------------------------------------------------------------------------


def test_without_a_check_in_the_first_is_due_a_cadence_after_the_start(running):
    start = running.start_date

    assert due(plus(start, 13)) == []
    assert due(plus(start, 14)) == [running]
    assert overdue(plus(start, 14)) == []
    assert overdue(plus(start, 15)) == [running]


def test_the_last_check_in_resets_the_clock(running):
    CheckInFactory(placement=running, date=days_ago(55))
    last = CheckInFactory(placement=running, date=days_ago(50)).date

    assert due(plus(last, 13)) == []
    assert due(plus(last, 14)) == [running]
    assert overdue(plus(last, 14)) == []
    assert overdue(plus(last, 15)) == [running]


def test_a_check_in_today_means_nothing_is_due_today(running):
    assert overdue(today()) == [running]

    CheckInFactory(placement=running, date=today())

    assert due(today()) == []
    assert overdue(today()) == []


def test_a_voided_check_in_does_not_count(running):
    check_in = CheckInFactory(placement=running, date=days_ago(50))
    services.void(record=check_in, by=UserFactory(), reason="Recorded against the wrong student.")

    assert due(plus(running.start_date, 14)) == [running]
    assert overdue(plus(running.start_date, 15)) == [running]


def test_the_placements_own_cadence_beats_the_policy(running):
    weekly = PlacementFactory(status=Status.ACTIVE, start_date=running.start_date, check_in_every_days=7)
    monthly = PlacementFactory(status=Status.ACTIVE, start_date=running.start_date, check_in_every_days=30)
    start = running.start_date

    assert due(plus(start, 6)) == []
    assert due(plus(start, 7)) == [weekly]
    assert overdue(plus(start, 8)) == [weekly]
    assert due(plus(start, 14)) == [running, weekly]
    assert due(plus(start, 29)) == [running, weekly]
    assert due(plus(start, 30)) == [running, weekly, monthly]
    assert overdue(plus(start, 30)) == [running, weekly]


def test_the_policys_cadence_comes_from_the_policy_given(running):
    fortnightly = SafetyPolicy.current()
    weekly = SafetyPolicy(student_check_in_days=7)

    assert due(plus(running.start_date, 7), policy=fortnightly) == []
    assert due(plus(running.start_date, 7), policy=weekly) == [running]


def test_the_district_cadence_is_read_from_the_policy_when_none_is_given(running):
    SafetyPolicyFactory(student_check_in_days=5)

    assert due(plus(running.start_date, 4)) == []
    assert due(plus(running.start_date, 5)) == [running]


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.PAUSED, Status.COMPLETED])
def test_placements_that_are_not_active_are_never_due(status, policy):
    PlacementFactory(status=status, start_date=days_ago(200), end_date=days_ago(-30))

    assert due(today()) == []
    assert overdue(today()) == []
    assert due(today(), within_days=365) == []


def test_within_days_looks_ahead(running):
    on = plus(running.start_date, 10)

    assert due(on, within_days=3) == []
    assert due(on, within_days=4) == [running]
    assert due(on, within_days=30) == [running]


def test_only_the_placements_given_are_considered(running):
    other = PlacementFactory(status=Status.ACTIVE, start_date=running.start_date)
    on = plus(running.start_date, 20)

    assert list(cadence.check_ins_due(Placement.objects.filter(pk=other.pk), on)) == [other]
    assert list(cadence.check_ins_overdue(Placement.objects.exclude(pk=other.pk), on)) == [running]


def test_next_check_in_is_the_last_check_in_plus_the_cadence(running, policy):
    weekly = PlacementFactory(status=Status.ACTIVE, start_date=days_ago(30), check_in_every_days=7)
    CheckInFactory(placement=running, date=days_ago(40))

    annotated = {p.pk: p for p in cadence.with_last_check_in(Placement.objects.all())}

    assert cadence.next_check_in(annotated[running.pk], policy) == days_ago(26)
    assert cadence.next_check_in(annotated[weekly.pk], policy) == days_ago(23)


# Site visits per grading period ------------------------------------------------------------------


@pytest.fixture
def period(policy):
    """The current grading period: from 30 days ago to 60 days ahead."""
    return GradingPeriodFactory(name="Fall", start_date=days_ago(30), end_date=days_ago(-60))


@pytest.fixture
def site(policy):
    """A partnership with an active placement."""
    return PlacementFactory(status=Status.ACTIVE).partnership


def due_sites(on=None):
    partnerships, _period = cadence.sites_due_visit(on or today())
    return list(partnerships)


def test_outside_any_grading_period_no_visit_is_due(site):
    partnerships, period = cadence.sites_due_visit(today())

    assert list(partnerships) == []
    assert period is None


def test_a_site_with_active_placements_and_no_visit_this_period_is_due(site, period):
    partnerships, found = cadence.sites_due_visit(today())

    assert list(partnerships) == [site]
    assert found == period


def test_a_visit_completed_this_period_settles_it(site, period):
    SiteVisitFactory(partnership=site, scheduled_for=days_ago(3))

    assert due_sites() == []


def test_a_visit_in_the_previous_period_does_not_count(site, period):
    GradingPeriodFactory(name="Summer", start_date=days_ago(120), end_date=days_ago(31))
    SiteVisitFactory(partnership=site, scheduled_for=days_ago(31))

    assert due_sites() == [site]
    assert due_sites(days_ago(40)) == []  # it did count in its own period


@pytest.mark.parametrize("which", ["first", "last"])
def test_the_first_and_last_day_of_the_period_count(which, site, policy):
    period = GradingPeriodFactory(start_date=days_ago(30), end_date=today())
    visit_day = period.start_date if which == "first" else period.end_date
    SiteVisitFactory(partnership=site, scheduled_for=visit_day)

    assert due_sites(period.start_date) == []
    assert due_sites(period.end_date) == []


def test_the_period_is_found_on_its_first_and_last_day_and_not_after(site, policy):
    period = GradingPeriodFactory(start_date=days_ago(30), end_date=days_ago(1))

    assert cadence.sites_due_visit(period.start_date)[1] == period
    assert cadence.sites_due_visit(period.end_date)[1] == period
    assert cadence.sites_due_visit(today())[1] is None
    assert cadence.sites_due_visit(plus(period.start_date, -1))[1] is None


def test_a_voided_visit_does_not_count(site, period):
    visit = SiteVisitFactory(partnership=site)
    services.void(record=visit, by=UserFactory(), reason="Logged for the wrong site.")

    assert due_sites() == [site]


def test_a_visit_only_scheduled_does_not_count(site, period):
    SiteVisitFactory(partnership=site, scheduled=True, scheduled_for=days_ago(1))

    assert due_sites() == [site]


def test_a_visit_to_another_partnership_does_not_count(site, period):
    SiteVisitFactory()

    assert site in due_sites()


def test_two_visits_per_period_need_two(site, period):
    SafetyPolicyFactory(site_visits_per_period=2)
    SiteVisitFactory(partnership=site, scheduled_for=days_ago(20))

    assert due_sites() == [site]

    SiteVisitFactory(partnership=site, scheduled_for=days_ago(2))

    assert due_sites() == []


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.PAUSED, Status.COMPLETED])
def test_a_partnership_without_active_placements_is_never_due(status, period):
    PlacementFactory(status=status)

    assert due_sites() == []


def test_a_partnership_with_several_active_placements_is_listed_once(site, period):
    PlacementFactory(status=Status.ACTIVE, partnership=site)

    assert due_sites() == [site]


# Checks that lapse during a placement ------------------------------------------------------------


def lapsing(policy=None) -> list[Placement]:
    return list(cadence.placements_with_lapsing_checks(Placement.objects.order_by("pk"), policy))


@pytest.fixture
def active(policy):
    """An active placement ending in 60 days whose mentor has no check yet."""
    return PlacementFactory(status=Status.ACTIVE, end_date=days_ago(-60))


def test_a_mentor_check_expiring_before_the_end_flags_the_placement(active):
    BackgroundCheckFactory(contact=active.mentor, expires_on=plus(active.end_date, -1))

    assert lapsing() == [active]


def test_a_mentor_check_cleared_through_the_end_does_not(active):
    BackgroundCheckFactory(contact=active.mentor, expires_on=active.end_date)

    assert lapsing() == []


@pytest.mark.parametrize("status", ["pending", "not_cleared", "expired"])
def test_a_mentor_check_that_is_not_cleared_flags_the_placement(status, active):
    BackgroundCheckFactory(contact=active.mentor, status=status, expires_on=None)

    assert lapsing() == [active]


def test_a_mentor_without_a_check_or_with_a_voided_one_flags_the_placement(active):
    assert lapsing() == [active]

    check = BackgroundCheckFactory(contact=active.mentor)
    assert lapsing() == []

    BackgroundCheck.objects.filter(pk=check.pk).update(voided_at=timezone.now(), void_reason="Wrong person.")
    assert lapsing() == [active]  # voiding through the service pauses it too: see test_services


def test_placements_that_are_not_active_are_not_flagged(policy):
    for status in (Status.APPROVED, Status.PAUSED, Status.COMPLETED):
        PlacementFactory(status=status)

    assert lapsing() == []


def test_a_ready_placement_is_not_flagged(policy):
    ready_placement(status=Status.ACTIVE)

    assert lapsing() == []


def staffed(policy_kind: str) -> tuple[Placement, object]:
    SafetyPolicyFactory(checks_required_for=policy_kind)
    placement = ready_placement(status=Status.ACTIVE)
    helper = ContactFactory.create(organization=placement.partnership.business)
    placement.other_staff.add(helper)
    return placement, helper


def test_when_everyone_needs_a_check_other_staff_without_one_flag_the_placement(policy):
    placement, helper = staffed(SafetyPolicy.ChecksFor.EVERYONE)

    assert lapsing() == [placement]

    BackgroundCheckFactory(contact=helper, expires_on=plus(placement.end_date, -1))
    assert lapsing() == [placement]

    BackgroundCheckFactory(contact=helper, expires_on=placement.end_date)
    assert lapsing() == []


def test_when_only_the_mentor_needs_a_check_other_staff_do_not_flag_it(policy):
    placement, _helper = staffed(SafetyPolicy.ChecksFor.MENTOR)

    assert lapsing() == []
    assert lapsing(SafetyPolicy(checks_required_for=SafetyPolicy.ChecksFor.EVERYONE)) == [placement]
