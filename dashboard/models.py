"""What the dashboard keeps: daily snapshots (a partnership's health, the district's figures) so that no page
aggregates the whole log or every placement per request, and CSV exports run in the background. Each belongs
to one feature package (dashboard/health, reports, exports). Calendar feeds live in communications.calendar:
the portal (which may not import the dashboard) creates them too."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.constraints import one_of
from core.requeue import queued_between
from core.retention import policy
from partnerships.models import Partnership


class HealthSnapshot(models.Model):
    """A partnership's health on one day (dashboard.health): the score and the points of each factor. One row
    per partnership and day, so the daily task can run twice."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="health_snapshots")
    date = models.DateField(default=timezone.localdate)
    score = models.PositiveSmallIntegerField()
    factors = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["partnership", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "date"], name="health_snapshot_one_per_day"),
            models.CheckConstraint(condition=Q(score__lte=100), name="health_snapshot_score_0_100"),
        ]
        indexes = [models.Index(fields=["date", "score"], name="health_snapshot_date_score")]

    def __str__(self):
        return f"{self.partnership} on {self.date}: {self.score}"


class DistrictSnapshot(models.Model):
    """The district's figures on one day (dashboard.reports): what the charts draw, computed once a day, or
    afterwards from the dated records for a day before the first one (`reconstructed`, see reports/backfill.py)."""

    date = models.DateField(unique=True, default=timezone.localdate)
    figures = models.JSONField(default=dict, blank=True)
    reconstructed = models.BooleanField(
        default=False, help_text="Worked out later from the records, not taken on the day."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"District figures on {self.date}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def expired(self, now: datetime.datetime):
        """Exports finished (ready or failed) more than RETENTION["export_days"] days before `now`. Their files
        went a day after they were ready (dashboard.exports.jobs); the jobs themselves go now."""
        cutoff = now - datetime.timedelta(days=policy("export_days"))
        return self.filter(status__in=(ExportStatus.DONE, ExportStatus.FAILED), finished_at__lt=cutoff)

    def start_waiting(self, before: datetime.datetime, since: datetime.datetime | None = None):
        """Exports asked for in that span that no worker has started (core.requeue)."""
        return queued_between(self.filter(status=ExportStatus.QUEUED), "created_at", before, since)


class ExportJob(models.Model):
    """A CSV export too large to stream in the request (dashboard.exports): built by Celery, with its progress,
    downloadable by who asked for it until it expires."""

    Status = ExportStatus

    kind = models.CharField(max_length=40)
    query = models.CharField(max_length=2000, blank=True, help_text="The list's filters, as on screen.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=one_of("status", ExportStatus), name="export_status_known")]

    def __str__(self):
        return f"{self.kind} export of {self.created_at:%Y-%m-%d %H:%M}"


class PurgeBy(models.TextChoices):
    COMMAND = "command", "manage.py purge_expired"
    BEAT = "beat", "The nightly beat"


class PurgeRecord(models.Model):
    """One run of the retention purge (dashboard.retention): when, started by whom, whether it was a dry run, and
    how many of each kind it deleted (or, in a dry run, would have). Written only by the purge."""

    By = PurgeBy

    ran_at = models.DateTimeField(default=timezone.now)
    by = models.CharField("started by", max_length=16, choices=PurgeBy.choices)
    dry_run = models.BooleanField(default=False)
    counts = models.JSONField(default=dict, help_text="{kind: how many}, every kind of the policy.")
    errors = models.JSONField(default=dict, blank=True, help_text="{kind: what went wrong}: those were not purged.")

    class Meta:
        ordering = ["-ran_at", "-pk"]
        constraints = [models.CheckConstraint(condition=one_of("by", PurgeBy), name="purge_record_by_known")]

    def __str__(self):
        what = "Dry run" if self.dry_run else "Purge"
        return f"{what} of {self.ran_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
