"""The production-shaped server: a scratch PostgreSQL database seeded with `seed_district`, collected static
files, and gunicorn with 4 sync workers and DEBUG off (settings as in production, but plain HTTP)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/schoolbridge_bench"
PASSWORD = "bench-password-not-secret"  # noqa: S105 (a throwaway database)


def server_environment(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off, hashed static files, Redis when REDIS_URL is set) over plain HTTP."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=env.get("BENCH_SECRET_KEY", "bench-only-" + "x" * 50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.pop("STATIC_MANIFEST", None)
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return env


def recreate_database(database_url: str) -> None:
    """Drop the scratch database (whoever is connected) and create it empty."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"No database name in {database_url!r}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(maintenance)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def manage(env: dict[str, str], *args: str) -> str:
    """Run manage.py, returning what it printed (and stopping the run, with its output, if it fails)."""
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


SEED_COUNT = re.compile(r"^\s*([\d,]+) (\S.*)$")


def seed(env: dict[str, str], scale: float) -> dict[str, float]:
    """`seed_district --scale` timed from outside: rows written and rows per second."""
    started = time.perf_counter()
    printed = manage(env, "seed_district", "--scale", f"{scale:g}", "--force", "--password", PASSWORD)
    seconds = time.perf_counter() - started
    rows = sum(int(match[1].replace(",", "")) for line in printed.splitlines() if (match := SEED_COUNT.match(line)))
    return {"seconds": round(seconds, 2), "rows": rows, "rows_per_second": round(rows / seconds, 1)}


class Gunicorn:
    def __init__(self, process: subprocess.Popen, base_url: str):
        self.process = process
        self.base_url = base_url

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (VmRSS from /proc), in MB."""
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)[1])  # type: ignore[index]
            sizes.append(round(kilobytes / 1024, 1))
        return sizes


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = 4, log: Path | None = None) -> Iterator[Gunicorn]:
    """gunicorn serving config.wsgi on 127.0.0.1:`port` until the block ends, with production's gunicorn config
    (config/gunicorn.py: the redacting access log)."""
    log = log or ROOT / "var" / "bench-gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        PYTHON, "-m", "gunicorn", "-c", "python:config.gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--access-logfile", "-", "--error-logfile", "-",
    ]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        server = Gunicorn(process, f"http://127.0.0.1:{port}")
        try:
            _wait_until_up(server, workers)
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_up(server: Gunicorn, workers: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.process.returncode}): see var/bench-gunicorn.log")
        try:
            with urllib.request.urlopen(server.base_url + "/livez", timeout=2) as response:  # noqa: S310
                if response.status == 200 and len(server.worker_pids()) >= workers:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within a minute: see var/bench-gunicorn.log")
