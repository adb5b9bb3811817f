"""The coordinator's dashboard at `/`: the day's work, narrowed to one school if the coordinator asks."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboard.home import selectors
from safety.selectors import school_choice


@require_GET
def home(request):
    """What needs attention today, each card linked to the list behind it. (AccessMiddleware sends partners
    to the portal before this.) `?school=<id>` narrows every card to one school; an unknown one is ignored."""
    choice = school_choice(request.GET)
    school = choice.school
    today = timezone.localdate()
    cards = selectors.cards(today=today, school=school, user=request.user)
    return render(
        request,
        "dashboard/home.html",
        {
            "title": f"Dashboard: {school.name}" if school else "Dashboard",
            "cards": {card.key: card for card in cards},
            **choice.context,
            "all_clear": not any(card.count for card in cards),
            "today": today,
        },
    )
