"""Tasks send each email once, whatever the retries; a web request never fails because the broker does."""

import pytest
from django.core import mail

from accounts.background import claimed, send_after_commit
from accounts.models import SignedLink
from partnerships.models import Handoff
from partnerships.tasks import send_handoff_notice
from students.tasks import send_evaluation_link
from tests.factories import HandoffFactory, PlacementFactory, SignedLinkFactory

pytestmark = pytest.mark.django_db


def test_claimed_lets_one_caller_do_the_work():
    link = SignedLinkFactory()
    rows = SignedLink.objects.filter(pk=link.pk)
    with claimed(rows, "emailed_at") as first, claimed(rows, "emailed_at") as second:
        assert (first, second) == (True, False)
    assert rows.get().emailed_at is not None


def test_claimed_releases_the_claim_when_the_work_fails():
    link = SignedLinkFactory()
    rows = SignedLink.objects.filter(pk=link.pk)
    with pytest.raises(OSError), claimed(rows, "emailed_at"):
        raise OSError("mail server down")
    assert rows.get().emailed_at is None


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
