"""Creating, regenerating and revoking calendar feeds, and noting when one was read.

A feed's token is shown once, when it is made (the caller hands it to the page); the database keeps only its
SHA-256. Regenerating revokes the live feed and makes a new one in the same transaction, so the old address
stops working at once and the owner never has two."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from communications.calendar.models import CalendarFeed
from partnerships.models import Organization

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits
TOUCH_EVERY = datetime.timedelta(hours=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _owner(user: User | None, organization: Organization | None) -> dict[str, object]:
    if (user is None) == (organization is None):
        raise ValueError("A calendar feed belongs to one person or one business.")
    return {"user": user} if user is not None else {"organization": organization}


@transaction.atomic
def calendar_feed_create(*, by: User, user: User | None = None, organization: Organization | None = None) -> str:
    """A new feed for `user` or `organization`, revoking the live one if there is one (that is regenerating).
    Returns the token: the only time anyone sees it."""
    owner = _owner(user, organization)
    now = timezone.now()
    # Lock the owner's row first, so that two clicks at once take turns (the second then replaces the first's
    # feed) rather than both finding none and the second failing on the one-live-feed constraint.
    if user is not None:
        User.objects.select_for_update().filter(pk=user.pk).first()
    else:
        Organization.objects.select_for_update().filter(pk=organization.pk).first()  # type: ignore[union-attr]
    # Every unrevoked feed, even one that no longer answers (its maker left the business): one unrevoked per owner.
    for feed in CalendarFeed.objects.filter(revoked_at__isnull=True, **owner):
        feed.revoked_at, feed.revoked_by = now, by
        feed.save(update_fields=["revoked_at", "revoked_by"])
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeed.objects.create(token_hash=hash_token(token), created_by=by, **owner)
    return token


def calendar_feed_revoke(*, feed: CalendarFeed, by: User) -> bool:
    """Stop `feed` answering. False when it was already revoked (nothing changes)."""
    now = timezone.now()
    revoked = CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=by)
    feed.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return bool(revoked)


def calendar_feed_touch(*, feed: CalendarFeed, now: datetime.datetime | None = None) -> None:
    """Note that the feed was read, at most once an hour: calendar apps poll often, and a write per poll would
    be a write per poll."""
    now = now or timezone.now()
    if feed.last_used_at is not None and now - feed.last_used_at < TOUCH_EVERY:
        return
    stale = CalendarFeed.objects.filter(pk=feed.pk).exclude(last_used_at__gt=now - TOUCH_EVERY)
    if stale.update(last_used_at=now):
        feed.last_used_at = now
