"""The background machinery's own beat task: work whose message was lost, queued again (core.requeue)."""

from __future__ import annotations

from celery import shared_task

from accounts.background import send_after_commit
from core import requeue


@shared_task(name="accounts.tasks.requeue_lost_work")
def requeue_lost_work() -> dict[str, int]:
    """Every five minutes (config/celery.py): queue again each registered kind's rows that wait too long.
    Returns {kind: how many}. Safe to run twice: each task claims its row."""
    return requeue.run(send=send_after_commit)
