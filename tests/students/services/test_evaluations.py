"""students/services.py: midpoint and final evaluations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import SignedLink
from students import services
from students.models import Evaluation, Rating
from tests.factories import (
    LearningGoalFactory,
    SignedLinkFactory,
)
from tests.helpers import messages
from tests.students.services.helpers import MENTOR, MIDPOINT, Status, placement_in, started_placement_with_goals

pytestmark = pytest.mark.django_db


# Evaluations -----------------------------------------------------------------------------------------


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
