"""Named reads for students and placements. Status words come from the models' choices (module level in
students.models is not importable here: the models import this module), so they are `self.model`'s, and
another model is asked of Django's registry (`_model`), never imported."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

SOON = datetime.timedelta(days=14)


def _model(name: str) -> type[models.Model]:
    """Another model of this app, looked up in Django's registry: the models import these querysets."""
    return apps.get_model("students", name)


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
        active = Q(placements__status=_model("Placement").Status.ACTIVE)
        return (
            self.select_related("school")
            .annotate(
                placement_count=Count("placements", distinct=True),
                active_placement_count=Count("placements", filter=active, distinct=True),
            )
            .order_by("last_name", "legal_first_name", "pk")
        )


def _hours_total(**filters):
    """A subquery: the placement's total hours (optionally only some entries)."""
    entries = _model("HoursEntry").objects.filter(placement=OuterRef("pk"), **filters).order_by().values("placement")
    return Coalesce(
        Subquery(entries.annotate(total=Sum("hours")).values("total")[:1]),
        Value(0),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )


class PlacementQuerySet(models.QuerySet):
    def for_names(self):
        """What `Placement.name_in_history` reads (core.history names related rows with it)."""
        return self.select_related("student", "partnership__business")

    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)

    def not_cancelled(self):
        """Every placement that was or is meant to happen: all but the cancelled ones."""
        return self.exclude(status=self.model.Status.CANCELLED)

    def ongoing(self):
        """Started and not over: active, or paused until it can go on."""
        return self.filter(status__in=self.model.ONGOING_STATUSES)

    def started(self):
        """Active, paused or completed: the placements with check-ins, hours and evaluations."""
        return self.filter(status__in=self.model.STARTED_STATUSES)

    def planned(self):
        """Proposed or approved: not started yet."""
        return self.filter(status__in=self.model.PLANNED_STATUSES)

    def open(self):
        """Planned or live: not completed and not cancelled."""
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def involving(self, contact):
        """Placements where this business person works with the student: as mentor or other staff."""
        return self.filter(Q(mentor=contact) | Q(other_staff=contact)).distinct()

    def starting_soon(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.planned().filter(start_date__gte=on, start_date__lte=on + SOON)

    def ending_soon(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.active().filter(end_date__gte=on, end_date__lte=on + SOON)

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

    def to_verify(self):
        """Neither confirmed nor sent back: what a mentor is asked to look at."""
        return self.filter(verified_at__isnull=True, rejected_at__isnull=True)

    def rejected(self):
        return self.filter(rejected_at__isnull=False)

    def total(self):
        return self.aggregate(total=Coalesce(Sum("hours"), Value(0), output_field=DecimalField()))["total"]


class DisclosureQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("organization", "placement__partnership__business")


class ImportJobQuerySet(models.QuerySet):
    def abandoned(self, before):
        """Uploads nobody confirmed, made before `before` (a datetime): what the purge removes, e.g.
        `ImportJob.objects.abandoned(before=now - timedelta(days=1))`. A refused file was forgotten at once;
        a checked one waiting for its Import click, or one whose check never ran, still holds its file."""
        return self.filter(created_at__lt=before, confirmed_at__isnull=True)
