"""What the partnership pages share: the records by id (404 for anything the user may not see) and the breadcrumb."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from partnerships.models import (
    Organization,
    Partnership,
)


def partnership_or_404(request, pk) -> Partnership:
    return get_object_or_404(Partnership.objects.visible_to(request.user).select_related("school", "business"), pk=pk)


def organization_or_404(request, pk) -> Organization:
    return get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)


def crumbs(partnership: Partnership, *more):
    return [("Partnerships", reverse("partnerships:list")), (partnership.name, partnership.get_absolute_url()), *more]


def section_url(partnership: Partnership, section: str) -> str:
    """Where a section of the partnership's page is: People is a tab of its own, the rest are on the overview."""
    if section == "people":
        return reverse("partnerships:people", args=[partnership.pk])
    return reverse("partnerships:detail", args=[partnership.pk]) + f"#{section}"
