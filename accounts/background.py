"""Hand work to Celery without ever making a web request wait on, or fail because of, the broker."""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from celery import Task
from django.db import DatabaseError, connections, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)


def send_after_commit(task: Task[Any, Any], *args: Any, on_failure: Callable[[], None] | None = None) -> None:
    """Queue `task(*args)` once the current transaction commits; log and carry on if the broker is down.

    Tasks take ids and are idempotent. A message lost to a broken broker is logged (and `on_failure` is
    called, e.g. to mark the record so its page can say so); the record it concerns is already saved, so
    nothing the user did is lost.
    """

    def _send() -> None:
        try:
            task.delay(*args)
        except Exception:  # any broker or connection error: the page must still succeed
            logger.exception("Could not queue %s%r: the broker is unavailable.", task.name, args)
            if on_failure is not None:
                on_failure()

    transaction.on_commit(_send)


# Longer than any task may run (CELERY_TASK_TIME_LIMIT, 5 minutes, ends a task that runs over): a claim this old,
# with nothing sent, belongs to a worker that died.
STALE_CLAIM = datetime.timedelta(minutes=10)


@contextmanager
def claimed_until_sent(queryset: QuerySet[Any], *, claim: str, sent: str) -> Iterator[bool]:
    """Do a side effect (an email) at most once per row, whatever the retries or duplicate deliveries, and
    never lose it to a worker killed mid-send: claimed on `claim`, done on `sent`.

    Claims the row (`claim` set to now) where `sent` is empty and `claim` is empty or older than STALE_CLAIM;
    yields True when this call won it. When the block ends, `sent` is set: the email went out. If the block
    raises, the claim is released for a retry. A worker killed after claiming leaves a claim that goes stale,
    and the next delivery of the task (a redelivery, the requeue) takes it and sends.

    The trade-off: a kill (or a database failure) exactly between the mail server accepting the email and the
    write of `sent` leaves the email sent but not marked, and it is sent again once the claim is stale. That
    window is the time of one UPDATE; before, every kill between the claim and the mail server's answer
    lost the email for good.
    """
    now = timezone.now()
    free = Q(**{f"{claim}__isnull": True}) | Q(**{f"{claim}__lt": now - STALE_CLAIM})
    won = queryset.filter(free, **{f"{sent}__isnull": True}).update(**{claim: now}) == 1
    try:
        yield won
    except Exception:
        if won:
            queryset.filter(**{claim: now}).update(**{claim: None})
        raise
    if won:
        _mark_sent(queryset, sent)


def _mark_sent(queryset: QuerySet[Any], sent: str) -> None:
    """The email is out: losing this write would send it again once the claim is stale, so a database that
    refuses it for a moment (a lock, a dropped connection) is asked again a few times before giving up."""
    for pause in (0.05, 0.25, 1.0):
        try:
            queryset.update(**{sent: timezone.now()})
            return
        except DatabaseError:
            connection = connections[queryset.db]
            if connection.in_atomic_block:  # the transaction is spoiled: only its owner can recover
                raise
            connection.close_if_unusable_or_obsolete()
            time.sleep(pause)
    queryset.update(**{sent: timezone.now()})
