"""Two people save the same record at the same moment, each from the form they loaded: exactly one save goes
through and the other is refused with the conflict, never both. Real threads, each with its own database
connection. On PostgreSQL the second waits on the row's lock (select_for_update) and then reads the first's
save; on SQLite, IMMEDIATE transactions take the write lock at BEGIN, which serialises them the same way."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from core.concurrency import Conflict, version_of
from partnerships import services as partnership_services
from students import services as student_services
from tests.factories import BusinessFactory, CoordinatorFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _waiting_out_sqlite_table_locks(target):
    """SQLite's shared-cache in-memory test database answers a second writer with "table is locked" at
    once instead of waiting (busy timeout) as a file database does: wait and try again, as SQLite would.
    PostgreSQL waits on the row lock and never raises this."""
    for _ in range(500):
        try:
            return target()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.01)
    return target()


def _at_once(*targets) -> list:
    """Run each target in its own thread, released together; their results, or the exceptions raised."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def run(index, target):
        try:
            barrier.wait()
            results[index] = _waiting_out_sqlite_table_locks(target)
        except Exception as error:  # reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_coordinators_saving_one_organization_at_once_one_wins_and_the_other_is_told():
    organization = BusinessFactory(notes="As it was")
    dana, sam = CoordinatorFactory(), CoordinatorFactory()
    loaded = version_of(organization)  # both opened the edit page before either saved

    def save(by, notes):
        return lambda: partnership_services.organization_update(
            organization=type(organization).objects.get(pk=organization.pk), by=by, version=loaded, notes=notes
        )

    results = _at_once(save(dana, "Dana's notes"), save(sam, "Sam's notes"))

    conflicts = [r for r in results if isinstance(r, Conflict)]
    saved = [r for r in results if not isinstance(r, Exception)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    organization.refresh_from_db()
    assert organization.notes == saved[0].notes  # the winner's, whole
    assert conflicts[0].record.notes == organization.notes  # the loser is shown what the winner saved


def test_two_saves_of_one_student_at_once_never_both_go_through():
    student = StudentFactory(guardian_name="As it was")
    loaded = version_of(student)

    def save(name):
        return lambda: student_services.student_update(
            student=type(student).objects.get(pk=student.pk), by=None, version=loaded, guardian_name=name
        )

    results = _at_once(*(save(f"Guardian {n}") for n in range(4)))

    assert sum(not isinstance(r, Exception) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 3, results
    student.refresh_from_db()
    assert student.guardian_name in {f"Guardian {n}" for n in range(4)}
