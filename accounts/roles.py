"""Who may do what. Coordinator rights are model permissions held by one group, listed here.

Partners are not a group: a partner is a user with a membership row for a business
(partnerships.PartnerMembership), and the portal scopes everything to that row.
"""

from __future__ import annotations

COORDINATOR_GROUP = "Coordinators"

# app_label -> models whose add/change/delete/view permissions coordinators hold.
COORDINATOR_MODELS: dict[str, list[str]] = {
    "partnerships": [
        "organization",
        "contact",
        "partnermembership",
        "program",
        "partnership",
        "charter",
        "charterpriority",
        "goal",
        "commitment",
        "commitmentdelivery",
        "pointofcontact",
        "handoff",
        "partnershiprole",
    ],
    "students": [
        "student",
        "placement",
        "placementstatuschange",
        "learninggoal",
        "evaluation",
        "rating",
        "hoursentry",
        "importjob",
    ],
    "safety": [
        "safetypolicy",
        "gradingperiod",
        "backgroundcheck",
        "safetyprotocol",
        "protocolacknowledgment",
        "sitevisit",
        "checkin",
        "safetyconcern",
    ],
    "communications": [
        "logentry",
        "successstory",
        "feedbackrequest",
        "feedbackresponse",
        "thankyounote",
        "reminder",
    ],
}

# The permission that opens the staff UI at all.
STAFF_UI_PERMISSION = "partnerships.view_partnership"


def coordinator_permission_codenames() -> list[tuple[str, str]]:
    """(app_label, codename) pairs for every coordinator permission."""
    return [
        (app, f"{action}_{model}")
        for app, models in COORDINATOR_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


def sync_coordinator_group() -> None:
    """Create the coordinator group and give it exactly the listed permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    query = Q(pk__in=[])
    for app, codename in coordinator_permission_codenames():
        query |= Q(content_type__app_label=app, codename=codename)
    group.permissions.set(Permission.objects.filter(query))


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(STAFF_UI_PERMISSION))
