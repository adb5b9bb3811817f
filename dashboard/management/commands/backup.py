"""`python manage.py backup [--dir DIR]`: a backup of the configured database in var/backups/ (core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core import backup


class Command(BaseCommand):
    help = "Back up the configured database to var/backups/<UTC timestamp> (mode 0600)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="Write it here instead of var/backups/.")

    def handle(self, *args: Any, dir: Path | None = None, **options: Any) -> None:
        directory = dir or Path(settings.VAR_DIR) / "backups"
        try:
            path = backup.backup(db=connections["default"].settings_dict, directory=directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up to {path}")
