"""What the partnership page tests share: URLs, dates, flashed messages."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse

from partnerships.models import (
    Partnership,
    PointOfContact,
)

Status = Partnership.Status


PRIMARY = PointOfContact.Role.PRIMARY


BACKUP = PointOfContact.Role.BACKUP


# What a browser posts from a confirmation form whose only field (optional) was left empty.
NO_REASON = {"reason": ""}


NO_NOTES = {"notes": ""}


def url(name: str, *args) -> str:
    return reverse(f"partnerships:{name}", args=args)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def detail_url(partnership, anchor: str = "") -> str:
    return url("detail", partnership.pk) + (f"#{anchor}" if anchor else "")


def flashed(response) -> list[str]:
    """The messages a view added for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def current_primary(partnership, side) -> PointOfContact:
    return PointOfContact.objects.filter(partnership=partnership, side=side, end_date__isnull=True, role=PRIMARY).get()
