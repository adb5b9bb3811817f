"""Every rule in students/services.py, one sentence per test."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import signed_links
from accounts.models import SignedLink
from partnerships.models import Partnership
from students import services
from students.models import Evaluation, HoursEntry, LearningGoal, Placement, PlacementStatusChange, Rating
from tests.factories import (
    BusinessFactory,
    ContactFactory,
    GoalFactory,
    HoursEntryFactory,
    LearningGoalFactory,
    SignedLinkFactory,
    StudentFactory,
    active_partnership,
    ready_placement,
)

pytestmark = pytest.mark.django_db

Status = Placement.Status
MENTOR, STUDENT = Evaluation.Evaluator.MENTOR, Evaluation.Evaluator.STUDENT
MIDPOINT = Evaluation.Phase.MIDPOINT


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def messages(error: pytest.ExceptionInfo) -> list[str]:
    return error.value.messages


def placement_in(status: str, **kwargs) -> Placement:
    if status == Status.CANCELLED:
        kwargs.setdefault("cancel_reason", "The business closed the site.")
    return ready_placement(status=status, **kwargs)


def started_placement_with_goals(count: int = 2, **kwargs) -> tuple[Placement, list[LearningGoal]]:
    placement = placement_in(Status.ACTIVE, **kwargs)
    return placement, [LearningGoalFactory.create(placement=placement) for _ in range(count)]


# The lifecycle -----------------------------------------------------------------------------------

# Written out here rather than read from Placement.TRANSITIONS, so a change to the model shows up as a failure.
CAN_BECOME = {
    "proposed": ["approved", "cancelled"],
    "approved": ["active", "proposed", "cancelled"],
    "active": ["paused", "completed", "cancelled"],
    "paused": ["active", "completed", "cancelled"],
    "completed": [],
    "cancelled": [],
}
ALL_PAIRS = [(source, target) for source in CAN_BECOME for target in CAN_BECOME]
ALLOWED = [(source, target) for source, target in ALL_PAIRS if target in CAN_BECOME[source]]
REFUSED = [(source, target) for source, target in ALL_PAIRS if target not in CAN_BECOME[source]]


def test_every_pair_of_statuses_is_either_allowed_or_refused():
    assert len(ALLOWED) == 11
    assert len(ALL_PAIRS) == len(Status.values) ** 2 == 36
    assert {s for pair in ALL_PAIRS for s in pair} == set(Status.values)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_an_allowed_transition_moves_the_placement_and_records_who_and_why(source, target, coordinator):
    placement = placement_in(source)

    services.placement_transition(
        placement=placement, to_status=target, by=coordinator, reason="  Agreed in the meeting. "
    )

    placement.refresh_from_db()
    assert placement.status == target
    change = PlacementStatusChange.objects.get(placement=placement)
    assert (change.from_status, change.to_status) == (source, target)
    assert change.changed_by == coordinator
    assert change.reason == "Agreed in the meeting."


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_a_transition_that_is_not_allowed_is_refused_naming_what_it_can_become(source, target, coordinator):
    placement = placement_in(source)

    with pytest.raises(ValidationError) as error:
        services.placement_transition(placement=placement, to_status=target, by=coordinator, reason="Because.")

    can_become = ", ".join(CAN_BECOME[source]) or "nothing"
    assert messages(error) == [f"A {source} placement cannot become {target}. It can become: {can_become}."]
    placement.refresh_from_db()
    assert placement.status == source
    assert not PlacementStatusChange.objects.filter(placement=placement).exists()


@pytest.mark.parametrize("reason", ["", "   "])
@pytest.mark.parametrize("source", ["proposed", "approved", "active", "paused"])
def test_cancelling_needs_a_reason(source, reason, coordinator):
    placement = placement_in(source)

    with pytest.raises(ValidationError) as error:
        services.placement_transition(placement=placement, to_status=Status.CANCELLED, by=coordinator, reason=reason)

    assert error.value.message_dict == {
        "reason": ["Say why the placement is cancelled: it stays on the student's record."]
    }
    placement.refresh_from_db()
    assert placement.status == source
    assert placement.cancel_reason == ""
    assert not PlacementStatusChange.objects.exists()


def test_cancelling_stores_the_reason_on_the_placement_and_in_its_history(coordinator):
    placement = placement_in(Status.ACTIVE)

    services.placement_transition(
        placement=placement, to_status=Status.CANCELLED, by=coordinator, reason=" The student moved away. "
    )

    assert placement.status == Status.CANCELLED  # the instance passed in is refreshed
    assert Placement.objects.get(pk=placement.pk).cancel_reason == "The student moved away."
    assert placement.status_changes.get().reason == "The student moved away."


def test_the_database_refuses_a_cancelled_placement_without_a_reason():
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(status=Status.CANCELLED, cancel_reason="")


def test_placement_activate_starts_a_ready_approved_placement(coordinator):
    placement = ready_placement()

    services.placement_activate(placement=placement, by=coordinator)

    assert Placement.objects.get(pk=placement.pk).status == Status.ACTIVE
    assert placement.status_changes.get().to_status == Status.ACTIVE


def test_a_placement_goes_from_proposal_to_completion_keeping_every_step(coordinator):
    placement = ready_placement(status=Status.PROPOSED)

    for target in (Status.APPROVED, Status.PROPOSED, Status.APPROVED, Status.ACTIVE, Status.COMPLETED):
        services.placement_transition(placement=placement, to_status=target, by=coordinator)

    steps = list(placement.status_changes.order_by("pk").values_list("from_status", "to_status"))
    assert steps == [
        ("proposed", "approved"),
        ("approved", "proposed"),
        ("proposed", "approved"),
        ("approved", "active"),
        ("active", "completed"),
    ]


# Creating and editing ----------------------------------------------------------------------------


def placement_fields(partnership, **overrides):
    fields = {
        "kind": Placement.Kind.INTERNSHIP,
        "mentor": ContactFactory(organization=partnership.business),
        "start_date": today(),
        "end_date": today() + datetime.timedelta(days=30),
        "hours_per_week": Decimal("6"),
    }
    return {**fields, **overrides}


def test_placement_create_proposes_a_placement(coordinator):
    partnership = active_partnership()
    student = StudentFactory(school=partnership.school)

    placement = services.placement_create(
        by=coordinator, student=student, partnership=partnership, **placement_fields(partnership)
    )

    assert placement.pk is not None
    assert Placement.objects.get(pk=placement.pk).status == Status.PROPOSED


def test_placement_create_refuses_a_mentor_at_another_business(coordinator):
    partnership = active_partnership()
    stranger = ContactFactory(organization=BusinessFactory(name="Other Works"), first_name="Ola", last_name="Stranger")

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator,
            student=StudentFactory(),
            partnership=partnership,
            **placement_fields(partnership, mentor=stranger),
        )

    assert error.value.message_dict == {
        "mentor": [f"Ola Stranger does not work at {partnership.business.name}: choose someone there."]
    }
    assert not Placement.objects.exists()


def test_placement_create_refuses_an_end_before_the_start(coordinator):
    partnership = active_partnership()

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator,
            student=StudentFactory(),
            partnership=partnership,
            **placement_fields(partnership, start_date=today(), end_date=days_ago(1)),
        )

    assert error.value.message_dict == {"end_date": ["The placement ends before it starts."]}
    assert not Placement.objects.exists()


def test_placement_create_refuses_an_ended_partnership(coordinator):
    partnership = active_partnership(status=Partnership.Status.ENDED)

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator, student=StudentFactory(), partnership=partnership, **placement_fields(partnership)
        )

    assert error.value.message_dict == {"partnership": [f"{partnership.name} has ended: choose a current partnership."]}
    assert not Placement.objects.exists()


def test_placement_create_refuses_a_student_who_is_no_longer_active(coordinator):
    partnership = active_partnership()
    student = StudentFactory(legal_first_name="Maya", last_name="Former", active=False)

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator, student=student, partnership=partnership, **placement_fields(partnership)
        )

    assert error.value.message_dict == {"student": ["Maya Former is no longer active."]}
    assert not Placement.objects.exists()


def test_placement_create_reports_every_problem_at_once(coordinator):
    partnership = active_partnership(status=Partnership.Status.ENDED)
    fields = placement_fields(partnership, mentor=ContactFactory(), end_date=days_ago(5))

    with pytest.raises(ValidationError) as error:
        services.placement_create(
            by=coordinator, student=StudentFactory(active=False), partnership=partnership, **fields
        )

    assert set(error.value.message_dict) == {"end_date", "mentor", "partnership", "student"}


def test_placement_create_cannot_set_the_status_and_skip_the_readiness_gate(coordinator):
    """A new placement starts as proposed: only placement_transition (and its gate) changes the status."""
    partnership = active_partnership()
    fields = placement_fields(partnership, mentor=None)  # would fail the gate: no mentor

    with pytest.raises(ValueError, match="status"):
        services.placement_create(
            by=coordinator, student=StudentFactory(), partnership=partnership, status=Status.ACTIVE, **fields
        )

    assert not Placement.objects.filter(status=Status.ACTIVE).exists()


def test_placement_update_changes_the_editable_fields(coordinator):
    placement = placement_in(Status.APPROVED)
    new_mentor = ContactFactory(organization=placement.partnership.business)

    services.placement_update(
        placement=placement, by=coordinator, mentor=new_mentor, days="Mon, Wed", hours_per_week=Decimal("8")
    )

    placement = Placement.objects.get(pk=placement.pk)
    assert (placement.mentor, placement.days, placement.hours_per_week) == (new_mentor, "Mon, Wed", Decimal("8"))


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.CANCELLED])
def test_placement_update_refuses_a_finished_placement(status, coordinator):
    placement = placement_in(status, days="Tue")

    with pytest.raises(ValidationError) as error:
        services.placement_update(placement=placement, by=coordinator, days="Mon")

    assert messages(error) == [f"This placement is {status}: it can no longer change."]
    assert Placement.objects.get(pk=placement.pk).days == "Tue"


@pytest.mark.parametrize("field", ["status", "student", "partnership", "cancel_reason"])
def test_placement_update_refuses_fields_it_does_not_edit(field, coordinator):
    placement = placement_in(Status.APPROVED)
    before = Placement.objects.filter(pk=placement.pk).values().get()
    value = {
        "status": Status.ACTIVE,
        "student": StudentFactory(),
        "partnership": active_partnership(),
        "cancel_reason": "x",
    }[field]

    with pytest.raises(ValueError, match=f"Not editable here: \\['{field}'\\]"):
        services.placement_update(placement=placement, by=coordinator, **{field: value})

    assert Placement.objects.filter(pk=placement.pk).values().get() == before


def test_placement_update_refuses_a_mentor_at_another_business_and_saves_nothing(coordinator):
    placement = placement_in(Status.APPROVED)
    mentor = placement.mentor

    with pytest.raises(ValidationError) as error:
        services.placement_update(placement=placement, by=coordinator, mentor=ContactFactory(), days="Fri")

    assert set(error.value.message_dict) == {"mentor"}
    saved = Placement.objects.get(pk=placement.pk)
    assert (saved.mentor, saved.days) == (mentor, "Tue, Thu")


# Learning goals ----------------------------------------------------------------------------------


def test_learning_goal_save_links_the_partnership_goals_it_serves():
    placement = placement_in(Status.APPROVED)
    company_goal = GoalFactory(partnership=placement.partnership, owner="company")

    goal = services.learning_goal_save(
        placement=placement, text=" Use CAD to draw a part ", skill=" CAD ", target_level=3, serves=[company_goal]
    )

    goal = LearningGoal.objects.get(pk=goal.pk)
    assert (goal.placement, goal.text, goal.skill, goal.target_level) == (placement, "Use CAD to draw a part", "CAD", 3)
    assert list(goal.serves.all()) == [company_goal]


def test_learning_goal_save_changes_an_existing_goal():
    placement = placement_in(Status.ACTIVE)
    first, second = GoalFactory(partnership=placement.partnership), GoalFactory(partnership=placement.partnership)
    goal = LearningGoalFactory(placement=placement, serves=[first])

    services.learning_goal_save(
        placement=placement, goal=goal, text="Lead a stand-up", skill="Teamwork", target_level=4, serves=[second]
    )

    goal.refresh_from_db()
    assert (goal.text, goal.skill, goal.target_level) == ("Lead a stand-up", "Teamwork", 4)
    assert list(goal.serves.all()) == [second]
    assert LearningGoal.objects.count() == 1


def test_learning_goal_save_refuses_goals_of_another_partnership():
    placement = placement_in(Status.APPROVED)
    own = GoalFactory(partnership=placement.partnership)
    foreign = GoalFactory(partnership=active_partnership())

    with pytest.raises(ValidationError) as error:
        services.learning_goal_save(
            placement=placement, text="Use CAD", skill="CAD", target_level=3, serves=[own, foreign]
        )

    assert error.value.message_dict == {"serves": ["Choose goals of this placement's partnership only."]}
    assert not LearningGoal.objects.exists()


@pytest.mark.parametrize("level", [0, 5])
def test_learning_goal_save_refuses_a_target_level_outside_1_to_4(level):
    placement = placement_in(Status.APPROVED)

    with pytest.raises(ValidationError) as error:
        services.learning_goal_save(placement=placement, text="Use CAD", skill="CAD", target_level=level)

    assert "target_level" in error.value.message_dict
    assert not LearningGoal.objects.exists()


# Evaluations -------------------------------------------------------------------------------------


def scores_for(goals, score=3, comment=""):
    return {goal.pk: (score, comment) for goal in goals}


def test_evaluation_submit_creates_the_evaluation_and_one_rating_per_goal(coordinator):
    placement, (first, second) = started_placement_with_goals()

    evaluation = services.evaluation_submit(
        placement=placement,
        evaluator=Evaluation.Evaluator.COORDINATOR,
        phase=MIDPOINT,
        scores={first.pk: (2, " Needs practice "), second.pk: (4, "")},
        overall_comments=" A good start. ",
        evaluator_name=" Cora Ordinator ",
        by=coordinator,
    )

    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert (evaluation.placement, evaluation.evaluator, evaluation.phase) == (placement, "coordinator", "midpoint")
    assert (evaluation.evaluator_name, evaluation.overall_comments) == ("Cora Ordinator", "A good start.")
    assert evaluation.submitted_by == coordinator
    ratings = list(evaluation.ratings.order_by("learning_goal_id").values_list("learning_goal_id", "score", "comment"))
    assert ratings == [(first.pk, 2, "Needs practice"), (second.pk, 4, "")]


def test_evaluation_submit_needs_a_score_for_every_learning_goal():
    placement, (first, _second) = started_placement_with_goals()

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for([first]))

    assert messages(error) == ["Give a score for every learning goal."]
    assert not Evaluation.objects.exists()


def test_evaluation_submit_refuses_scores_for_goals_of_another_placement():
    placement, goals = started_placement_with_goals()
    _other, other_goals = started_placement_with_goals(count=1)

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(
            placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for(goals + other_goals)
        )

    assert messages(error) == ["Give a score for every learning goal."]
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("score", [0, 5, -1])
def test_evaluation_submit_accepts_scores_from_1_to_4_only(score):
    placement, (first, second) = started_placement_with_goals()

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(
            placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores={first.pk: (3, ""), second.pk: (score, "")}
        )

    assert messages(error) == ["Scores go from 1 to 4."]
    assert not Evaluation.objects.exists()
    assert not Rating.objects.exists()


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_evaluation_submit_refuses_a_placement_that_has_not_started(status):
    placement = placement_in(status)
    goals = [LearningGoalFactory(placement=placement)]

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for(goals))

    assert messages(error) == ["Evaluations are for placements that have started."]
    assert not Evaluation.objects.exists()


def test_evaluation_submit_accepts_a_completed_placement():
    placement = placement_in(Status.COMPLETED)
    goals = [LearningGoalFactory(placement=placement)]

    services.evaluation_submit(placement=placement, evaluator=MENTOR, phase="final", scores=scores_for(goals, 4))

    assert Rating.objects.get().score == 4


def test_evaluation_submit_refuses_a_placement_without_learning_goals():
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores={})

    assert messages(error) == ["This placement has no learning goals to evaluate yet."]
    assert not Evaluation.objects.exists()


def test_evaluation_submit_through_a_link_uses_the_link_up():
    placement, goals = started_placement_with_goals()
    link = SignedLinkFactory(placement=placement)

    services.evaluation_submit(
        placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for(goals), link=link
    )

    link.refresh_from_db()
    assert link.is_used
    assert Evaluation.objects.count() == 1


def test_a_second_submission_through_the_same_link_is_refused_and_creates_nothing():
    placement, goals = started_placement_with_goals()
    link = SignedLinkFactory(placement=placement)
    services.evaluation_submit(
        placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for(goals), link=link
    )
    first_used_at = SignedLink.objects.get(pk=link.pk).used_at
    stale = SignedLink.objects.get(pk=link.pk)
    stale.used_at = None  # as a second browser tab would still see it

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(
            placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for(goals, 1), link=stale
        )

    assert messages(error) == ["This link has already been used or has expired."]
    assert Evaluation.objects.count() == 1
    assert set(Rating.objects.values_list("score", flat=True)) == {3}
    assert SignedLink.objects.get(pk=link.pk).used_at == first_used_at


def test_evaluation_submit_refuses_an_expired_link_and_leaves_it_unused():
    placement, goals = started_placement_with_goals()
    link = SignedLinkFactory(placement=placement, expires_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(
            placement=placement, evaluator=MENTOR, phase=MIDPOINT, scores=scores_for(goals), link=link
        )

    assert messages(error) == ["This link has already been used or has expired."]
    assert not Evaluation.objects.exists()
    assert SignedLink.objects.get(pk=link.pk).used_at is None


# Evaluation links --------------------------------------------------------------------------------


@pytest.fixture
def private_student():
    """A student whose every identifying detail is distinctive enough to look for."""
    return StudentFactory(
        legal_first_name="Marguerite",
        preferred_first_name="Daisy",
        last_name="Okonkwo",
        district_student_id="DSID-48213",
        date_of_birth=datetime.date(2009, 3, 14),
    )


def test_a_mentor_link_is_emailed_to_the_mentor_once_the_transaction_commits(
    private_student, coordinator, django_capture_on_commit_callbacks
):
    placement, _goals = started_placement_with_goals(student=private_student)
    mentor = placement.mentor

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        link = services.evaluation_link_create(placement=placement, evaluator=MENTOR, phase=MIDPOINT, by=coordinator)
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    assert (link.purpose, link.recipient_email, link.recipient_name) == ("evaluation", mentor.email, mentor.full_name)
    assert link.payload == {"placement": placement.pk, "evaluator": "mentor", "phase": "midpoint"}
    assert link.created_by == coordinator
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [mentor.email]
    assert email.subject == "Your evaluation for a SchoolBridge placement"
    for private in ("Marguerite", "Daisy", "Okonkwo", "DSID-48213"):
        assert private not in email.subject
    url = settings.SITE_URL.rstrip("/") + f"/r/{signed_links.token_for(link)}/"
    assert url in email.body
    assert "Daisy O." in email.body  # the partner name, no more
    for private in ("Marguerite", "Okonkwo", "DSID-48213", "2009"):
        assert private not in email.body


def test_a_student_link_sends_no_email(private_student, coordinator, django_capture_on_commit_callbacks):
    placement, _goals = started_placement_with_goals(student=private_student)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        link = services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    assert callbacks == []
    assert mail.outbox == []
    assert (link.recipient_email, link.recipient_name) == ("", "Daisy")
    assert link.payload == {"placement": placement.pk, "evaluator": "student", "phase": "midpoint"}


def test_an_evaluation_link_carries_no_student_data_in_its_url(private_student, coordinator):
    placement, _goals = started_placement_with_goals(student=private_student)

    link = services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    token = signed_links.token_for(link)
    path = signed_links.path_for(link)
    assert path == f"/r/{token}/"
    assert signing.Signer(salt=signed_links.SALT).unsign(token) == str(link.pk)  # the token is the row's id, signed
    for private in ("Marguerite", "Daisy", "Okonkwo", "DSID-48213", "2009-03-14", "20090314"):
        assert private.lower() not in path.lower()


def test_an_evaluation_link_expires_in_14_days(coordinator):
    placement, _goals = started_placement_with_goals()
    before = timezone.now()

    link = services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    assert before + datetime.timedelta(days=14) <= link.expires_at <= timezone.now() + datetime.timedelta(days=14)
    assert not link.is_used


def test_an_evaluation_link_needs_learning_goals(coordinator):
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.evaluation_link_create(placement=placement, evaluator=MENTOR, phase=MIDPOINT, by=coordinator)

    assert messages(error) == ["Add the placement's learning goals first: the evaluation scores them."]
    assert not SignedLink.objects.exists()


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_an_evaluation_link_needs_a_placement_that_has_started(status, coordinator):
    placement = placement_in(status)
    LearningGoalFactory(placement=placement)

    with pytest.raises(ValidationError) as error:
        services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    assert messages(error) == ["Evaluation links can be sent once the placement has started."]
    assert not SignedLink.objects.exists()


def test_a_mentor_link_needs_a_mentor(coordinator):
    # Only a finished placement can be without one: a placement under way keeps its mentor.
    placement = placement_in(Status.COMPLETED, mentor=None)
    LearningGoalFactory(placement=placement)

    with pytest.raises(ValidationError) as error:
        services.evaluation_link_create(placement=placement, evaluator=MENTOR, phase=MIDPOINT, by=coordinator)

    assert messages(error) == ["Name the mentor first."]
    assert not SignedLink.objects.exists()


def test_coordinators_do_not_get_evaluation_links(coordinator):
    placement, _goals = started_placement_with_goals()

    with pytest.raises(ValueError, match="coordinators evaluate in the app"):
        services.evaluation_link_create(
            placement=placement, evaluator=Evaluation.Evaluator.COORDINATOR, phase=MIDPOINT, by=coordinator
        )

    assert not SignedLink.objects.exists()


# Hours -------------------------------------------------------------------------------------------


def test_hours_record_saves_an_entry(coordinator):
    placement = placement_in(Status.ACTIVE)

    entry = services.hours_record(
        placement=placement, by=coordinator, date=days_ago(2), hours=Decimal("3.5"), activity=" Built a jig "
    )

    entry = HoursEntry.objects.get(pk=entry.pk)
    assert (entry.placement, entry.date, entry.hours, entry.activity) == (
        placement,
        days_ago(2),
        Decimal("3.5"),
        "Built a jig",
    )
    assert entry.recorded_by == coordinator
    assert not entry.is_verified


def test_hours_record_refuses_a_future_date(coordinator):
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.hours_record(
            placement=placement, by=coordinator, date=today() + datetime.timedelta(days=1), hours=2, activity="Plan"
        )

    assert error.value.message_dict == {"date": ["Record hours once they are worked: choose today or earlier."]}
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("where", ["before the start", "after the end"])
def test_hours_record_refuses_a_date_outside_the_placement(where, coordinator):
    start, end = days_ago(10), days_ago(3)
    placement = placement_in(Status.COMPLETED, start_date=start, end_date=end)
    date = days_ago(11) if where == "before the start" else days_ago(2)

    with pytest.raises(ValidationError) as error:
        services.hours_record(placement=placement, by=coordinator, date=date, hours=2, activity="Plan")

    assert error.value.message_dict == {"date": [f"The placement runs from {start:%d %b %Y} to {end:%d %b %Y}."]}
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_hours_record_refuses_a_placement_that_has_not_started(status, coordinator):
    placement = placement_in(status)

    with pytest.raises(ValidationError) as error:
        services.hours_record(placement=placement, by=coordinator, date=days_ago(1), hours=2, activity="Plan")

    assert messages(error) == ["Hours are recorded once the placement has started."]
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("-1"), Decimal("24.25"), Decimal("25")])
def test_hours_record_refuses_hours_outside_0_to_24(hours, coordinator):
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.hours_record(placement=placement, by=coordinator, date=days_ago(1), hours=hours, activity="Plan")

    assert "Constraint “hours_entry_0_24” is violated." in messages(error)
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("hours", [Decimal("0.25"), Decimal("24")])
def test_hours_record_accepts_the_edges_of_a_day(hours, coordinator):
    placement = placement_in(Status.ACTIVE)

    services.hours_record(placement=placement, by=coordinator, date=today(), hours=hours, activity="Plan")

    assert HoursEntry.objects.get().hours == hours


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("24.5")])
def test_the_database_refuses_hours_outside_0_to_24(hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursEntryFactory(hours=hours)


def test_hours_verify_records_who_confirmed():
    entry = HoursEntryFactory()

    services.hours_verify(entry=entry, verified_by=" Ana Mentor ")

    entry = HoursEntry.objects.get(pk=entry.pk)
    assert entry.verified_by == "Ana Mentor"
    assert entry.is_verified


def test_hours_verify_keeps_the_first_confirmation():
    entry = HoursEntryFactory()
    services.hours_verify(entry=entry, verified_by="Ana Mentor")
    first = HoursEntry.objects.get(pk=entry.pk)

    returned = services.hours_verify(entry=HoursEntry.objects.get(pk=entry.pk), verified_by="Ben Late")

    assert (returned.verified_by, returned.verified_at) == ("Ana Mentor", first.verified_at)
    again = HoursEntry.objects.get(pk=entry.pk)
    assert (again.verified_by, again.verified_at) == ("Ana Mentor", first.verified_at)


def test_hours_verify_needs_a_name():
    entry = HoursEntryFactory()

    with pytest.raises(ValidationError) as error:
        services.hours_verify(entry=entry, verified_by="  ")

    assert error.value.message_dict == {"verified_by": ["Say who confirmed these hours."]}
    assert not HoursEntry.objects.get(pk=entry.pk).is_verified
