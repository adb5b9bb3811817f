"""Redis refused, then frozen: every page and form still answers, and nothing queued meanwhile is lost.

The broker and the cache point at a proxy the test cuts (tests/faults/proxy.py): refused (nothing listens) or
frozen (it accepts and never answers, for ever). Each request runs in a thread, joined with a hang detector
(helpers.finishes): the settings' socket timeouts are what bound it, and the test measures no time.
After the outage a real worker sends every reminder the outbox holds, each once.
"""

from __future__ import annotations

import logging
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.tasks import requeue_lost_work
from communications.log.services import partner_message_send
from communications.models import LogEntry, Reminder
from communications.reminders import services as reminders
from communications.reminders.tasks import requeue_lost_reminders, sweep_reminders
from core import cache as resilient
from core import requeue
from safety.models import SafetyConcern
from safety.services import concern_report
from tests.communications.reminders.helpers import celery_broker, wait_until, worker_broker
from tests.factories import CoordinatorFactory, LogEntryFactory, PlacementFactory, ReminderFactory, active_partnership
from tests.factories.portal_comms import school_primary_user
from tests.faults.helpers import finishes

pytestmark = pytest.mark.django_db(transaction=True)


def messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def broker_down(dead_broker, settings):
    """Point Celery and the cache at a server the test refuses or freezes, with production's timeouts."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": dead_broker.url("redis", "/11"),
            "OPTIONS": dict(django_settings.REDIS_TIMEOUTS),
        }
    }
    resilient.ResilientRedisCache.down_until = 0.0
    with celery_broker(dead_broker.url("redis", "/11"), broker_transport_options=dict(django_settings.BROKER_TIMEOUTS)):
        yield dead_broker
    resilient.ResilientRedisCache.down_until = 0.0


@pytest.mark.parametrize("outage", ["refuse", "freeze"])
def test_every_page_and_form_answers_while_redis_is_away(
    outage, broker_down, coordinator_client, partner_a_client, partner_a, business_a, caplog
):
    partnership = active_partnership(business=business_a, name="Acme at Lincoln")
    placement = PlacementFactory(status="active")
    failed = ReminderFactory(status=Reminder.Status.FAILED, last_error="SMTPServerDisconnected: gone")
    getattr(broker_down, outage)()
    caplog.set_level(logging.WARNING)

    assert finishes(coordinator_client.get, reverse("home")).status_code == 200
    assert finishes(coordinator_client.get, reverse("communications:reminder_list")).status_code == 200
    health = finishes(coordinator_client.get, reverse("healthz"))
    assert (health.status_code, health.json()["broker"]) == (503, "unavailable")

    # Forms that queue work: the record is saved and the person sees the usual result.
    concern = finishes(
        coordinator_client.post,
        reverse("safety:concern_create") + f"?placement={placement.pk}",
        {"placement": placement.pk, "severity": "high", "description": "Left alone with a stranger."},
    )
    assert concern.status_code == 302
    assert SafetyConcern.objects.count() == 1
    sent = finishes(
        partner_a_client.post,
        reverse("portal:message_send"),
        {"partnership": partnership.pk, "subject": "Spring visit", "message": "Can we move it to May?"},
        follow=True,
    )
    assert "Message sent to" in messages(sent)[0]
    notice = Reminder.objects.get(kind=Reminder.Kind.PARTNER_MESSAGE)
    assert notice.status == Reminder.Status.PENDING  # its message was lost: the outbox row waits
    retried = finishes(coordinator_client.post, reverse("communications:reminder_retry", args=[failed.pk]), follow=True)
    assert f"“{failed.title}” will be sent again shortly." in messages(retried)
    assert Reminder.objects.get(pk=failed.pk).status == Reminder.Status.PENDING
    assert "broker is unavailable" in caplog.text

    # The cache: a miss and a dropped write, never an error.
    assert finishes(cache.get, "anything", "missed") == "missed"
    finishes(cache.set, "anything", 1)


def test_after_a_failure_the_cache_skips_redis_instead_of_waiting_on_it_again(broker_down, monkeypatch):
    broker_down.freeze()
    client, tries = cache._cache, []
    real_get = client.get
    monkeypatch.setattr(client, "get", lambda *args: tries.append(args) or real_get(*args))

    assert finishes(cache.get, "key") is None
    assert len(tries) == 1  # it waited on the frozen server once (the socket timeout)
    assert finishes(cache.get, "key", "missed") == "missed"
    assert finishes(cache.add, "key", 1) is False
    assert len(tries) == 1  # then went without it

    resilient.ResilientRedisCache.down_until = time.monotonic() - 1  # RETRY_AFTER has passed
    assert finishes(cache.get, "key", "missed") == "missed"
    assert len(tries) == 2  # it tried Redis again


def test_after_the_outage_a_real_worker_sends_each_waiting_reminder_and_email_once(
    dead_broker, redis_proxy, partner_a, business_a, admin_user, tmp_path, settings
):
    """Queued while Redis refused: a partner's message (its notice), the daily sweep's reminders and a serious
    safety concern's notice to the lead. Once the broker is back, the beat's requeue finds their rows and a
    real worker sends each once, even when the requeue runs twice."""
    partnership = active_partnership(business=business_a, name="Acme at Lincoln")
    school_primary_user(partnership)
    coordinator = CoordinatorFactory(email="school@example.test")
    LogEntryFactory(partnership=partnership, follow_up_on=timezone.localdate())
    placement = PlacementFactory(status="active", partnership=partnership)
    down = redis_proxy or dead_broker
    down.refuse()
    with celery_broker(down.url("redis", "/11"), broker_transport_options=dict(django_settings.BROKER_TIMEOUTS)):
        partner_message_send(partnership=partnership, by=partner_a, message="Can we move it to May?")
        sweep_reminders.apply()  # the 06:00 sweep, run by a worker while the broker is away
        concern = concern_report(
            student=placement.student,
            partnership=partnership,
            placement=placement,
            by=coordinator,
            severity=SafetyConcern.Severity.HIGH,
            description="Left alone with a stranger.",
        )
    waiting = list(Reminder.objects.order_by("pk"))
    assert {r.kind for r in waiting} == {Reminder.Kind.PARTNER_MESSAGE, Reminder.Kind.FOLLOW_UP_DUE}
    assert all((r.status, r.attempts) == (Reminder.Status.PENDING, 0) for r in waiting)
    assert SafetyConcern.objects.get(pk=concern.pk).lead_notified_at is None
    assert mail.outbox == []

    # Time passes: the rows are older than the requeue's grace. Then the broker is back.
    Reminder.objects.update(created_at=timezone.now() - reminders.LOST_AFTER)
    SafetyConcern.objects.update(created_at=timezone.now() - requeue.GRACE)
    if redis_proxy is not None:
        redis_proxy.pass_through()
        url, conf = redis_proxy.url("redis", redis_proxy.db_path), {}
    else:  # the embedded default: kombu's filesystem broker comes back instead
        url, conf = worker_broker(tmp_path)
    queue = f"test-faults-{time.monotonic_ns()}"
    with (
        celery_broker(url, task_default_queue=queue, worker_hijack_root_logger=False, **conf) as app,
        start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue], loglevel="WARNING"),
    ):
        requeue_lost_work.apply_async(queue=queue)  # what beat sends every five minutes
        requeue_lost_reminders.apply_async(queue=queue)  # and, under its old name, before the first is done
        assert wait_until(
            lambda: (
                not Reminder.objects.exclude(status=Reminder.Status.SENT).exists()
                and SafetyConcern.objects.filter(lead_notified_at__isnull=False).exists()
            )
        )
        time.sleep(1)  # let the duplicates run too

    sent = [(tuple(email.to), email.subject) for email in mail.outbox]
    assert len(sent) == len(set(sent)), "someone was sent the same reminder twice"
    lead = [subject for to, subject in sent if to == (admin_user.email,)]
    assert lead == ["High-severity safety concern reported"]
    assert {subject for to, subject in sent if to != (admin_user.email,)} == {r.title for r in waiting}
    assert reminders.lost_ids() == []
    assert all(kind.lost(timezone.now()) == [] for kind in requeue.kinds())
    assert LogEntry.objects.filter(partnership=partnership).count() == 2
