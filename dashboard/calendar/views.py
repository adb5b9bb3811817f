"""The coordinator's calendar feed page (create, regenerate, revoke) and the feed itself.

The feed's address is public (calendar apps do not sign in): its long random token is the key, so
AccessMiddleware lets exactly that URL through (accounts.middleware.OPEN_PATHS). An unknown or revoked token,
or a feed whose owner may no longer see what it shows, is a 404 like any page that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from accounts.roles import is_coordinator
from communications.calendar import selectors, services
from communications.calendar.models import CalendarFeed
from core.pages import GET_POST, confirm_page
from dashboard.calendar import ics
from dashboard.calendar.events import business_events, coordinator_events

# What a coordinator's feed shows needs all of these, when it is made and every time it is read.
FEED_PERMISSIONS = (
    "partnerships.view_partnership",
    "students.view_placement",
    "safety.view_sitevisit",
    "safety.view_backgroundcheck",
    "communications.view_logentry",
)
CACHE_SECONDS = 15 * 60


def _crumbs():
    return [("Dashboard", reverse("home")), ("Calendar feed", reverse("calendar:home"))]


def _page(request, *, new_token: str = ""):
    response = render(
        request,
        "dashboard/calendar/home.html",
        {
            "title": "Calendar feed",
            "feed": selectors.live_feed_of(user=request.user),
            "new_url": selectors.feed_address(new_token) if new_token else "",
            "webcal_url": selectors.webcal_address(new_token) if new_token else "",
            "breadcrumbs": _crumbs()[:1],
        },
    )
    add_never_cache_headers(response)  # the page may show the feed's address: no copy in any cache
    return response


@GET_POST
@permission_required(FEED_PERMISSIONS, raise_exception=True)
def calendar_home(request):
    """The coordinator's feed: whether they have one, and (right after making it, once) its address."""
    if request.method == "POST":
        if selectors.live_feed_of(user=request.user) is not None:
            messages.info(request, "You already have a calendar feed. To replace its address, get a new link.")
            return redirect("calendar:home")
        return _page(request, new_token=services.calendar_feed_create(user=request.user, by=request.user))
    return _page(request)


@GET_POST
@permission_required(FEED_PERMISSIONS, raise_exception=True)
def calendar_regenerate(request):
    if request.method == "POST":
        return _page(request, new_token=services.calendar_feed_create(user=request.user, by=request.user))
    return confirm_page(
        request,
        title="Get a new calendar link?",
        message=(
            "Your calendar feed gets a new address. The old one stops working at once: calendars subscribed "
            "to it stop updating until you subscribe them to the new one."
        ),
        submit="Get a new link",
        cancel_url=reverse("calendar:home"),
        breadcrumbs=_crumbs(),
        danger=False,
    )


@GET_POST
@permission_required(FEED_PERMISSIONS, raise_exception=True)
def calendar_revoke(request):
    feed = selectors.live_feed_of(user=request.user)
    if feed is None:
        messages.info(request, "You have no calendar feed to turn off.")
        return redirect("calendar:home")
    if request.method == "POST":
        services.calendar_feed_revoke(feed=feed, by=request.user)
        messages.success(request, "Calendar feed turned off. Its address no longer works.")
        return redirect("calendar:home")
    return confirm_page(
        request,
        title="Turn off your calendar feed?",
        message=(
            "The feed's address stops working at once, and calendars subscribed to it stop updating (they may "
            "keep the events they already have). You can make a new feed later."
        ),
        submit="Turn off the feed",
        cancel_url=reverse("calendar:home"),
        breadcrumbs=_crumbs(),
    )


def _events_of(feed: CalendarFeed):
    """(events, calendar name, calendar uid) of a feed, or Http404 when its owner may no longer see them."""
    today = timezone.localdate()
    if feed.user is not None:
        owner = feed.user
        if not (is_coordinator(owner) and owner.has_perms(FEED_PERMISSIONS)):
            raise Http404("Page not found")
        return coordinator_events(owner, today), "SchoolBridge", f"user-{owner.pk}"
    organization = feed.organization
    assert organization is not None  # a feed has one owner (a database constraint)
    return business_events(organization, today), f"SchoolBridge: {organization.name}", f"business-{organization.pk}"


@require_GET
def calendar_feed(request, token):
    """The feed, for calendar apps: no sign-in, the token is the key."""
    feed = selectors.live_feed_for_token(token)
    if feed is None:
        raise Http404("Page not found")
    events, name, uid = _events_of(feed)
    body = ics.calendar_bytes(events, name=name, uid=uid)
    services.calendar_feed_touch(feed=feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schoolbridge.ics"'
    response["Cache-Control"] = f"private, max-age={CACHE_SECONDS}"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
