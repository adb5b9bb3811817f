"""`python manage.py snapshot_district [--date YYYY-MM-DD]`: the district's figures, as the daily task takes them.

`--since YYYY-MM-DD` or `--months N` instead reconstructs, from the records, the snapshots of the month ends
before this month that were not taken on the day (dashboard/reports/backfill.py says what each figure
approximates), so the charts over time have a past before the first daily snapshot.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dashboard.reports.backfill import district_snapshots_backfill
from dashboard.reports.services import district_snapshot_take, months_back


def _day(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date: write it as YYYY-MM-DD.") from None


def _dates(days: list[datetime.date]) -> str:
    if len(days) == 1:
        return f"{days[0]:%-d %b %Y}"
    return f"{days[0]:%-d %b %Y} to {days[-1]:%-d %b %Y}"


class Command(BaseCommand):
    help = (
        "Compute the district's figures (the charts of /reports/) and keep them as the day's snapshot. "
        "With --since or --months, reconstruct instead the snapshot of each past month end that was not "
        "taken on the day, from the records: placements by status and kind from their status history "
        "(exact unless placements were deleted), hours as verified or sent back by then, surveys sent by "
        "then with the answers received since; no partnership health. Snapshots taken on the day are never "
        "replaced; running it again gives the same figures."
    )

    def add_arguments(self, parser):
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--date", help="The day the snapshot is for, as YYYY-MM-DD (default: today).")
        when.add_argument(
            "--since",
            help="Reconstruct the month ends from this day's month (YYYY-MM-DD) to last month.",
        )
        when.add_argument("--months", type=int, help="Reconstruct the month ends of the last N months before this one.")

    def handle(self, *args, date=None, since=None, months=None, **options):
        if since is not None or months is not None:
            self._backfill(since, months)
            return
        snapshot = district_snapshot_take(on=_day(date, "--date") if date else None)
        self.stdout.write(f"District figures for {snapshot.date:%-d %b %Y} saved.")

    def _backfill(self, since: str | None, months: int | None) -> None:
        today = timezone.localdate()
        if months is not None:
            if not 1 <= months <= 120:
                raise CommandError("--months must be between 1 and 120.")
            first = months_back(today, months + 1)[0]  # the month `months` before this one
        else:
            first = _day(since or "", "--since")
            if first >= today.replace(day=1):
                raise CommandError(
                    f"--since {first:%Y-%m-%d} is in this month: only month ends before this month are reconstructed."
                )
        done = district_snapshots_backfill(since=first, today=today)
        if done.written:
            self.stdout.write(
                f"District figures reconstructed from the records for {len(done.written)} month "
                f"end{'s' if len(done.written) != 1 else ''} ({_dates(done.written)})."
            )
        if done.kept:
            self.stdout.write(
                f"Kept {len(done.kept)} taken on the day ({_dates(done.kept)}): those are never reconstructed."
            )
        if not done.written and not done.kept:
            self.stdout.write("No month ends to reconstruct.")
