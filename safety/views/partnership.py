"""The Safety tab of a partnership's page: protocols, site visits, open concerns and lapsing checks."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership
from safety import selectors


def partnership_safety(request, pk):
    policy, period = selectors.policy_and_period(timezone.localdate())
    partnerships = Partnership.objects.visible_to(request.user).select_related("school", "business")
    partnership = get_object_or_404(selectors.with_safety_counts(partnerships, period), pk=pk)
    here = reverse("safety:partnership", args=[partnership.pk])
    context = selectors.partnership_safety(partnership, policy, period, here)
    return render(request, "safety/partnership_safety.html", context)
