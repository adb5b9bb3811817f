"""A partnership between a school (or the district) and a business, its programs, and the history of its status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.constraints import one_of
from partnerships import querysets
from partnerships.choices import PartnershipStatus
from partnerships.models.organizations import Organization


class Program(models.Model):
    """A kind of activity a partnership runs: internships, job shadows, career days, …"""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partnership(models.Model):
    Status = PartnershipStatus

    # The lifecycle: from each status, the statuses it may move to.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PROSPECT: (Status.ONBOARDING, Status.ENDED),
        Status.ONBOARDING: (Status.ACTIVE, Status.PROSPECT, Status.ENDED),
        Status.ACTIVE: (Status.PAUSED, Status.ENDED),
        Status.PAUSED: (Status.ACTIVE, Status.ENDED),
        Status.ENDED: (),
    }
    # Every status but ended: the partnerships one can still work with.
    OPEN_STATUSES = (Status.PROSPECT, Status.ONBOARDING, Status.ACTIVE, Status.PAUSED)
    # Being set up or running: partners the district keeps in touch with.
    ENGAGED_STATUSES = (Status.ONBOARDING, Status.ACTIVE, Status.PAUSED)
    # Running, if perhaps on hold: a primary point of contact on both sides, every day.
    ONGOING_STATUSES = (Status.ACTIVE, Status.PAUSED)

    name = models.CharField(max_length=200, blank=True, help_text="Leave blank to name it after both sides.")
    school = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="school_partnerships",
        help_text="The school, or the district for a district-wide partnership.",
    )
    business = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="business_partnerships")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROSPECT, db_index=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    programs = models.ManyToManyField(Program, blank=True, related_name="partnerships")
    notes = models.TextField(blank=True)
    last_contacted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Written each day by dashboard.health (the app above every other): the score 0-100, and its reasons as
    # [{"text": ..., "url": ...}], so lists sort and filter by health without computing it per request.
    health_score = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    health_reasons = models.JSONField(default=list, blank=True)
    health_as_of = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_end_after_start",
            ),
            models.CheckConstraint(condition=~Q(school=models.F("business")), name="partnership_two_sides"),
            models.CheckConstraint(condition=Q(health_score__lte=100), name="partnership_health_0_100"),
            models.CheckConstraint(condition=one_of("status", PartnershipStatus), name="partnership_status_known"),
            # The lifecycle sets these dates as it moves: a running partnership has started, an ended one ended.
            models.CheckConstraint(
                condition=~Q(status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED])
                | Q(start_date__isnull=False),
                name="partnership_running_has_started",
                violation_error_message="A partnership that has started keeps its start date.",
            ),
            models.CheckConstraint(
                condition=~Q(status=PartnershipStatus.ENDED) | Q(end_date__isnull=False),
                name="partnership_ended_has_end_date",
                violation_error_message="An ended partnership keeps its end date.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def default_name(self) -> str:
        return f"{self.school.name} × {self.business.name}"

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.status]

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_ongoing(self) -> bool:
        return self.status in self.ONGOING_STATUSES


class BaseStatusChange(models.Model):
    """One step in a lifecycle, kept as history: who moved it, when and why. Subclasses add the
    record and its from/to statuses."""

    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-changed_at", "-pk"]


class StatusChange(BaseStatusChange):
    """One step in a partnership's lifecycle."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Partnership.Status.choices)
    to_status = models.CharField(max_length=16, choices=Partnership.Status.choices)

    class Meta(BaseStatusChange.Meta):
        constraints = [
            models.CheckConstraint(condition=~Q(from_status=models.F("to_status")), name="status_change_moves"),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_absolute_url(self):
        return self.partnership.get_absolute_url()
