"""`python manage.py restore PATH --yes`: overwrite the configured database with a backup (core.backup).
Without --yes it only says what it would overwrite. For SQLite, stop the server and workers first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core import backup


class Command(BaseCommand):
    help = "Restore the configured database from a backup made by `manage.py backup` (asks for --yes)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file (.dump for PostgreSQL, .sqlite3 for SQLite).")
        parser.add_argument("--yes", action="store_true", help="Yes, overwrite the database.")

    def handle(self, *args: Any, path: Path, yes: bool = False, **options: Any) -> None:
        connection = connections["default"]
        try:
            what = backup.describe(connection.settings_dict)
            if not yes:
                raise CommandError(
                    f"This overwrites {what} with {path}: everything written since that backup is lost. "
                    "Stop the server and workers, then run it again with --yes."
                )
            connection.close()  # our own connection must not hold the database open while it is replaced
            backup.restore(db=connection.settings_dict, source=path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {what} from {path}")
