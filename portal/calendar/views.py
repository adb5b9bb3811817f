"""The business's calendar feed, for its administrators: make it, replace its address, turn it off. The feed
belongs to the business (any of its administrators manages it) and holds no student data (what it shows is
decided in dashboard.calendar.events.business_events, read at the public feed URL)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from communications.calendar import selectors, services
from core.pages import GET_POST
from portal import pages
from portal.access import Ability, needs


def _crumbs():
    return [("Your partnerships", reverse("portal:home")), ("Calendar", reverse("portal:calendar"))]


def _page(request, *, new_token: str = ""):
    return render(
        request,
        "portal/calendar/calendar.html",
        {
            "title": "Calendar",
            "feed": selectors.live_feed_of(organization=request.organization),
            "new_url": selectors.feed_address(new_token) if new_token else "",
            "webcal_url": selectors.webcal_address(new_token) if new_token else "",
        },
    )


@GET_POST
@needs(Ability.CALENDAR)
def calendar(request):
    if request.method == "POST":
        if selectors.live_feed_of(organization=request.organization) is not None:
            messages.info(request, "The business already has a calendar feed. To replace its address, get a new link.")
            return redirect("portal:calendar")
        token = services.calendar_feed_create(organization=request.organization, by=request.user)
        return _page(request, new_token=token)
    return _page(request)


@GET_POST
@needs(Ability.CALENDAR)
def calendar_regenerate(request):
    if request.method == "POST":
        token = services.calendar_feed_create(organization=request.organization, by=request.user)
        return _page(request, new_token=token)
    return pages.confirm_page(
        request,
        title="Get a new calendar link?",
        message=(
            f"The calendar feed of {request.organization.name} gets a new address. The old one stops working at "
            "once, for everyone who subscribed to it: their calendars stop updating until they use the new one."
        ),
        submit="Get a new link",
        cancel_url=reverse("portal:calendar"),
        breadcrumbs=_crumbs(),
        danger=False,
    )


@GET_POST
@needs(Ability.CALENDAR)
def calendar_revoke(request):
    feed = selectors.live_feed_of(organization=request.organization)
    if feed is None:
        messages.info(request, "There is no calendar feed to turn off.")
        return redirect("portal:calendar")
    if request.method == "POST":
        services.calendar_feed_revoke(feed=feed, by=request.user)
        messages.success(request, "Calendar feed turned off. Its address no longer works.")
        return redirect("portal:calendar")
    return pages.confirm_page(
        request,
        title="Turn off the calendar feed?",
        message=(
            f"The address of {request.organization.name}'s feed stops working at once, for everyone who "
            "subscribed to it. You can make a new feed later."
        ),
        submit="Turn off the feed",
        cancel_url=reverse("portal:calendar"),
        breadcrumbs=_crumbs(),
    )
