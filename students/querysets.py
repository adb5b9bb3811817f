"""Named reads for students and placements. Status words come from the models' choices (module level in
students.models is not importable here: the models import this module), so they are `self.model`'s, and
another model is asked of Django's registry (`_model`), never imported."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.requeue import queued_between
from core.retention import policy, start_of, years_before

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

    def expired(self, now: datetime.datetime):
        """Students past the retention policy (RETENTION["student_years"]) on `now`'s date: with no placement
        still planned or under way, and that many years past the day their last placement ended (or, with no
        placement, the day they were added). A student whose last placement ended on 15 June 2023 is kept
        through 15 June 2026 with 3 years, and expired from the 16th. Holds registered by other apps
        (students.retention) keep some of these longer."""
        cutoff = years_before(timezone.localdate(now), policy("student_years"))
        placement: Any = _model("Placement")
        placements = placement.objects.filter(student=OuterRef("pk"))
        last_day = Subquery(placements.order_by("-end_date").values("end_date")[:1])
        return (
            self.exclude(Exists(placements.filter(status__in=placement.OPEN_STATUSES)))
            .annotate(last_day=last_day)
            .filter(Q(last_day__lt=cutoff) | Q(last_day__isnull=True, created_at__lt=start_of(cutoff)))
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
    def abandoned(self, before: datetime.datetime):
        """Uploads nobody confirmed, made before `before`: a checked file waiting for its Import click, or one
        whose check never ran, still holds full student rows (a refused file was forgotten at once)."""
        return self.filter(created_at__lt=before, confirmed_at__isnull=True)

    def expired(self, now: datetime.datetime):
        """What the purge removes: uploads not confirmed within RETENTION["import_upload_hours"]."""
        return self.abandoned(before=now - datetime.timedelta(hours=policy("import_upload_hours")))

    def check_waiting(self, before: datetime.datetime, since: datetime.datetime | None = None):
        """Large uploads uploaded in that span still waiting for their check to start (core.requeue)."""
        return queued_between(self.filter(status=self.model.Status.CHECK_QUEUED), "created_at", before, since)

    def import_waiting(self, before: datetime.datetime, since: datetime.datetime | None = None):
        """Imports confirmed in that span still waiting for a worker to start them (core.requeue)."""
        return queued_between(self.filter(status=self.model.Status.QUEUED), "confirmed_at", before, since)
