"""Fixtures the feedback tests share."""

import pytest

from students.models import Placement
from tests.factories import (
    PlacementFactory,
    StudentFactory,
)


@pytest.fixture
def placement():
    student = StudentFactory(legal_first_name="Marguerite", preferred_first_name="Daisy", last_name="Okonkwo")
    return PlacementFactory(
        student=student,
        status=Placement.Status.ACTIVE,
        partnership__business__name="Finch Labs",
        mentor__first_name="Ana",
        mentor__last_name="Mentor",
        mentor__email="ana.mentor@example.test",
    )
