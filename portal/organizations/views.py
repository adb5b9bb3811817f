"""Choosing the organization to work for, for a person who belongs to more than one business."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.redirects import next_url
from portal.middleware import CHOSEN


@require_http_methods(["GET", "POST"])
def choose(request):
    """GET: the businesses this person works for. POST: work for one of them from now on."""
    by_organization = {str(m.organization_id): m for m in request.memberships}
    if request.method == "POST":
        membership = by_organization.get(request.POST.get("organization", ""))
        if membership is None:
            raise Http404("Page not found")
        request.session[CHOSEN] = str(membership.organization_id)
        messages.success(request, f"You are now working for {membership.organization.name}.")
        return redirect(next_url(request, reverse("portal:home")))
    return render(
        request,
        "portal/choose.html",
        {"title": "Choose a business", "choices": request.memberships, "next": next_url(request, "")},
    )
