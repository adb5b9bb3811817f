"""The shared world of the portal's matrix and canary tests: two businesses, eight personas."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnerships.models import PartnerMembership
from tests.factories import (
    BusinessFactory,
    CharterFactory,
    ContactFactory,
    NotificationFactory,
    PartnerMembershipFactory,
    PlacementFactory,
    StudentFactory,
    UserFactory,
    active_partnership,
)
from tests.portal.matrix import (
    ADMIN_A,
    ADMIN_B,
    ANONYMOUS,
    BOTH,
    COORDINATOR,
    DEACTIVATED,
    MENTOR_A,
    OTHER_MENTOR_A,
    PERSONAS,
    world_extensions,
)

# In every name and text of business B's rows: nothing anyone at A receives may contain it.
CANARY = "Xyzzyq"


def _placement(partnership, mentor_user, **student):
    mentor = ContactFactory(organization=partnership.business, user=mentor_user, **student.pop("mentor", {}))
    return PlacementFactory(
        partnership=partnership,
        mentor=mentor,
        status="active",
        student=StudentFactory(school=partnership.school, **student),
    )


@pytest.fixture
def world(db, coordinator):
    """Two businesses, each with an active partnership, and at A two placements with different mentors."""
    business_a = BusinessFactory(name="Acme Tools")
    business_b = BusinessFactory(name=f"{CANARY} Bakery", notes=f"{CANARY} notes")
    users = {
        persona: UserFactory(email=f"{persona}@example.test")
        for persona in PERSONAS
        if persona not in (ANONYMOUS, COORDINATOR)
    }
    users[COORDINATOR] = coordinator
    admin = PartnerMembership.Role.ADMIN
    mentor = PartnerMembership.Role.MENTOR
    PartnerMembershipFactory(user=users[ADMIN_A], organization=business_a, role=admin)
    PartnerMembershipFactory(user=users[MENTOR_A], organization=business_a, role=mentor)
    PartnerMembershipFactory(user=users[OTHER_MENTOR_A], organization=business_a, role=mentor)
    PartnerMembershipFactory(user=users[ADMIN_B], organization=business_b, role=admin)
    PartnerMembershipFactory(
        user=users[DEACTIVATED], organization=business_a, role=mentor, active=False, deactivated_at=timezone.now()
    )
    PartnerMembershipFactory(user=users[BOTH], organization=business_a, role=admin)
    PartnerMembershipFactory(user=users[BOTH], organization=business_b, role=admin)
    partnership_a = active_partnership(business=business_a)
    partnership_b = active_partnership(business=business_b, name=f"{CANARY} partnership")
    world = {
        "users": users,
        "business_a": business_a,
        "business_b": business_b,
        "partnership_a": partnership_a,
        "partnership_b": partnership_b,
        "charter_a": CharterFactory(partnership=partnership_a),
        "charter_b": CharterFactory(partnership=partnership_b, vision=f"{CANARY} vision", change_note=CANARY),
        "placement_a": _placement(partnership_a, users[MENTOR_A]),
        "placement_a2": _placement(partnership_a, users[OTHER_MENTOR_A]),
        "placement_b": _placement(
            partnership_b,
            users[ADMIN_B],
            preferred_first_name=CANARY,
            last_name=f"{CANARY}son",
            mentor={"first_name": CANARY, "last_name": CANARY},
        ),
        "notification_a": NotificationFactory(user=users[ADMIN_A], reminder__partnership=partnership_a),
        "notification_b": NotificationFactory(
            user=users[ADMIN_B], reminder__partnership=partnership_b, reminder__title=f"{CANARY} reminder"
        ),
    }
    for extend in world_extensions():
        extend(world)
    return world


@pytest.fixture
def clients(world):
    clients = {ANONYMOUS: Client()}
    for persona, user in world["users"].items():
        client = Client()
        client.force_login(user)
        clients[persona] = client
    clients[BOTH].post(reverse("portal:choose"), {"organization": world["business_a"].pk})
    return clients
