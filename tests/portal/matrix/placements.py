"""Placements at the site, a mentor's evaluations and hours (portal/placements/)."""

from tests.factories import HoursEntryFactory, LearningGoalFactory
from tests.portal.matrix import EVERYONE_AT_A, MENTORS_PLACEMENT_A, SEES_PLACEMENT_A, Entry


def extend_world(world):
    """Learning goals and hours waiting to be confirmed, at A (placement_a) and at B."""
    for name in ("placement_a", "placement_b"):
        LearningGoalFactory(placement=world[name])
    world["hours_a"] = HoursEntryFactory(placement=world["placement_a"])
    world["hours_b"] = HoursEntryFactory(placement=world["placement_b"])


def _placement(name):
    return lambda w: {"pk": w[name].pk}


def _evaluation(name):
    return lambda w: {"pk": w[name].pk, "phase": "midpoint"}


def _chosen(hours, **extra):
    return lambda w: {"entries": [w[hours].pk], **extra}


def _scores(w):
    [goal] = w["placement_a"].learning_goals.all()
    return {f"score_{goal.pk}": "3", f"comment_{goal.pk}": "", "overall_comments": "Keen."}


ENTRIES = {
    # A mentor's list holds only their own placements (tests/portal/placements/test_list.py).
    "portal:placements": Entry(EVERYONE_AT_A),
    "portal:placement": Entry(SEES_PLACEMENT_A, own=_placement("placement_a"), foreign=_placement("placement_b")),
    # Mentor work: only the person who mentors (or assists with) the placement, administrators included.
    "portal:placement_evaluate": Entry(
        MENTORS_PLACEMENT_A, own=_evaluation("placement_a"), foreign=_evaluation("placement_b"), post=_scores
    ),
    "portal:placement_hours": Entry(
        MENTORS_PLACEMENT_A, own=_placement("placement_a"), foreign=_placement("placement_b")
    ),
    # Their GET is the confirmation step for the hours ticked in the list; with none ticked, back to the list.
    "portal:placement_hours_confirm": Entry(
        MENTORS_PLACEMENT_A,
        own=_placement("placement_a"),
        foreign=_placement("placement_b"),
        post=_chosen("hours_a"),
        get_status=302,
    ),
    "portal:placement_hours_reject": Entry(
        MENTORS_PLACEMENT_A,
        own=_placement("placement_a"),
        foreign=_placement("placement_b"),
        post=_chosen("hours_a", reason="Not there that day."),
        get_status=302,
    ),
}
