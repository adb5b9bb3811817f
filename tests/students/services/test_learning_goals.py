"""students/services.py: learning goals and the goals they serve."""

import pytest
from django.core.exceptions import ValidationError

from students import services
from students.models import LearningGoal
from tests.factories import (
    GoalFactory,
    LearningGoalFactory,
    active_partnership,
)
from tests.students.services.helpers import Status, placement_in

pytestmark = pytest.mark.django_db


# Learning goals --------------------------------------------------------------------------------------


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
