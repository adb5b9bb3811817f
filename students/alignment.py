"""How learning goals and the partnership's goals meet, and how evaluations scored them over time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Case, Count, IntegerField, Value, When

from partnerships.models import Goal
from students.models import Evaluation, LearningGoal, Rating

MIDPOINT, FINAL = Evaluation.Phase.MIDPOINT, Evaluation.Phase.FINAL

# The company's goals first, then shared ones, then the school's.
OWNER_ORDER = Case(
    When(owner=Goal.Owner.COMPANY, then=Value(0)),
    When(owner=Goal.Owner.SHARED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass
class Row:
    subject: object  # a LearningGoal (placement view) or a partnership Goal (partnership view)
    midpoint: float | None = None
    final: float | None = None
    target: int | None = None
    serves: set[int] = field(default_factory=set)
    count: int = 0

    @property
    def change(self) -> float | None:
        if self.midpoint is None or self.final is None:
            return None
        return round(self.final - self.midpoint, 2)


def _averages(ratings, key: str) -> dict[tuple[int, str], float]:
    rows = ratings.values(key, "evaluation__phase").annotate(avg=Avg("score")).order_by()
    return {(row[key], row["evaluation__phase"]): round(row["avg"], 2) for row in rows}


def for_placement(placement) -> tuple[list[Row], list[Goal]]:
    """One row per learning goal (mean score at midpoint and final, across evaluators), and the
    partnership's goals as columns, company goals first."""
    goals = list(Goal.objects.filter(partnership_id=placement.partnership_id).order_by(OWNER_ORDER, "pk"))
    learning_goals = LearningGoal.objects.filter(placement=placement).prefetch_related("serves")
    averages = _averages(Rating.objects.filter(learning_goal__placement=placement), "learning_goal")
    rows = [
        Row(
            subject=lg,
            midpoint=averages.get((lg.pk, MIDPOINT)),
            final=averages.get((lg.pk, FINAL)),
            target=lg.target_level,
            serves={g.pk for g in lg.serves.all()},
        )
        for lg in learning_goals
    ]
    return rows, goals


def for_partnership(partnership) -> list[Row]:
    """One row per partnership goal: how many learning goals serve it, and their mean scores."""
    goals = (
        Goal.objects.filter(partnership=partnership)
        .annotate(lg_count=Count("learning_goals", distinct=True))
        .order_by(OWNER_ORDER, "pk")
    )
    ratings = Rating.objects.filter(learning_goal__placement__partnership=partnership)
    averages = _averages(ratings, "learning_goal__serves")
    return [
        Row(subject=g, midpoint=averages.get((g.pk, MIDPOINT)), final=averages.get((g.pk, FINAL)), count=g.lg_count)
        for g in goals
    ]
