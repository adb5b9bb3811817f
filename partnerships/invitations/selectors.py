"""Named reads for invitations: a business's pending invitations, and whether each one's sender may still
invite for it (the one rule, asked of many links in two queries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import SignedLink, User
from accounts.roles import STAFF_UI_PERMISSION
from partnerships.models import MembershipRole, Organization, PartnerMembership

INVITATION_LINK = "portal-invitation"


def invitations(organization: Organization) -> QuerySet[SignedLink]:
    """Every invitation ever sent for a business, used or not."""
    return SignedLink.objects.filter(purpose=INVITATION_LINK, payload__organization=organization.pk)


def pending_invitations(organization: Organization) -> QuerySet[SignedLink]:
    """Invitations to a business that are neither used nor expired (nor cancelled), newest first."""
    return (
        invitations(organization)
        .filter(used_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def coordinator_ids(user_ids: Iterable[int]) -> set[int]:
    """Which of these users are coordinators today (accounts.roles.is_coordinator), in one query."""
    app_label, codename = STAFF_UI_PERMISSION.split(".")
    perm = {"codename": codename, "content_type__app_label": app_label}
    holds = (
        Q(is_superuser=True)
        | Q(**{f"user_permissions__{key}": value for key, value in perm.items()})
        | Q(**{f"groups__permissions__{key}": value for key, value in perm.items()})
    )
    return set(User.objects.filter(holds, pk__in=list(user_ids), is_active=True).values_list("pk", flat=True))


def team_manager_ids(organization: Organization, user_ids: Iterable[int]) -> set[int]:
    """Which of these users may manage the business's team today: coordinators, and the business's active
    administrators. Two queries, however many users."""
    wanted = set(user_ids)
    admins = set(
        PartnerMembership.objects.active()
        .admins()
        .filter(organization=organization, user_id__in=wanted)
        .values_list("user_id", flat=True)
    )
    return admins | coordinator_ids(wanted - admins)


def may_manage_team(user: User, organization: Organization) -> bool:
    """A coordinator, or an active administrator of this business."""
    return user.is_authenticated and user.pk in team_manager_ids(organization, [user.pk])


def still_valid(links: Iterable[SignedLink], organization: Organization) -> set[int]:
    """The ids of the links whose sender may still invite for the business: an invitation stops working
    when whoever sent it is deactivated (their account, or their administrator membership there)."""
    links = list(links)
    managers = team_manager_ids(organization, {link.created_by_id for link in links if link.created_by_id})
    return {link.pk for link in links if link.created_by_id in managers}


def team(organization: Organization) -> QuerySet[PartnerMembership]:
    """Everyone who uses or used the business's portal: active first, administrators first, then by name."""
    return (
        PartnerMembership.objects.filter(organization=organization)
        .select_related("user", "invited_by", "deactivated_by")
        .order_by("-active", "role", "user__last_name", "user__first_name", "user__email")
    )


@dataclass(frozen=True)
class Pending:
    """An invitation nobody has used yet, and whether it still works (its sender may still invite)."""

    link: SignedLink
    works: bool

    @property
    def role(self) -> str:
        return str(MembershipRole(self.link.payload.get("role", MembershipRole.MENTOR)).label)


def pending(organization: Organization) -> list[Pending]:
    """The business's open invitations, newest first, each saying whether it still works. Three queries."""
    links = list(pending_invitations(organization))
    works = still_valid(links, organization)
    return [Pending(link=link, works=link.pk in works) for link in links]
