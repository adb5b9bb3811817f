"""The portal home: what needs this person's action at the chosen organization, then its partnerships and
whom to ask at the school."""

from django.shortcuts import render

from partnerships.models import PointOfContact, Side
from portal import actions, scope


def home(request):
    partnerships = (
        scope.partnerships(request).open().with_primary_contact(Side.SCHOOL).select_related("school").order_by("name")
    )
    return render(
        request,
        "portal/home.html",
        {
            "title": "What needs doing",
            "actions": actions.for_request(request),
            "rows": [(partnership, _school_contact(partnership)) for partnership in partnerships],
        },
    )


def _school_contact(partnership):
    """The joined post's person; Django sets no attribute at all for a vacant post (a join that found nothing)."""
    post: PointOfContact | None = getattr(partnership, "school_primary", None)
    return post.contact if post is not None else None
