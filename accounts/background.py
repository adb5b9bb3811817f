"""Hand work to Celery without ever making a web request wait on, or fail because of, the broker."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from celery import Task
from django.db import transaction
from django.db.models import QuerySet
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


@contextmanager
def claimed(queryset: QuerySet[Any], field: str) -> Iterator[bool]:
    """Do a side effect (an email) at most once per row, whatever the retries or duplicate deliveries.

    Claims the row by setting `field` to now where it is still empty (a compare-and-set update).
    Yields True when this call won the claim, False when someone already did the work. If the
    block raises, the claim is released so a retry can try again.
    """
    won = queryset.filter(**{f"{field}__isnull": True}).update(**{field: timezone.now()}) == 1
    try:
        yield won
    except Exception:
        if won:
            queryset.update(**{field: None})
        raise
