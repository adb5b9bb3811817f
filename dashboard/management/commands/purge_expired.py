"""`python manage.py purge_expired [--dry-run]`: apply the retention policy (settings.RETENTION) for real."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core import retention
from dashboard.models import PurgeRecord
from dashboard.retention.services import purge_expired


class Command(BaseCommand):
    help = (
        "Delete what the retention policy says has expired (student records, signed links, notifications, "
        "uploads, exports, login attempts, sessions) and record the run. --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; delete nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        record = purge_expired(by=PurgeRecord.By.COMMAND, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        titles = {kind.name: kind.title for kind in retention.kinds()}
        for name, count in record.counts.items():
            self.stdout.write(f"{verb} {count} {name}" + (f" ({titles[name]})" if name in titles else ""))
        if record.errors:
            for name, error in record.errors.items():
                self.stderr.write(f"Could not purge {name}: {error}")
            raise CommandError(
                f"{len(record.errors)} kind(s) could not be purged; the others were (purge record {record.pk})."
            )
        self.stdout.write(f"{'Dry run' if dry_run else 'Purge'} recorded (purge record {record.pk}).")
