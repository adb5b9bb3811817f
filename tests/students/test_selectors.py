"""The placement page's reads: each section with the rows of its own rows, in one query."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import Goal
from students import selectors
from tests.factories import EvaluationFactory, GoalFactory, LearningGoalFactory, PlacementFactory, RatingFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_each_learning_goal_comes_with_the_goals_it_serves_in_one_query(django_assert_num_queries):
    placement = PlacementFactory()
    school_goal = GoalFactory(partnership=placement.partnership, owner=Goal.Owner.SCHOOL, description="Pathways")
    company_goal = GoalFactory(partnership=placement.partnership, owner=Goal.Owner.COMPANY, description="Hiring")
    both = LearningGoalFactory(placement=placement, serves=[school_goal, company_goal])
    unlinked = LearningGoalFactory(placement=placement)
    LearningGoalFactory(serves=[GoalFactory()])  # another placement's

    with django_assert_num_queries(1):
        goals = selectors.learning_goals_with_serves(placement)

    assert goals == [both, unlinked]
    # As the goals' own order has them: the owner, then the pk.
    assert [(goal.pk, goal.get_owner_display(), goal.description) for goal in goals[0].served] == [
        (company_goal.pk, "Company", "Hiring"),
        (school_goal.pk, "School", "Pathways"),
    ]
    assert goals[1].served == []


def test_each_evaluation_comes_with_its_scores_in_one_query(django_assert_num_queries):
    placement = PlacementFactory(status="active")
    first_goal, second_goal = LearningGoalFactory.create_batch(2, placement=placement)
    later = EvaluationFactory(placement=placement, submitted_at=days_ago(1))
    earlier = EvaluationFactory(placement=placement, submitted_at=days_ago(10))
    RatingFactory(evaluation=earlier, learning_goal=second_goal, score=4, comment="Clear")
    RatingFactory(evaluation=earlier, learning_goal=first_goal, score=2)
    unscored = EvaluationFactory(placement=placement, submitted_at=days_ago(5))  # its goal was removed since
    RatingFactory(evaluation=later, learning_goal=first_goal, score=3)
    RatingFactory()  # another placement's

    with django_assert_num_queries(1):
        evaluations = selectors.evaluations_with_ratings(placement)

    assert evaluations == [earlier, unscored, later]
    scores = [[(r.learning_goal_id, r.score, r.comment) for r in e.all_ratings] for e in evaluations]
    assert scores == [[(first_goal.pk, 2, ""), (second_goal.pk, 4, "Clear")], [], [(first_goal.pk, 3, "")]]
