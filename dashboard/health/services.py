"""The daily health snapshot: one row per open partnership and day, and the partnership's own columns that the
lists sort and filter by. Safe to run again the same day: the day's rows are updated, never doubled."""

from __future__ import annotations

import datetime

from django.db import transaction

from dashboard.health import selectors
from dashboard.models import HealthSnapshot
from partnerships.models import Partnership

BATCH = 500


def health_snapshot(*, today: datetime.date) -> int:
    """Score every open partnership as of `today`: write (or rewrite) its HealthSnapshot for the day and its
    `health_score`, `health_reasons` and `health_as_of`. Returns how many partnerships were scored.

    A fixed number of reads whatever the district's size (dashboard.health.selectors), then the writes in
    batches: an upsert of the day's snapshots and a bulk update of the partnerships."""
    healths = selectors.open_partnership_health(today)
    snapshots = [
        HealthSnapshot(partnership_id=h.pk, date=today, score=h.score, factors=h.factors_json()) for h in healths
    ]
    partnerships = [
        Partnership(
            pk=h.pk,
            health_score=h.score,
            health_reasons=[reason.as_json() for reason in h.reasons],
            health_as_of=today,
        )
        for h in healths
    ]
    with transaction.atomic():
        HealthSnapshot.objects.bulk_create(
            snapshots,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["partnership", "date"],
            update_fields=["score", "factors"],
        )
        Partnership.objects.bulk_update(
            partnerships, ["health_score", "health_reasons", "health_as_of"], batch_size=BATCH
        )
    return len(healths)
