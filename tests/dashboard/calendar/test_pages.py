"""The coordinator's calendar feed page: make a feed, see its address once, replace it, turn it off."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.middleware import OPEN_PATHS
from communications.calendar.models import CalendarFeed
from communications.calendar.services import calendar_feed_create, hash_token
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"http://127\.0\.0\.1:8000/calendar/feed/([A-Za-z0-9_-]{43,})\.ics")


def address_in(response) -> str:
    found = ADDRESS.findall(response.content.decode())
    assert len(set(found)) == 1, "the page shows the feed's address once"
    return found[0]


def test_the_page_without_a_feed_offers_to_make_one(coordinator_client):
    page = coordinator_client.get(reverse("calendar:home")).content.decode()
    assert "No calendar feed yet" in page
    assert "Make a calendar feed" in page
    assert "Google Calendar" in page and "Outlook" in page and "Apple Calendar" in page


def test_making_a_feed_shows_its_address_once(coordinator, coordinator_client):
    response = coordinator_client.post(reverse("calendar:home"))
    token = address_in(response)
    assert "it is not shown again" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert CalendarFeed.objects.get(user=coordinator).token_hash == hash_token(token)
    assert not ADDRESS.search(coordinator_client.get(reverse("calendar:home")).content.decode())


def test_making_a_second_feed_is_refused_kindly(coordinator, coordinator_client):
    calendar_feed_create(user=coordinator, by=coordinator)
    response = coordinator_client.post(reverse("calendar:home"), follow=True)
    assert "You already have a calendar feed" in response.content.decode()
    assert CalendarFeed.objects.filter(user=coordinator).count() == 1


def test_regenerating_asks_first_then_shows_the_new_address(coordinator, coordinator_client):
    old = calendar_feed_create(user=coordinator, by=coordinator)
    confirm = coordinator_client.get(reverse("calendar:regenerate")).content.decode()
    assert "The old one stops working at once" in confirm
    new = address_in(coordinator_client.post(reverse("calendar:regenerate")))
    assert new != old
    assert CalendarFeed.objects.live().get(user=coordinator).token_hash == hash_token(new)


def test_revoking_asks_first_then_turns_the_feed_off(coordinator, coordinator_client):
    token = calendar_feed_create(user=coordinator, by=coordinator)
    assert "stops working at once" in coordinator_client.get(reverse("calendar:revoke")).content.decode()
    response = coordinator_client.post(reverse("calendar:revoke"), follow=True)
    assert "Calendar feed turned off" in response.content.decode()
    feed = CalendarFeed.objects.get(user=coordinator)
    assert feed.revoked_at is not None and feed.revoked_by == coordinator
    assert coordinator_client.get(reverse("calendar:feed", args=[token])).status_code == 404


def test_revoking_with_no_feed_says_so(coordinator_client):
    response = coordinator_client.get(reverse("calendar:revoke"), follow=True)
    assert "You have no calendar feed to turn off" in response.content.decode()


def test_one_coordinator_never_sees_or_revokes_another_coordinators_feed(coordinator, coordinator_client):
    other = CoordinatorFactory()
    calendar_feed_create(user=other, by=other)
    assert "No calendar feed yet" in coordinator_client.get(reverse("calendar:home")).content.decode()
    coordinator_client.post(reverse("calendar:revoke"))
    assert CalendarFeed.objects.live().filter(user=other).exists()


def _paths():
    """Every URL pattern, as (name, route), walked from the root."""

    def walk(patterns, prefix="", route=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
                yield from walk(entry.url_patterns, namespace, route + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + (entry.name or ""), "/" + route + str(entry.pattern)

    return list(walk(get_resolver().url_patterns))


def test_the_feed_is_the_only_url_the_open_path_lets_through():
    """The access middleware's one exact exception: a path of the feed's shape. No other route can take such a
    path (each is tried with a token-shaped value in place of its arguments)."""
    token = "A" * 43
    opened = []
    for name, route in _paths():
        path = re.sub(r"<[^>]+>", token, route).replace("^", "").replace("$", "")
        if OPEN_PATHS.fullmatch(path):
            opened.append(name)
    assert opened == ["calendar:feed"]


def test_the_rest_of_calendar_stays_behind_sign_in(anon_client):
    for name in ("calendar:home", "calendar:regenerate", "calendar:revoke"):
        response = anon_client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for path in ("/calendar/feed/", "/calendar/feed/abc.ics/x", "/calendar/feed/a.b.ics", "/calendar/x.ics"):
        assert not OPEN_PATHS.fullmatch(path)
