"""Hand work to Celery without ever making a web request wait on, or fail because of, the broker."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits; log and carry on if the broker is down.

    Tasks take ids and are idempotent. A message lost to a broken broker is logged; the record it
    concerns is already saved, so nothing the user did is lost.
    """

    def _send():
        try:
            task.delay(*args)
        except Exception:  # any broker or connection error: the page must still succeed
            logger.exception("Could not queue %s%r: the broker is unavailable.", task.name, args)

    transaction.on_commit(_send)
