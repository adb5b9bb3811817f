"""`manage.py seed_demo`: the demo district, its four logins, and running it again."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.html import escape

from accounts import signed_links
from accounts.models import SignedLink
from dashboard.management.commands.seed_demo import DEFAULT_PASSWORD
from partnerships.models import Contact, Goal, Handoff, Organization, PartnerMembership, Partnership, PointOfContact
from students import readiness
from students.models import Evaluation, LearningGoal, Placement, PlacementStatusChange, Rating, Student
from students.services import EVALUATION_LINK

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "admin@demo.schoolbridge.test",
    "coordinator@demo.schoolbridge.test",
    "partner1@demo.schoolbridge.test",
    "partner2@demo.schoolbridge.test",
]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def user(email):
    # A fresh instance each time, so permission caches never hide a change.
    return get_user_model().objects.get(email=email)


def row_counts() -> dict[str, int]:
    models = [
        *apps.get_app_config("partnerships").get_models(),
        *apps.get_app_config("students").get_models(),
        *apps.get_app_config("accounts").get_models(),
        get_user_model(),
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


def test_refuses_without_force_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not get_user_model().objects.filter(email__in=DEMO_EMAILS).exists()


def test_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    seed("--force")
    assert get_user_model().objects.filter(email__in=DEMO_EMAILS).count() == 4


def test_runs_when_debug_is_on_and_prints_the_four_logins(debug):
    output = seed()
    for email in DEMO_EMAILS:
        assert email in output
    assert DEFAULT_PASSWORD in output


def test_creates_the_four_users_with_their_roles(debug):
    seed()
    admin = user("admin@demo.schoolbridge.test")
    assert admin.is_superuser and admin.is_staff

    coordinator = user("coordinator@demo.schoolbridge.test")
    assert coordinator.has_perm("partnerships.view_partnership")
    assert not coordinator.is_superuser
    assert Contact.objects.filter(user=coordinator, organization__kind=Organization.Kind.DISTRICT).exists()

    partner1 = user("partner1@demo.schoolbridge.test")
    partner2 = user("partner2@demo.schoolbridge.test")
    business1 = PartnerMembership.objects.get(user=partner1).organization
    business2 = PartnerMembership.objects.get(user=partner2).organization
    assert business1 != business2
    for partner, business in [(partner1, business1), (partner2, business2)]:
        assert business.kind == Organization.Kind.BUSINESS
        assert not partner.has_perm("partnerships.view_partnership")
        assert Contact.objects.filter(user=partner, organization=business).exists()
        assert Partnership.objects.filter(business=business, status=Partnership.Status.ACTIVE).exists()
    assert all(u.first_name and u.last_name for u in get_user_model().objects.filter(email__in=DEMO_EMAILS))


def test_new_users_get_the_default_password(debug):
    seed()
    for email in DEMO_EMAILS:
        assert user(email).check_password(DEFAULT_PASSWORD)


def test_every_partnership_status_is_present(debug):
    seed()
    present = set(Partnership.objects.values_list("status", flat=True))
    assert present == set(Partnership.Status.values)


def test_every_active_partnership_has_a_current_primary_on_both_sides(debug):
    seed()
    active = Partnership.objects.filter(status=Partnership.Status.ACTIVE)
    assert active.count() >= 3
    for partnership in active:
        sides = set(
            PointOfContact.objects.current().primary().filter(partnership=partnership).values_list("side", flat=True)
        )
        assert sides == {"school", "business"}, partnership


def test_an_onboarding_partnership_is_missing_its_business_primary(debug):
    seed()
    flagged = Partnership.objects.missing_primary_contact()
    assert flagged.filter(status=Partnership.Status.ONBOARDING).exists()


def test_a_past_handoff_comes_from_a_contact_who_has_left(debug):
    seed()
    handoff = Handoff.objects.get()
    assert not handoff.from_poc.contact.active
    assert handoff.to_poc.is_current and handoff.to_poc.contact.active


def test_a_second_run_creates_nothing_new(debug):
    seed()
    first = row_counts()
    assert first["students.Student"] and first["students.Placement"] and first["students.HoursEntry"]
    output = seed()
    assert row_counts() == first
    assert "nothing new" in output


def test_password_option_resets_the_demo_passwords_and_a_plain_run_keeps_them(debug):
    seed()
    output = seed("--password", "first-pass")
    assert "first-pass" in output
    for email in DEMO_EMAILS:
        assert user(email).check_password("first-pass")

    seed("--password", "second-pass")
    for email in DEMO_EMAILS:
        assert user(email).check_password("second-pass")

    output = seed()
    assert "unchanged" in output
    for email in DEMO_EMAILS:
        assert user(email).check_password("second-pass")


# Students and placements ---------------------------------------------------------------------------


def test_students_are_spread_over_both_schools_and_some_lack_consent(debug):
    seed()
    students = Student.objects.select_related("school")
    assert 20 <= students.count() <= 30
    assert {s.school.name for s in students} == {"Riverside High School", "Lincoln Middle School"}
    assert {s.grade for s in students if s.school.name == "Riverside High School"} == {9, 10, 11, 12}
    assert students.exclude(preferred_first_name="").exists()
    assert students.filter(guardian_consent_on__isnull=True).exists()
    assert students.filter(guardian_consent_on__isnull=False).count() > students.count() / 2
    assert students.filter(media_consent=True, media_consent_on__isnull=False).exists()
    assert not students.filter(media_consent=True, media_consent_on__isnull=True).exists()
    for student in students:
        assert student.district_student_id.startswith("RUSD-1")
        assert student.guardian_email.endswith(".test") and "555-" in student.guardian_phone
        assert student.emergency_contact


def test_every_placement_status_is_present(debug):
    seed()
    assert set(Placement.objects.values_list("status", flat=True)) == set(Placement.Status.values)
    for placement in Placement.objects.filter(status=Placement.Status.CANCELLED):
        assert placement.cancel_reason


def test_every_active_placement_passed_the_gate_and_still_does(debug):
    seed()
    active = Placement.objects.filter(status=Placement.Status.ACTIVE).select_related("mentor", "partnership")
    assert active.count() >= 4
    for placement in active:
        assert all(item.ok for item in readiness.checklist(placement)), readiness.problems(placement)
        assert placement.partnership.is_active
        assert placement.mentor.organization_id == placement.partnership.business_id
        assert placement.supervisor.email == "coordinator@demo.schoolbridge.test"
        path = list(
            PlacementStatusChange.objects.filter(placement=placement).order_by("pk").values_list("to_status", flat=True)
        )
        assert path == [Placement.Status.APPROVED, Placement.Status.ACTIVE]


def test_the_gate_refuses_a_proposed_placement_and_passes_another(debug):
    seed()
    proposed = Placement.objects.filter(status=Placement.Status.PROPOSED)
    problems = {placement.pk: readiness.problems(placement) for placement in proposed}
    assert any(problems.values())
    assert not all(problems.values())
    assert any(any("consent" in p for p in found) and any("mentor" in p for p in found) for found in problems.values())
    approved = Placement.objects.filter(status=Placement.Status.APPROVED)
    assert {bool(readiness.problems(placement)) for placement in approved} == {True, False}


def test_placements_start_and_end_soon(debug):
    seed()
    assert Placement.objects.starting_soon().exists()
    assert Placement.objects.ending_soon().exists()


def test_learning_goals_serve_their_partnerships_goals(debug):
    seed()
    for placement in Placement.objects.filter(status__in=["active", "completed"]):
        goals = list(placement.learning_goals.all())
        assert 2 <= len(goals) <= 3, placement
        for goal in goals:
            served = list(goal.serves.all())
            assert 1 <= len(served) <= 2
            assert all(g.partnership_id == placement.partnership_id for g in served)
    assert not LearningGoal.objects.filter(placement__status__in=["proposed", "approved", "cancelled"]).exists()
    company = LearningGoal.objects.filter(serves__owner=Goal.Owner.COMPANY).distinct().count()
    assert company > LearningGoal.objects.count() / 2


def test_evaluations_show_change_from_midpoint_to_final(debug):
    seed()
    evaluations = Evaluation.objects.all()
    assert set(evaluations.values_list("phase", flat=True)) == {"midpoint", "final"}
    assert not evaluations.filter(submitted_by__isnull=False).exists()
    assert not evaluations.filter(evaluator_name="").exists()
    completed = Placement.objects.filter(status=Placement.Status.COMPLETED)
    assert completed.exists()
    for placement in completed:
        pairs = set(placement.evaluations.values_list("evaluator", "phase"))
        assert pairs == {(e, p) for e in ("mentor", "student") for p in ("midpoint", "final")}
        ratings = Rating.objects.filter(evaluation__placement=placement)
        midpoint = [r.score for r in ratings if r.evaluation.phase == "midpoint"]
        final = [r.score for r in ratings if r.evaluation.phase == "final"]
        assert sum(final) > sum(midpoint)
    for placement in Placement.objects.filter(status=Placement.Status.ACTIVE):
        phases = set(placement.evaluations.values_list("evaluator", "phase"))
        if placement.midpoint < timezone.localdate():
            assert phases == {("mentor", "midpoint"), ("student", "midpoint")}
        else:
            assert phases == set()
    for evaluation in evaluations:
        assert evaluation.ratings.count() == evaluation.placement.learning_goals.count()


def test_hours_are_recorded_and_mostly_verified_by_the_mentor(debug):
    seed()
    for placement in Placement.objects.filter(status__in=["active", "completed"]).select_related("mentor"):
        entries = placement.hours.all()
        assert entries.exists(), placement
        verified = entries.filter(verified_at__isnull=False)
        assert set(verified.values_list("verified_by", flat=True)) <= {placement.mentor.full_name}
    assert not Placement.objects.filter(status__in=["proposed", "approved", "cancelled"], hours__isnull=False).exists()


def test_one_pending_evaluation_link_is_printed_and_opens_the_form(debug, client):
    output = seed()
    assert "Try an evaluation link: /r/" in output
    seed()
    pending = SignedLink.objects.filter(purpose=EVALUATION_LINK, used_at__isnull=True)
    assert pending.count() == 1
    link = pending.get()
    placement = Placement.objects.get(pk=link.payload["placement"])
    assert placement.status == Placement.Status.ACTIVE
    assert link.payload["evaluator"] == "mentor" and link.recipient_name == placement.mentor.full_name
    response = client.get(signed_links.path_for(link))
    assert response.status_code == 200
    assert escape(placement.learning_goals.first().text) in response.content.decode()
