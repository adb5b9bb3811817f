"""What the thank-you note tests share."""

import datetime
from decimal import Decimal

from django.utils import timezone

from communications.models import ThankYouNote
from students.models import Placement
from tests.factories import (
    HoursEntryFactory,
    PlacementFactory,
)

Milestone = ThankYouNote.Milestone


Status = ThankYouNote.Status


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def completed(end_days_ago: int, **kwargs) -> Placement:
    kwargs.setdefault("start_date", days_ago(end_days_ago + 90))
    return PlacementFactory.create(status=Placement.Status.COMPLETED, end_date=days_ago(end_days_ago), **kwargs)


def log_hours(placement, total, on: datetime.date):
    """`total` hours on one day, in entries of at most 24 hours (a day's most)."""
    left = Decimal(str(total))
    while left > 0:
        chunk = min(left, Decimal(24))
        HoursEntryFactory(placement=placement, hours=chunk, date=on)
        left -= chunk


def keys(notes) -> set[str]:
    return {note.milestone_key for note in notes}
