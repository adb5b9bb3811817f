"""The people and places the student and placement page tests work with."""

import pytest

from partnerships.models import Goal
from students.models import (
    Placement,
)
from tests.factories import (
    ActivePartnershipFactory,
    ContactFactory,
    GoalFactory,
    LearningGoalFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
    clear_for,
)
from tests.students.views.helpers import Status

# The people and places -------------------------------------------------------------------------------


@pytest.fixture
def school(db):
    return SchoolFactory(name="Lincoln High")


@pytest.fixture
def partnership(school, business_a):
    return ActivePartnershipFactory(name="Lincoln and Acme", school=school, business=business_a)


@pytest.fixture
def mentor(business_a):
    return ContactFactory(organization=business_a, first_name="Dana", last_name="Lee", email="dana.lee@example.test")


@pytest.fixture
def student(school):
    return StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=school, district_student_id="D123456")


@pytest.fixture
def placement(student, partnership, mentor):
    """Proposed, and passes every readiness check (the mentor's background check is cleared)."""
    placement = PlacementFactory(student=student, partnership=partnership, mentor=mentor)
    clear_for(placement)
    return placement


@pytest.fixture
def active_placement(placement):
    Placement.objects.filter(pk=placement.pk).update(status=Status.ACTIVE)
    placement.refresh_from_db()
    return placement


@pytest.fixture
def goals(active_placement):
    return [
        LearningGoalFactory(placement=active_placement, text="Explain a design to a client", skill="Communication"),
        LearningGoalFactory(placement=active_placement, text="Use the CAD software", skill="CAD"),
    ]


@pytest.fixture
def company_goal(partnership):
    return GoalFactory(partnership=partnership, owner=Goal.Owner.COMPANY, description="Hire two interns a year")


@pytest.fixture
def school_goal(partnership):
    return GoalFactory(
        partnership=partnership, owner=Goal.Owner.SCHOOL, description="Every senior meets a professional"
    )
