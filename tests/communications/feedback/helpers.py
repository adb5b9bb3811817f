"""What the feedback tests share: dates and a partnership's primary contact."""

import datetime

from communications.models import FeedbackRequest
from partnerships.models import PointOfContact, Side

Audience = FeedbackRequest.Audience


Occasion = FeedbackRequest.Occasion


TODAY = datetime.date(2027, 3, 15)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def business_primary(partnership) -> PointOfContact:
    return PointOfContact.objects.get(partnership=partnership, side=Side.BUSINESS, end_date__isnull=True)
