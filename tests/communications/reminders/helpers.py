"""Shared pieces for the reminder tests: a mail backend that fails on demand, and a way to point Celery at
another broker for one test."""

from __future__ import annotations

import contextlib
import os
import time
from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend
from kombu import pools

from config.celery import app


class FlakyBackend(EmailBackend):
    """The in-memory backend, except that the next `failures` sends raise an SMTP error."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


FLAKY = "tests.communications.reminders.helpers.FlakyBackend"


@contextlib.contextmanager
def celery_broker(url: str, **conf):
    """Use `url` as the broker (eager off) for the block, with fresh connection pools before and after."""
    names = {"broker_url": url, "task_always_eager": False, **conf}
    saved = {name: app.conf.get(name) for name in names}

    def reset():
        # kombu keeps connection and producer pools per broker URL in global registries: close and forget
        # them all (as Celery does after a fork), so the next publish connects afresh to the current URL.
        pools.reset()
        app._pool = None
        with contextlib.suppress(AttributeError, KeyError):
            app.__dict__["amqp"]._producer_pool = None

    reset()
    app.conf.update(names)
    try:
        yield app
    finally:
        app.conf.update(saved)
        reset()


def worker_broker(tmp_path) -> tuple[str, dict]:
    """The broker a real worker in a test uses: Redis at REDIS_URL when set (CI), else kombu's filesystem
    broker in `tmp_path`. Returns (url, Celery settings)."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return redis_url, {"broker_transport_options": {"socket_timeout": 5, "socket_connect_timeout": 5}}
    queue, processed = tmp_path / "queue", tmp_path / "processed"
    queue.mkdir()
    processed.mkdir()
    options = {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    return "filesystem://", {"broker_transport_options": options}


def wait_until(condition, seconds: float = 60) -> bool:
    """Poll `condition` until it holds; the limit only keeps a broken test from hanging, it measures nothing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
