"""The embedded default takes two processes writing at once (a web process and a worker): with SQLite in WAL
mode and IMMEDIATE transactions, two processes that each read then write in many small transactions never
meet "database is locked" and every row arrives. On PostgreSQL the same two writers run against the test
database (the branch is chosen by the database the suite runs on)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from tests.config.test_settings import A_SECRET, ROOT

ROWS = 150

# Each transaction reads before it writes: the shape that fails at once in SQLite's deferred mode, where a
# reader cannot take the write lock while another process holds it.
WRITER = """
import sys, django
django.setup()
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
tag, rows = sys.argv[1], int(sys.argv[2])
for i in range(rows):
    with transaction.atomic():
        Session.objects.filter(session_key__startswith=tag).count()
        Session.objects.create(session_key=f"{tag}{i:06d}", session_data="x", expire_date=timezone.now())
"""

CREATE_TABLE = """
import django
django.setup()
from django.contrib.sessions.models import Session
from django.db import connection
with connection.schema_editor() as editor:
    editor.create_model(Session)
"""


def _run(code: str, database_url: str, *args: str) -> subprocess.Popen:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": A_SECRET,
        "HTTPS": "false",
        "DATABASE_URL": database_url,
    }
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen) -> None:
    _, stderr = process.communicate(timeout=180)
    assert "database is locked" not in stderr
    assert process.returncode == 0, stderr


def _two_writers(database_url: str) -> None:
    writers = [_run(WRITER, database_url, tag, str(ROWS)) for tag in ("a", "b")]
    for writer in writers:
        _finish(writer)


def _postgres_url() -> str:
    db = connection.settings_dict
    credentials = f"{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@" if db["USER"] else ""
    return f"postgres://{credentials}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_processes_write_at_once_without_database_is_locked(tmp_path):
    if connection.vendor == "sqlite":
        path = tmp_path / "embedded.sqlite3"
        url = f"sqlite:///{path}"
        _finish(_run(CREATE_TABLE, url))
        _two_writers(url)
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            keys = {key for (key,) in db.execute("SELECT session_key FROM django_session")}
    else:
        _two_writers(_postgres_url())
        keys = set(Session.objects.values_list("session_key", flat=True))
    assert keys == {f"{tag}{i:06d}" for tag in ("a", "b") for i in range(ROWS)}
