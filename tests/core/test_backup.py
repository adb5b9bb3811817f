"""Backup and restore (core.backup, `manage.py backup` / `manage.py restore`): a database with rows in several
tables, backed up and restored into a NEW database, has the same number of rows in every table. On SQLite
always; on PostgreSQL too when the suite runs there (pg_dump must see the rows: transaction=True)."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from core import backup
from tests.factories import LogEntryFactory, PlacementFactory


def _rows() -> None:
    PlacementFactory.create_batch(2)
    LogEntryFactory.create_batch(3)


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}  # noqa: S608 (our tables)
    finally:
        db.close()


def _django_counts(settings_dict: dict[str, Any]) -> dict[str, int]:
    other = type(connections["default"])({**settings_dict}, alias="backup_check")
    try:
        with other.cursor() as cursor:
            names = other.introspection.table_names(cursor)
            counts = {}
            for name in names:
                cursor.execute(f"SELECT count(*) FROM {other.ops.quote_name(name)}")  # noqa: S608 (our tables)
                counts[name] = cursor.fetchone()[0]
            return counts
    finally:
        other.close()


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restored_into_a_new_file_has_every_tables_rows(tmp_path):
    _rows()
    # The suite's SQLite database lives in memory: copy it to a file, the kind of database `make run` uses.
    source = tmp_path / "db.sqlite3"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(source)
        connection.connection.backup(copy)
        copy.close()
    else:  # a small schema of our own when the suite runs elsewhere
        db = sqlite3.connect(source)
        db.executescript(
            "CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES (1), (2); INSERT INTO b VALUES (3);"
        )
        db.commit()
        db.close()
    before = _sqlite_counts(source)
    assert sum(1 for n in before.values() if n) >= 2  # rows in several tables

    made = backup.backup(db={"ENGINE": "django.db.backends.sqlite3", "NAME": str(source)}, directory=tmp_path / "b")
    assert made.suffix == ".sqlite3" and _private(made)

    new = tmp_path / "new.sqlite3"
    backup.restore(db={"ENGINE": "django.db.backends.sqlite3", "NAME": str(new)}, source=made)
    assert _sqlite_counts(new) == before
    assert _private(new)


@pytest.mark.django_db(transaction=True)
def test_the_configured_database_backed_up_and_restored_into_a_new_one_has_every_tables_rows(tmp_path):
    _rows()
    settings_dict = connection.settings_dict
    if connection.vendor != "postgresql":
        # On SQLite the configured database is the in-memory test one; the test above covers the file case.
        assert connection.vendor == "sqlite"
        return
    before = _django_counts(settings_dict)
    assert sum(1 for n in before.values() if n) >= 2

    call_command("backup", "--dir", str(tmp_path))
    (made,) = tmp_path.glob("*.dump")
    assert _private(made)

    new_name = f"{settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(new_name)}")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(new_name)}")
    try:
        new = {**settings_dict, "NAME": new_name}
        backup.restore(db=new, source=made)
        assert _django_counts(new) == before
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(new_name)}")


@pytest.mark.django_db
def test_restore_refuses_without_yes_and_says_what_it_would_overwrite(tmp_path):
    made = tmp_path / "20261201T000000Z.dump"
    made.write_bytes(b"")
    with pytest.raises(CommandError, match="This overwrites the .* with .*--yes"):
        call_command("restore", str(made))


def test_restore_refuses_a_backup_of_the_other_kind(tmp_path):
    made = tmp_path / "20261201T000000Z.dump"
    made.write_bytes(b"")
    with pytest.raises(backup.BackupError, match="not a sqlite backup"):
        backup.restore(db={"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x")}, source=made)


def test_a_backup_of_a_missing_sqlite_file_is_refused_rather_than_an_empty_copy(tmp_path):
    with pytest.raises(backup.BackupError, match="no SQLite database"):
        backup.backup(db={"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x")}, directory=tmp_path)
    assert not (tmp_path / "x").exists()
