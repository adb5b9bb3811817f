"""What the district's builders share: the seeded random source, today, the scale, and bulk inserts."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

BATCH = 2000
M = TypeVar("M", bound=models.Model)

# At scale 1 (DESIGN.md): the district the pages must stay fast for.
SCALE_ONE = {
    "schools": 40,
    "businesses": 2_000,
    "students": 30_000,
    "placements": 10_000,
    "log_entries": 500_000,
    "coordinators": 12,
}

DISTRICT_NAME = "Riverbend Unified School District"


def bulk(model: type[M], rows: Sequence[M]) -> list[M]:
    """Insert `rows` in batches; each row gets its primary key back (PostgreSQL, and SQLite 3.35 or later)."""
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


@dataclass
class Build:
    """One build of the district: its random source (seeded, so a seed always gives the same district),
    the day everything is dated from, the scale, and what each builder made for the next ones."""

    seed: int
    scale: float
    today: datetime.date
    rng: random.Random = field(init=False)
    made: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def size(self, what: str, minimum: int = 1) -> int:
        return max(minimum, round(SCALE_ONE[what] * self.scale))

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    def moment(self, offset: int, minute: int = 0) -> datetime.datetime:
        """A time on a day relative to today, between 8:00 and about 17:00, local time."""
        naive = datetime.datetime.combine(self.day(offset), datetime.time(8, 0)) + datetime.timedelta(minutes=minute)
        return timezone.make_aware(naive)

    def count(self, what: str, rows: Sequence[Any]) -> None:
        self.counts[what] = self.counts.get(what, 0) + len(rows)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p
