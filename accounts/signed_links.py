"""Signed, expiring, single-use links for people without an account (/r/<token>/).

The token is the link row's id, signed with SECRET_KEY: a changed token fails the signature and
no student data travels in the URL. Expiry and single use are kept on the row, so a link can be
used once even by two browsers at the same moment (`claim` is a compare-and-set update).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import SignedLink, User

SALT = "schoolbridge.signed-link"
DEFAULT_LIFETIME = datetime.timedelta(days=14)

_handlers: dict[str, Callable[..., Any]] = {}
Handler = TypeVar("Handler", bound=Callable[..., Any])


class LinkInvalid(Exception):
    """The link cannot be used. `reason` is "tampered", "expired" or "used"."""

    def __init__(self, reason: str, link: SignedLink | None = None):
        super().__init__(reason)
        self.reason = reason
        self.link = link


def register(purpose: str) -> Callable[[Handler], Handler]:
    """Register the view that handles links of one purpose: `handler(request, link) -> HttpResponse`."""

    def decorator(handler: Handler) -> Handler:
        _handlers[purpose] = handler
        return handler

    return decorator


def handler_for(purpose: str) -> Callable[..., Any]:
    return _handlers[purpose]


def create_link(
    *,
    purpose: str,
    payload: dict[str, Any],
    by: User | None = None,
    recipient_name: str = "",
    recipient_email: str = "",
    lifetime: datetime.timedelta = DEFAULT_LIFETIME,
) -> SignedLink:
    if purpose not in _handlers:
        raise ValueError(f"No handler is registered for signed links of purpose {purpose!r}.")
    return SignedLink.objects.create(
        purpose=purpose,
        payload=payload,
        created_by=by,
        recipient_name=recipient_name,
        recipient_email=recipient_email,
        expires_at=timezone.now() + lifetime,
    )


def token_for(link: SignedLink) -> str:
    """The link's id, signed: the same token every time for the same link (expiry lives on the row)."""
    return signing.Signer(salt=SALT).sign(str(link.pk))


def _link_id(token: str) -> int | None:
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    if value.isascii() and value.isdigit():
        return int(value)
    # A link emailed before tokens stopped carrying the time they were made (its signed value is the
    # encoded id and a timestamp, so it passes the plain signer too).
    try:
        older = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError):  # ValueError: a signed value without a timestamp in it
        return None
    return older if type(older) is int else None


def path_for(link: SignedLink) -> str:
    return reverse("signed_link", args=[token_for(link)])


def resolve(token: str) -> SignedLink:
    """The link a token stands for, if it may still be used; raises LinkInvalid otherwise."""
    pk = _link_id(token)
    link = SignedLink.objects.filter(pk=pk).first() if pk is not None else None
    if link is None:
        raise LinkInvalid("tampered")
    if link.is_used:
        raise LinkInvalid("used", link)
    if link.is_expired:
        raise LinkInvalid("expired", link)
    return link


def claim(link: SignedLink) -> bool:
    """Mark the link used, if nobody else did first and it has not expired. True when this call won."""
    now = timezone.now()
    won = SignedLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
    if won:
        link.used_at = now
    return bool(won)
