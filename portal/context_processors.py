"""Template context for portal pages: the organization chosen, the person's memberships (for the switcher),
the menu and what their role may do (`can`)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from portal.access import abilities
from portal.navigation import menu


def portal(request):
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {
        "organization": request.organization,
        "membership": membership,
        "memberships": request.memberships,
        "portal_menu": SimpleLazyObject(lambda: menu(request)),
        "can": {str(ability) for ability in abilities(membership.role)},
    }
