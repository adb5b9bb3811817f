"""The partner's resources page: the district's guide (handbook, expectations, whom to ask, common
questions; coordinators write it in communications.guide), the safety protocols in effect, and the people
at the school for each of the organization's partnerships."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from communications.guide import selectors
from communications.models import PartnerGuide
from partnerships.models import PointOfContact, Side
from portal import scope
from portal.access import Ability, may, needs
from safety.models import SafetyProtocol

PROTOCOLS_PATH = "/portal/safety/protocols/"  # until the protocols page's name is known everywhere


def _protocols_url() -> str:
    try:
        return reverse("portal:protocols")
    except NoReverseMatch:
        return PROTOCOLS_PATH


@needs(Ability.GUIDE)
def guide(request):
    guide = PartnerGuide.current()
    contacts = (
        PointOfContact.objects.current()
        .filter(partnership__in=scope.partnerships(request).open(), side=Side.SCHOOL)
        .select_related("contact", "partnership__school")
        .order_by("partnership__school__name", "partnership__name", "-role", "contact__last_name", "pk")
    )
    return render(
        request,
        "portal/guide/guide.html",
        {
            "title": "Guide for partners",
            "guide": guide,
            "sections": selectors.sections(guide),
            "questions": selectors.questions(guide.questions),
            "protocols": SafetyProtocol.objects.current().order_by("title", "key"),
            "protocols_url": _protocols_url() if may(request, Ability.READ_PROTOCOLS) else "",
            "contacts": contacts,
        },
    )
