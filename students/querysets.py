"""Named reads for students and placements."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

SOON = datetime.timedelta(days=14)


class StudentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def search(self, q: str):
        q = q.strip()
        if not q:
            return self
        return self.filter(
            Q(legal_first_name__icontains=q)
            | Q(preferred_first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(district_student_id__iexact=q)
        )

    def for_list(self):
        return (
            self.select_related("school")
            .annotate(
                placement_count=Count("placements", distinct=True),
                active_placement_count=Count("placements", filter=Q(placements__status="active"), distinct=True),
            )
            .order_by("last_name", "legal_first_name", "pk")
        )


def _hours_total(**filters):
    """A subquery: the placement's total hours (optionally only some entries)."""
    from students.models import HoursEntry

    entries = HoursEntry.objects.filter(placement=OuterRef("pk"), **filters).order_by().values("placement")
    return Coalesce(
        Subquery(entries.annotate(total=Sum("hours")).values("total")[:1]),
        Value(0),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )


class PlacementQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def open(self):
        """Placements that are planned or running: not completed and not cancelled."""
        return self.filter(status__in=["proposed", "approved", "active"])

    def starting_soon(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(status__in=["proposed", "approved"], start_date__gte=on, start_date__lte=on + SOON)

    def ending_soon(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(status="active", end_date__gte=on, end_date__lte=on + SOON)

    def with_hours(self):
        return self.annotate(total_hours=_hours_total(), verified_hours=_hours_total(verified_at__isnull=False))

    def for_list(self):
        return self.select_related("student__school", "partnership__business", "partnership__school", "mentor")

    def search(self, q: str):
        q = q.strip()
        if not q:
            return self
        return self.filter(
            Q(student__legal_first_name__icontains=q)
            | Q(student__preferred_first_name__icontains=q)
            | Q(student__last_name__icontains=q)
            | Q(partnership__business__name__icontains=q)
        )


class EvaluationQuerySet(models.QuerySet):
    def with_ratings(self):
        return self.prefetch_related("ratings")


class HoursQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified_at__isnull=False)

    def total(self):
        return self.aggregate(total=Coalesce(Sum("hours"), Value(0), output_field=DecimalField()))["total"]
