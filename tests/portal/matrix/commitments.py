"""Commitments: administrators only; a commitment of another business is a 404."""

from tests.factories import CommitmentFactory
from tests.helpers import today
from tests.portal.matrix import ADMINS, Entry, World


def extend_world(world: World) -> None:
    world["commitment_a"] = CommitmentFactory(partnership=world["partnership_a"], party="business")
    world["commitment_b"] = CommitmentFactory(partnership=world["partnership_b"], party="business")


def _own(world: World) -> dict:
    return {"pk": world["commitment_a"].pk}


def _foreign(world: World) -> dict:
    return {"pk": world["commitment_b"].pk}


ENTRIES = {
    "portal:commitments": Entry(ADMINS),
    "portal:commitment": Entry(ADMINS, own=_own, foreign=_foreign),
    "portal:commitment_delivery": Entry(
        ADMINS,
        own=_own,
        foreign=_foreign,
        post=lambda w: {"amount": "2", "date": today().isoformat(), "note": "From the matrix"},
    ),
    "portal:commitment_change": Entry(
        ADMINS,
        own=_own,
        foreign=_foreign,
        post=lambda w: {"description": "", "amount": "14", "period_end": "", "reason": "From the matrix"},
    ),
}
