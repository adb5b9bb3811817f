"""Choosing a partnership before a form about it (a contact logged, a visit, a survey, a thank-you note),
and the suggestion lists (core.suggest) over partnerships, businesses and people."""

from __future__ import annotations

from core import suggest
from core.choosers import choose_page
from partnerships.models import Contact, Organization, Partnership

PARTNERSHIPS = suggest.register(
    suggest.Chooser(
        name="partnerships",
        noun="partnership",
        rows=lambda: Partnership.objects.order_by("name", "pk"),
        search=("name", "business__name", "school__name"),
        label=lambda partnership: partnership.name,
        permission="partnerships.view_partnership",
    )
)
OPEN_PARTNERSHIPS = suggest.register(
    suggest.Chooser(
        name="open-partnerships",
        noun="partnership",
        rows=lambda: Partnership.objects.open().order_by("name", "pk"),
        search=("name", "business__name", "school__name"),
        label=lambda partnership: partnership.name,
        permission="partnerships.view_partnership",
    )
)
BUSINESSES = suggest.register(
    suggest.Chooser(
        name="businesses",
        noun="business",
        rows=lambda: Organization.objects.businesses().order_by("name", "pk"),
        search=("name",),
        label=lambda organization: organization.name,
        permission="partnerships.view_organization",
    )
)
BUSINESS_PEOPLE = suggest.register(
    suggest.Chooser(
        name="business-people",
        noun="person",
        rows=lambda: (
            Contact.objects.active()
            .filter(organization__kind=Organization.Kind.BUSINESS)
            .select_related("organization")
            .order_by("last_name", "first_name", "pk")
        ),
        search=("first_name", "last_name", "email", "organization__name"),
        label=lambda contact: f"{contact.full_name}, {contact.organization.name}",
        permission="partnerships.view_contact",
    )
)


def choose_partnership_page(request, *, title: str, question: str, hint: str, cancel_url: str, breadcrumbs=()):
    """Ask which open partnership the next page is about; it continues with `?partnership=<pk>`."""
    return choose_page(
        request,
        queryset=Partnership.objects.open().order_by("name"),
        name="partnership",
        title=title,
        question=question,
        hint=hint,
        cancel_url=cancel_url,
        breadcrumbs=breadcrumbs,
        chooser=OPEN_PARTNERSHIPS,
    )
