"""What `manage.py seed_demo` builds: the logins and their roles, and a district in which every page and
every state of the six practices has something to show. The demo is seeded once for this module
(tests/demo/conftest.py); each test reads it in a transaction of its own."""

from io import StringIO
from itertools import pairwise

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from accounts import signed_links
from accounts.models import SignedLink
from communications.reminders.services import sweep
from demo.management.commands.seed_demo import DEFAULT_PASSWORD
from partnerships.models import Contact, Goal, Handoff, Organization, PartnerMembership, Partnership, PointOfContact
from safety import cadence
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
from students import readiness
from students.models import Evaluation, LearningGoal, Placement, PlacementStatusChange, Rating, Student
from students.services import EVALUATION_LINK
from tests.demo.seeding import DEMO_EMAILS, seed, user

pytestmark = pytest.mark.django_db


def test_creates_the_users_with_their_roles(demo_district):
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


def test_the_portal_logins_cover_each_role_and_a_person_in_two_businesses(demo_district):
    admin = PartnerMembership.Role.ADMIN
    assert PartnerMembership.objects.get(user=user("partner1@demo.schoolbridge.test")).role == admin
    assert PartnerMembership.objects.get(user=user("partner2@demo.schoolbridge.test")).role == admin
    mentor = user("mentor1@demo.schoolbridge.test")
    membership = PartnerMembership.objects.get(user=mentor)
    assert membership.role == PartnerMembership.Role.MENTOR
    assert Placement.objects.filter(mentor__user=mentor, partnership__business=membership.organization).exists()
    multi = user("multi@demo.schoolbridge.test")
    businesses = set(PartnerMembership.objects.filter(user=multi).values_list("organization__name", flat=True))
    assert businesses == {"Green Valley Farms", "Harbor Light Media"}
    assert Contact.objects.filter(user=multi).count() == 2


def test_new_users_get_the_default_password(demo_district):
    for email in DEMO_EMAILS:
        assert user(email).check_password(DEFAULT_PASSWORD)


def test_every_partnership_status_is_present(demo_district):
    present = set(Partnership.objects.values_list("status", flat=True))
    assert present == set(Partnership.Status.values)


def test_every_active_partnership_has_a_current_primary_on_both_sides(demo_district):
    active = Partnership.objects.filter(status=Partnership.Status.ACTIVE)
    assert active.count() >= 3
    for partnership in active:
        sides = set(
            PointOfContact.objects.current().primary().filter(partnership=partnership).values_list("side", flat=True)
        )
        assert sides == {"school", "business"}, partnership


def test_an_onboarding_partnership_is_missing_its_business_primary(demo_district):
    flagged = Partnership.objects.missing_primary_contact()
    assert flagged.filter(status=Partnership.Status.ONBOARDING).exists()


def test_a_past_handoff_comes_from_a_contact_who_has_left(demo_district):
    handoff = Handoff.objects.get()
    assert not handoff.from_poc.contact.active
    assert handoff.to_poc.is_current and handoff.to_poc.contact.active


# Students and placements ---------------------------------------------------------------------------


def test_students_are_spread_over_both_schools_and_some_lack_consent(demo_district):
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


def test_every_placement_status_is_present(demo_district):
    assert set(Placement.objects.values_list("status", flat=True)) == set(Placement.Status.values)
    for placement in Placement.objects.filter(status=Placement.Status.CANCELLED):
        assert placement.cancel_reason
    for placement in Placement.objects.filter(status=Placement.Status.PAUSED):
        assert placement.safety_concerns.filter(severity=SafetyConcern.Severity.HIGH).exists()


def _unmet_since_activation(placement) -> list[str]:
    """The checklist items an active placement misses now that it met when it started (the gate let it
    start): only what time brings, a protocol version that took effect after it started and that its
    business has not acknowledged yet. Nobody's action made it fail."""
    started = PlacementStatusChange.objects.get(placement=placement, to_status=Placement.Status.ACTIVE)
    newer = {
        f"Protocol “{p.title}”"
        for p in SafetyProtocol.objects.current()
        if p.effective_on > timezone.localdate(started.changed_at)
    }
    unmet = [item.label for item in readiness.checklist(placement) if not item.ok]
    return [label for label in unmet if label not in newer]


def test_every_active_placement_passed_the_gate_and_still_does(demo_district):
    active = Placement.objects.filter(status=Placement.Status.ACTIVE).select_related("mentor", "partnership")
    assert active.count() >= 4
    flagged = 0
    for placement in active:
        # Only what time brought since it started: a new protocol version (shown as a flag).
        assert _unmet_since_activation(placement) == [], readiness.problems(placement)
        flagged += bool(readiness.problems(placement))
        assert placement.partnership.is_active
        assert placement.mentor.organization_id == placement.partnership.business_id
        assert placement.supervisor.email == "coordinator@demo.schoolbridge.test"
        path = list(
            PlacementStatusChange.objects.filter(placement=placement).order_by("pk").values_list("to_status", flat=True)
        )
        assert path == [Placement.Status.APPROVED, Placement.Status.ACTIVE]
    assert 0 < flagged <= 2  # most pass the whole checklist, safety items included


def test_the_gate_refuses_a_proposed_placement_and_passes_another(demo_district):
    proposed = Placement.objects.filter(status=Placement.Status.PROPOSED)
    problems = {placement.pk: readiness.problems(placement) for placement in proposed}
    assert any(problems.values())
    assert not all(problems.values())
    assert any(any("consent" in p for p in found) and any("mentor" in p for p in found) for found in problems.values())
    approved = Placement.objects.filter(status=Placement.Status.APPROVED)
    assert {bool(readiness.problems(placement)) for placement in approved} == {True, False}


def test_placements_start_and_end_soon(demo_district):
    assert Placement.objects.starting_soon().exists()
    assert Placement.objects.ending_soon().exists()


def test_learning_goals_serve_their_partnerships_goals(demo_district):
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


def test_evaluations_show_change_from_midpoint_to_final(demo_district):
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


def test_hours_are_recorded_and_mostly_verified_by_the_mentor(demo_district):
    for placement in Placement.objects.filter(status__in=["active", "completed"]).select_related("mentor"):
        entries = placement.hours.all()
        assert entries.exists(), placement
        verified = entries.filter(verified_at__isnull=False)
        assert set(verified.values_list("verified_by", flat=True)) <= {placement.mentor.full_name}
    assert not Placement.objects.filter(status__in=["proposed", "approved", "cancelled"], hours__isnull=False).exists()


def test_one_pending_evaluation_link_is_printed_and_opens_the_form(debug, demo_district, client):
    output = demo_district
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


# Safety ----------------------------------------------------------------------------------------------


def today():
    return timezone.localdate()


def test_the_policy_names_the_coordinator_and_today_is_in_the_third_quarter(demo_district):
    policy = SafetyPolicy.current()
    assert policy.safety_lead.email == "coordinator@demo.schoolbridge.test"
    periods = list(policy.grading_periods.all())
    assert [p.name for p in periods] == ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]
    for earlier, later in pairwise(periods):
        assert (later.start_date - earlier.end_date).days == 1
    current = GradingPeriod.containing(today())
    assert current.name == "Quarter 3"
    assert 28 <= (today() - current.start_date).days <= 42


def test_background_checks_show_every_state_and_a_lapsing_placement(demo_district):
    policy = SafetyPolicy.current()
    checks = BackgroundCheck.objects.all()
    expiring = checks.expiring(today(), policy.renewal_window_days)
    assert expiring.count() == 1
    assert checks.expired(today()).count() == 1
    assert checks.pending().count() == 3  # one asked for by a business in the portal
    assert checks.live().filter(status=BackgroundCheck.Status.NOT_CLEARED).count() == 1
    voided = checks.filter(voided_at__isnull=False).get()
    assert voided.void_reason and voided.voided_by.email == "coordinator@demo.schoolbridge.test"
    assert not checks.exclude(provider="").filter(reference="").exists()

    # The expiring check belongs to the mentor of an active placement that ends just before it: nothing lapses.
    mentored = Placement.objects.active().get(mentor=expiring.get().contact)
    assert mentored.end_date <= expiring.get().expires_on
    assert not cadence.placements_with_lapsing_checks(Placement.objects.all()).exists()
    # Every mentor of a placement that started is cleared through its end.
    for placement in Placement.objects.ongoing().select_related("mentor"):
        assert checks.cleared_through(placement.end_date).filter(contact=placement.mentor).exists(), placement


def test_a_new_protocol_version_is_not_yet_acknowledged_by_every_business(demo_district):
    current = SafetyProtocol.objects.current()
    assert current.count() == 3
    revised = current.get(version=2)
    assert 0 < (today() - revised.effective_on).days <= 14
    assert SafetyProtocol.objects.filter(key=revised.key, version=1).exists()

    hosting = Organization.objects.filter(business_partnerships__placements__status="active").distinct()
    assert hosting.count() >= 3
    behind = [
        b for b in hosting if not ProtocolAcknowledgment.objects.filter(organization=b, protocol=revised).exists()
    ]
    assert len(behind) == 1
    for business in hosting:  # every business hosting students acknowledged every first version
        for protocol in SafetyProtocol.objects.filter(version=1):
            assert ProtocolAcknowledgment.objects.filter(organization=business, protocol=protocol).exists()
    # That business's proposed placement is refused for the new version alone.
    proposed = Placement.objects.filter(status="proposed", partnership__business=behind[0])
    assert [f"{behind[0].name} has not acknowledged “{revised.title}” (version 2)."] in [
        readiness.problems(placement) for placement in proposed
    ]


def test_some_check_ins_are_overdue_and_some_sites_are_due_a_visit(demo_district):
    active = Placement.objects.filter(status=Placement.Status.ACTIVE)
    overdue = cadence.check_ins_overdue(Placement.objects.all(), today())
    assert 2 <= overdue.count() < active.count()
    assert cadence.check_ins_due(Placement.objects.all(), today()).count() > overdue.count()
    for placement in active:
        assert placement.check_ins.live().exists(), placement
    assert CheckIn.objects.filter(voided_at__isnull=False).exclude(void_reason="").count() == 1
    assert CheckIn.objects.live().filter(wellbeing__lt=3).exclude(notes="").exists()
    assert CheckIn.objects.live().filter(wellbeing__gte=3).count() > CheckIn.objects.count() * 0.8

    due, period = cadence.sites_due_visit(today())
    assert period.name == "Quarter 3"
    assert due.exists()
    visits = SiteVisit.objects.live()
    completed = visits.filter(status="completed")
    this_period = completed.filter(completed_on__range=(period.start_date, period.end_date))
    assert this_period.count() >= 2
    assert not due.filter(pk__in=this_period.values("partnership")).exists()
    assert visits.filter(status="scheduled", scheduled_for__gt=today()).exists()
    assert completed.filter(completed_on__lt=period.start_date, partnership__in=due).exists()
    assert not completed.filter(findings="").exists()


def test_a_high_concern_paused_a_placement_and_others_are_at_every_stage(demo_district):
    concerns = SafetyConcern.objects.live()
    high = concerns.get(severity=SafetyConcern.Severity.HIGH)
    assert high.placement.status == Placement.Status.PAUSED
    assert high.lead_notified_at is not None
    path = list(high.placement.status_changes.order_by("pk").values_list("to_status", flat=True))
    assert path == [Placement.Status.APPROVED, Placement.Status.ACTIVE, Placement.Status.PAUSED]
    assert not high.placement.hours.filter(date__gte=timezone.localdate(high.created_at)).exists()
    others = concerns.exclude(pk=high.pk)
    assert others.filter(severity="low", status="open").exists()
    assert others.filter(severity="medium", status="investigating").exists()
    assert others.filter(status="resolved").exclude(resolution="").exists()
    for concern in concerns:
        assert concern.placement.student_id == concern.student_id
        assert concern.placement.partnership_id == concern.partnership_id


def test_the_log_leaves_some_partners_overdue_a_contact_and_a_follow_up_due(demo_district):
    from communications.log.services import partnerships_not_contacted
    from communications.models import LogEntry

    quiet = partnerships_not_contacted(today(), SafetyPolicy.current().partner_check_in_days)
    names = {partnership.business.name for partnership in quiet}
    assert {"Bluewater Credit Union", "Green Valley Farms"} <= names
    assert "Acme Robotics" not in names
    for partnership in Partnership.objects.filter(log_entries__isnull=False).distinct():
        latest = partnership.log_entries.live().order_by("-occurred_at").first()
        assert partnership.last_contacted_at == latest.occurred_at
    entries = LogEntry.objects.live()
    assert entries.filter(follow_up_on__lt=today(), follow_up_done=False).exists()
    assert entries.filter(follow_up_on__gt=today(), follow_up_done=False).exists()
    assert entries.filter(channel=LogEntry.Channel.EVENT).exists()


def test_stories_are_in_every_state_and_name_only_consenting_students(demo_district):
    from communications.models import SuccessStory

    states = set(SuccessStory.objects.values_list("status", flat=True))
    assert states == {"draft", "approved", "published"}
    for story in SuccessStory.objects.all():
        assert all(student.media_consent for student in story.students.all()), story
    published = SuccessStory.objects.get(status="published")
    assert published.publish_on <= today() and published.channels


def test_surveys_and_thank_you_notes_are_ready_to_try(demo_district):
    from communications.models import FeedbackRequest, ThankYouNote

    surveys = FeedbackRequest.objects.all()
    assert surveys.filter(response__isnull=False).count() >= 2
    assert surveys.filter(response__isnull=True).exists()
    delivered = ThankYouNote.objects.get(status="approved")
    assert delivered.partnership.business.name == "Acme Robotics"
    waiting = ThankYouNote.objects.get(status="submitted")
    assert waiting.partnership.business.name == "Riverside Regional Medical Center"
    assert waiting.body and waiting.signed_as == waiting.student.partner_name


def test_send_reminders_on_the_demo_sends_once_and_a_rerun_sends_nothing(demo_district, mailoutbox):
    from communications.models import Reminder

    first = StringIO()
    call_command("send_reminders", stdout=first)
    sent = Reminder.objects.filter(status="sent")
    assert sent.count() >= 5
    assert {"not_contacted", "check_in_overdue", "follow_up_due"} <= set(sent.values_list("kind", flat=True))
    emails = len(mailoutbox)
    assert emails > 0
    again = StringIO()
    call_command("send_reminders", stdout=again)
    assert "Nothing due." in again.getvalue()
    assert len(mailoutbox) == emails


@pytest.mark.parametrize(
    ("email", "waiting"),
    [
        ("partner1@demo.schoolbridge.test", ["A survey is open", "Ask for a renewal of", "Confirm the hours of"]),
        ("partner2@demo.schoolbridge.test", ["Acknowledge the charter of", "waiting for the result", "starts on"]),
        ("mentor1@demo.schoolbridge.test", ["Final evaluation of", "Confirm the hours of", "starts on"]),
    ],
)
def test_each_portal_login_has_something_waiting_on_its_home_page(demo_district, client, email, waiting):
    sweep()  # as `make run` does at start: the day's surveys open
    client.force_login(user(email))

    home = client.get("/portal/").content.decode()

    for words in waiting:
        assert words in home, f"{email}'s home page lacks {words!r}"
