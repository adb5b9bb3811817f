"""Tasks send each email once, whatever the retries; a web request never fails because the broker does."""

import datetime

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.utils import timezone

from accounts.background import STALE_CLAIM, claimed_until_sent, send_after_commit
from communications.models import Notification
from partnerships.models import Handoff
from partnerships.tasks import send_handoff_notice
from students.tasks import send_evaluation_link
from tests.factories import HandoffFactory, NotificationFactory, PlacementFactory, SignedLinkFactory

pytestmark = pytest.mark.django_db


def test_the_handoff_notice_is_sent_once_even_when_the_task_runs_twice():
    handoff = HandoffFactory(from_poc__role="backup", to_poc__role="backup")

    assert send_handoff_notice(handoff.pk) > 0
    assert send_handoff_notice(handoff.pk) == 0

    assert len(mail.outbox) == 1
    assert Handoff.objects.get(pk=handoff.pk).notified_at is not None


def test_the_evaluation_link_is_emailed_once_even_when_the_task_runs_twice():
    placement = PlacementFactory(status="active")
    link = SignedLinkFactory(placement=placement)

    assert send_evaluation_link(link.pk) == 1
    assert send_evaluation_link(link.pk) == 0

    assert len(mail.outbox) == 1
    assert placement.student.last_name not in mail.outbox[0].subject


def test_a_task_that_cannot_be_queued_does_not_break_the_caller(django_capture_on_commit_callbacks, caplog):
    class DeadBroker:
        name = "dead"

        def delay(self, *args):
            raise ConnectionRefusedError("broker down")

    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(DeadBroker(), 1)

    assert "broker is unavailable" in caplog.text


# claimed_until_sent: a claim, then a sent mark; a claim whose worker died goes stale -----------------


def _notification():
    notification = NotificationFactory()
    return Notification.objects.filter(pk=notification.pk)


def test_a_claim_until_sent_lets_one_caller_send_and_marks_it_sent_after():
    rows = _notification()
    with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as first:
        assert rows.get().emailed_at is None  # claimed, not sent yet
        with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as second:
            assert (first, second) == (True, False)
    assert rows.get().emailed_at is not None
    with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as again:
        assert again is False  # sent: never again, however old its claim
    rows.update(email_claimed_at=timezone.now() - STALE_CLAIM * 2)
    with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as again:
        assert again is False


def test_a_claim_left_by_a_killed_worker_is_taken_again_once_stale():
    rows = _notification()
    rows.update(email_claimed_at=timezone.now() - STALE_CLAIM + datetime.timedelta(seconds=30))
    with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as won:
        assert won is False  # its worker may still be sending
    rows.update(email_claimed_at=timezone.now() - STALE_CLAIM)
    with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as won:
        assert won is True
    assert rows.get().emailed_at is not None


def test_a_claim_until_sent_is_released_when_the_send_fails():
    rows = _notification()
    with pytest.raises(OSError), claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at"):
        raise OSError("mail server down")
    assert rows.values_list("email_claimed_at", "emailed_at").get() == (None, None)


@pytest.mark.django_db(transaction=True)  # outside a transaction, as a worker runs: the write can be asked again
def test_the_sent_mark_is_written_even_when_the_database_refuses_it_once():
    rows = _notification()
    refused = []

    def locked_once(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and '"emailed_at"' in sql.split("WHERE")[0] and not refused:
            refused.append(sql)
            raise OperationalError("database table is locked")
        return execute(sql, params, many, context)

    with (
        connection.execute_wrapper(locked_once),
        claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as won,
    ):
        assert won
    assert refused
    assert rows.get().emailed_at is not None
