"""`python manage.py snapshot_health [--date YYYY-MM-DD]`: the daily health snapshot in this process, with no
broker (after `seed_demo`, for cron, or by hand). Safe to run again the same day."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dashboard.health import services


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Score the health of every open partnership for today (or --date), once per day."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, help="Score as if today were this day (YYYY-MM-DD).")

    def handle(self, *args: Any, date: datetime.date | None = None, **options: Any) -> None:
        day = date or timezone.localdate()
        scored = services.health_snapshot(today=day)
        self.stdout.write(f"Scored the health of {scored} open partnership{'s' if scored != 1 else ''} for {day}.")
