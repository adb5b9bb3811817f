"""core.voiding: any record with legal weight is voided the same way, and what else its app does on a void
runs around the save of the locked, stored row."""

import contextlib

import pytest
from django.core.exceptions import ValidationError

from communications.models import LogEntry
from core.voiding.services import void
from tests.factories import LogEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_void_keeps_the_record_with_who_when_and_why():
    entry, by = LogEntryFactory(), UserFactory()

    void(record=entry, by=by, reason="  Logged against the wrong partner. ")

    stored = LogEntry.objects.get(pk=entry.pk)
    assert (stored.voided_by, stored.void_reason) == (by, "Logged against the wrong partner.")
    assert stored.voided_at is not None and entry.is_voided
    assert not LogEntry.objects.live().filter(pk=entry.pk).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_void_without_a_reason_is_refused(reason):
    entry = LogEntryFactory()

    with pytest.raises(ValidationError) as refused:
        void(record=entry, by=UserFactory(), reason=reason)

    assert refused.value.message_dict == {"reason": ["Say why this record is voided: it stays in the history."]}
    assert not LogEntry.objects.get(pk=entry.pk).is_voided


def test_a_record_is_voided_once():
    entry = LogEntryFactory()
    void(record=entry, by=UserFactory(), reason="Twice.")

    with pytest.raises(ValidationError, match="already voided"):
        void(record=LogEntry.objects.get(pk=entry.pk), by=UserFactory(), reason="Again.")


def test_what_the_app_adds_wraps_the_save_of_the_locked_row():
    entry, seen = LogEntryFactory(), []

    @contextlib.contextmanager
    def around(locked):
        seen.append(("before", LogEntry.objects.get(pk=locked.pk).is_voided, locked.is_voided))
        yield
        seen.append(("after", LogEntry.objects.get(pk=locked.pk).is_voided))

    void(record=entry, by=UserFactory(), reason="Wrong partner.", around=around)

    assert seen == [("before", False, True), ("after", True)]
