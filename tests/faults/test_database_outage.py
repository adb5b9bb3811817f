"""The database restarts: the next request reconnects instead of failing, and a reminder interrupted by the
outage is retried and sent once."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.test import RequestFactory

from communications.models import Reminder
from communications.reminders.tasks import dispatch_reminder
from config.celery import app
from tests.factories import CoordinatorFactory, ReminderFactory
from tests.faults.proxy import Proxy


def _get(path: str) -> dict:
    """One request through Django's own WSGI handler, as gunicorn calls it: request_started and
    request_finished fire, and with them the connection health check (the test client switches it off)."""
    status = []
    environ = RequestFactory().get(path).environ

    def start_response(code: str, headers: list, exc_info: object = None) -> Callable[[bytes], object]:
        status.append(code)
        return lambda data: None

    body = b"".join(WSGIHandler()(environ, start_response))

    return {"status": status[0], **json.loads(body)}


@contextlib.contextmanager
def through(proxy: Proxy):
    """Route this process's database connection through `proxy` for the block."""
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=proxy.port)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_database_dropped_its_connection_succeeds():
    db = settings.DATABASES["default"]
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (60, True)  # kept, and checked before reuse
    if connection.vendor != "postgresql":
        return  # SQLite has no connection to lose: the settings above are what PostgreSQL relies on
    proxy = Proxy(upstream=(connection.settings_dict["HOST"] or "127.0.0.1", int(connection.settings_dict["PORT"])))
    try:
        with through(proxy):
            assert _get("/healthz")["database"] == "ok"
            assert connection.connection is not None  # kept for the next request (CONN_MAX_AGE)
            proxy.drop()  # the database restarted: the kept connection is dead
            assert _get("/healthz")["database"] == "ok"  # the health check saw it and reconnected
    finally:
        proxy.close()


@pytest.mark.django_db(transaction=True)  # an error inside a test's transaction would spoil it for the retry
def test_a_reminder_interrupted_by_a_database_outage_is_retried_and_sent_once(mailoutbox):
    """The email went out, then the database went away before the reminder was marked sent: the task retries
    (with back-off), the retry finds the email claimed, sends nothing more and marks the reminder sent."""
    CoordinatorFactory(email="cora@example.test")
    reminder = ReminderFactory()
    outage = {"left": 1}

    def database_away(execute, sql, params, many, context):
        if outage["left"] and sql.startswith("UPDATE") and "status" in sql and mailoutbox:
            outage["left"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    app.conf.task_eager_propagates = False
    try:
        with connection.execute_wrapper(database_away):
            dispatch_reminder.apply(args=[reminder.pk])
    finally:
        app.conf.task_eager_propagates = True

    assert outage["left"] == 0  # the outage did happen mid-task
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.SENT, 2)
    assert [email.to for email in mailoutbox] == [["cora@example.test"]]
