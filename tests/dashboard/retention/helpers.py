"""Dates and rows for the retention purge's tests: a placement that ended on ENDED, and the moments around the
end of its student's 3 years (the default policy)."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone

from students.models import Placement
from tests.factories import PlacementFactory

ENDED = datetime.date(2023, 6, 15)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    """Noon (or `hour`) of `day` in the district's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


LAST_KEPT = at(datetime.date(2026, 6, 15), 23)  # the last day of the 3 years after ENDED, late evening
FIRST_PURGED = at(datetime.date(2026, 6, 16), 0)  # just after midnight the day after


def back_then(day: datetime.date = ENDED) -> time_machine.travel:
    """Make rows as if on `day` (their created_at and other clock-stamped fields say so)."""
    return time_machine.travel(at(day), tick=False)


def ended_placement(**kwargs) -> Placement:
    """A completed placement that ran in spring 2023 and ended on ENDED, made back then."""
    with back_then():
        return PlacementFactory.create(
            status=Placement.Status.COMPLETED, start_date=datetime.date(2023, 3, 1), end_date=ENDED, **kwargs
        )
