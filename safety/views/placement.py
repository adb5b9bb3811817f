"""The Safety tab of a placement's page: the people's checks, check-ins, site visits and concerns."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from students.views import placement_or_404, placement_title


def placement_safety(request, pk):
    placement = placement_or_404(pk)
    title = placement_title(placement)
    context = {
        "placement": placement,
        "title": title,
        "crumb": "Safety",  # the last breadcrumb: the title is the one before it
        "breadcrumbs": [("Placements", reverse("students:placement_list")), (title, placement.get_absolute_url())],
    }
    return render(request, "safety/placement_safety.html", context)
