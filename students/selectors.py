"""Named reads of the placement page: a section with rows of its own (a learning goal's served goals, an
evaluation's scores) read in one query, its rows joined to theirs, rather than in a query each."""

from __future__ import annotations

from django.db.models import F

from partnerships.models import Goal
from students.models import Evaluation, LearningGoal, Placement, Rating


def learning_goals_with_serves(placement: Placement) -> list[LearningGoal]:
    """The placement's learning goals in order, each with `served`: the partnership's goals it serves (in
    their own order, owner then pk), in one query. The goals are joined (a left join, so a goal serving
    none is kept) to those they serve, one row per pair, and each learning goal's rows are folded into one."""
    rows = placement.learning_goals.annotate(
        served_pk=F("serves__pk"), served_owner=F("serves__owner"), served_description=F("serves__description")
    ).order_by("pk", "serves__owner", "serves__pk")
    goals: dict[int, LearningGoal] = {}
    served: dict[int, list[Goal]] = {}
    for row in rows:
        goals.setdefault(row.pk, row)
        if row.served_pk is not None:
            serves = Goal(pk=row.served_pk, owner=row.served_owner, description=row.served_description)
            served.setdefault(row.pk, []).append(serves)
    for pk, goal in goals.items():
        goal.served = served.get(pk, [])  # type: ignore[attr-defined]  # what the page reads
    return list(goals.values())


def evaluations_with_ratings(placement: Placement) -> list[Evaluation]:
    """The placement's evaluations, the earliest first, each with `all_ratings`: its scores in the order of
    the learning goals, in one query (evaluations joined, left, to their ratings and folded back, as above)."""
    rows = placement.evaluations.annotate(
        rating_pk=F("ratings__pk"),
        rating_goal=F("ratings__learning_goal_id"),
        rating_score=F("ratings__score"),
        rating_comment=F("ratings__comment"),
    ).order_by("submitted_at", "pk", "ratings__learning_goal_id")
    evaluations: dict[int, Evaluation] = {}
    ratings: dict[int, list[Rating]] = {}
    for row in rows:
        evaluation = evaluations.setdefault(row.pk, row)
        if row.rating_pk is not None:
            rating = Rating(
                pk=row.rating_pk,
                evaluation=evaluation,
                learning_goal_id=row.rating_goal,
                score=row.rating_score,
                comment=row.rating_comment,
            )
            ratings.setdefault(row.pk, []).append(rating)
    for pk, evaluation in evaluations.items():
        evaluation.all_ratings = ratings.get(pk, [])  # type: ignore[attr-defined]  # what the page reads
    return list(evaluations.values())
