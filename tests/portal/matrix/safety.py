"""Safety in the portal: everyone reads the protocols and may report a concern about a student they see;
partner administrators acknowledge the protocols and see and ask for their staff's background checks; a
concern's confirmation is only its reporter's."""

from safety.models import BackgroundCheck, SafetyConcern
from tests.factories import (
    BackgroundCheckFactory,
    ProtocolAcknowledgmentFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
)
from tests.portal.conftest import CANARY
from tests.portal.matrix import ADMIN_A, ADMIN_B, ADMINS, EVERYONE_AT_A, Entry


def extend_world(world):
    """A protocol B has acknowledged and A has not, a concern reported at each business, and a person at B
    with a check waiting: B's names and words carry the canary (tests/portal/test_canaries.py)."""
    world["protocol"] = SafetyProtocolFactory(title="Two adults present")
    ProtocolAcknowledgmentFactory(
        organization=world["business_b"], protocol=world["protocol"], acknowledged_by_name=f"{CANARY} Owner"
    )
    world["concern_a"] = SafetyConcernFactory(placement=world["placement_a"], reported_by=world["users"][ADMIN_A])
    world["concern_b"] = SafetyConcernFactory(
        placement=world["placement_b"], reported_by=world["users"][ADMIN_B], description=f"{CANARY} concern"
    )
    BackgroundCheckFactory(
        contact__organization=world["business_b"],
        contact__first_name=CANARY,
        contact__last_name=f"{CANARY}sen",
        status=BackgroundCheck.Status.PENDING,
        completed_on=None,
        expires_on=None,
    )


ENTRIES = {
    "portal:safety": Entry(EVERYONE_AT_A),
    "portal:protocols_acknowledge": Entry(ADMINS, post=lambda w: {"protocols": [w["protocol"].pk], "confirm": "on"}),
    "portal:staff_checks": Entry(ADMINS),
    "portal:check_request": Entry(
        ADMINS, post=lambda w: {"first_name": "Nina", "last_name": "New", "email": "nina.new@example.test"}
    ),
    "portal:concern_report": Entry(
        EVERYONE_AT_A,
        post=lambda w: {
            "placement": w["placement_a"].pk,
            "severity": SafetyConcern.Severity.LOW,
            "description": "Left alone for an hour.",
        },
    ),
    "portal:concern_sent": Entry(
        frozenset({ADMIN_A}),
        own=lambda w: {"pk": w["concern_a"].pk},
        foreign=lambda w: {"pk": w["concern_b"].pk},
    ),
}
