"""What each portal role may do, written once. Views ask `may(request, ability)` (or use `@needs`); templates
get `can` (the set for the chosen membership). Anything not granted answers 404, like a foreign object:
a partner never learns what is behind a page they may not open.

Which *rows* a person sees is the scope's business (portal.scope): an administrator sees the organization's
placements, a mentor only those they mentor or assist with.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from partnerships.models import MembershipRole


class Ability(StrEnum):
    READ_CHARTER = "read_charter"
    ACKNOWLEDGE = "acknowledge"  # the charter and the safety protocols, for the business
    READ_PROTOCOLS = "read_protocols"
    STAFF_CHECKS = "staff_checks"  # see colleagues' background-check status, ask for a check
    REPORT_CONCERN = "report_concern"
    PLACEMENTS = "placements"  # placements at their site (scoped: a mentor sees only their own)
    MENTOR_WORK = "mentor_work"  # evaluations and hours for the placements they mentor or assist with
    COMMITMENTS = "commitments"
    MESSAGE = "message"  # send an update or question to the district
    SURVEYS = "surveys"
    THANKS = "thanks"  # thank-you notes and stories about them
    RECOGNITION = "recognition"  # change the business's consent to public recognition
    GUIDE = "guide"
    CONTACTS = "contacts"
    TEAM = "team"  # invite and deactivate colleagues
    CALENDAR = "calendar"  # the business's calendar feed: make, replace, turn off


EVERYONE = frozenset(
    {
        Ability.READ_CHARTER,
        Ability.READ_PROTOCOLS,
        Ability.REPORT_CONCERN,
        Ability.PLACEMENTS,
        Ability.MENTOR_WORK,
        Ability.MESSAGE,
        Ability.SURVEYS,
        Ability.THANKS,
        Ability.GUIDE,
    }
)

ABILITIES: dict[str, frozenset[Ability]] = {
    MembershipRole.ADMIN: frozenset(Ability),
    MembershipRole.MENTOR: EVERYONE,
}


def abilities(role: str) -> frozenset[Ability]:
    return ABILITIES.get(role, frozenset())


def may(request: HttpRequest, ability: Ability) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and ability in abilities(membership.role)


def needs(ability: Ability) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view for one ability: anyone else gets the same 404 as for a page that does not exist."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not may(request, ability):
                raise Http404("Page not found")
            return view(request, *args, **kwargs)

        wrapper.portal_ability = ability  # type: ignore[attr-defined]  # read by the permission tests
        return wrapper

    return decorator
