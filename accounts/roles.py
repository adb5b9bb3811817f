"""Who may do what. Coordinator rights are model permissions held by one group; each app lists the models
they cover (`coordinator_models` on its AppConfig).

Partners are not a group: a partner is a user with a membership row for a business
(partnerships.PartnerMembership), and the portal scopes everything to that row.
"""

from __future__ import annotations

from django.apps import apps

COORDINATOR_GROUP = "Coordinators"


# The permission that opens the staff UI at all.
STAFF_UI_PERMISSION = "partnerships.view_partnership"


def coordinator_permission_codenames() -> list[tuple[str, str]]:
    """(app_label, codename) pairs for every coordinator permission: each app's AppConfig lists its
    `coordinator_models`, so this module names no domain model."""
    return [
        (config.label, f"{action}_{model}")
        for config in apps.get_app_configs()
        for model in getattr(config, "coordinator_models", ())
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
