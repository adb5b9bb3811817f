"""Two sweeps, or two workers, at the same moment: the unique key and the claims keep every reminder to one
row and one email. Real threads with their own database connections (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core import mail
from django.db import OperationalError, connection

from communications.models import Notification, Reminder
from communications.reminders import services as reminders
from tests.factories import CoordinatorFactory, LogEntryFactory, PlacementFactory, ReminderFactory, _days_ago

pytestmark = pytest.mark.django_db(transaction=True)


def _retrying_sqlite_table_locks(target):
    """SQLite's shared-cache in-memory test database answers a concurrent write with "table is locked" at once
    instead of waiting as a file database does (busy timeout). Wait and try again, as SQLite would; a
    sweep or a dispatch run again must be harmless anyway. PostgreSQL never raises this."""
    for _ in range(200):
        try:
            return target()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.01)
    return target()


def _together(target, count: int = 2) -> list:
    """Run `target()` in `count` threads released at the same moment; return results (or exceptions)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = _retrying_sqlite_table_locks(target)
        except Exception as error:  # reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_concurrent_sweeps_create_each_reminder_once():
    for _ in range(20):
        PlacementFactory(status="active", start_date=_days_ago(20))
    LogEntryFactory(follow_up_on=_days_ago(0))
    today = _days_ago(0)

    results = _together(lambda: reminders.sweep(today))

    assert not [r for r in results if isinstance(r, Exception)], results
    overdue = Reminder.objects.filter(kind=Reminder.Kind.CHECK_IN_OVERDUE)
    assert overdue.count() == 20
    # Neither claims more than there are (on SQLite a retried sweep may report 0 for rows its first try added).
    assert sum(result[Reminder.Kind.CHECK_IN_OVERDUE] for result in results) <= 20
    assert Reminder.objects.filter(kind=Reminder.Kind.FOLLOW_UP_DUE).count() == 1
    assert reminders.sweep(today) == dict.fromkeys(Reminder.Kind.values, 0)


def test_two_workers_dispatching_the_same_reminder_send_one_email():
    CoordinatorFactory()
    CoordinatorFactory()
    reminder = ReminderFactory()

    results = _together(lambda: reminders.dispatch(reminder.pk))

    assert not [r for r in results if isinstance(r, Exception)], results
    # Neither claims more than it sent (on SQLite a dispatch retried after "table is locked" reports 0 for
    # what its first try sent); the outbox is the proof.
    assert sum(results) <= 2
    assert len(mail.outbox) == 2  # one per coordinator, never twice
    assert Notification.objects.count() == 2
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT
