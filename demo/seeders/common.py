"""What the seeders share: the calendar the demo's relative days are counted on, the demo's addresses
and phone numbers, and how a partnership and a placement are named."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import overload

from django.utils import timezone

from demo.data.partnerships import AREA_CODE
from partnerships.models import Organization, Partnership

# How the demo data names a placement: (district student id, business name, kind).
PlacementKey = tuple[str, str, str]


@dataclass(frozen=True)
class Calendar:
    """Today, and the days and moments the demo data names relative to it."""

    today: datetime.date

    @overload
    def day(self, offset: int) -> datetime.date: ...
    @overload
    def day(self, offset: None) -> None: ...
    @overload
    def day(self, offset: int | None) -> datetime.date | None: ...
    def day(self, offset: int | None) -> datetime.date | None:
        """The day `offset` days from today (negative: in the past); None for None (no such day)."""
        return None if offset is None else self.today + datetime.timedelta(days=offset)

    def moment(self, offset: int) -> datetime.datetime:
        """Mid-morning, local time, on a day relative to today."""
        return timezone.make_aware(datetime.datetime.combine(self.day(offset), datetime.time(10, 0)))


def email(first: str, last: str, domain: str) -> str:
    local = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
    return f"{local}@{domain}"


def phone(suffix: str) -> str:
    return f"({AREA_CODE}) 555-01{suffix}"


def find_partnership(organizations: dict[str, Organization], school: str, business: str) -> Partnership:
    """Read afresh each time, not kept from when it was made: the services change a partnership as the
    demo goes (its status, when it was last contacted)."""
    return Partnership.objects.get(school=organizations[school], business=organizations[business])
