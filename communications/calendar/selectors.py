"""Finding a calendar feed: by the token of its address (the feed URL), or the live one of an owner (pages)."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from communications.calendar.models import CalendarFeed
from communications.calendar.services import hash_token
from partnerships.models import Organization

# What secrets.token_urlsafe makes; anything else is no token of ours and is not looked up.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,100}")


def live_feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed this token opens, with its owner, or None (unknown, malformed or revoked)."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    return (
        CalendarFeed.objects.live().select_related("user", "organization").filter(token_hash=hash_token(token)).first()
    )


def live_feed_of(*, user: User | None = None, organization: Organization | None = None) -> CalendarFeed | None:
    owner: dict[str, User | Organization | None] = (
        {"user": user} if user is not None else {"organization": organization}
    )
    return CalendarFeed.objects.live().filter(**owner).select_related("created_by").first()


def feed_address(token: str) -> str:
    """The absolute address to subscribe to (served by dashboard.calendar, found by its URL name)."""
    return settings.SITE_URL.rstrip("/") + reverse("calendar:feed", args=[token])


def webcal_address(token: str) -> str:
    """The same address for Apple Calendar and Outlook, which open webcal:// links themselves."""
    return "webcal://" + feed_address(token).split("://", 1)[1]
