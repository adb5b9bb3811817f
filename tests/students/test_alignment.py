"""students.alignment: learning goals against the partnership's goals, scored from midpoint to final."""

import pytest

from partnerships.models import Goal
from students import alignment
from students.models import Evaluation, Placement
from tests.factories import (
    EvaluationFactory,
    GoalFactory,
    LearningGoalFactory,
    RatingFactory,
    active_partnership,
    ready_placement,
)

pytestmark = pytest.mark.django_db

MIDPOINT, FINAL, OTHER = Evaluation.Phase.MIDPOINT, Evaluation.Phase.FINAL, Evaluation.Phase.OTHER
MENTOR, STUDENT, COORDINATOR = (
    Evaluation.Evaluator.MENTOR,
    Evaluation.Evaluator.STUDENT,
    Evaluation.Evaluator.COORDINATOR,
)


def evaluate(placement, evaluator, phase, scores):
    """One evaluation of `placement` with a rating per learning goal: scores is {learning goal: score}."""
    evaluation = EvaluationFactory(placement=placement, evaluator=evaluator, phase=phase)
    for learning_goal, score in scores.items():
        RatingFactory(evaluation=evaluation, learning_goal=learning_goal, score=score)
    return evaluation


@pytest.fixture
def world():
    """A partnership with a goal of each owner (made school, shared, company, in that order) plus one that
    no learning goal serves; two placements in it, and one placement in another partnership."""
    partnership = active_partnership()
    school_goal = GoalFactory(partnership=partnership, owner=Goal.Owner.SCHOOL, description="More students in STEM")
    shared_goal = GoalFactory(partnership=partnership, owner=Goal.Owner.SHARED, description="A paid internship path")
    company_goal = GoalFactory(partnership=partnership, owner=Goal.Owner.COMPANY, description="Hire local talent")
    unserved_goal = GoalFactory(partnership=partnership, owner=Goal.Owner.SHARED, description="A yearly open day")

    placement = ready_placement(partnership=partnership, status=Placement.Status.ACTIVE)
    wiring = LearningGoalFactory(placement=placement, target_level=4, serves=[company_goal, shared_goal])
    soldering = LearningGoalFactory(placement=placement, target_level=3, serves=[school_goal])
    unrated = LearningGoalFactory(placement=placement, target_level=2)
    evaluate(placement, MENTOR, MIDPOINT, {wiring: 2, soldering: 3})
    evaluate(placement, STUDENT, MIDPOINT, {wiring: 3, soldering: 2})
    evaluate(placement, COORDINATOR, MIDPOINT, {wiring: 2})
    evaluate(placement, MENTOR, FINAL, {wiring: 4, soldering: 3})
    evaluate(placement, STUDENT, FINAL, {wiring: 3, soldering: 4})
    evaluate(placement, MENTOR, OTHER, {wiring: 1, soldering: 1})  # neither midpoint nor final: left out

    second = ready_placement(partnership=partnership, status=Placement.Status.ACTIVE)
    second_goal = LearningGoalFactory(placement=second, serves=[company_goal])
    evaluate(second, MENTOR, MIDPOINT, {second_goal: 4})
    evaluate(second, MENTOR, FINAL, {second_goal: 4})

    elsewhere = ready_placement(status=Placement.Status.ACTIVE)
    foreign_goal = GoalFactory(partnership=elsewhere.partnership, owner=Goal.Owner.COMPANY)
    foreign_learning_goal = LearningGoalFactory(placement=elsewhere, serves=[foreign_goal])
    evaluate(elsewhere, MENTOR, MIDPOINT, {foreign_learning_goal: 1})
    evaluate(elsewhere, MENTOR, FINAL, {foreign_learning_goal: 1})

    return {
        "partnership": partnership,
        "placement": placement,
        "school_goal": school_goal,
        "shared_goal": shared_goal,
        "company_goal": company_goal,
        "unserved_goal": unserved_goal,
        "wiring": wiring,
        "soldering": soldering,
        "unrated": unrated,
        "second_goal": second_goal,
    }


# Per placement -----------------------------------------------------------------------------------


def test_for_placement_gives_one_row_per_learning_goal_with_mean_scores_across_evaluators(world):
    rows, _columns = alignment.for_placement(world["placement"])

    assert [row.subject for row in rows] == [world["wiring"], world["soldering"], world["unrated"]]
    assert [(row.midpoint, row.final) for row in rows] == [
        (2.33, 3.5),  # (2 + 3 + 2) / 3 and (4 + 3) / 2
        (2.5, 3.5),  # (3 + 2) / 2 and (3 + 4) / 2
        (None, None),
    ]
    assert [row.target for row in rows] == [4, 3, 2]
    assert [row.change for row in rows] == [1.17, 1.0, None]


def test_for_placement_says_which_partnership_goals_each_learning_goal_serves(world):
    rows, _columns = alignment.for_placement(world["placement"])

    assert [row.serves for row in rows] == [
        {world["company_goal"].pk, world["shared_goal"].pk},
        {world["school_goal"].pk},
        set(),
    ]


def test_for_placement_columns_are_the_partnerships_goals(world):
    _rows, columns = alignment.for_placement(world["placement"])

    assert set(columns) == {world[name] for name in ("school_goal", "shared_goal", "company_goal", "unserved_goal")}
    assert len(columns) == 4


def test_for_placement_puts_company_goals_first_then_shared_then_school(world):
    _rows, columns = alignment.for_placement(world["placement"])

    assert [goal.owner for goal in columns] == ["company", "shared", "shared", "school"]
    assert columns[0] == world["company_goal"]


def test_for_placement_without_learning_goals_has_no_rows_but_still_the_columns():
    placement = ready_placement(status=Placement.Status.ACTIVE)
    goal = GoalFactory(partnership=placement.partnership)

    rows, columns = alignment.for_placement(placement)

    assert rows == []
    assert columns == [goal]


def test_for_placement_with_only_midpoint_scores_has_no_final_and_no_change():
    placement = ready_placement(status=Placement.Status.ACTIVE)
    learning_goal = LearningGoalFactory(placement=placement)
    evaluate(placement, MENTOR, MIDPOINT, {learning_goal: 3})

    (row,), _columns = alignment.for_placement(placement)

    assert (row.midpoint, row.final, row.change) == (3.0, None, None)


def test_for_placement_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    # goals, learning goals, their served goals, the averages: however many rows there are
    with django_assert_num_queries(4):
        alignment.for_placement(world["placement"])


# Per partnership ---------------------------------------------------------------------------------


def test_for_partnership_counts_the_learning_goals_serving_each_goal_and_their_mean_scores(world):
    rows = {row.subject: row for row in alignment.for_partnership(world["partnership"])}

    assert set(rows) == {world[name] for name in ("school_goal", "shared_goal", "company_goal", "unserved_goal")}
    company, shared, school = rows[world["company_goal"]], rows[world["shared_goal"]], rows[world["school_goal"]]
    # company: the wiring goal (2, 3, 2 then 4, 3) and the second placement's goal (4 then 4)
    assert (company.count, company.midpoint, company.final) == (2, 2.75, 3.67)
    assert (shared.count, shared.midpoint, shared.final) == (1, 2.33, 3.5)
    assert (school.count, school.midpoint, school.final) == (1, 2.5, 3.5)
    assert company.change == 0.92


def test_for_partnership_gives_none_for_a_goal_nothing_serves(world):
    rows = {row.subject: row for row in alignment.for_partnership(world["partnership"])}

    unserved = rows[world["unserved_goal"]]
    assert (unserved.count, unserved.midpoint, unserved.final, unserved.change) == (0, None, None, None)


def test_for_partnership_counts_a_served_goal_without_ratings_with_none_scores():
    placement = ready_placement(status=Placement.Status.ACTIVE)
    goal = GoalFactory(partnership=placement.partnership)
    LearningGoalFactory(placement=placement, serves=[goal])
    LearningGoalFactory(placement=placement, serves=[goal])

    (row,) = alignment.for_partnership(placement.partnership)

    assert (row.subject, row.count, row.midpoint, row.final) == (goal, 2, None, None)
