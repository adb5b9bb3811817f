"""Shared pieces for the reminder tests: a mail backend that fails on demand, and a way to point Celery at
another broker for one test."""

from __future__ import annotations

import contextlib
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
