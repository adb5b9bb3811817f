"""What the student service tests share."""

from students.models import Evaluation, LearningGoal, Placement
from tests.factories import (
    LearningGoalFactory,
    ready_placement,
)

Status = Placement.Status


MENTOR, STUDENT = Evaluation.Evaluator.MENTOR, Evaluation.Evaluator.STUDENT


MIDPOINT = Evaluation.Phase.MIDPOINT


def placement_in(status: str, **kwargs) -> Placement:
    if status == Status.CANCELLED:
        kwargs.setdefault("cancel_reason", "The business closed the site.")
    return ready_placement(status=status, **kwargs)


def started_placement_with_goals(count: int = 2, **kwargs) -> tuple[Placement, list[LearningGoal]]:
    placement = placement_in(Status.ACTIVE, **kwargs)
    return placement, [LearningGoalFactory.create(placement=placement) for _ in range(count)]
