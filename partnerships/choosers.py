"""Choosing a partnership before a form about it (a contact logged, a visit, a survey, a thank-you note)."""

from __future__ import annotations

from core.choosers import choose_page
from partnerships.models import Partnership


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
    )
