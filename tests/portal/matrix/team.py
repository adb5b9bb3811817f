"""The team pages: for the business's administrators only. A colleague or an invitation of another
business is a 404."""

from partnerships.models import PartnerMembership
from tests.factories import PartnerMembershipFactory
from tests.factories.invitations import InvitationFactory
from tests.portal.matrix import ADMIN_A, ADMIN_B, ADMINS, Entry


def extend_world(world):
    mentor = PartnerMembership.Role.MENTOR
    world["team_member_a"] = PartnerMembershipFactory(organization=world["business_a"], role=mentor)
    world["team_member_b"] = PartnerMembershipFactory(organization=world["business_b"], role=mentor)
    world["invitation_a"] = InvitationFactory(organization=world["business_a"], created_by=world["users"][ADMIN_A])
    world["invitation_b"] = InvitationFactory(organization=world["business_b"], created_by=world["users"][ADMIN_B])


ENTRIES = {
    "portal:team": Entry(ADMINS),
    "portal:team_invite": Entry(ADMINS, post=lambda w: {"email": "new.colleague@example.test", "role": "mentor"}),
    "portal:team_deactivate": Entry(
        ADMINS,
        own=lambda w: {"pk": w["team_member_a"].pk},
        foreign=lambda w: {"pk": w["team_member_b"].pk},
        post=lambda w: {},
    ),
    "portal:team_invitation_cancel": Entry(
        ADMINS,
        own=lambda w: {"pk": w["invitation_a"].pk},
        foreign=lambda w: {"pk": w["invitation_b"].pk},
        post=lambda w: {},
    ),
}
