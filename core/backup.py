"""Backup and restore of the configured database (`manage.py backup` / `manage.py restore`, `make backup` /
`make restore FILE=...`).

PostgreSQL: `pg_dump -Fc` to `<dir>/<UTC timestamp>.dump`, restored with
`pg_restore --clean --if-exists --no-owner`. SQLite: a consistent online copy through sqlite3's backup API
(safe while the app writes) to `<dir>/<UTC timestamp>.sqlite3`, restored by copying it back over the file,
with the server and workers stopped. Backup files hold minors' data: they are written with mode 0600.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

EXTENSIONS = {"postgresql": ".dump", "sqlite": ".sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done, in words for the operator."""


def _vendor(db: dict[str, Any]) -> str:
    engine = str(db["ENGINE"])
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def describe(db: dict[str, Any]) -> str:
    """What a restore into `db` overwrites, for the confirmation message."""
    if _vendor(db) == "sqlite":
        return f"the SQLite file {db['NAME']}"
    return f"the PostgreSQL database {db['NAME']} on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    # The password goes through the environment, never the command line (which `ps` shows).
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(command: list[str], db: dict[str, Any]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: `make backup` installs postgresql-client with apt-get.")
    # A fixed program with the configured database name and a path of ours, as a list: no shell.
    result = subprocess.run(command, env=_pg_env(db), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(*, db: dict[str, Any], directory: Path, now: datetime.datetime | None = None) -> Path:
    """Write a backup of `db` into `directory` (created if missing) and return its path (mode 0600)."""
    vendor = _vendor(db)
    if vendor == "sqlite" and not Path(str(db["NAME"])).is_file():  # sqlite3 would create an empty one
        raise BackupError(f"There is no SQLite database at {db['NAME']} to back up.")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"{stamp}{EXTENSIONS[vendor]}"
    if target.exists():
        raise BackupError(f"{target} already exists: wait a second and run the backup again.")
    # Create the file private before any data goes in, so it is never readable by others, even briefly.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.chmod(target, 0o600)
    try:
        if vendor == "sqlite":
            source = sqlite3.connect(str(db["NAME"]))
            copy = sqlite3.connect(str(target))
            try:
                with copy:
                    source.backup(copy)
            finally:
                copy.close()
                source.close()
        else:
            _run(["pg_dump", "-Fc", "--file", str(target), str(db["NAME"])], db)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    os.chmod(target, 0o600)
    return target


def restore(*, db: dict[str, Any], source: Path) -> None:
    """Overwrite `db` with the backup at `source`. SQLite: the server and workers must be stopped."""
    vendor = _vendor(db)
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    if source.suffix != EXTENSIONS[vendor]:
        raise BackupError(
            f"{source.name} is not a {vendor} backup (those end in {EXTENSIONS[vendor]}); "
            "restore it into a database of the kind it came from."
        )
    if vendor == "sqlite":
        target = Path(str(db["NAME"]))
        for suffix in ("-wal", "-shm", "-journal"):  # left over from the old file, they would corrupt the new one
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", str(db["NAME"]), str(source)], db)
