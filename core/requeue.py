"""Work whose message never reached a worker, queued again: the rows are the truth, the broker is not.

A page or a task that queues work writes its row first and queues the message after commit; when the broker is
down the message is logged and lost (accounts.background.send_after_commit), and so is a message a worker took
and lost (its retries cut short, a mail server down through all of them). Each app registers, per kind of
queued work, what of it is still waiting (a named queryset method on its model, read from the field that marks
the side effect done: sent_at, notified_at, a status) and the task that does it. Every few minutes the beat
(accounts.tasks.requeue_lost_work) walks the kinds and queues the task again for each row waiting since more
than `grace` ago. The tasks are idempotent (each claims its row), so a row queued twice, or queued again while
its first message is still on its way, is done once.

`horizon` bounds how long a row is tried: work that keeps failing (an address the mail server refuses, nobody
to send to) stops being queued once it was queued longer ago than that. Kinds whose rows end by themselves
(a reminder ends sent or failed, a job done or failed) have none.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)

# Longer than a message takes to reach a worker, and than the longest retry back-off of a task that has one
# (tests/communications/reminders/test_lost_work.py holds the reminders' to it), and than a claim takes to go
# stale (accounts.background.STALE_CLAIM): a row younger than this may still have its message or its worker.
GRACE = datetime.timedelta(minutes=10)
# A weekend's outage. Emails still unsent after it are given up (a row that keeps failing stops here).
HORIZON = datetime.timedelta(days=3)


# (queued_before, queued_since or None) -> the rows waiting that were queued in that span
Waiting = Callable[[datetime.datetime, datetime.datetime | None], QuerySet[Any]]


@dataclass(frozen=True)
class Kind:
    name: str
    waiting: Waiting
    task: Any  # a Celery task taking the row's pk
    grace: datetime.timedelta = GRACE
    horizon: datetime.timedelta | None = HORIZON

    def lost(self, now: datetime.datetime) -> list[int]:
        """The pks of rows waiting since more than `grace` before `now` (and less than `horizon`), oldest first."""
        since = now - self.horizon if self.horizon is not None else None
        rows = self.waiting(now - self.grace, since)
        return list(rows.order_by("pk").values_list("pk", flat=True))


Rows = TypeVar("Rows", bound=QuerySet[Any])


def queued_between(rows: Rows, field: str, before: datetime.datetime, since: datetime.datetime | None) -> Rows:
    """`rows` whose `field` (when the work was queued) is at or before `before`, and not before `since`."""
    rows = rows.filter(**{f"{field}__lte": before})
    return rows if since is None else rows.filter(**{f"{field}__gte": since})


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.name] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.name)


def run(*, send: Callable[..., None], now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue again, through `send(task, pk)`, every row that waits too long, kind by kind. Returns {kind: how
    many}. One kind's failure (its query) is logged and the others still run."""
    now = now or timezone.now()
    queued: dict[str, int] = {}
    for kind in kinds():
        try:
            pks = kind.lost(now)
        except Exception:  # one kind's failure must not stop the others
            logger.exception("Could not read the %s waiting to be queued again", kind.name)
            continue
        for pk in pks:
            send(kind.task, pk)
        queued[kind.name] = len(pks)
        if pks:
            logger.warning(
                "Queued %d %s again: their first message was lost or their work cut short.", len(pks), kind.name
            )
    return queued
