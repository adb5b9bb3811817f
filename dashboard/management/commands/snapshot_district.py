"""`python manage.py snapshot_district [--date YYYY-MM-DD]`: the district's figures, as the daily task takes them."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from dashboard.reports.services import district_snapshot_take


class Command(BaseCommand):
    help = "Compute the district's figures (the charts of /reports/) and keep them as the day's snapshot."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day the snapshot is for, as YYYY-MM-DD (default: today).")

    def handle(self, *args, date=None, **options):
        on = None
        if date:
            try:
                on = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date {date!r} is not a date: write it as YYYY-MM-DD.") from None
        snapshot = district_snapshot_take(on=on)
        self.stdout.write(f"District figures for {snapshot.date:%-d %b %Y} saved.")
