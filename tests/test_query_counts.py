"""Query counts of list and detail pages, pinned at two data sizes: more rows must not mean more queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safety.models import SafetyPolicy
from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    CharterPriorityFactory,
    CheckInFactory,
    CommitmentDeliveryFactory,
    ContactFactory,
    GoalFactory,
    GradingPeriodFactory,
    HandoffFactory,
    HoursEntryFactory,
    LearningGoalFactory,
    LogEntryFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PlacementFactory,
    RatingFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    SchoolFactory,
    SiteVisitFactory,
    StudentFactory,
    SuccessStoryFactory,
    active_partnership,
)
from tests.factories.portal_commitments import CommitmentChangeFactory


def build(size: int, business):
    """`size` partnerships with everything their pages show, half of them at `business`."""
    school = SchoolFactory()
    for i in range(size):
        partnership = active_partnership(school=school, business=business) if i % 2 else active_partnership()
        charter = CharterFactory(partnership=partnership)
        CharterPriorityFactory.create_batch(2, charter=charter)
        GoalFactory.create_batch(2, partnership=partnership)
        CommitmentDeliveryFactory.create_batch(2, commitment__partnership=partnership)
        PartnershipRoleFactory(partnership=partnership)
        HandoffFactory(partnership=partnership, from_poc__role="backup", to_poc__role="backup")
        ContactFactory.create_batch(2, organization=partnership.business)
        PartnershipFactory(status="onboarding", school=school)  # missing both points of contact
    return school


# (url name, persona, expected queries). Session and user lookups, and the unread-notification count in the
# top bar, are part of every count. The portal home asks each feature for its open items: placements asks
# three questions (evaluations, hours, starting soon), and records whom it named only when it named someone.
PAGES = [
    ("home", "coordinator", 10),
    ("partnerships:list", "coordinator", 7),
    ("partnerships:organization_list", "coordinator", 6),
    # The frame's 5, its partnerships with their school contacts, and one or two per provider: surveys 1,
    # placements 2 (mentor work, starting soon), charter 1, protocols 1, staff checks 2.
    ("portal:home", "partner", 12),
]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize(("name", "persona", "expected"), PAGES)
def test_list_pages_use_a_fixed_number_of_queries(
    name, persona, expected, size, business_a, coordinator_client, partner_a_client, django_assert_num_queries
):
    build(size, business_a)
    client = coordinator_client if persona == "coordinator" else partner_a_client
    client.get(reverse(name))  # the portal notes when a partner was last seen, at most once a minute
    with django_assert_num_queries(expected):
        response = client.get(reverse(name))
    assert response.status_code == 200


# The tabs of a partnership's page. Overview: the partnership with its school, business and programs, its
# charters, status history, goals, the commitment changes waiting and the commitments. People: the points of
# contact, roles and handoffs, and their history (one query: core.history names them from the rows shown).
# Safety: the policy with today's grading period, the partnership with its counts, protocols, visits, open
# concerns and lapsing checks.
PARTNERSHIP_TABS = [("partnerships:detail", 11), ("partnerships:people", 9), ("safety:partnership", 10)]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(("name", "expected"), PARTNERSHIP_TABS)
def test_partnership_tabs_use_a_fixed_number_of_queries(
    name, expected, size, coordinator_client, django_assert_num_queries
):
    partnership = active_partnership()
    GradingPeriodFactory()
    for _ in range(size):
        CharterFactory(partnership=partnership)
        GoalFactory(partnership=partnership)
        CommitmentDeliveryFactory(commitment__partnership=partnership)
        PartnershipRoleFactory(partnership=partnership)
        HandoffFactory(partnership=partnership, from_poc__role="backup", to_poc__role="backup")
        CommitmentChangeFactory(commitment__partnership=partnership)
        SafetyProtocolFactory()
        SiteVisitFactory(partnership=partnership)
        SafetyConcernFactory(placement__partnership=partnership)
        lapsing = PlacementFactory(partnership=partnership, status="active")
        BackgroundCheckFactory(contact=lapsing.mentor, expires_on=lapsing.end_date - timedelta(days=1))
    with django_assert_num_queries(expected):
        response = coordinator_client.get(reverse(name, args=[partnership.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 6])
def test_organization_detail_uses_a_fixed_number_of_queries(
    size, business_a, coordinator_client, django_assert_num_queries
):
    for _ in range(size):
        partnership = active_partnership(business=business_a)
        ContactFactory(organization=business_a)
        PartnershipRoleFactory(partnership=partnership)
    # 8, and 3 for its portal users: memberships, open invitations (tests/partnerships/invitations/) and
    # the history of their access.
    with django_assert_num_queries(11):
        response = coordinator_client.get(reverse("partnerships:organization_detail", args=[business_a.pk]))
    assert response.status_code == 200


def build_placements(size: int):
    """`size` placements with goals, evaluations and hours, spread over two partnerships."""
    partnerships = [active_partnership(), active_partnership()]
    placements = []
    for i in range(size):
        placement = PlacementFactory(partnership=partnerships[i % 2], status="active")
        goal = LearningGoalFactory(placement=placement)
        RatingFactory(evaluation__placement=placement, learning_goal=goal)
        HoursEntryFactory.create_batch(2, placement=placement)
        placements.append(placement)
    return placements


STUDENT_PAGES = [("students:student_list", 7), ("students:placement_list", 7)]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize(("name", "expected"), STUDENT_PAGES)
def test_student_list_pages_use_a_fixed_number_of_queries(
    name, expected, size, coordinator_client, django_assert_num_queries
):
    build_placements(size)
    with django_assert_num_queries(expected):
        response = coordinator_client.get(reverse(name))
    assert response.status_code == 200


# The tabs of a placement's page. Overview: the placement, its hours, status changes, learning goals each with
# the goals it serves, evaluations each with its scores, and the audit history of all three (one query).
# Safety: the placement, the policy, checks each saying whether its person is cleared through the end,
# check-ins, visits, concerns.
PLACEMENT_TABS = [("students:placement_detail", 10), ("safety:placement", 10)]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 5])
@pytest.mark.parametrize(("name", "expected"), PLACEMENT_TABS)
def test_placement_tabs_use_a_fixed_number_of_queries(
    name, expected, size, coordinator_client, django_assert_num_queries
):
    placement = PlacementFactory(status="active")
    for _ in range(size):
        goal = LearningGoalFactory(placement=placement, serves=[GoalFactory(partnership=placement.partnership)])
        RatingFactory(evaluation__placement=placement, learning_goal=goal)
        HoursEntryFactory(placement=placement, verified_at=timezone.now(), verified_by="Ana Mentor")
    CheckInFactory.create_batch(size, placement=placement)
    SafetyConcernFactory.create_batch(size, placement=placement)
    with django_assert_num_queries(expected):
        response = coordinator_client.get(reverse(name, args=[placement.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 5])
def test_a_planned_placements_page_uses_a_fixed_number_of_queries(size, coordinator_client, django_assert_num_queries):
    """With its readiness checklist, under a policy that asks every person at the business for a check."""
    SafetyPolicy.objects.update(checks_required_for=SafetyPolicy.ChecksFor.EVERYONE)
    placement = PlacementFactory(status="proposed")
    for _ in range(size):
        placement.other_staff.add(ContactFactory(organization=placement.partnership.business))
        LearningGoalFactory(placement=placement, serves=[GoalFactory(partnership=placement.partnership)])
        SafetyConcernFactory(placement=placement)
    # The frame's 4 and the active overview's 6; 6 for the checklist (points of contact; the policy, the
    # staff and their checks, as the gate reads them; the protocols, each saying whether the business
    # acknowledged it; serious concerns).
    with django_assert_num_queries(16):
        response = coordinator_client.get(reverse("students:placement_detail", args=[placement.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 5])
def test_student_detail_and_alignment_use_a_fixed_number_of_queries(
    size, coordinator_client, django_assert_num_queries
):
    student = StudentFactory()
    partnership = active_partnership(school=student.school)
    for _ in range(size):
        placement = PlacementFactory(student=student, partnership=partnership, status="active")
        goal = LearningGoalFactory(placement=placement, serves=[GoalFactory(partnership=partnership)])
        RatingFactory(evaluation__placement=placement, learning_goal=goal)
        HoursEntryFactory(placement=placement)
    pages = [
        (reverse("students:student_detail", args=[student.pk]), 8),  # 6, the latest disclosures, the history
        (reverse("students:placement_alignment", args=[placement.pk]), 9),
        (reverse("students:partnership_alignment", args=[partnership.pk]), 10),
    ]
    for url, expected in pages:
        with django_assert_num_queries(expected):
            response = coordinator_client.get(url)
        assert response.status_code == 200


def build_safety(size: int):
    """`size` of everything the safety dashboard lists: checks in every state, overdue check-ins,
    sites due a visit, open concerns, placements whose checks lapse."""
    GradingPeriodFactory(
        start_date=timezone.localdate() - timedelta(days=20), end_date=timezone.localdate() + timedelta(days=40)
    )
    for _ in range(size):
        placement = PlacementFactory(status="active", start_date=timezone.localdate() - timedelta(days=40))
        BackgroundCheckFactory(contact=placement.mentor, expires_on=timezone.localdate() + timedelta(days=20))
        BackgroundCheckFactory(status="pending", completed_on=None, expires_on=None)
        BackgroundCheckFactory(
            completed_on=timezone.localdate() - timedelta(days=800), expires_on=timezone.localdate() - timedelta(days=5)
        )
        CheckInFactory(placement=placement, date=timezone.localdate() - timedelta(days=30))
        SafetyConcernFactory(placement=placement)


SAFETY_PAGES = [("safety:dashboard", 12), ("safety:check_list", 8)]  # each with its school chooser's schools


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 8])
@pytest.mark.parametrize(("name", "expected"), SAFETY_PAGES)
def test_safety_pages_use_a_fixed_number_of_queries(
    name, expected, size, coordinator_client, django_assert_num_queries
):
    build_safety(size)
    with django_assert_num_queries(expected):
        response = coordinator_client.get(reverse(name))
    assert response.status_code == 200


def build_communications(size: int):
    """`size` log entries with participants, a voided one, and partnerships never or long ago contacted."""
    for i in range(size):
        entry = LogEntryFactory.create(follow_up_on=timezone.localdate() if i % 2 else None)
        entry.contacts.set(ContactFactory.create_batch(2, organization=entry.partnership.business))
        LogEntryFactory(partnership=entry.partnership, voided_at=timezone.now(), void_reason="Duplicate")
        active_partnership()
        PartnershipFactory(status="paused", last_contacted_at=timezone.now() - timedelta(days=90))


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_communications_log_uses_a_fixed_number_of_queries(size, coordinator_client, django_assert_num_queries):
    build_communications(size)
    # Session, user, the user's own and group permissions, policy, the not-contacted rows and their
    # count, the entries' count, the page of entries and the school filter's schools (the partnership
    # filter is a text field: no choices).
    with django_assert_num_queries(10):
        response = coordinator_client.get(reverse("communications:log_list"))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_story_list_uses_a_fixed_number_of_queries(size, coordinator_client, django_assert_num_queries):
    for _ in range(size):
        story = SuccessStoryFactory()
        story.students.set(StudentFactory.create_batch(2, media_consent=True, media_consent_on=timezone.localdate()))
    # Session, user, the user's own and group permissions, the stories' count, the page of stories
    # with their partnerships and authors, and their students.
    with django_assert_num_queries(7):
        response = coordinator_client.get(reverse("communications:story_list"))
    assert response.status_code == 200
    assert response.content.count(b"2 students") == size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        # The frame's 4 and the job (with who uploaded it); a checked job's preview looks up its first rows'
        # students and schools (2); the progress and problems read nothing more.
        ("checking", 5),
        ("invalid", 5),
        ("checked", 7),
    ],
)
def test_an_import_job_page_uses_a_fixed_number_of_queries(
    size, state, expected, coordinator, coordinator_client, settings, tmp_path, django_assert_num_queries
):
    from students.models import ImportJob
    from tests.students.imports.helpers import new_job, student_row, to_csv

    settings.MEDIA_ROOT = tmp_path
    SchoolFactory(name="Riverside High School")
    grade = "14" if state == "invalid" else "10"
    job = new_job("students", to_csv([student_row(f"S{n}", grade=grade) for n in range(size)]), coordinator)
    if state == "checking":
        ImportJob.objects.filter(pk=job.pk).update(status=state, processed_rows=1, total_rows=size)
    assert ImportJob.objects.get(pk=job.pk).status == state
    with django_assert_num_queries(expected):
        response = coordinator_client.get(reverse("imports:job", args=[job.pk]))
    assert response.status_code == 200
