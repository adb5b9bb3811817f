"""The retention purge as one service: every kind registered into core.retention (by accounts, students,
safety, communications and the dashboard's own exports), counted or deleted, and a PurgeRecord of the run.
`manage.py purge_expired` and the nightly beat task both call `purge_expired`."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from core import retention
from dashboard.models import PurgeRecord

logger = logging.getLogger(__name__)


def purge_expired(*, by: str, dry_run: bool = False, now: datetime.datetime | None = None) -> PurgeRecord:
    """Delete (or, in a dry run, count) everything the retention policy says has expired on `now`, one
    transaction per kind, and record the run. Safe to repeat: what is deleted is not found again, so a second
    run records zeros."""
    now = now or timezone.now()
    outcome = retention.run(now=now, dry_run=dry_run)
    record = PurgeRecord.objects.create(
        ran_at=now, by=by, dry_run=dry_run, counts=outcome.counts, errors=outcome.errors
    )
    logger.info("Retention purge%s: %s", " (dry run)" if dry_run else "", outcome.counts)
    return record
