"""Alignment of company goals with students' learning goals."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from partnerships.models import Goal
from tests.factories import (
    EvaluationFactory,
    GoalFactory,
    HoursEntryFactory,
    LearningGoalFactory,
    RatingFactory,
)
from tests.students.views.helpers import Status, table_row, url
from tests.students.views.test_placements import _named_placement

pytestmark = pytest.mark.django_db


# Alignment -------------------------------------------------------------------------------------------


@pytest.fixture
def scored(active_placement, company_goal, school_goal):
    """Two learning goals scored at the midpoint and at the end.

    "Explain" serves the school's goal: 2 at the midpoint, 4 at the end.
    "CAD" serves the company's goal: 3 and 4 at the midpoint (mentor and student), 3 at the end.
    """
    explain = LearningGoalFactory(
        placement=active_placement, text="Explain a design", skill="Communication", target_level=3, serves=[school_goal]
    )
    cad = LearningGoalFactory(
        placement=active_placement, text="Use the CAD software", skill="CAD", target_level=4, serves=[company_goal]
    )
    mid = EvaluationFactory(placement=active_placement, phase="midpoint")
    mid_student = EvaluationFactory(placement=active_placement, phase="midpoint", evaluator="student")
    final = EvaluationFactory(placement=active_placement, phase="final")
    RatingFactory(evaluation=mid, learning_goal=explain, score=2)
    RatingFactory(evaluation=final, learning_goal=explain, score=4)
    RatingFactory(evaluation=mid, learning_goal=cad, score=3)
    RatingFactory(evaluation=mid_student, learning_goal=cad, score=4)
    RatingFactory(evaluation=final, learning_goal=cad, score=3)
    return explain, cad


def test_placement_alignment_shows_each_learning_goal_with_its_midpoint_and_final_means(coordinator_client, scored):
    placement = scored[0].placement
    response = coordinator_client.get(url("placement_alignment", placement.pk))
    assert response.status_code == 200
    assertContains(response, "Alignment — Maya Okonkwo at Acme Tools")
    # Columns: the company's goal first, then the school's.
    header = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.DOTALL).group(1)
    assert header.index("Company: Hire two interns a year") < header.index("School: Every senior meets")

    company, school, midpoint, final, change, target = table_row(response, "Explain a design")
    assert "●" not in company and "●" in school
    assert (midpoint, final, change, target) == ("2.0", "4.0", "+2.0", "3")

    company, school, midpoint, final, change, target = table_row(response, "Use the CAD software")
    assert "●" in company and "●" not in school
    assert (midpoint, final, change, target) == ("3.5", "3.0", "-0.5", "4")

    assertContains(response, 'aria-label="Communication: midpoint 2.0, final 4.0, target 3"')


def test_placement_alignment_without_learning_goals_says_to_add_one(coordinator_client, placement):
    response = coordinator_client.get(url("placement_alignment", placement.pk))
    assert response.status_code == 200
    assertContains(response, "No learning goals yet.")
    assertContains(response, f'href="{url("learning_goal_create", placement.pk)}"')


def test_placement_alignment_shows_a_dash_for_a_phase_without_scores(coordinator_client, active_placement):
    LearningGoalFactory(placement=active_placement, text="Not yet scored", target_level=2)
    response = coordinator_client.get(url("placement_alignment", active_placement.pk))
    assert table_row(response, "Not yet scored") == ["—", "—", "—", "2"]


def test_partnership_alignment_shows_per_goal_the_learning_goals_scores_and_hours(
    coordinator_client, scored, partnership, company_goal, school_goal, school
):
    # A second student in the same partnership, whose learning goal also serves the school's goal.
    other = _named_placement("Ben", "Second", partnership=partnership, status=Status.ACTIVE)
    welding = LearningGoalFactory(placement=other, text="Weld safely", serves=[school_goal])
    RatingFactory(evaluation=EvaluationFactory(placement=other, phase="midpoint"), learning_goal=welding, score=4)
    GoalFactory(partnership=partnership, owner=Goal.Owner.SHARED, description="Nobody serves this one")
    HoursEntryFactory(placement=scored[0].placement, hours=Decimal("3"))
    HoursEntryFactory(
        placement=scored[0].placement, hours=Decimal("1.5"), verified_by="Dana Lee", verified_at=timezone.now()
    )
    HoursEntryFactory(placement=other, hours=Decimal("2"))
    HoursEntryFactory(hours=Decimal("8"))  # another partnership's: not counted

    response = coordinator_client.get(url("partnership_alignment", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "Alignment — Lincoln and Acme")
    assertContains(response, "<strong>2</strong> placements")
    assertContains(response, "<strong>6.50</strong> hours worked, 1.50 confirmed")
    assertContains(response, f'href="{url("placement_list")}?partnership={partnership.pk}"')

    assert table_row(response, "Hire two interns a year") == ["1", "3.5", "3.0", "-0.5"]
    # Explain (2 → 4) and Weld (4 at the midpoint): two learning goals.
    assert table_row(response, "Every senior meets a professional") == ["2", "3.0", "4.0", "+1.0"]
    assert table_row(response, "Nobody serves this one") == ["0", "—", "—", "—"]


def test_partnership_alignment_without_goals_says_to_add_them(coordinator_client, partnership):
    response = coordinator_client.get(url("partnership_alignment", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "This partnership has no goals yet.")
    assertContains(response, f'href="{reverse("partnerships:goal_create", args=[partnership.pk])}"')
    assertContains(response, "<strong>0</strong> placements")
    assertContains(response, "<strong>0</strong> hours worked")


def test_partnership_alignment_for_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.get(url("partnership_alignment", 999999)).status_code == 404
