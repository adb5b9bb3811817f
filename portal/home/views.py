"""The portal home: what needs this person's action at the chosen organization, then its partnerships and
whom to ask at the school."""

from django.shortcuts import render

from partnerships.models import PointOfContact, Side
from portal import actions, scope


def home(request):
    partnerships = scope.partnerships(request).open().select_related("school").order_by("name")
    school_contacts = (
        PointOfContact.objects.current()
        .primary()
        .filter(partnership__in=partnerships, side=Side.SCHOOL)
        .select_related("contact")
    )
    contacts_by_partnership = {poc.partnership_id: poc.contact for poc in school_contacts}
    return render(
        request,
        "portal/home.html",
        {
            "title": "What needs doing",
            "actions": actions.for_request(request),
            "rows": [(partnership, contacts_by_partnership.get(partnership.pk)) for partnership in partnerships],
        },
    )
