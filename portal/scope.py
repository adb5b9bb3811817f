"""Where every portal read starts: the rows of the organization chosen for this request, and for a mentor
only the placements they mentor or assist with. A row outside the scope is a 404 (`get_object_or_404` on a
scoped queryset), whatever its id.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from partnerships.models import Contact, Partnership
from students.models import Placement

# What a host sees of placements: from approval (the student is coming) until it is over.
VISIBLE_PLACEMENTS = (Placement.Status.APPROVED, *Placement.STARTED_STATUSES)


def partnerships(request: HttpRequest) -> QuerySet[Partnership]:
    """The organization's partnerships that have begun: no prospects the district is still considering."""
    return Partnership.objects.filter(business=request.organization).exclude(  # type: ignore[attr-defined]
        status=Partnership.Status.PROSPECT
    )


def contacts(request: HttpRequest) -> QuerySet[Contact]:
    return Contact.objects.filter(organization=request.organization)  # type: ignore[attr-defined]


def mentored(request: HttpRequest) -> QuerySet[Placement]:
    """Placements the signed-in person mentors or assists with, at the chosen organization."""
    user = request.user
    return _site_placements(request).filter(
        pk__in=Placement.objects.filter(Q(mentor__user=user) | Q(other_staff__user=user)).values("pk")
    )


def placements(request: HttpRequest) -> QuerySet[Placement]:
    """What this person may see: the organization's placements for an administrator, their own for a mentor."""
    if request.membership.is_admin:  # type: ignore[attr-defined]
        return _site_placements(request)
    return mentored(request)


def _site_placements(request: HttpRequest) -> QuerySet[Placement]:
    return Placement.objects.filter(
        partnership__business=request.organization,  # type: ignore[attr-defined]
        partnership__status__in=Partnership.ENGAGED_STATUSES + (Partnership.Status.ENDED,),
        status__in=VISIBLE_PLACEMENTS,
    )
